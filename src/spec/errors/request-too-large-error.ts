import { GatewayError } from './gateway-error.js';

const code = 'request_too_large';
const marker = Symbol.for(`switchyard.error.${code}`);

/** The request body exceeds `server.bodyLimitBytes`. */
export class RequestTooLargeError extends GatewayError {
  private readonly [marker] = true;

  constructor({
    message = 'The request body is larger than the configured limit.',
    cause,
    param,
  }: { message?: string; cause?: unknown; param?: string } = {}) {
    super({ code, message, cause, isRetryable: false, ...(param === undefined ? {} : { param }) });
  }

  static override isInstance(error: unknown): error is RequestTooLargeError {
    return GatewayError.hasMarker(error, marker);
  }
}
