import type {
  OpenAIImageInput,
  OpenAISetting,
  TransformRequestBodyOptions,
} from '../openai/openai-chat-dialect.js';
import type { OpenAIChatRequestBody } from '../openai/openai-api.js';

/** The OpenAI-compatible servers with known quirks; `generic` assumes none beyond the API. */
export type OpenAICompatibleFlavor =
  'generic' | 'vllm' | 'ollama' | 'llamacpp' | 'together' | 'groq' | 'deepseek' | 'openrouter';

type UnsupportedSettings = Readonly<Partial<Record<OpenAISetting, string>>>;

/** How one server differs from api.openai.com. */
export type OpenAICompatibleFlavorDefinition = {
  /** For messages, e.g. `Groq`. */
  readonly name: string;
  /** Used when the settings give no baseURL; `generic` has none. */
  readonly defaultBaseURL?: string;
  /** Hosted services need a key; its usual variable is named in the missing-key error. */
  readonly apiKeyVariable?: string;
  readonly maxTokensField: 'max_tokens' | 'max_completion_tokens';
  readonly supportsJsonSchema: boolean;
  readonly imageInput: OpenAIImageInput;
  /** Settings the server ignores or rejects, each with the reason. */
  readonly unsupportedSettings: UnsupportedSettings;
  /** Extra unsupported settings for some models. */
  readonly modelUnsupportedSettings?: (modelId: string) => UnsupportedSettings;
  readonly transformRequestBody?: (options: TransformRequestBodyOptions) => OpenAIChatRequestBody;
};

const noBudget = { reasoningBudgetTokens: 'takes no reasoning token budget' } as const;
const noTopK = { topK: 'top_k is not accepted' } as const;

/**
 * What each server rejects or ignores, from its own documentation and source:
 *
 * @see https://docs.vllm.ai/en/latest/serving/openai_compatible_server.html (user, parallel_tool_calls ignored)
 * @see https://docs.ollama.com/api/openai-compatibility (and ollama/openai/openai.go: no tool_choice, user, parallel_tool_calls, top_k; images only as base64 data URLs)
 * @see https://github.com/ggml-org/llama.cpp/blob/master/tools/server/README.md
 * @see https://docs.together.ai/reference/chat-completions-1
 * @see https://console.groq.com/docs/openai (frequency/presence penalties unsupported; max_completion_tokens)
 * @see https://api-docs.deepseek.com/api/create-chat-completion (no seed, user, parallel_tool_calls, images, json_schema; deepseek-reasoner ignores sampling)
 * @see https://openrouter.ai/docs/use-cases/reasoning-tokens (reasoning: { effort | max_tokens })
 */
export const OPENAI_COMPATIBLE_FLAVORS: Readonly<
  Record<OpenAICompatibleFlavor, OpenAICompatibleFlavorDefinition>
> = {
  generic: {
    name: 'OpenAI-compatible server',
    maxTokensField: 'max_tokens',
    supportsJsonSchema: true,
    imageInput: 'any',
    unsupportedSettings: {
      ...noBudget,
      topK: 'not part of the OpenAI API; choose a flavor whose server takes top_k',
    },
  },
  vllm: {
    name: 'vLLM',
    defaultBaseURL: 'http://127.0.0.1:8000/v1',
    maxTokensField: 'max_tokens',
    supportsJsonSchema: true,
    imageInput: 'any',
    unsupportedSettings: {
      ...noBudget,
      user: 'ignored by vLLM',
      parallelToolCalls: 'ignored by vLLM',
    },
  },
  ollama: {
    name: 'Ollama',
    defaultBaseURL: 'http://127.0.0.1:11434/v1',
    maxTokensField: 'max_tokens',
    supportsJsonSchema: true,
    imageInput: 'data-url-only',
    unsupportedSettings: {
      ...noBudget,
      ...noTopK,
      toolChoice: "not supported by Ollama's OpenAI API",
      parallelToolCalls: "not supported by Ollama's OpenAI API",
      user: "not supported by Ollama's OpenAI API",
    },
  },
  llamacpp: {
    name: 'llama.cpp server',
    defaultBaseURL: 'http://127.0.0.1:8080/v1',
    maxTokensField: 'max_tokens',
    supportsJsonSchema: true,
    imageInput: 'any',
    unsupportedSettings: {
      ...noBudget,
      reasoningEffort: 'llama.cpp sets reasoning per server (--reasoning-budget), not per request',
      user: 'ignored by llama.cpp',
    },
  },
  together: {
    name: 'Together AI',
    defaultBaseURL: 'https://api.together.xyz/v1',
    apiKeyVariable: 'TOGETHER_API_KEY',
    maxTokensField: 'max_tokens',
    supportsJsonSchema: true,
    imageInput: 'any',
    unsupportedSettings: { ...noBudget },
  },
  groq: {
    name: 'Groq',
    defaultBaseURL: 'https://api.groq.com/openai/v1',
    apiKeyVariable: 'GROQ_API_KEY',
    maxTokensField: 'max_completion_tokens',
    supportsJsonSchema: true,
    imageInput: 'any',
    unsupportedSettings: {
      ...noBudget,
      ...noTopK,
      frequencyPenalty: 'not supported by Groq models yet',
      presencePenalty: 'not supported by Groq models yet',
    },
  },
  deepseek: {
    name: 'DeepSeek',
    defaultBaseURL: 'https://api.deepseek.com/v1',
    apiKeyVariable: 'DEEPSEEK_API_KEY',
    maxTokensField: 'max_tokens',
    supportsJsonSchema: false,
    imageInput: 'none',
    unsupportedSettings: {
      ...noBudget,
      ...noTopK,
      seed: 'not supported by DeepSeek',
      user: 'not supported by DeepSeek',
      parallelToolCalls: 'not supported by DeepSeek',
      reasoningEffort: 'DeepSeek reasons when the model is deepseek-reasoner; there is no effort',
    },
    modelUnsupportedSettings: (modelId) => {
      if (!modelId.includes('reasoner')) return {};
      const ignored = 'has no effect on deepseek-reasoner';
      return {
        temperature: ignored,
        topP: ignored,
        frequencyPenalty: ignored,
        presencePenalty: ignored,
      };
    },
  },
  openrouter: {
    name: 'OpenRouter',
    defaultBaseURL: 'https://openrouter.ai/api/v1',
    apiKeyVariable: 'OPENROUTER_API_KEY',
    maxTokensField: 'max_tokens',
    supportsJsonSchema: true,
    imageInput: 'any',
    unsupportedSettings: {},
    transformRequestBody: transformOpenRouterReasoning,
  },
};

/** OpenRouter takes reasoning as `reasoning: { effort }` or `{ max_tokens }`, one of the two. */
function transformOpenRouterReasoning({
  body,
  request,
  warnings,
}: TransformRequestBodyOptions): OpenAIChatRequestBody {
  const { reasoning_effort: effort, ...rest } = body;
  const budget = request.reasoningBudgetTokens;
  if (budget !== undefined) {
    if (effort !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'reasoningEffort',
        details: 'OpenRouter takes an effort or a token budget, not both; the budget was sent',
      });
    }
    return { ...rest, reasoning: { max_tokens: budget } };
  }
  return effort === undefined ? rest : { ...rest, reasoning: { effort } };
}
