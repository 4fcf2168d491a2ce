import type { ModelCatalogueEntry } from './model-catalogue-entry.js';

/**
 * The day the built-in prices and limits were read. Vendors change prices; refresh the table, or
 * override entries in the config, or import a current LiteLLM price file.
 */
export const BUILTIN_CATALOGUE_DATE = '2026-07-24';

/**
 * Where the built-in figures come from. Read (not copied) from the LiteLLM community price file
 * `model_prices_and_context_window.json` as mirrored on 2026-07-24 (github.com/RoCry/llm-api-price
 * commit 8442b939, a daily mirror of github.com/BerriAI/litellm), cross-checked against the vendors'
 * public price pages (openai.com/api/pricing, anthropic.com/pricing, ai.google.dev/pricing,
 * mistral.ai/pricing, aws.amazon.com/bedrock/pricing, api-docs.deepseek.com/quick_start/pricing,
 * groq.com/pricing, together.ai/pricing).
 */
export const BUILTIN_CATALOGUE_SOURCE =
  'LiteLLM model_prices_and_context_window.json (mirror of 2026-07-24) and vendor price pages';

type EntryFields = Omit<ModelCatalogueEntry, 'isHouse' | 'region'> & { readonly region?: string };

// Built-in entries are never house models: being one is the operator's decision (config override).
function entry(fields: EntryFields): ModelCatalogueEntry {
  return { ...fields, isHouse: false };
}

const allCapabilities = {
  supportsTools: true,
  supportsVision: true,
  supportsJsonSchema: true,
} as const;

const openaiReasoning = { vendor: 'openai', ...allCapabilities, supportsReasoning: true } as const;
const openaiChat = { vendor: 'openai', ...allCapabilities, supportsReasoning: false } as const;
const gpt41Limits = { contextWindowTokens: 1_047_576, maxOutputTokens: 32_768 } as const;
const gpt5Limits = { contextWindowTokens: 272_000, maxOutputTokens: 128_000 } as const;
const oSeriesLimits = { contextWindowTokens: 200_000, maxOutputTokens: 100_000 } as const;
const gpt4oLimits = { contextWindowTokens: 128_000, maxOutputTokens: 16_384 } as const;

const claude4 = { vendor: 'anthropic', ...allCapabilities, supportsReasoning: true } as const;
const claudeOpus41 = {
  ...claude4,
  contextWindowTokens: 200_000,
  maxOutputTokens: 32_000,
  inputUsdPerMillionTokens: 15,
  outputUsdPerMillionTokens: 75,
  cachedInputUsdPerMillionTokens: 1.5,
  tags: ['flagship'],
} as const;
const claudeSonnet45 = {
  ...claude4,
  contextWindowTokens: 200_000,
  maxOutputTokens: 64_000,
  inputUsdPerMillionTokens: 3,
  outputUsdPerMillionTokens: 15,
  cachedInputUsdPerMillionTokens: 0.3,
  tags: ['flagship', 'code'],
} as const;
const claudeHaiku45 = {
  ...claude4,
  contextWindowTokens: 200_000,
  maxOutputTokens: 64_000,
  inputUsdPerMillionTokens: 1,
  outputUsdPerMillionTokens: 5,
  cachedInputUsdPerMillionTokens: 0.1,
  tags: ['small'],
} as const;
// Claude 3.5 Haiku takes no image input and does not reason.
const claudeHaiku35 = {
  vendor: 'anthropic',
  supportsTools: true,
  supportsVision: false,
  supportsJsonSchema: true,
  supportsReasoning: false,
  contextWindowTokens: 200_000,
  maxOutputTokens: 8_192,
  inputUsdPerMillionTokens: 0.8,
  outputUsdPerMillionTokens: 4,
  cachedInputUsdPerMillionTokens: 0.08,
  tags: ['small', 'legacy'],
} as const;

const gemini25 = {
  vendor: 'google',
  ...allCapabilities,
  supportsReasoning: true,
  contextWindowTokens: 1_048_576,
  maxOutputTokens: 65_535,
} as const;

const mistralChat = {
  vendor: 'mistral',
  ...allCapabilities,
  supportsReasoning: false,
} as const;

