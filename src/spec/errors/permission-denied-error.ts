import { GatewayError } from './gateway-error.js';

const code = 'permission_denied';
const marker = Symbol.for(`switchyard.error.${code}`);

/** The caller is authenticated but not allowed to do this. */
export class PermissionDeniedError extends GatewayError {
  private readonly [marker] = true;

  constructor({
    message = 'This API key may not use this resource.',
    cause,
    param,
  }: { message?: string; cause?: unknown; param?: string } = {}) {
    super({ code, message, cause, isRetryable: false, ...(param === undefined ? {} : { param }) });
  }

  static override isInstance(error: unknown): error is PermissionDeniedError {
    return GatewayError.hasMarker(error, marker);
  }
}
