import type { CanonicalRequest, Warning } from '../../spec/index.js';
import type { OpenAIChatRequestBody } from './openai-api.js';
import { openaiErrorHandling, type OpenAIErrorHandling } from './openai-error.js';
import { openaiProviderOptionsSchema, parseProviderOptions } from './openai-options.js';

/** Canonical request settings that a target may be unable to honour. */
export type OpenAISetting =
  | 'maxOutputTokens'
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'stopSequences'
  | 'seed'
  | 'frequencyPenalty'
  | 'presencePenalty'
  | 'reasoningEffort'
  | 'reasoningBudgetTokens'
  | 'user'
  | 'toolChoice'
  | 'parallelToolCalls';

/** `any`: URLs and data URLs; `data-url-only`: inline base64 only; `none`: no vision input. */
export type OpenAIImageInput = 'any' | 'data-url-only' | 'none';

/** What one model of a server can and cannot take. */
export type OpenAIModelQuirks = {
  /** Settings the model ignores or rejects, each with the reason; dropped with a warning. */
  readonly unsupportedSettings: Readonly<Partial<Record<OpenAISetting, string>>>;
  /** `developer` for OpenAI reasoning models. */
  readonly systemMessageRole: 'system' | 'developer';
  /** Which images the model takes; the others are omitted with a warning. */
  readonly imageInput: OpenAIImageInput;
};

/** Arguments of {@link OpenAIChatDialect.transformRequestBody}. */
export type TransformRequestBodyOptions = {
  readonly body: OpenAIChatRequestBody;
  readonly request: CanonicalRequest;
  readonly modelId: string;
  /** Collects warnings about settings the transform could not map. */
  readonly warnings: Warning[];
};

/**
 * Everything in which one server's Chat Completions dialect differs from another's. The OpenAI
 * provider uses {@link openaiDialect}; OpenAI-compatible flavors override parts of it.
 */
export type OpenAIChatDialect = {
  /** The `providerOptions` key read for extra wire fields, e.g. `openai`. */
  readonly providerOptionsKey: string;
  /** Validates that provider-options record into wire fields. */
  readonly parseProviderOptions: (options: Readonly<Record<string, unknown>> | undefined) => {
    values: Record<string, unknown>;
    warnings: Warning[];
  };
  /** Where the output-token limit goes. */
  readonly maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** Whether `response_format: json_schema` works; otherwise JSON mode plus a warning. */
  readonly supportsJsonSchema: boolean;
  /** Sends `stream_options.include_usage`, so that usage arrives at the end of a stream. */
  readonly supportsStreamUsage: boolean;
  readonly modelQuirks: (modelId: string) => OpenAIModelQuirks;
  /** Last change to the body before it is sent (vendor-specific fields). */
  readonly transformRequestBody?: (options: TransformRequestBodyOptions) => OpenAIChatRequestBody;
  /**
   * Rewrites a parsed response body or stream chunk before it is validated, for servers whose
   * replies differ in shape (Mistral's Magistral sends `content` as an array of `thinking` and
   * `text` parts). Gets and returns untrusted JSON; the Chat Completions schema validates the result.
   */
  readonly normalizeResponseJson?: (value: unknown) => unknown;
  /** How the server's error bodies look (STYLE.md rule 3: `errorStructure`). */
  readonly errors: OpenAIErrorHandling;
};

/**
 * True for OpenAI's reasoning models (o-series, gpt-5 except the chat variants), which take the
 * `developer` role and `reasoning_effort` but no sampling parameters.
 *
 * @see https://platform.openai.com/docs/guides/reasoning
 */
export function isOpenAIReasoningModel(modelId: string): boolean {
  return /^o\d/.test(modelId) || (modelId.startsWith('gpt-5') && !modelId.startsWith('gpt-5-chat'));
}

const samplingOnReasoningModels = 'not supported by OpenAI reasoning models';

function openaiModelQuirks(modelId: string): OpenAIModelQuirks {
  const common = {
    topK: 'not supported by OpenAI Chat Completions',
    reasoningBudgetTokens: 'OpenAI takes reasoningEffort, not a token budget',
  };
  if (isOpenAIReasoningModel(modelId)) {
    return {
      systemMessageRole: 'developer',
      imageInput: 'any',
      unsupportedSettings: {
        ...common,
        temperature: samplingOnReasoningModels,
        topP: samplingOnReasoningModels,
        frequencyPenalty: samplingOnReasoningModels,
        presencePenalty: samplingOnReasoningModels,
      },
    };
  }
  return {
    systemMessageRole: 'system',
    imageInput: 'any',
    unsupportedSettings: {
      ...common,
      reasoningEffort: 'only OpenAI reasoning models (o-series, gpt-5) take it',
    },
  };
}

/** The dialect of api.openai.com. */
export const openaiDialect: OpenAIChatDialect = {
  providerOptionsKey: 'openai',
  parseProviderOptions: (options) =>
    parseProviderOptions({ options, schema: openaiProviderOptionsSchema, key: 'openai' }),
  maxTokensField: 'max_completion_tokens',
  supportsJsonSchema: true,
  supportsStreamUsage: true,
  modelQuirks: openaiModelQuirks,
  errors: openaiErrorHandling,
};
