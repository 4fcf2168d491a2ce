import { z } from 'zod';
import { InvalidRequestError, type Warning } from '../../spec/index.js';

/** Chat Completions model ids; any other string is passed through. */
export type OpenAIModelId =
  | 'gpt-5'
  | 'gpt-5-mini'
  | 'gpt-5-nano'
  | 'gpt-5-chat-latest'
  | 'gpt-4.1'
  | 'gpt-4.1-mini'
  | 'gpt-4.1-nano'
  | 'gpt-4o'
  | 'gpt-4o-mini'
  | 'o1'
  | 'o3'
  | 'o3-mini'
  | 'o4-mini'
  | (string & {});

/**
 * `providerOptions.openai`: extra Chat Completions fields, under their wire names, that the
 * canonical request has no place for. Unknown keys become warnings (STYLE.md rule 7).
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export const openaiProviderOptionsSchema = z.object({
  logit_bias: z.record(z.string(), z.number().min(-100).max(100)).optional(),
  logprobs: z.boolean().optional(),
  top_logprobs: z.number().int().min(0).max(20).optional(),
  store: z.boolean().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  service_tier: z.enum(['auto', 'default', 'flex', 'scale', 'priority']).optional(),
  prediction: z
    .object({
      type: z.literal('content'),
      content: z.union([
        z.string(),
        z.array(z.object({ type: z.literal('text'), text: z.string() })),
      ]),
    })
    .optional(),
  verbosity: z.enum(['low', 'medium', 'high']).optional(),
  prompt_cache_key: z.string().optional(),
  prompt_cache_retention: z.enum(['in_memory', '24h']).optional(),
  safety_identifier: z.string().optional(),
});

/** Validated `providerOptions.openai`. */
export type OpenAIProviderOptions = z.output<typeof openaiProviderOptionsSchema>;

/**
 * Validates one provider-options record against `schema`. Unknown keys are dropped with a warning;
 * a known key with a bad value is the client's mistake and raises InvalidRequestError.
 */
export function parseProviderOptions<TShape extends z.ZodRawShape>({
  options,
  schema,
  key,
}: {
  options: Readonly<Record<string, unknown>> | undefined;
  schema: z.ZodObject<TShape>;
  key: string;
}): { values: Record<string, unknown>; warnings: Warning[] } {
  if (options === undefined) return { values: {}, warnings: [] };
  const warnings: Warning[] = [];
  for (const name of Object.keys(options)) {
    if (!(name in schema.shape)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.${key}.${name}`,
        details: 'unknown option; not sent',
      });
    }
  }
  const result = schema.safeParse(options);
  if (!result.success) {
    const issue = result.error.issues[0];
    const param = ['providerOptions', key, ...(issue?.path ?? []).map(String)].join('.');
    throw new InvalidRequestError({
      message: `Invalid ${param}: ${issue?.message ?? 'invalid value'}.`,
      param,
    });
  }
  return { values: result.data, warnings };
}
