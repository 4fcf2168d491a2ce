import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { RequestLogQuery, RequestLogRecord, RequestLogStore } from './request-log-store.js';

const schemaSql = `
CREATE TABLE IF NOT EXISTS request_log (
  request_id TEXT PRIMARY KEY,
  started_at_ms INTEGER NOT NULL,
  key_id TEXT,
  dialect TEXT NOT NULL,
  requested_model TEXT NOT NULL,
  model_id TEXT,
  provider TEXT,
  vendor_model TEXT,
  is_stream INTEGER NOT NULL,
  status_code INTEGER NOT NULL,
  error_code TEXT,
  error_message TEXT,
  finish_reason TEXT,
  input_tokens INTEGER,
  output_tokens INTEGER,
  cached_input_tokens INTEGER,
  reasoning_tokens INTEGER,
  latency_ms REAL NOT NULL,
  first_byte_ms REAL,
  warnings TEXT NOT NULL,
  content TEXT,
  route TEXT,
  decision TEXT
);
CREATE INDEX IF NOT EXISTS request_log_started_at ON request_log (started_at_ms);
CREATE INDEX IF NOT EXISTS request_log_key_id ON request_log (key_id, started_at_ms);
`;

type Row = {
  request_id: string;
  started_at_ms: number;
  key_id: string | null;
  dialect: RequestLogRecord['dialect'];
  requested_model: string;
  model_id: string | null;
  provider: string | null;
  vendor_model: string | null;
  is_stream: number;
  status_code: number;
  error_code: string | null;
  error_message: string | null;
  finish_reason: string | null;
  input_tokens: number | null;
  output_tokens: number | null;
  cached_input_tokens: number | null;
  reasoning_tokens: number | null;
  latency_ms: number;
  first_byte_ms: number | null;
  warnings: string;
  content: string | null;
  route: string | null;
  decision: string | null;
};

/** Columns added after the first release, with their types; added to older files on open. */
const ADDED_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['route', 'TEXT'],
  ['decision', 'TEXT'],
];

/**
 * The request log in a SQLite file (WAL mode). Appends are buffered in memory and written in one
 * transaction per batch, on the next tick or when the batch is full, so the request path never
 * waits for the disk.
 */
export function createSqliteRequestLogStore({
  path,
  maxBatchSize = 512,
}: {
  /** File path, or ':memory:'. */
  path: string;
  maxBatchSize?: number;
}): RequestLogStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new Database(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.exec(schemaSql);
  const existing = new Set(
    database
      .prepare<[], { name: string }>("SELECT name FROM pragma_table_info('request_log')")
      .all()
      .map((column) => column.name),
  );
  for (const [name, type] of ADDED_COLUMNS) {
    if (!existing.has(name)) database.exec(`ALTER TABLE request_log ADD COLUMN ${name} ${type}`);
  }
  const insert = database.prepare(`INSERT OR REPLACE INTO request_log (
    request_id, started_at_ms, key_id, dialect, requested_model, model_id, provider, vendor_model,
    is_stream, status_code, error_code, error_message, finish_reason, input_tokens, output_tokens,
    cached_input_tokens, reasoning_tokens, latency_ms, first_byte_ms, warnings, content, route, decision
  ) VALUES (
    @request_id, @started_at_ms, @key_id, @dialect, @requested_model, @model_id, @provider, @vendor_model,
    @is_stream, @status_code, @error_code, @error_message, @finish_reason, @input_tokens, @output_tokens,
    @cached_input_tokens, @reasoning_tokens, @latency_ms, @first_byte_ms, @warnings, @content, @route, @decision)`);
  // Rows are converted (and decisions serialised) at write time, off the request path.
  const insertBatch = database.transaction((records: RequestLogRecord[]) => {
    for (const record of records) insert.run(toRow(record));
  });
  const selectRecent = database.prepare<[number], Row>(
    'SELECT * FROM request_log ORDER BY started_at_ms DESC LIMIT ?',
  );
  const selectRecentByKey = database.prepare<[string, number], Row>(
    'SELECT * FROM request_log WHERE key_id = ? ORDER BY started_at_ms DESC LIMIT ?',
  );
  const selectOne = database.prepare<[string], Row>(
    'SELECT * FROM request_log WHERE request_id = ?',
  );

  let buffer: RequestLogRecord[] = [];
  let scheduled: NodeJS.Immediate | undefined;
  let isClosed = false;
  const writeBuffered = () => {
    scheduled = undefined;
    if (buffer.length === 0 || isClosed) return;
    const rows = buffer;
    buffer = [];
    insertBatch(rows);
  };

  return {
    append(record) {
      if (isClosed) return;
      buffer.push(record);
      if (buffer.length >= maxBatchSize) writeBuffered();
      else scheduled ??= setImmediate(writeBuffered);
    },
    list({ limit = 100, keyId }: RequestLogQuery = {}) {
      writeBuffered();
      const rows =
        keyId === undefined ? selectRecent.all(limit) : selectRecentByKey.all(keyId, limit);
      return Promise.resolve(rows.map(fromRow));
    },
    get(requestId) {
      writeBuffered();
      const row = selectOne.get(requestId);
      return Promise.resolve(row ? fromRow(row) : undefined);
    },
    flush() {
      writeBuffered();
      return Promise.resolve();
    },
    close() {
      if (scheduled) clearImmediate(scheduled);
      writeBuffered();
      isClosed = true;
      database.close();
      return Promise.resolve();
    },
  };
}

