import { open, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { safeParseJson } from '../provider-utils/index.js';

/** Name of the work file inside `--out DIR`: one line per finished (task, model) item. */
export const WORK_FILE_NAME = 'eval-work.jsonl';

/** A scored item: the model answered and the answer was scored. */
export const evalResultLineSchema = z.object({
  type: z.literal('result'),
  id: z.string(),
  model: z.string(),
  fingerprint: z.string(),
  score: z.number().min(0).max(1),
  details: z.string().optional(),
  response: z.string(),
  inputTokens: z.int().nonnegative(),
  outputTokens: z.int().nonnegative(),
  latencyMs: z.number().nonnegative(),
  costUsd: z.number().nonnegative().optional(),
  judgeCostUsd: z.number().nonnegative().optional(),
});

/** An item that failed: the model call (after the gateway's retries) or the scoring. */
export const evalErrorLineSchema = z.object({
  type: z.literal('error'),
  id: z.string(),
  model: z.string(),
  fingerprint: z.string(),
  stage: z.enum(['call', 'score']),
  message: z.string(),
  judgeCostUsd: z.number().nonnegative().optional(),
});

const workLineSchema = z.discriminatedUnion('type', [evalResultLineSchema, evalErrorLineSchema]);

export type EvalResultLine = z.infer<typeof evalResultLineSchema>;
export type EvalErrorLine = z.infer<typeof evalErrorLineSchema>;
export type EvalWorkLine = z.infer<typeof workLineSchema>;

/** The key of a (task id, model) pair. */
export function workKey({ id, model }: { id: string; model: string }): string {
  return JSON.stringify([id, model]);
}

/** What a work file holds: the latest line per pair, and how many lines could not be read. */
export type WorkFileState = {
  readonly latest: Map<string, EvalWorkLine>;
  readonly unreadableLines: number;
};

/**
 * Reads a work file; a missing file is empty. Later lines replace earlier ones of the same pair,
 * except that an error never replaces a result. Unreadable lines (a line cut off when the process
 * was killed) are counted and skipped, so their items run again.
 */
export async function readWorkFile(path: string): Promise<WorkFileState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT')
      return { latest: new Map(), unreadableLines: 0 };
    throw error;
  }
  const latest = new Map<string, EvalWorkLine>();
  let unreadableLines = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = safeParseJson({ text: line, schema: workLineSchema });
    if (!parsed.success) {
      unreadableLines += 1;
      continue;
    }
    recordWorkLine({ latest, line: parsed.value });
  }
  return { latest, unreadableLines };
}

/** Adds a line to the latest-per-pair map (an error never replaces a result). */
export function recordWorkLine({
  latest,
  line,
}: {
  latest: Map<string, EvalWorkLine>;
  line: EvalWorkLine;
}): void {
  const key = workKey(line);
  const previous = latest.get(key);
  if (
    line.type === 'error' &&
    previous?.type === 'result' &&
    previous.fingerprint === line.fingerprint
  )
    return;
  latest.set(key, line);
}

/** Appends lines to the work file one whole line at a time, in order. */
export type WorkFileWriter = {
  append(line: EvalWorkLine): Promise<void>;
  /** Waits for every pending line, then closes the file. */
  close(): Promise<void>;
};

/** Opens the work file for appending (creating it), first ending any cut-off last line. */
export async function openWorkFile(path: string): Promise<WorkFileWriter> {
  const handle = await open(path, 'a+');
  const { size } = await handle.stat();
  if (size > 0) {
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    // A line cut off by a kill would otherwise swallow the next result.
    if (last.toString('utf8') !== '\n') await handle.appendFile('\n');
  }
  let pending: Promise<void> = Promise.resolve();
  return {
    append(line) {
      const next = pending.then(() => handle.appendFile(`${JSON.stringify(line)}\n`, 'utf8'));
      pending = next.catch(() => undefined);
      return next;
    },
    async close() {
      await pending;
      await handle.close();
    },
  };
}
