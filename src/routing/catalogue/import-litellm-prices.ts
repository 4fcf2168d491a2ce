import { z } from 'zod';
import { safeParseJson } from '../../provider-utils/index.js';
import type { ModelCatalogueEntry } from './model-catalogue-entry.js';

/**
 * The fields of one LiteLLM price record that the importer reads. Minimal and lenient: the file
 * has hundreds of other fields, and values of the wrong type are treated as absent.
 * @see https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json
 */
const litellmPriceRecordSchema = z.object({
  litellm_provider: z.string().nullish().catch(undefined),
  mode: z.string().nullish().catch(undefined),
  input_cost_per_token: z.number().nonnegative().finite().nullish().catch(undefined),
  output_cost_per_token: z.number().nonnegative().finite().nullish().catch(undefined),
  cache_read_input_token_cost: z.number().nonnegative().finite().nullish().catch(undefined),
  max_input_tokens: z.number().positive().finite().nullish().catch(undefined),
  max_output_tokens: z.number().positive().finite().nullish().catch(undefined),
  max_tokens: z.number().positive().finite().nullish().catch(undefined),
  supports_function_calling: z.boolean().nullish().catch(undefined),
  supports_vision: z.boolean().nullish().catch(undefined),
  supports_response_schema: z.boolean().nullish().catch(undefined),
  supports_reasoning: z.boolean().nullish().catch(undefined),
});

type LitellmPriceRecord = z.infer<typeof litellmPriceRecordSchema>;

/** A key of the price file that was not imported, and why. */
export type SkippedPriceKey = { readonly key: string; readonly reason: string };

/** Result of {@link importLiteLLMPrices}. */
export type ImportLiteLLMPricesResult = {
  /** Imported chat models keyed by the file's key, lower-cased (`gemini/gemini-2.5-pro`). */
  readonly entries: Readonly<Record<string, ModelCatalogueEntry>>;
  readonly skipped: readonly SkippedPriceKey[];
};

/** Thrown when the price file is not a JSON object. */
export class LiteLLMPriceFileError extends Error {
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super(message, { cause });
    this.name = 'LiteLLMPriceFileError';
  }
}

// litellm_provider values whose models all come from one vendor.
const VENDOR_BY_PROVIDER: Readonly<Record<string, string>> = {
  openai: 'openai',
  azure: 'openai',
  text_completion_openai: 'openai',
  anthropic: 'anthropic',
  'vertex_ai-anthropic_models': 'anthropic',
  gemini: 'google',
  'vertex_ai-language-models': 'google',
  mistral: 'mistral',
  codestral: 'mistral',
  'vertex_ai-mistral_models': 'mistral',
  deepseek: 'deepseek',
  xai: 'xai',
  cohere_chat: 'cohere',
};

// For hosts serving many vendors' models (Bedrock, Groq, Together), the vendor is read from the name.
const VENDOR_BY_NAME: ReadonlyArray<readonly [RegExp, string]> = [
  [/claude/, 'anthropic'],
  [/llama/, 'meta'],
  [/nova|titan/, 'amazon'],
  [/gemini|gemma/, 'google'],
  [/gpt|(?:^|[/.])o\d/, 'openai'],
  [/mistral|mixtral|codestral|ministral|magistral|pixtral/, 'mistral'],
  [/deepseek/, 'deepseek'],
  [/qwen|qwq/, 'alibaba'],
  [/command/, 'cohere'],
  [/grok/, 'xai'],
];

/** Converts a per-token price to US dollars per million tokens, without float noise. */
function toUsdPerMillionTokens(usdPerToken: number): number {
  return Math.round(usdPerToken * 1e12) / 1e6;
}

function inferVendor({ key, provider }: { key: string; provider: string | undefined }): string {
  const byProvider = provider === undefined ? undefined : VENDOR_BY_PROVIDER[provider];
  if (byProvider !== undefined) return byProvider;
  for (const [pattern, vendor] of VENDOR_BY_NAME) if (pattern.test(key)) return vendor;
  return provider ?? 'unknown';
}

function convertRecord({
  key,
  record,
}: {
  key: string;
  record: LitellmPriceRecord;
}): ModelCatalogueEntry | string {
  if (record.mode !== 'chat') return `mode is ${record.mode ?? 'missing'}, not chat`;
  if (record.input_cost_per_token == null) return 'no input_cost_per_token';
  if (record.output_cost_per_token == null) return 'no output_cost_per_token';
  // max_tokens is LiteLLM's legacy field: the output limit when the vendor states one.
  const contextWindowTokens = record.max_input_tokens ?? record.max_tokens;
  const maxOutputTokens = record.max_output_tokens ?? record.max_tokens;
  if (contextWindowTokens == null) return 'no max_input_tokens or max_tokens';
  if (maxOutputTokens == null) return 'no max_output_tokens or max_tokens';
  const provider = record.litellm_provider ?? undefined;
  const entry: ModelCatalogueEntry = {
    vendor: inferVendor({ key, provider }),
    contextWindowTokens: Math.floor(contextWindowTokens),
    maxOutputTokens: Math.floor(maxOutputTokens),
    supportsTools: record.supports_function_calling === true,
    supportsVision: record.supports_vision === true,
    supportsJsonSchema: record.supports_response_schema === true,
    supportsReasoning: record.supports_reasoning === true,
    inputUsdPerMillionTokens: toUsdPerMillionTokens(record.input_cost_per_token),
    outputUsdPerMillionTokens: toUsdPerMillionTokens(record.output_cost_per_token),
    tags: provider === undefined ? [] : [provider],
    isHouse: false,
  };
  return record.cache_read_input_token_cost == null
    ? entry
    : {
        ...entry,
        cachedInputUsdPerMillionTokens: toUsdPerMillionTokens(record.cache_read_input_token_cost),
      };
}

/**
 * Imports a price file in LiteLLM's `model_prices_and_context_window.json` format. Keeps chat
 * models (`mode: "chat"`) that have input and output prices and limits; converts per-token prices
 * to per-million-token prices; tags each entry with its `litellm_provider`. Every other key is
 * listed in `skipped` with the reason, including the `sample_spec` documentation record.
 * Throws {@link LiteLLMPriceFileError} when the text is not a JSON object.
 */
export function importLiteLLMPrices({ text }: { text: string }): ImportLiteLLMPricesResult {
  const parsed = safeParseJson({ text, schema: z.record(z.string(), z.unknown()) });
  if (!parsed.success) {
    throw new LiteLLMPriceFileError({
      message: `The LiteLLM price file is not a JSON object of model records: ${parsed.error.message}`,
      cause: parsed.error,
    });
  }
  const entries: Record<string, ModelCatalogueEntry> = {};
  const skipped: SkippedPriceKey[] = [];
  for (const [key, value] of Object.entries(parsed.value)) {
    if (key === 'sample_spec') {
      skipped.push({ key, reason: 'documentation record, not a model' });
      continue;
    }
    const record = litellmPriceRecordSchema.safeParse(value);
    if (!record.success) {
      skipped.push({ key, reason: 'not an object' });
      continue;
    }
    const normalizedKey = key.trim().toLowerCase();
    const result = convertRecord({ key: normalizedKey, record: record.data });
    if (typeof result === 'string') skipped.push({ key, reason: result });
    else entries[normalizedKey] = result;
  }
  return { entries, skipped };
}
