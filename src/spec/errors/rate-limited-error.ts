import { GatewayError } from './gateway-error.js';

const code = 'rate_limited';
const marker = Symbol.for(`switchyard.error.${code}`);

/** The caller, or the upstream on the caller's behalf, exceeded a request or token rate. */
export class RateLimitedError extends GatewayError {
  private readonly [marker] = true;
  /** When the caller may retry, in milliseconds from now, if known. */
  readonly retryAfterMs: number | undefined;

  constructor({
    message = 'Rate limit exceeded.',
    retryAfterMs,
    cause,
  }: { message?: string; retryAfterMs?: number; cause?: unknown } = {}) {
    super({ code, message, cause, isRetryable: true });
    this.retryAfterMs = retryAfterMs;
  }

  static override isInstance(error: unknown): error is RateLimitedError {
    return GatewayError.hasMarker(error, marker);
  }
}
