import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestLogRecord } from './request-log-store.js';
import { createSqliteRequestLogStore } from './sqlite-request-log-store.js';

function record(overrides: Partial<RequestLogRecord> = {}): RequestLogRecord {
  return {
    requestId: 'req_1',
    startedAtMs: 1_700_000_000_000,
    keyId: 'team-a',
    dialect: 'openai-chat',
    requestedModel: 'fast',
    modelId: 'gpt-4o-mini',
    provider: 'openai',
    vendorModel: 'gpt-4o-mini',
    isStream: true,
    statusCode: 200,
    errorCode: undefined,
    errorMessage: undefined,
    finishReason: 'stop',
    inputTokens: 12,
    outputTokens: 34,
    cachedInputTokens: 4,
    reasoningTokens: undefined,
    latencyMs: 123.5,
    firstByteMs: 45.25,
    warnings: ["unsupported setting 'seed'"],
    content: undefined,
    route: 'auto',
    decision: { route: 'auto', targets: ['gpt-4o-mini'], reason: 'cheapest eligible' },
    ...overrides,
  };
}

describe('createSqliteRequestLogStore', () => {
  it('adds the route and decision columns to a log file written by an earlier version', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'switchyard-log-')), 'old.db');
    const { default: Database } = await import('better-sqlite3');
    const old = new Database(path);
    old.exec(`CREATE TABLE request_log (request_id TEXT PRIMARY KEY, started_at_ms INTEGER NOT NULL,
      key_id TEXT, dialect TEXT NOT NULL, requested_model TEXT NOT NULL, model_id TEXT, provider TEXT,
      vendor_model TEXT, is_stream INTEGER NOT NULL, status_code INTEGER NOT NULL, error_code TEXT,
      error_message TEXT, finish_reason TEXT, input_tokens INTEGER, output_tokens INTEGER,
      cached_input_tokens INTEGER, reasoning_tokens INTEGER, latency_ms REAL NOT NULL,
      first_byte_ms REAL, warnings TEXT NOT NULL, content TEXT)`);
    old.close();
    const store = createSqliteRequestLogStore({ path });
    store.append(record({ requestId: 'req_new' }));
    store.append(
      record({ requestId: 'req_shape', decision: { route: 'direct', task: undefined, rank: [1] } }),
    );
    // A field without a value comes back as null: every decision has the same shape.
    expect((await store.get('req_shape'))?.decision).toEqual({
      route: 'direct',
      task: null,
      rank: [1],
    });
    const read = await store.get('req_new');
    expect(read?.route).toBe('auto');
    expect(read?.decision).toEqual({
      route: 'auto',
      targets: ['gpt-4o-mini'],
      reason: 'cheapest eligible',
    });
    await store.close();
  });

  it('writes appended records in the background and reads them back unchanged', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'switchyard-log-')), 'data', 'switchyard.db');
    const store = createSqliteRequestLogStore({ path });
    store.append(record());
    store.append(
      record({
        requestId: 'req_2',
        startedAtMs: 1_700_000_000_500,
        keyId: 'team-b',
        statusCode: 502,
        errorCode: 'upstream_error',
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(await store.get('req_1')).toEqual(record());
    expect((await store.list()).map((item) => item.requestId)).toEqual(['req_2', 'req_1']);
    expect((await store.list({ keyId: 'team-b' })).map((item) => item.errorCode)).toEqual([
      'upstream_error',
    ]);
    await store.close();
    const reopened = createSqliteRequestLogStore({ path });
    expect(await reopened.get('req_2')).toMatchObject({ statusCode: 502 });
    await reopened.close();
  });

  it('flushes a full batch at once and everything buffered on close', async () => {
    const store = createSqliteRequestLogStore({ path: ':memory:', maxBatchSize: 2 });
    for (let index = 0; index < 5; index++)
      store.append(record({ requestId: `req_${index}`, startedAtMs: index }));
    expect((await store.list({ limit: 10 })).length).toBe(5);
    await store.close();
  });
});
