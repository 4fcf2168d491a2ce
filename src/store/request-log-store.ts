/** The inbound API a request arrived on. */
export type Dialect =
  | 'openai-chat'
  | 'openai-responses'
  | 'openai-embeddings'
  | 'anthropic-messages'
  | 'anthropic-count-tokens';

/** One finished request, as recorded in the request log. */
export type RequestLogRecord = {
  readonly requestId: string;
  /** When the request arrived, in ms since the epoch. */
  readonly startedAtMs: number;
  /** The gateway API key's id, never the key; undefined when auth is off. */
  readonly keyId: string | undefined;
  readonly dialect: Dialect;
  /** The model name the client asked for. */
  readonly requestedModel: string;
  /** The configured model that served it, when one was chosen. */
  readonly modelId: string | undefined;
  readonly provider: string | undefined;
  /** The vendor's model name. */
  readonly vendorModel: string | undefined;
  readonly isStream: boolean;
  /** HTTP status returned to the client. */
  readonly statusCode: number;
  readonly errorCode: string | undefined;
  readonly errorMessage: string | undefined;
  readonly finishReason: string | undefined;
  readonly inputTokens: number | undefined;
  readonly outputTokens: number | undefined;
  readonly cachedInputTokens: number | undefined;
  readonly reasoningTokens: number | undefined;
  /** Total time until the last byte, in ms. */
  readonly latencyMs: number;
  /** Time until the first streamed byte, in ms (streams only). */
  readonly firstByteMs: number | undefined;
  readonly warnings: ReadonlyArray<string>;
  /** Prompt and answer text, only when `requestLog.storeContent` is on; size-capped. */
  readonly content: string | undefined;
  /** The route asked for (`auto`, ...), or `direct` when the client named a model. */
  readonly route: string | undefined;
  /** The routing decision with its reasons, as JSON-ready data (`GET /v1/decisions/{id}`). */
  readonly decision: Readonly<Record<string, unknown>> | undefined;
};

/** Filters for reading the log. */
export type RequestLogQuery = {
  /** Most recent first; defaults to 100. */
  readonly limit?: number;
  readonly keyId?: string;
};

/**
 * Storage of the request log. `append` must not block the request path: implementations buffer
 * and write in batches. The SQLite store is the default; a PostgreSQL one implements the same.
 */
export type RequestLogStore = {
  append(record: RequestLogRecord): void;
  list(query?: RequestLogQuery): Promise<RequestLogRecord[]>;
  get(requestId: string): Promise<RequestLogRecord | undefined>;
  /** Writes everything buffered. */
  flush(): Promise<void>;
  close(): Promise<void>;
};
