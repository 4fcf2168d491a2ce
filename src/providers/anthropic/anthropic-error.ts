import { z } from 'zod';
import {
  createJsonErrorResponseHandler,
  type CallTarget,
  type FailedResponseHandler,
} from '../../provider-utils/index.js';
import { ProviderCallError } from '../../spec/index.js';
import { anthropicErrorObjectSchema } from './anthropic-api.js';

/**
 * Anthropic's error body: `{"type":"error","error":{"type":"overloaded_error","message":"..."}}`.
 * @see https://docs.anthropic.com/en/api/errors
 */
export const anthropicErrorSchema = z.object({
  type: z.literal('error').nullish(),
  error: anthropicErrorObjectSchema,
});

/** Turns a non-2xx Anthropic reply into a ProviderCallError; `upstreamType` is `error.type`. */
export const anthropicFailedResponseHandler: FailedResponseHandler = createJsonErrorResponseHandler(
  {
    errorSchema: anthropicErrorSchema,
    errorToMessage: (data) => `${data.error.type}: ${data.error.message}`,
    errorToType: (data) => data.error.type,
  },
);

/**
 * The HTTP status Anthropic uses for each error type. Mid-stream `error` events carry only the
 * type (the stream itself is a 200), so this gives them the status semantics they would have had.
 * @see https://docs.anthropic.com/en/api/errors#http-errors
 */
const STATUS_BY_ANTHROPIC_ERROR_TYPE: Readonly<Record<string, number>> = Object.freeze({
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
});

/** The HTTP status an Anthropic error type stands for; unknown types count as 500. */
export function statusForAnthropicErrorType(errorType: string): number {
  return STATUS_BY_ANTHROPIC_ERROR_TYPE[errorType] ?? 500;
}

/** Maps an `event: error` received in the middle of a stream to a ProviderCallError. */
export function createAnthropicStreamError({
  error,
  target,
  url,
}: {
  error: z.infer<typeof anthropicErrorObjectSchema>;
  target: CallTarget;
  url: string;
}): ProviderCallError {
  return new ProviderCallError({
    ...target,
    url,
    statusCode: statusForAnthropicErrorType(error.type),
    message: `Provider '${target.provider}' (model '${target.modelId}') reported an error in the middle of its stream: ${error.type}: ${error.message}`,
    upstreamType: error.type,
  });
}
