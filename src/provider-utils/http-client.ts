import { STATUS_CODES } from 'node:http';
import { Agent, type Dispatcher } from 'undici';

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

/** What providers send: a subset of fetch's RequestInit. */
export type HttpRequestInit = {
  readonly method: 'GET' | 'POST';
  readonly headers: Record<string, string>;
  readonly body?: string;
  readonly signal?: AbortSignal;
};

/**
 * What providers read from a reply: the subset of the web `Response` they use, so a standard
 * `fetch` can be injected (tests) while production uses undici's lighter dispatcher API.
 */
export type HttpResponse = {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body: AsyncIterable<Uint8Array> | null;
  text(): Promise<string>;
};

/** The fetch signature providers use; the standard `fetch` satisfies it. */
export type FetchFunction = (input: string, init: HttpRequestInit) => Promise<HttpResponse>;

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
  // undici's request() rather than its fetch(): fetch ties every call to a FinalizationRegistry and
  // web streams, whose objects survive young-generation GCs and showed up as multi-millisecond
  // scavenge pauses in the overhead benchmark.
  const pooledFetch: FetchFunction = async (input, init) => {
    const url = new URL(input);
    const response = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: init.method,
      headers: init.headers,
      body: init.body ?? null,
      signal: init.signal ?? null,
    });
    return new UndiciHttpResponse(response);
  };
  return { fetch: pooledFetch, timeouts, close: () => agent.close() };
}

class UndiciHttpResponse implements HttpResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: { get(name: string): string | null };
  readonly body: Dispatcher.ResponseData['body'];

  constructor({ statusCode, headers, body }: Dispatcher.ResponseData) {
    this.status = statusCode;
    this.ok = statusCode >= 200 && statusCode < 300;
    this.body = body;
    this.headers = {
      get: (name: string) => {
        const value = headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  text(): Promise<string> {
    return this.body.text();
  }
}
