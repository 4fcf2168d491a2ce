import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { safeParseJson } from '../../provider-utils/index.js';
import { DatasetError, formatDatasetIssues, type DatasetLineIssue } from './dataset-error.js';
import { loadOutcomes } from './load-outcomes.js';
import { modelsFileSchema, type ModelsFile, type OutcomeRecord } from './outcome-schema.js';

/** A routing outcome dataset folder, loaded and validated (FORMAT.md). */
export type Dataset = {
  /** The folder it was read from. */
  readonly dataDir: string;
  /** `models.json`, validated. */
  readonly modelsFile: ModelsFile;
  /** Every valid line of `outcomes.jsonl`, in file order. */
  readonly records: readonly OutcomeRecord[];
  /** Model ids in `models.json` order, then any extra ids seen in outcomes, in order of appearance. */
  readonly modelIds: readonly string[];
  /** Lines that were rejected (empty unless `isStrict` was false). */
  readonly issues: readonly DatasetLineIssue[];
};

/** Options of {@link loadDataset}. */
export type LoadDatasetOptions = {
  /** Folder holding `outcomes.jsonl` and `models.json`. */
  dataDir: string;
  /** Throw a {@link DatasetError} listing every bad line when any line is invalid. Defaults to true. */
  isStrict?: boolean;
};

/** Reads and validates `models.json`. Throws {@link DatasetError} when missing or invalid. */
export async function loadModelsFile({ path }: { path: string }): Promise<ModelsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new DatasetError({
      message: `models.json not found or unreadable: ${path}.`,
      path,
      cause: error,
    });
  }
  const result = safeParseJson({ text, schema: modelsFileSchema });
  if (!result.success) {
    throw new DatasetError({ message: `Invalid ${path}: ${result.error.message}`, path });
  }
  return result.value;
}

/** Loads a dataset folder. Throws {@link DatasetError} when the folder or a file is missing. */
export async function loadDataset({
  dataDir,
  isStrict = true,
}: LoadDatasetOptions): Promise<Dataset> {
  try {
    if (!(await stat(dataDir)).isDirectory()) throw new Error('not a directory');
  } catch (error) {
    throw new DatasetError({
      message: `Dataset folder not found: ${dataDir}. Pass a folder holding outcomes.jsonl and models.json.`,
      path: dataDir,
      cause: error,
    });
  }
  const modelsFile = await loadModelsFile({ path: join(dataDir, 'models.json') });
  const outcomesPath = join(dataDir, 'outcomes.jsonl');
  const { records, issues } = await loadOutcomes({ path: outcomesPath });
  if (isStrict && issues.length > 0) {
    throw new DatasetError({
      message: `${issues.length} invalid line(s) in ${outcomesPath}:\n${formatDatasetIssues({ issues })}`,
      path: outcomesPath,
      issues,
    });
  }
  const modelIds = Object.keys(modelsFile.models);
  const known = new Set(modelIds);
  for (const record of records) {
    for (const modelId of Object.keys(record.outcomes)) {
      if (!known.has(modelId)) {
        known.add(modelId);
        modelIds.push(modelId);
      }
    }
  }
  return { dataDir, modelsFile, records, modelIds, issues };
}
