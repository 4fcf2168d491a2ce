import { z } from 'zod';
import {
  createJsonErrorResponseHandler,
  safeParseJson,
  type CallTarget,
  type FailedResponseHandler,
} from '../../provider-utils/index.js';
import { ProviderCallError } from '../../spec/index.js';
import { googleErrorObjectSchema, type GoogleErrorObject } from './google-api.js';

/**
 * Google's error body, `{"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED",
 * "details":[...]}}`. `streamGenerateContent` without `alt=sse` wraps it in a one-element array.
 * @see https://ai.google.dev/gemini-api/docs/troubleshooting#error-codes
 * @see https://cloud.google.com/apis/design/errors#http_mapping
 */
export const googleErrorSchema = z.union([
  z.object({ error: googleErrorObjectSchema }),
  z
    .array(z.object({ error: googleErrorObjectSchema }))
    .min(1)
    .transform((errors) => errors[0] ?? { error: {} }),
]);

const RETRY_INFO_TYPE = 'type.googleapis.com/google.rpc.RetryInfo';

/**
 * Reads a `google.protobuf.Duration` in its JSON form (`"13s"`, `"34.4s"`, `"0.5s"`) as
 * milliseconds; undefined when it is not one.
 * @see https://protobuf.dev/reference/protobuf/google.protobuf/#duration
 */
export function parseGoogleDurationMs(duration: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)s$/.exec(duration.trim());
  if (match?.[1] === undefined) return undefined;
  return Math.round(Number(match[1]) * 1000);
}

/** The `RetryInfo.retryDelay` of an error's details, in milliseconds. */
export function findRetryDelayMs(error: GoogleErrorObject): number | undefined {
  for (const detail of error.details ?? []) {
    const isRetryInfo = detail['@type'] === RETRY_INFO_TYPE || detail.retryDelay != null;
    if (isRetryInfo && detail.retryDelay != null) {
      const delayMs = parseGoogleDurationMs(detail.retryDelay);
      if (delayMs !== undefined) return delayMs;
    }
  }
  return undefined;
}

/** True for the 400 Google sends for an API key it does not know (`API_KEY_INVALID`). */
function isInvalidApiKey(error: GoogleErrorObject): boolean {
  return (error.details ?? []).some((detail) => detail.reason === 'API_KEY_INVALID');
}

const baseFailedResponseHandler = createJsonErrorResponseHandler({
  errorSchema: googleErrorSchema,
  errorToMessage: ({ error }) =>
    [error.status, error.message ?? 'no message'].filter((part) => part != null).join(': '),
  errorToType: ({ error }) => error.status ?? undefined,
});

/**
 * Turns a non-2xx Gemini reply into a ProviderCallError; `upstreamType` is `error.status`.
 * Two Google specifics on top of the shared handler: a 429's wait comes from
 * `details[].retryDelay` when no `retry-after` header is present, and Google's
 * `400 API_KEY_INVALID` is reported as a 401, because it is the gateway's credential that was
 * refused, not the client's request.
 */
export const googleFailedResponseHandler: FailedResponseHandler = (options) => {
  const error = baseFailedResponseHandler(options);
  const parsed =
    options.text.length > 0
      ? safeParseJson({ text: options.text, schema: googleErrorSchema })
      : undefined;
  if (!parsed?.success) return error;
  const body = parsed.value.error;
  const retryAfterMs = error.retryAfterMs ?? findRetryDelayMs(body);
  const isKeyRefused = options.response.status === 400 && isInvalidApiKey(body);
  if (retryAfterMs === error.retryAfterMs && !isKeyRefused) return error;
  return new ProviderCallError({
    provider: error.provider,
    modelId: error.modelId,
    url: error.url,
    statusCode: isKeyRefused ? 401 : options.response.status,
    message: isKeyRefused
      ? `${error.message}. The gateway's credentials for this provider were refused; check providers.${options.target.provider}.apiKey.`
      : error.message,
    ...(error.responseBody === undefined ? {} : { responseBody: error.responseBody }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(error.upstreamType === undefined ? {} : { upstreamType: error.upstreamType }),
  });
};

/**
 * The HTTP status each canonical Google error status stands for; used for errors that arrive
 * inside a 200 stream, which carry `code` and `status` but no HTTP status of their own.
 * @see https://cloud.google.com/apis/design/errors#handling_errors
 */
const STATUS_BY_GOOGLE_ERROR_STATUS: Readonly<Record<string, number>> = Object.freeze({
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNKNOWN: 500,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
});

/** Maps an error object received in the middle of a stream to a ProviderCallError. */
export function createGoogleStreamError({
  error,
  target,
  url,
}: {
  error: GoogleErrorObject;
  target: CallTarget;
  url: string;
}): ProviderCallError {
  const statusCode =
    error.code ?? (error.status ? STATUS_BY_GOOGLE_ERROR_STATUS[error.status] : undefined) ?? 500;
  const retryAfterMs = findRetryDelayMs(error);
  return new ProviderCallError({
    ...target,
    url,
    statusCode,
    message: `Provider '${target.provider}' (model '${target.modelId}') reported an error in the middle of its stream: ${error.status ?? statusCode}: ${error.message ?? 'no message'}`,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(error.status ? { upstreamType: error.status } : {}),
  });
}