function toRow(record: RequestLogRecord): Row {
  return {
    request_id: record.requestId,
    started_at_ms: record.startedAtMs,
    key_id: record.keyId ?? null,
    dialect: record.dialect,
    requested_model: record.requestedModel,
    model_id: record.modelId ?? null,
    provider: record.provider ?? null,
    vendor_model: record.vendorModel ?? null,
    is_stream: record.isStream ? 1 : 0,
    status_code: record.statusCode,
    error_code: record.errorCode ?? null,
    error_message: record.errorMessage ?? null,
    finish_reason: record.finishReason ?? null,
    input_tokens: record.inputTokens ?? null,
    output_tokens: record.outputTokens ?? null,
    cached_input_tokens: record.cachedInputTokens ?? null,
    reasoning_tokens: record.reasoningTokens ?? null,
    latency_ms: record.latencyMs,
    first_byte_ms: record.firstByteMs ?? null,
    warnings: JSON.stringify(record.warnings),
    content: record.content ?? null,
    route: record.route ?? null,
    // Fields without a value are stored as null, so every decision read back has the same shape.
    decision:
      record.decision === undefined
        ? null
        : JSON.stringify(record.decision, (_key, value: unknown) => value ?? null),
  };
}

function fromRow(row: Row): RequestLogRecord {
  const warnings: unknown = JSON.parse(row.warnings);
  return {
    requestId: row.request_id,
    startedAtMs: row.started_at_ms,
    keyId: row.key_id ?? undefined,
    dialect: row.dialect,
    requestedModel: row.requested_model,
    modelId: row.model_id ?? undefined,
    provider: row.provider ?? undefined,
    vendorModel: row.vendor_model ?? undefined,
    isStream: row.is_stream === 1,
    statusCode: row.status_code,
    errorCode: row.error_code ?? undefined,
    errorMessage: row.error_message ?? undefined,
    finishReason: row.finish_reason ?? undefined,
    inputTokens: row.input_tokens ?? undefined,
    outputTokens: row.output_tokens ?? undefined,
    cachedInputTokens: row.cached_input_tokens ?? undefined,
    reasoningTokens: row.reasoning_tokens ?? undefined,
    latencyMs: row.latency_ms,
    firstByteMs: row.first_byte_ms ?? undefined,
    warnings: Array.isArray(warnings) ? warnings.map(String) : [],
    content: row.content ?? undefined,
    route: row.route ?? undefined,
    decision:
      row.decision === null ? undefined : (JSON.parse(row.decision) as Record<string, unknown>),
  };
}
