import { STATUS_BY_CODE, type ErrorCode } from './error-code.js';

const marker = Symbol.for('switchyard.error');

export type GatewayErrorOptions = {
  readonly code: ErrorCode;
  readonly message: string;
  readonly cause?: unknown;
  readonly isRetryable?: boolean;
  /** The request field the error is about, e.g. `messages[2].content`. */
  readonly param?: string;
};

/**
 * Base of every error the gateway renders to a client (STYLE.md rule 9). `code` is stable;
 * `message` tells the caller how to fix the problem.
 */
export class GatewayError extends Error {
  private readonly [marker] = true;
  readonly code: ErrorCode;
  readonly isRetryable: boolean;
  readonly param: string | undefined;

  constructor({ code, message, cause, isRetryable = false, param }: GatewayErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = new.target.name;
    this.code = code;
    this.isRetryable = isRetryable;
    this.param = param;
  }

  /** HTTP status for this error's code. */
  get statusCode(): number {
    return STATUS_BY_CODE[this.code];
  }

  static isInstance(error: unknown): error is GatewayError {
    return GatewayError.hasMarker(error, marker);
  }

  /** True when `error` carries `marker`; works across duplicate package copies. */
  protected static hasMarker(error: unknown, markerSymbol: symbol): boolean {
    return (
      error != null &&
      typeof error === 'object' &&
      markerSymbol in error &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    );
  }
}
