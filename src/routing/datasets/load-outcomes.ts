import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { safeParseJson } from '../../provider-utils/index.js';
import { DatasetError, type DatasetLineIssue } from './dataset-error.js';
import { outcomeRecordSchema, type OutcomeRecord } from './outcome-schema.js';

/** One line of an outcomes file: a validated record, or the reason it was rejected. */
export type OutcomeLine =
  | { readonly type: 'record'; readonly lineNumber: number; readonly record: OutcomeRecord }
  | { readonly type: 'issue'; readonly lineNumber: number; readonly reason: string };

/** Result of {@link loadOutcomes}: the valid records and every rejected line. */
export type LoadOutcomesResult = {
  readonly records: OutcomeRecord[];
  readonly issues: DatasetLineIssue[];
};

/** Formats every zod issue of one value as `path: message; path: message`. */
export function formatZodIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Validates one line of text as an outcome record. Blank lines yield `undefined`. */
export function parseOutcomeLine({
  text,
  lineNumber,
}: {
  text: string;
  lineNumber: number;
}): OutcomeLine | undefined {
  if (text.trim() === '') return undefined;
  const json = safeParseJson({ text, schema: z.unknown() });
  if (!json.success)
    return { type: 'issue', lineNumber, reason: `invalid JSON: ${json.error.message}` };
  const result = outcomeRecordSchema.safeParse(json.value);
  if (!result.success) return { type: 'issue', lineNumber, reason: formatZodIssues(result.error) };
  return { type: 'record', lineNumber, record: result.data };
}

async function assertFile(path: string): Promise<void> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
  } catch (error) {
    throw new DatasetError({
      message: `Dataset file not found or unreadable: ${path}. Check the path (a dataset folder holds outcomes.jsonl and models.json).`,
      path,
      cause: error,
    });
  }
}

/**
 * Streams an `outcomes.jsonl` file line by line (constant memory per line), validating each line
 * with zod. Rejected lines are yielded as issues with their 1-based line number, never thrown.
 * Duplicate ids are reported as issues too.
 */
export async function* readOutcomeLines({ path }: { path: string }): AsyncGenerator<OutcomeLine> {
  await assertFile(path);
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  const seenIds = new Map<string, number>();
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber += 1;
    const line = parseOutcomeLine({ text, lineNumber });
    if (line === undefined) continue;
    if (line.type === 'record') {
      const firstLine = seenIds.get(line.record.id);
      if (firstLine !== undefined) {
        yield {
          type: 'issue',
          lineNumber,
          reason: `duplicate id "${line.record.id}" (first on line ${firstLine})`,
        };
        continue;
      }
      seenIds.set(line.record.id, lineNumber);
    }
    yield line;
  }
}

/** Reads a whole outcomes file, collecting valid records and every rejected line. */
export async function loadOutcomes({ path }: { path: string }): Promise<LoadOutcomesResult> {
  const records: OutcomeRecord[] = [];
  const issues: DatasetLineIssue[] = [];
  for await (const line of readOutcomeLines({ path })) {
    if (line.type === 'record') records.push(line.record);
    else issues.push({ lineNumber: line.lineNumber, reason: line.reason });
  }
  return { records, issues };
}
