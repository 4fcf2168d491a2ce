/** Every error code the gateway can return. Closed: adding one is a change to every surface. */
export type ErrorCode =
  | 'invalid_request'
  | 'authentication_failed'
  | 'permission_denied'
  | 'model_not_found'
  | 'request_too_large'
  | 'rate_limited'
  | 'upstream_rejected'
  | 'upstream_error'
  | 'upstream_unavailable'
  | 'upstream_timeout'
  | 'internal_error';

/** HTTP status by error code; exhaustive at compile time. */
export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = Object.freeze({
  invalid_request: 400,
  authentication_failed: 401,
  permission_denied: 403,
  model_not_found: 404,
  request_too_large: 413,
  rate_limited: 429,
  upstream_rejected: 400,
  upstream_error: 502,
  upstream_unavailable: 503,
  upstream_timeout: 504,
  internal_error: 500,
});

/** Every code, for catalogue tests and docs. */
export const ERROR_CODES = Object.freeze(Object.keys(STATUS_BY_CODE)) as ReadonlyArray<ErrorCode>;
