import { GatewayError } from './gateway-error.js';

const code = 'upstream_timeout';
const marker = Symbol.for(`switchyard.error.${code}`);

/** Which wait ran out: opening the connection, the first response byte, or a gap between chunks. */
export type TimeoutPhase = 'connect' | 'headers' | 'body';

/** An upstream call took longer than a configured timeout. Retryable. */
export class ProviderTimeoutError extends GatewayError {
  private readonly [marker] = true;
  readonly provider: string;
  readonly phase: TimeoutPhase;
  readonly timeoutMs: number | undefined;

  constructor({
    provider,
    phase,
    timeoutMs,
    cause,
  }: {
    provider: string;
    phase: TimeoutPhase;
    timeoutMs?: number;
    cause?: unknown;
  }) {
    const limit = timeoutMs === undefined ? '' : ` of ${timeoutMs} ms`;
    const what = {
      connect: 'connecting to',
      headers: 'waiting for the first response byte from',
      body: 'waiting for the next chunk from',
    }[phase];
    super({
      code,
      message: `Timed out${limit} ${what} provider '${provider}'. Raise providers.${provider}.timeouts if the upstream is just slow.`,
      cause,
      isRetryable: true,
    });
    this.provider = provider;
    this.phase = phase;
    this.timeoutMs = timeoutMs;
  }

  static override isInstance(error: unknown): error is ProviderTimeoutError {
    return GatewayError.hasMarker(error, marker);
  }
}
