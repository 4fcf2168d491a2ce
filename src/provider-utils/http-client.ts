import { Agent, fetch as undiciFetch, type Dispatcher } from 'undici';

/** Upstream timeouts, all in milliseconds. */
export type TimeoutSettings = {
  /** Opening the TCP/TLS connection. */
  readonly connectMs: number;
  /** From sending the request to the response headers (time to first byte). */
  readonly firstByteMs: number;
  /** The longest gap between two body chunks (streams stall here). */
  readonly idleMs: number;
};

export const DEFAULT_TIMEOUTS: TimeoutSettings = Object.freeze({
  connectMs: 10_000,
  firstByteMs: 120_000,
  idleMs: 60_000,
});

/** The fetch signature providers use: the standard one, optionally with an undici dispatcher. */
export type FetchFunction = (
  input: string,
  init: RequestInit & { dispatcher?: Dispatcher },
) => Promise<Response>;

/**
 * A pooled keep-alive HTTP client for one provider. Timeouts are enforced by the pool itself, so
 * the hot path sets no timers of its own.
 */
export type HttpClient = {
  readonly fetch: FetchFunction;
  readonly timeouts: TimeoutSettings;
  close(): Promise<void>;
};

export function createHttpClient({
  timeouts = DEFAULT_TIMEOUTS,
  connectionsPerOrigin = 256,
  fetch,
}: {
  timeouts?: TimeoutSettings;
  connectionsPerOrigin?: number;
  /** An injected fetch (tests); when given, no pool is created. */
  fetch?: FetchFunction;
} = {}): HttpClient {
  if (fetch) {
    return { fetch, timeouts, close: () => Promise.resolve() };
  }
  const agent = new Agent({
    connect: { timeout: timeouts.connectMs },
    headersTimeout: timeouts.firstByteMs,
    bodyTimeout: timeouts.idleMs,
    keepAliveTimeout: 30_000,
    connections: connectionsPerOrigin,
    pipelining: 1,
  });
  const pooledFetch: FetchFunction = (input, init) =>
    // undici's fetch returns its own Response class, which is the standard one at runtime.
    undiciFetch(input, { ...init, dispatcher: agent } as Parameters<
      typeof undiciFetch
    >[1]) as unknown as Promise<Response>;
  return { fetch: pooledFetch, timeouts, close: () => agent.close() };
}
