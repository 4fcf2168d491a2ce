import { assertNever, type ErrorCode, type GatewayError } from '../spec/index.js';

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

/** OpenAI's error envelope. */
export type OpenAIErrorBody = {
  readonly error: {
    readonly message: string;
    readonly type: string;
    readonly param: string | null;
    readonly code: string;
  };
};

/** Anthropic's error envelope. */
export type AnthropicErrorBody = {
  readonly type: 'error';
  readonly error: { readonly type: string; readonly message: string };
  readonly request_id: string;
};

/** An error ready to send: status, headers and the JSON body in the route's own envelope. */
export type RenderedError = {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: OpenAIErrorBody | AnthropicErrorBody;
};

/** The message a client may see: internal errors show only the request id. */
function clientMessage(error: GatewayError, requestId: string): string {
  return error.code === 'internal_error'
    ? `Internal error in the gateway (request id ${requestId}). The details are in the gateway's log.`
    : error.message;
}

/** The error in OpenAI's envelope. */
export function renderOpenAIErrorBody({
  error,
  requestId,
}: {
  error: GatewayError;
  requestId: string;
}): OpenAIErrorBody {
  return {
    error: {
      message: clientMessage(error, requestId),
      type: openAITypeByCode[error.code],
      param: error.param ?? null,
      code: error.code,
    },
  };
}

/** The error in Anthropic's envelope. */
export function renderAnthropicErrorBody({
  error,
  requestId,
}: {
  error: GatewayError;
  requestId: string;
}): AnthropicErrorBody {
  return {
    type: 'error',
    error: { type: anthropicTypeByCode[error.code], message: clientMessage(error, requestId) },
    request_id: requestId,
  };
}

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
  const headers: Record<string, string> = {};
  // Rate limits, upstream failures and exhausted fallbacks all carry the vendor's retry hint.
  const retryAfterMs =
    'retryAfterMs' in error && typeof error.retryAfterMs === 'number'
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
        body: renderOpenAIErrorBody({ error, requestId }),
      };
    case 'anthropic':
      return {
        statusCode: error.statusCode,
        headers,
        body: renderAnthropicErrorBody({ error, requestId }),
      };
    default:
      return assertNever(dialect);
  }
}
