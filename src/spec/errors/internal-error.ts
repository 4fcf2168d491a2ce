import { GatewayError } from './gateway-error.js';

const code = 'internal_error';
const marker = Symbol.for(`switchyard.error.${code}`);

/** An unexpected failure inside the gateway; details go to the log only. */
export class InternalError extends GatewayError {
  private readonly [marker] = true;

  constructor({
    message = 'Internal error.',
    cause,
    param,
  }: { message?: string; cause?: unknown; param?: string } = {}) {
    super({ code, message, cause, isRetryable: false, ...(param === undefined ? {} : { param }) });
  }

  static override isInstance(error: unknown): error is InternalError {
    return GatewayError.hasMarker(error, marker);
  }
}
