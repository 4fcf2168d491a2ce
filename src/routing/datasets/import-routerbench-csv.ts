import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DatasetLineIssue } from './dataset-error.js';
import { DatasetError, formatDatasetIssues } from './dataset-error.js';
import { formatZodIssues, type OutcomeLine } from './load-outcomes.js';
import {
  outcomeRecordSchema,
  type DatasetSplit,
  type ModelsFile,
  type OutcomeRecord,
} from './outcome-schema.js';
import { createCsvParser, CsvSyntaxError, parseCsv } from './parse-csv.js';
import { parsePythonStringList } from './parse-python-string-list.js';
import { assignSplit, type SplitRule } from './split-by-id.js';

const COST_SUFFIX = '|total_cost';
const RESPONSE_SUFFIX = '|model_response';

/** Options shared by the RouterBench importers. */
export type RouterBenchImportOptions = {
  /** The split of every row, or the rule assigning one per row. */
  split: SplitRule;
  /** Task used when the row has no `eval_name` column. Defaults to `'unknown'`. */
  defaultTask?: string;
  /** Prefix of generated ids when the row has no `sample_id`. Defaults to `'row'`. */
  idPrefix?: string;
};

/** Options of {@link importRouterBenchCsv}. */
export type ImportRouterBenchCsvOptions = RouterBenchImportOptions & {
  /** The CSV text. */
  text: string;
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
 * Reads a RouterBench header: the models are the columns `X` for which `X|total_cost` or
 * `X|model_response` exists. Returns a converter of data rows into outcome lines.
 */
function createRowConverter({
  header,
  split,
  defaultTask = 'unknown',
  idPrefix = 'row',
  path,
}: RouterBenchImportOptions & { header: readonly string[]; path: string }): {
  modelIds: string[];
  convert: (row: readonly string[], lineNumber: number) => OutcomeLine | undefined;
} {
  const column = new Map(header.map((name, index) => [name.trim(), index]));
  const promptIndex = column.get('prompt');
  if (promptIndex === undefined) {
    throw new DatasetError({
      message: `RouterBench CSV ${path} has no "prompt" column; its header is: ${header.slice(0, 12).join(', ')}${header.length > 12 ? ', …' : ''}.`,
      path,
    });
  }
  const modelIds = header
    .map((name) => name.trim())
    .filter(
      (name) =>
        !name.includes('|') &&
        (column.has(name + COST_SUFFIX) || column.has(name + RESPONSE_SUFFIX)),
    );
  const convert = (row: readonly string[], lineNumber: number): OutcomeLine | undefined => {
    if (row.length === 1 && row[0] === '') return undefined;
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
    const id = cell('sample_id')?.trim() || `${idPrefix}.${lineNumber}`;
    const candidate = {
      id,
      task: cell('eval_name')?.trim() || defaultTask,
      split: assignSplit(id, split),
      prompt: unwrapListLiteral(row[promptIndex] ?? ''),
      outcomes,
    };
    const result = outcomeRecordSchema.safeParse(candidate);
    return result.success
      ? { type: 'record', lineNumber, record: result.data }
      : { type: 'issue', lineNumber, reason: formatZodIssues(result.error) };
  };
  return { modelIds, convert };
}

/**
 * Converts a RouterBench-style CSV text (a `prompt` column, one score column per model, and
 * `<model>|total_cost` and `<model>|model_response` columns) into outcome records (FORMAT.md).
 * Optional columns: `sample_id` (the id) and `eval_name` (the task). Blank scores drop that
 * model's outcome. For files, {@link readRouterBenchCsv} streams instead.
 */
export function importRouterBenchCsv({
  text,
  ...options
}: ImportRouterBenchCsvOptions): ImportRouterBenchCsvResult {
  const [header, ...rows] = parseCsv(text);
  if (header === undefined) return { records: [], modelIds: [], issues: [] };
  const { modelIds, convert } = createRowConverter({ ...options, header, path: '(csv)' });
  const records: OutcomeRecord[] = [];
  const issues: DatasetLineIssue[] = [];
  rows.forEach((row, rowIndex) => {
    const line = convert(row, rowIndex + 1);
    if (line?.type === 'record') records.push(line.record);
    else if (line?.type === 'issue')
      issues.push({ lineNumber: line.lineNumber, reason: line.reason });
  });
  return { records, modelIds, issues };
}

/**
 * Streams a RouterBench CSV file row by row (memory holds one row): calls `onHeader` with the
 * model ids, then yields every data row as a record or an issue (`lineNumber` = data row number).
 * Throws {@link DatasetError} when the file is missing, has no `prompt` column or an unclosed quote.
 */
export async function* readRouterBenchCsv({
  path,
  onHeader,
  ...options
}: RouterBenchImportOptions & {
  path: string;
  onHeader?: (modelIds: readonly string[]) => void;
}): AsyncGenerator<OutcomeLine> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a regular file');
  } catch (error) {
    throw new DatasetError({
      message: `RouterBench CSV not found or unreadable: ${path}.`,
      path,
      cause: error,
    });
  }
  const parser = createCsvParser();
  let converter: ReturnType<typeof createRowConverter> | undefined;
  let dataRow = 0;
  const convertRows = function* (rows: string[][]): Generator<OutcomeLine> {
    for (const row of rows) {
      if (converter === undefined) {
        converter = createRowConverter({ ...options, header: row, path });
        onHeader?.(converter.modelIds);
        continue;
      }
      dataRow += 1;
      const line = converter.convert(row, dataRow);
      if (line !== undefined) yield line;
    }
  };
  try {
    for await (const chunk of createReadStream(path, { encoding: 'utf8' }))
      yield* convertRows(parser.push(chunk as string));
    yield* convertRows(parser.end());
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      throw new DatasetError({ message: `${path}: ${error.message}`, path, cause: error });
    throw error;
  }
  if (converter === undefined)
    throw new DatasetError({ message: `RouterBench CSV ${path} is empty.`, path });
}

