import { z } from 'zod';

/** Mistral chat model ids; any other string is passed through. */
export type MistralModelId =
  | 'mistral-large-latest'
  | 'mistral-medium-latest'
  | 'mistral-small-latest'
  | 'ministral-8b-latest'
  | 'ministral-3b-latest'
  | 'magistral-medium-latest'
  | 'magistral-small-latest'
  | 'codestral-latest'
  | 'pixtral-large-latest'
  | 'open-mistral-nemo'
  | (string & {});

/**
 * `providerOptions.mistral`: Mistral chat fields, under their wire names, that the canonical request
 * has no place for. Unknown keys become warnings (STYLE.md rule 7).
 *
 * @see https://docs.mistral.ai/api/#tag/chat/operation/chat_completion_v1_chat_completions_post
 */
export const mistralProviderOptionsSchema = z.object({
  /** Prepends Mistral's safety system prompt. */
  safe_prompt: z.boolean().optional(),
  /** `reasoning` makes Magistral models think with Mistral's default reasoning system prompt. */
  prompt_mode: z.enum(['reasoning']).nullable().optional(),
  /** Predicted output, to speed up edits of known text. */
  prediction: z.object({ type: z.literal('content'), content: z.string() }).optional(),
});

/** Validated `providerOptions.mistral`. */
export type MistralProviderOptions = z.output<typeof mistralProviderOptionsSchema>;
