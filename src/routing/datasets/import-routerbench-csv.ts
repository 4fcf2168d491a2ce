import { readFile } from 'node:fs/promises';
import type { DatasetLineIssue } from './dataset-error.js';
import { DatasetError } from './dataset-error.js';
import { formatZodIssues } from './load-outcomes.js';
import { outcomeRecordSchema, type DatasetSplit, type OutcomeRecord } from './outcome-schema.js';
import { parseCsv } from './parse-csv.js';
import { parsePythonStringList } from './parse-python-string-list.js';

const COST_SUFFIX = '|total_cost';
const RESPONSE_SUFFIX = '|model_response';

/** Options of {@link importRouterBenchCsv}. */
export type ImportRouterBenchCsvOptions = {
  /** The CSV text. */
  text: string;
  /** The split every row goes to. */
  split: DatasetSplit;
  /** Task used when the row has no `eval_name` column. Defaults to `'unknown'`. */
  defaultTask?: string;
  /** Prefix of generated ids when the row has no `sample_id`. Defaults to `'row'`. */
  idPrefix?: string;
};

/** Records converted from a RouterBench CSV, and the rows that could not be converted. */
export type ImportRouterBenchCsvResult = {
  readonly records: OutcomeRecord[];
  readonly modelIds: string[];
  /** `lineNumber` is the 1-based data row number (the header is row 0). */
  readonly issues: DatasetLineIssue[];
};

/** Python list literals (`['a', 'b']`) become their elements joined by blank lines. */
function unwrapListLiteral(text: string): string {
  const items = parsePythonStringList(text);
  return items === undefined ? text : items.join('\n\n');
}

/**
 * Converts a RouterBench-style CSV (a `prompt` column, one score column per model, and
 * `<model>|total_cost` and `<model>|model_response` columns) into outcome records (FORMAT.md).
 * Models are the columns `X` for which `X|total_cost` or `X|model_response` exists. Optional
 * columns: `sample_id` (the id) and `eval_name` (the task). Blank scores drop that model's outcome.
 */
export function importRouterBenchCsv({
  text,
  split,
  defaultTask = 'unknown',
  idPrefix = 'row',
}: ImportRouterBenchCsvOptions): ImportRouterBenchCsvResult {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) return { records: [], modelIds: [], issues: [] };
  const column = new Map(header.map((name, index) => [name.trim(), index]));
  const promptIndex = column.get('prompt');
  if (promptIndex === undefined) {
    throw new DatasetError({ message: 'RouterBench CSV has no "prompt" column.', path: '(csv)' });
  }
  const modelIds = header
    .map((name) => name.trim())
    .filter(
      (name) =>
        !name.includes('|') &&
        (column.has(name + COST_SUFFIX) || column.has(name + RESPONSE_SUFFIX)),
    );
  const records: OutcomeRecord[] = [];
  const issues: DatasetLineIssue[] = [];
  rows.forEach((row, rowIndex) => {
    const lineNumber = rowIndex + 1;
    if (row.length === 1 && row[0] === '') return;
    const cell = (name: string): string | undefined => {
      const index = column.get(name);
      return index === undefined ? undefined : row[index];
    };
    const outcomes: Record<string, Record<string, unknown>> = {};
    for (const modelId of modelIds) {
      const scoreText = cell(modelId)?.trim() ?? '';
      if (scoreText === '') continue;
      const outcome: Record<string, unknown> = { score: Number(scoreText) };
      const costText = cell(modelId + COST_SUFFIX)?.trim() ?? '';
      if (costText !== '') outcome.costUsd = Number(costText);
      const response = cell(modelId + RESPONSE_SUFFIX);
      if (response !== undefined && response !== '') outcome.response = unwrapListLiteral(response);
      outcomes[modelId] = outcome;
    }
    const candidate = {
      id: cell('sample_id')?.trim() || `${idPrefix}.${lineNumber}`,
      task: cell('eval_name')?.trim() || defaultTask,
      split,
      prompt: unwrapListLiteral(row[promptIndex] ?? ''),
      outcomes,
    };
    const result = outcomeRecordSchema.safeParse(candidate);
    if (result.success) records.push(result.data);
    else issues.push({ lineNumber, reason: formatZodIssues(result.error) });
  });
  return { records, modelIds, issues };
}

/** Reads a RouterBench CSV file; see {@link importRouterBenchCsv}. */
export async function importRouterBenchCsvFile({
  path,
  ...options
}: Omit<ImportRouterBenchCsvOptions, 'text'> & {
  path: string;
}): Promise<ImportRouterBenchCsvResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DatasetError({
      message: `RouterBench CSV not found or unreadable: ${path}.`,
      path,
      cause: error,
    });
  }
  return importRouterBenchCsv({ text, ...options });
}

/** Serialises records as `outcomes.jsonl` text (one JSON object a line). */
export function formatOutcomesJsonl(records: readonly OutcomeRecord[]): string {
  return (
    records.map((record) => JSON.stringify(record)).join('\n') + (records.length > 0 ? '\n' : '')
  );
}