/** Options of {@link importRouterBenchDataset}. */
export type ImportRouterBenchDatasetOptions = RouterBenchImportOptions & {
  csvPath: string;
  /** Dataset folder to write (created); must not already hold an `outcomes.jsonl`. */
  outDir: string;
  /** Import the valid rows and list the others, instead of writing nothing when any row is bad. */
  skipInvalid?: boolean;
  /** Clock for the README. Defaults to `() => new Date()`. */
  now?: () => Date;
};

/** What {@link importRouterBenchDataset} wrote. */
export type ImportRouterBenchDatasetSummary = {
  readonly rows: number;
  readonly records: number;
  readonly splits: Readonly<Record<DatasetSplit, number>>;
  readonly tasks: number;
  readonly modelIds: readonly string[];
  /** Models none of whose outcomes has a cost: they need prices in models.json to be routed. */
  readonly modelsWithoutCost: readonly string[];
  /** Rows left out (only with `skipInvalid`). */
  readonly skipped: readonly DatasetLineIssue[];
};

/**
 * `switchyard dataset import`: converts a RouterBench CSV into a dataset folder (FORMAT.md):
 * `outcomes.jsonl` (streamed: any size of file), `models.json` (the models, vendor read from an
 * `owner/` prefix; no prices, since the CSV records costs) and `README.md` (source and split rule).
 * Rows that fail validation or repeat an id stop the import with every one listed, and nothing is
 * written, unless `skipInvalid`.
 */
