import type { ErrorCode } from './error-code.js';
import { GatewayError } from './gateway-error.js';

const marker = Symbol.for('switchyard.error.provider_call');

export type ProviderCallErrorOptions = {
  readonly provider: string;
  readonly modelId: string;
  readonly url: string;
  /** The upstream HTTP status, or undefined when the failure was not an HTTP reply. */
  readonly statusCode: number | undefined;
  readonly message: string;
  readonly responseBody?: string;
  readonly cause?: unknown;
  /** Defaults to true for 408, 409, 429 and 5xx (STYLE.md rule 10). */
  readonly isRetryable?: boolean;
  /** Parsed from `retry-after-ms` / `retry-after`, in milliseconds. */
  readonly retryAfterMs?: number;
  /** The vendor's own error type, e.g. `overloaded_error`. */
  readonly upstreamType?: string;
};

/** Maps an upstream HTTP status to the code the client sees. */
export function codeForUpstreamStatus(statusCode: number | undefined): ErrorCode {
  if (statusCode === undefined) return 'upstream_error';
  if (statusCode === 429) return 'rate_limited';
  if (statusCode === 503 || statusCode === 529) return 'upstream_unavailable';
  if (statusCode === 408 || statusCode === 504) return 'upstream_timeout';
  // 401/403 mean the gateway's own vendor credentials are wrong: not the client's fault.
  if (statusCode === 401 || statusCode === 403) return 'upstream_error';
  if (statusCode >= 400 && statusCode < 500) return 'upstream_rejected';
  return 'upstream_error';
}

/** A vendor call failed: an error status, a malformed reply, or a broken connection. */
export class ProviderCallError extends GatewayError {
  private readonly [marker] = true;
  readonly provider: string;
  readonly modelId: string;
  readonly url: string;
  readonly upstreamStatusCode: number | undefined;
  readonly responseBody: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly upstreamType: string | undefined;

  constructor(options: ProviderCallErrorOptions) {
    const status = options.statusCode;
    super({
      code: codeForUpstreamStatus(status),
      message: options.message,
      cause: options.cause,
      isRetryable:
        options.isRetryable ??
        (status === undefined ||
          status === 408 ||
          status === 409 ||
          status === 429 ||
          status >= 500),
    });
    this.provider = options.provider;
    this.modelId = options.modelId;
    this.url = options.url;
    this.upstreamStatusCode = status;
    this.responseBody = options.responseBody;
    this.retryAfterMs = options.retryAfterMs;
    this.upstreamType = options.upstreamType;
  }

  static override isInstance(error: unknown): error is ProviderCallError {
    return GatewayError.hasMarker(error, marker);
  }
}
