import type { OpenAIChatRequestBody } from '../openai/openai-api.js';
import type {
  OpenAIChatDialect,
  TransformRequestBodyOptions,
} from '../openai/openai-chat-dialect.js';
import { parseProviderOptions } from '../openai/openai-options.js';
import { mistralErrorHandling } from './mistral-error.js';
import { mistralProviderOptionsSchema } from './mistral-options.js';
import { normalizeMistralResponseJson } from './normalize-mistral-response.js';
import { mapMistralToolCallIds } from './mistral-tool-call-id.js';

/** The `providerOptions` key of Mistral. */
export const MISTRAL_OPTIONS_KEY = 'mistral';

/**
 * Mistral's chat API differs from OpenAI's in a few wire fields: `random_seed` for `seed`,
 * `tool_choice: "any"` for `"required"`, 9-character tool call ids, and no `user`, `top_k` or
 * `stream_options` (usage always comes on the last chunk; unknown fields are rejected with 422).
 *
 * @see https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post
 * @see https://docs.mistral.ai/capabilities/function_calling/
 */
export const mistralDialect: OpenAIChatDialect = {
  providerOptionsKey: MISTRAL_OPTIONS_KEY,
  parseProviderOptions: (options) =>
    parseProviderOptions({
      options,
      schema: mistralProviderOptionsSchema,
      key: MISTRAL_OPTIONS_KEY,
    }),
  maxTokensField: 'max_tokens',
  supportsJsonSchema: true,
  supportsStreamUsage: false,
  modelQuirks: () => ({
    systemMessageRole: 'system',
    imageInput: 'any',
    unsupportedSettings: {
      topK: 'not supported by Mistral',
      user: 'Mistral has no end-user field',
      reasoningEffort:
        'Mistral takes no reasoning effort; Magistral models always reason (see providerOptions.mistral.prompt_mode)',
      reasoningBudgetTokens: 'Mistral takes no reasoning token budget',
    },
  }),
  transformRequestBody: transformMistralRequestBody,
  normalizeResponseJson: normalizeMistralResponseJson,
  errors: mistralErrorHandling,
};

function transformMistralRequestBody({ body }: TransformRequestBodyOptions): OpenAIChatRequestBody {
  const { seed, tool_choice: toolChoice, messages, ...rest } = body;
  return {
    ...rest,
    messages: mapMistralToolCallIds(messages),
    ...(seed === undefined ? {} : { random_seed: seed }),
    ...(toolChoice === undefined
      ? {}
      : { tool_choice: toolChoice === 'required' ? 'any' : toolChoice }),
  };
}
