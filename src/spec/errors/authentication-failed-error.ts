import { GatewayError } from './gateway-error.js';

const code = 'authentication_failed';
const marker = Symbol.for(`switchyard.error.${code}`);

/** The client did not present a valid gateway API key. */
export class AuthenticationFailedError extends GatewayError {
  private readonly [marker] = true;

  constructor({
    message = 'Missing or invalid API key. Send it as "Authorization: Bearer <key>" or "x-api-key: <key>".',
    cause,
    param,
  }: { message?: string; cause?: unknown; param?: string } = {}) {
    super({ code, message, cause, isRetryable: false, ...(param === undefined ? {} : { param }) });
  }

  static override isInstance(error: unknown): error is AuthenticationFailedError {
    return GatewayError.hasMarker(error, marker);
  }
}
