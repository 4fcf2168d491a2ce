import {
  assertNever,
  ProviderCallError,
  RateLimitedError,
  type ErrorCode,
  type GatewayError,
} from '../spec/index.js';

/** Which error envelope a route speaks. */
export type ErrorDialect = 'openai' | 'anthropic';

const openAITypeByCode: Readonly<Record<ErrorCode, string>> = {
  invalid_request: 'invalid_request_error',
  authentication_failed: 'authentication_error',
  permission_denied: 'permission_error',
  model_not_found: 'invalid_request_error',
  request_too_large: 'invalid_request_error',
  rate_limited: 'rate_limit_error',
  upstream_rejected: 'invalid_request_error',
  upstream_error: 'api_error',
  upstream_unavailable: 'api_error',
  upstream_timeout: 'api_error',
  internal_error: 'server_error',
};

const anthropicTypeByCode: Readonly<Record<ErrorCode, string>> = {
  invalid_request: 'invalid_request_error',
  authentication_failed: 'authentication_error',
  permission_denied: 'permission_error',
  model_not_found: 'not_found_error',
  request_too_large: 'request_too_large',
  rate_limited: 'rate_limit_error',
  upstream_rejected: 'invalid_request_error',
  upstream_error: 'api_error',
  upstream_unavailable: 'overloaded_error',
  upstream_timeout: 'timeout_error',
  internal_error: 'api_error',
};

/** An error ready to send: status, headers and the JSON body in the route's own envelope. */
export type RenderedError = {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: unknown;
};

/**
 * The one place a GatewayError becomes an HTTP response (STYLE.md rule 11). Internal errors show
 * only a generic message with the request id; details stay in the log.
 */
export function renderError({
  error,
  dialect,
  requestId,
}: {
  error: GatewayError;
  dialect: ErrorDialect;
  requestId: string;
}): RenderedError {
  const message =
    error.code === 'internal_error'
      ? `Internal error in the gateway (request id ${requestId}). The details are in the gateway's log.`
      : error.message;
  const headers: Record<string, string> = {};
  const retryAfterMs =
    RateLimitedError.isInstance(error) || ProviderCallError.isInstance(error)
      ? error.retryAfterMs
      : undefined;
  if (retryAfterMs !== undefined) {
    headers['retry-after'] = String(Math.ceil(retryAfterMs / 1000));
    headers['retry-after-ms'] = String(Math.round(retryAfterMs));
  }
  switch (dialect) {
    case 'openai':
      return {
        statusCode: error.statusCode,
        headers,
        body: {
          error: {
            message,
            type: openAITypeByCode[error.code],
            param: error.param ?? null,
            code: error.code,
          },
        },
      };
    case 'anthropic':
      return {
        statusCode: error.statusCode,
        headers,
        body: {
          type: 'error',
          error: { type: anthropicTypeByCode[error.code], message },
          request_id: requestId,
        },
      };
    default:
      return assertNever(dialect);
  }
}
