import { z } from 'zod';
import { createOpenAIErrorHandling, type OpenAIErrorHandling } from '../openai/openai-error.js';

const validationIssuesSchema = z.array(
  z.object({ msg: z.string(), loc: z.array(z.union([z.string(), z.number()])).nullish() }),
);

/**
 * Mistral's error bodies, parsed leniently (STYLE.md rule 10): `{ object: 'error', message, type,
 * code }` (where a 422's `message` is itself `{ detail: [...] }` of request validation issues),
 * the gateway's `{ message, request_id }`, and FastAPI's `{ detail }`.
 *
 * @see https://docs.mistral.ai/api/
 */
export const mistralErrorSchema = z.union([
  z.object({
    message: z.union([z.string(), z.object({ detail: validationIssuesSchema })]),
    type: z.string().nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
  }),
  z.object({ detail: z.union([z.string(), validationIssuesSchema]) }),
]);

/** A parsed Mistral error body. */
export type MistralErrorData = z.output<typeof mistralErrorSchema>;

function describeIssues(issues: z.output<typeof validationIssuesSchema>): string {
  return issues
    .map((issue) => (issue.loc?.length ? `${issue.loc.join('.')}: ${issue.msg}` : issue.msg))
    .join('; ');
}

function errorToMessage(data: MistralErrorData): string {
  if ('detail' in data) {
    return typeof data.detail === 'string' ? data.detail : describeIssues(data.detail);
  }
  return typeof data.message === 'string' ? data.message : describeIssues(data.message.detail);
}

/** The error handling of api.mistral.ai. */
export const mistralErrorHandling: OpenAIErrorHandling = createOpenAIErrorHandling({
  errorSchema: mistralErrorSchema,
  errorToMessage,
  errorToType: (data) => ('type' in data ? (data.type ?? undefined) : undefined),
});
