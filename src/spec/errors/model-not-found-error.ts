import { GatewayError } from './gateway-error.js';

const code = 'model_not_found';
const marker = Symbol.for(`switchyard.error.${code}`);

/** The requested model name matches no configured model, alias or route. */
export class ModelNotFoundError extends GatewayError {
  private readonly [marker] = true;

  constructor({
    message = 'The requested model is not configured.',
    cause,
    param,
  }: { message?: string; cause?: unknown; param?: string } = {}) {
    super({ code, message, cause, isRetryable: false, ...(param === undefined ? {} : { param }) });
  }

  static override isInstance(error: unknown): error is ModelNotFoundError {
    return GatewayError.hasMarker(error, marker);
  }
}