export async function importRouterBenchDataset({
  csvPath,
  outDir,
  skipInvalid = false,
  now = () => new Date(),
  ...options
}: ImportRouterBenchDatasetOptions): Promise<ImportRouterBenchDatasetSummary> {
  const outcomesPath = join(outDir, 'outcomes.jsonl');
  if (
    await stat(outcomesPath).then(
      () => true,
      () => false,
    )
  )
    throw new DatasetError({
      message: `${outcomesPath} already exists; import into a new folder (or remove it first).`,
      path: outcomesPath,
    });
  await mkdir(outDir, { recursive: true });
  const temporary = `${outcomesPath}.${process.pid}.tmp`;
  const output = createWriteStream(temporary, { encoding: 'utf8' });
  let modelIds: readonly string[] = [];
  const issues: DatasetLineIssue[] = [];
  // Ids as keys of a plain object, not in a Set: a key is stored as its own (internalised) copy,
  // while a Set would keep each id as a slice of the 64 KB chunk it was read from, and with it the
  // whole file in memory.
  const seenIds: Record<string, true> = Object.create(null) as Record<string, true>;
  const splits: Record<DatasetSplit, number> = { train: 0, test: 0 };
  const tasks = new Set<string>();
  const costed = new Set<string>();
  let rows = 0;
  let records = 0;
  try {
    for await (const line of readRouterBenchCsv({
      path: csvPath,
      onHeader: (ids) => {
        modelIds = ids;
      },
      ...options,
    })) {
      rows += 1;
      if (line.type === 'issue') {
        issues.push({ lineNumber: line.lineNumber, reason: line.reason });
        continue;
      }
      const { record } = line;
      if (seenIds[record.id] === true) {
        issues.push({
          lineNumber: line.lineNumber,
          reason: `id "${record.id}" repeats an earlier row`,
        });
        continue;
      }
      seenIds[record.id] = true;
      splits[record.split] += 1;
      tasks.add(record.task);
      for (const [modelId, outcome] of Object.entries(record.outcomes))
        if (outcome.costUsd !== undefined) costed.add(modelId);
      records += 1;
      if (!output.write(`${JSON.stringify(record)}\n`)) await once(output, 'drain');
    }
    output.end();
    await once(output, 'finish');
    if (modelIds.length === 0)
      throw new DatasetError({
        message: `RouterBench CSV ${csvPath} names no model: a model is a column X with an X|total_cost or X|model_response column beside it.`,
        path: csvPath,
      });
    if (issues.length > 0 && (!skipInvalid || records === 0))
      throw new DatasetError({
        message: `${issues.length} of ${rows} rows of ${csvPath} could not be imported (row numbers count data rows; the header is row 0)${skipInvalid ? '' : '; nothing was written. Fix them, or pass --skip-invalid to import the rest'}:\n${formatDatasetIssues({ issues })}`,
        path: csvPath,
        issues,
      });
    if (records === 0)
      throw new DatasetError({
        message: `RouterBench CSV ${csvPath} has no data rows.`,
        path: csvPath,
      });
    await rename(temporary, outcomesPath);
  } catch (error) {
    output.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  const modelsFile: ModelsFile = {
    models: Object.fromEntries(
      modelIds.map((id) => [id, id.includes('/') ? { vendor: id.slice(0, id.indexOf('/')) } : {}]),
    ),
  };
  await writeFile(join(outDir, 'models.json'), `${JSON.stringify(modelsFile, null, 2)}\n`, 'utf8');
  const modelsWithoutCost = modelIds.filter((id) => !costed.has(id));
  const rule = options.split;
  await writeFile(
    join(outDir, 'README.md'),
    [
      `# ${basename(outDir)}`,
      '',
      `Imported from \`${basename(csvPath)}\` (a RouterBench-style CSV) by \`switchyard dataset import\` on ${now().toISOString()}.`,
      '',
      `- ${records} prompts, ${tasks.size} tasks, ${modelIds.length} models.`,
      typeof rule === 'string'
        ? `- Every row is in the \`${rule}\` split.`
        : `- Split: a row goes to \`test\` when a hash of its id (SHA-256${rule.seed === undefined ? '' : `, seed ${rule.seed}`}, see \`idHashFraction\`) falls at or above ${1 - rule.testFraction}: ${splits.train} train, ${splits.test} test. Re-importing gives the same split.`,
      "- Scores, costs (`|total_cost`) and responses (`|model_response`) are the CSV's; `models.json` has no prices.",
      ...(modelsWithoutCost.length > 0
        ? [
            `- No cost was recorded for ${modelsWithoutCost.map((id) => `\`${id}\``).join(', ')}: add its prices to \`models.json\` or it is left out of training and evaluation.`,
          ]
        : []),
      ...(issues.length > 0
        ? [
            `- ${issues.length} rows were left out (\`--skip-invalid\`):`,
            formatDatasetIssues({ issues }),
          ]
        : []),
      '',
    ].join('\n'),
    'utf8',
  );
  return { rows, records, splits, tasks: tasks.size, modelIds, modelsWithoutCost, skipped: issues };
}
