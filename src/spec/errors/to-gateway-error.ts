import { GatewayError } from './gateway-error.js';
import { InternalError } from './internal-error.js';

/** Normalises anything thrown into a GatewayError; unknown errors become `internal_error`. */
export function toGatewayError(error: unknown): GatewayError {
  if (GatewayError.isInstance(error)) return error;
  return new InternalError({ cause: error });
}