const bedrockText = {
  supportsTools: true,
  supportsVision: false,
  supportsJsonSchema: false,
  supportsReasoning: false,
} as const;
const novaLimits = { contextWindowTokens: 300_000, maxOutputTokens: 10_000 } as const;

const metaOpenWeights = {
  vendor: 'meta',
  supportsTools: true,
  supportsJsonSchema: true,
  supportsReasoning: false,
} as const;

/**
 * The built-in catalogue, keyed by the vendor's model id (lower case). Dated snapshots
 * (`claude-sonnet-4-5-20250929`, `gpt-4o-2024-08-06`) and prefixed ids (`openai/gpt-5`,
 * `us.anthropic.claude-sonnet-4-5-20250929-v1:0`) resolve to these keys through
 * `lookupCatalogueEntry`. Bedrock ids whose price differs from the vendor's own API have their own
 * entries; Bedrock's `us.` cross-region profiles of Claude 4.5 cost 10% more than in-region calls.
 * Figures as of {@link BUILTIN_CATALOGUE_DATE}; source in {@link BUILTIN_CATALOGUE_SOURCE}.
 * This file is a data table and runs past 400 lines only because it has one field per line.
 */
export const BUILTIN_CATALOGUE: Readonly<Record<string, ModelCatalogueEntry>> = {
  // OpenAI (@see https://openai.com/api/pricing). GPT-5 context: 272k input + 128k output.
  'gpt-5': entry({
    ...openaiReasoning,
    ...gpt5Limits,
    inputUsdPerMillionTokens: 1.25,
    outputUsdPerMillionTokens: 10,
    cachedInputUsdPerMillionTokens: 0.125,
    tags: ['flagship', 'code'],
  }),
  'gpt-5-mini': entry({
    ...openaiReasoning,
    ...gpt5Limits,
    inputUsdPerMillionTokens: 0.25,
    outputUsdPerMillionTokens: 2,
    cachedInputUsdPerMillionTokens: 0.025,
    tags: ['small'],
  }),
  'gpt-5-nano': entry({
    ...openaiReasoning,
    ...gpt5Limits,
    inputUsdPerMillionTokens: 0.05,
    outputUsdPerMillionTokens: 0.4,
    cachedInputUsdPerMillionTokens: 0.005,
    tags: ['small', 'cheap'],
  }),
  'gpt-4.1': entry({
    ...openaiChat,
    ...gpt41Limits,
    inputUsdPerMillionTokens: 2,
    outputUsdPerMillionTokens: 8,
    cachedInputUsdPerMillionTokens: 0.5,
    tags: ['long-context'],
  }),
  'gpt-4.1-mini': entry({
    ...openaiChat,
    ...gpt41Limits,
    inputUsdPerMillionTokens: 0.4,
    outputUsdPerMillionTokens: 1.6,
    cachedInputUsdPerMillionTokens: 0.1,
    tags: ['small', 'long-context'],
  }),
  'gpt-4.1-nano': entry({
    ...openaiChat,
    ...gpt41Limits,
    inputUsdPerMillionTokens: 0.1,
    outputUsdPerMillionTokens: 0.4,
    cachedInputUsdPerMillionTokens: 0.025,
    tags: ['small', 'cheap', 'long-context'],
  }),
  'gpt-4o': entry({
    ...openaiChat,
    ...gpt4oLimits,
    inputUsdPerMillionTokens: 2.5,
    outputUsdPerMillionTokens: 10,
    cachedInputUsdPerMillionTokens: 1.25,
    tags: ['legacy'],
  }),
  'gpt-4o-mini': entry({
    ...openaiChat,
    ...gpt4oLimits,
    inputUsdPerMillionTokens: 0.15,
    outputUsdPerMillionTokens: 0.6,
    cachedInputUsdPerMillionTokens: 0.075,
    tags: ['small', 'cheap', 'legacy'],
  }),
  o3: entry({
    ...openaiReasoning,
    ...oSeriesLimits,
    inputUsdPerMillionTokens: 2,
    outputUsdPerMillionTokens: 8,
    cachedInputUsdPerMillionTokens: 0.5,
    tags: ['reasoning'],
  }),
  'o4-mini': entry({
    ...openaiReasoning,
    ...oSeriesLimits,
    inputUsdPerMillionTokens: 1.1,
    outputUsdPerMillionTokens: 4.4,
    cachedInputUsdPerMillionTokens: 0.275,
    tags: ['reasoning', 'small'],
  }),

  // Anthropic (@see https://www.anthropic.com/pricing). Cache reads cost 10% of input.
  'claude-opus-4-1': entry(claudeOpus41),
  'claude-sonnet-4-5': entry(claudeSonnet45),
  'claude-haiku-4-5': entry(claudeHaiku45),
  'claude-3-5-haiku': entry(claudeHaiku35),

  // Google Gemini API (@see https://ai.google.dev/gemini-api/docs/pricing). Gemini 2.5 Pro's
  // price doubles above 200k prompt tokens; the table holds the <= 200k tier.
  'gemini-2.5-pro': entry({
    ...gemini25,
    inputUsdPerMillionTokens: 1.25,
    outputUsdPerMillionTokens: 10,
    cachedInputUsdPerMillionTokens: 0.125,
    tags: ['flagship', 'long-context'],
  }),
  'gemini-2.5-flash': entry({
    ...gemini25,
    inputUsdPerMillionTokens: 0.3,
    outputUsdPerMillionTokens: 2.5,
    cachedInputUsdPerMillionTokens: 0.03,
    tags: ['small', 'long-context'],
  }),
  'gemini-2.5-flash-lite': entry({
    ...gemini25,
    inputUsdPerMillionTokens: 0.1,
    outputUsdPerMillionTokens: 0.4,
    cachedInputUsdPerMillionTokens: 0.01,
    tags: ['small', 'cheap', 'long-context'],
  }),

  // Mistral (@see https://mistral.ai/pricing). The `-latest` aliases point at Mistral Large 3,
  // Medium 3.5 and Small 3.2 on the date above; Codestral is codestral-2508 (the price file's
  // `codestral-latest` row still shows the retired 2405 model).
  'mistral-large': entry({
    ...mistralChat,
    contextWindowTokens: 262_144,
    maxOutputTokens: 262_144,
    inputUsdPerMillionTokens: 0.5,
    outputUsdPerMillionTokens: 1.5,
    tags: ['flagship', 'open-weights'],
  }),
  'mistral-medium': entry({
    ...mistralChat,
    supportsReasoning: true,
    contextWindowTokens: 262_144,
    maxOutputTokens: 262_144,
    inputUsdPerMillionTokens: 1.5,
    outputUsdPerMillionTokens: 7.5,
    tags: [],
  }),
  'mistral-small': entry({
    ...mistralChat,
    contextWindowTokens: 131_072,
    maxOutputTokens: 131_072,
    inputUsdPerMillionTokens: 0.06,
    outputUsdPerMillionTokens: 0.18,
    tags: ['small', 'cheap', 'open-weights'],
  }),
  codestral: entry({
    ...mistralChat,
    supportsVision: false,
    contextWindowTokens: 256_000,
    maxOutputTokens: 256_000,
    inputUsdPerMillionTokens: 0.3,
    outputUsdPerMillionTokens: 0.9,
    tags: ['code', 'fill-in-the-middle'],
  }),
  'ministral-8b': entry({
    ...mistralChat,
    contextWindowTokens: 262_144,
    maxOutputTokens: 262_144,
    inputUsdPerMillionTokens: 0.15,
    outputUsdPerMillionTokens: 0.15,
    tags: ['small', 'cheap', 'open-weights'],
  }),
  'ministral-3b': entry({
    ...mistralChat,
    contextWindowTokens: 131_072,
    maxOutputTokens: 131_072,
    inputUsdPerMillionTokens: 0.1,
    outputUsdPerMillionTokens: 0.1,
    tags: ['small', 'cheap', 'open-weights'],
  }),

  // Amazon Bedrock (@see https://aws.amazon.com/bedrock/pricing), on-demand, us-east-1.
  'anthropic.claude-opus-4-1-20250805-v1:0': entry({
    ...claudeOpus41,
    tags: ['flagship', 'bedrock'],
  }),
  'anthropic.claude-sonnet-4-5-20250929-v1:0': entry({
    ...claudeSonnet45,
    tags: ['flagship', 'code', 'bedrock'],
  }),
  'us.anthropic.claude-sonnet-4-5-20250929-v1:0': entry({
    ...claudeSonnet45,
    region: 'us',
    inputUsdPerMillionTokens: 3.3,
    outputUsdPerMillionTokens: 16.5,
    cachedInputUsdPerMillionTokens: 0.33,
    tags: ['flagship', 'code', 'bedrock'],
  }),
  'anthropic.claude-haiku-4-5-20251001-v1:0': entry({
    ...claudeHaiku45,
    tags: ['small', 'bedrock'],
  }),
  'us.anthropic.claude-haiku-4-5-20251001-v1:0': entry({
    ...claudeHaiku45,
    region: 'us',
    inputUsdPerMillionTokens: 1.1,
    outputUsdPerMillionTokens: 5.5,
    cachedInputUsdPerMillionTokens: 0.11,
    tags: ['small', 'bedrock'],
  }),
  'anthropic.claude-3-5-haiku-20241022-v1:0': entry({
    ...claudeHaiku35,
    tags: ['small', 'legacy', 'bedrock'],
  }),
  'meta.llama3-3-70b-instruct-v1:0': entry({
    ...bedrockText,
    vendor: 'meta',
    contextWindowTokens: 128_000,
    maxOutputTokens: 4_096,
    inputUsdPerMillionTokens: 0.72,
    outputUsdPerMillionTokens: 0.72,
    tags: ['open-weights', 'bedrock'],
  }),
  'meta.llama4-maverick-17b-instruct-v1:0': entry({
    ...bedrockText,
    vendor: 'meta',
    contextWindowTokens: 128_000,
    maxOutputTokens: 4_096,
    inputUsdPerMillionTokens: 0.24,
    outputUsdPerMillionTokens: 0.97,
    tags: ['open-weights', 'bedrock'],
  }),
  'meta.llama4-scout-17b-instruct-v1:0': entry({
    ...bedrockText,
    vendor: 'meta',
    contextWindowTokens: 128_000,
    maxOutputTokens: 4_096,
    inputUsdPerMillionTokens: 0.17,
    outputUsdPerMillionTokens: 0.66,
    tags: ['open-weights', 'small', 'bedrock'],
  }),
  'amazon.nova-premier-v1:0': entry({
    ...bedrockText,
    vendor: 'amazon',
    supportsVision: true,
    supportsJsonSchema: true,
    contextWindowTokens: 1_000_000,
    maxOutputTokens: 10_000,
    inputUsdPerMillionTokens: 2.5,
    outputUsdPerMillionTokens: 12.5,
    tags: ['flagship', 'bedrock'],
  }),
  'amazon.nova-pro-v1:0': entry({
    ...bedrockText,
    vendor: 'amazon',
    supportsVision: true,
    supportsJsonSchema: true,
    ...novaLimits,
    inputUsdPerMillionTokens: 0.8,
    outputUsdPerMillionTokens: 3.2,
    tags: ['bedrock'],
  }),
  'amazon.nova-lite-v1:0': entry({
    ...bedrockText,
    vendor: 'amazon',
    supportsVision: true,
    supportsJsonSchema: true,
    ...novaLimits,
    inputUsdPerMillionTokens: 0.06,
    outputUsdPerMillionTokens: 0.24,
    tags: ['small', 'cheap', 'bedrock'],
  }),
  'amazon.nova-micro-v1:0': entry({
    ...bedrockText,
    vendor: 'amazon',
    supportsJsonSchema: true,
    contextWindowTokens: 128_000,
    maxOutputTokens: 10_000,
    inputUsdPerMillionTokens: 0.035,
    outputUsdPerMillionTokens: 0.14,
    tags: ['small', 'cheap', 'bedrock'],
  }),

  // DeepSeek (@see https://api-docs.deepseek.com/quick_start/pricing). Both names serve
  // DeepSeek-V3.2 at one price; the reasoner takes no tools in the price file's record.
  'deepseek-chat': entry({
    vendor: 'deepseek',
    supportsTools: true,
    supportsVision: false,
    supportsJsonSchema: true,
    supportsReasoning: false,
    contextWindowTokens: 131_072,
    maxOutputTokens: 8_192,
    inputUsdPerMillionTokens: 0.28,
    outputUsdPerMillionTokens: 0.42,
    cachedInputUsdPerMillionTokens: 0.028,
    tags: ['open-weights', 'cheap'],
  }),
  'deepseek-reasoner': entry({
    vendor: 'deepseek',
    supportsTools: false,
    supportsVision: false,
    supportsJsonSchema: true,
    supportsReasoning: true,
    contextWindowTokens: 131_072,
    maxOutputTokens: 65_536,
    inputUsdPerMillionTokens: 0.28,
    outputUsdPerMillionTokens: 0.42,
    cachedInputUsdPerMillionTokens: 0.028,
    tags: ['open-weights', 'reasoning', 'cheap'],
  }),

  // Hosted open-weights models are keyed `<host>/<host's model id>`: the same Llama costs
  // different amounts on different hosts. Pass `host` to `lookupCatalogueEntry` to find them by
  // the host's bare model id.
  // Groq (@see https://groq.com/pricing).
  'groq/llama-3.3-70b-versatile': entry({
    ...metaOpenWeights,
    supportsVision: false,
    supportsJsonSchema: false,
    contextWindowTokens: 128_000,
    maxOutputTokens: 32_768,
    inputUsdPerMillionTokens: 0.59,
    outputUsdPerMillionTokens: 0.79,
    tags: ['open-weights', 'groq', 'fast'],
  }),
  'groq/llama-3.1-8b-instant': entry({
    ...metaOpenWeights,
    supportsVision: false,
    supportsJsonSchema: false,
    contextWindowTokens: 128_000,
    maxOutputTokens: 8_192,
    inputUsdPerMillionTokens: 0.05,
    outputUsdPerMillionTokens: 0.08,
    tags: ['open-weights', 'groq', 'fast', 'small', 'cheap'],
  }),
  'groq/meta-llama/llama-4-maverick-17b-128e-instruct': entry({
    ...metaOpenWeights,
    supportsVision: true,
    contextWindowTokens: 131_072,
    maxOutputTokens: 8_192,
    inputUsdPerMillionTokens: 0.2,
    outputUsdPerMillionTokens: 0.6,
    tags: ['open-weights', 'groq', 'fast'],
  }),
  'groq/meta-llama/llama-4-scout-17b-16e-instruct': entry({
    ...metaOpenWeights,
    supportsVision: true,
    contextWindowTokens: 131_072,
    maxOutputTokens: 8_192,
    inputUsdPerMillionTokens: 0.11,
    outputUsdPerMillionTokens: 0.34,
    tags: ['open-weights', 'groq', 'fast', 'small'],
  }),

  // Together AI (@see https://www.together.ai/pricing). The price file has no limits for these;
  // 131,072-token context and 8,192-token output are conservative figures, not vendor-confirmed.
  'together/meta-llama/llama-3.3-70b-instruct-turbo': entry({
    ...metaOpenWeights,
    supportsVision: false,
    contextWindowTokens: 131_072,
    maxOutputTokens: 8_192,
    inputUsdPerMillionTokens: 0.88,
    outputUsdPerMillionTokens: 0.88,
    tags: ['open-weights', 'together'],
  }),
  'together/meta-llama/meta-llama-3.1-8b-instruct-turbo': entry({
    ...metaOpenWeights,
    supportsVision: false,
    contextWindowTokens: 131_072,
    maxOutputTokens: 8_192,
    inputUsdPerMillionTokens: 0.18,
    outputUsdPerMillionTokens: 0.18,
    tags: ['open-weights', 'together', 'small', 'cheap'],
  }),
  'together/meta-llama/llama-4-maverick-17b-128e-instruct-fp8': entry({
    ...metaOpenWeights,
    supportsVision: true,
    contextWindowTokens: 131_072,
    maxOutputTokens: 8_192,
    inputUsdPerMillionTokens: 0.27,
    outputUsdPerMillionTokens: 0.85,
    tags: ['open-weights', 'together'],
  }),
  'together/meta-llama/llama-4-scout-17b-16e-instruct': entry({
    ...metaOpenWeights,
    supportsVision: true,
    contextWindowTokens: 131_072,
    maxOutputTokens: 8_192,
    inputUsdPerMillionTokens: 0.18,
    outputUsdPerMillionTokens: 0.59,
    tags: ['open-weights', 'together', 'small'],
  }),
};
