import { GatewayError } from './gateway-error.js';

const code = 'invalid_request';
const marker = Symbol.for(`switchyard.error.${code}`);

/** The client sent a request the gateway cannot accept (malformed JSON, wrong types, missing fields). */
export class InvalidRequestError extends GatewayError {
  private readonly [marker] = true;

  constructor({
    message = 'The request is invalid.',
    cause,
    param,
  }: { message?: string; cause?: unknown; param?: string } = {}) {
    super({ code, message, cause, isRetryable: false, ...(param === undefined ? {} : { param }) });
  }

  static override isInstance(error: unknown): error is InvalidRequestError {
    return GatewayError.hasMarker(error, marker);
  }
}
