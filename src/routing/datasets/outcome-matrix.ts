import type { Dataset } from './load-dataset.js';
import { estimateCallCostUsd } from './estimate-cost.js';
import type { DatasetSplit, OutcomeRecord } from './outcome-schema.js';

/**
 * A dense view of some records for learning and evaluation: row `i`, model `j` is at
 * `i * modelIds.length + j`. Missing outcomes are `NaN` in both `scores` and `costsUsd`.
 */
export type OutcomeMatrix = {
  readonly ids: readonly string[];
  readonly tasks: readonly string[];
  readonly prompts: readonly string[];
  readonly modelIds: readonly string[];
  readonly scores: Float64Array;
  /** Recorded `costUsd`, or the estimate when the dataset has none (see `costSource`). */
  readonly costsUsd: Float64Array;
  /** Per model: `'recorded'` when every present outcome had `costUsd`, else `'estimated'` or `'mixed'`. */
  readonly costSource: Readonly<Record<string, 'recorded' | 'estimated' | 'mixed'>>;
};

/** Options of {@link buildOutcomeMatrix}. */
export type BuildOutcomeMatrixOptions = {
  dataset: Pick<Dataset, 'modelsFile' | 'modelIds' | 'records'>;
  /** Keep only this split. Defaults to every record. */
  split?: DatasetSplit;
};

/**
 * Builds an {@link OutcomeMatrix}. When an outcome lacks `costUsd`, its cost is estimated with
 * {@link estimateCallCostUsd} from `models.json` prices (recorded token counts when present, else
 * `ceil(characters / 4)` input tokens and the default output tokens). An outcome whose cost can be
 * neither read nor estimated makes the function throw, naming the model.
 */
export function buildOutcomeMatrix({ dataset, split }: BuildOutcomeMatrixOptions): OutcomeMatrix {
  const records: OutcomeRecord[] = dataset.records.filter(
    (record) => split === undefined || record.split === split,
  );
  const modelIds = dataset.modelIds;
  const modelCount = modelIds.length;
  const scores = new Float64Array(records.length * modelCount).fill(Number.NaN);
  const costsUsd = new Float64Array(records.length * modelCount).fill(Number.NaN);
  const recordedCount = new Array<number>(modelCount).fill(0);
  const estimatedCount = new Array<number>(modelCount).fill(0);
  records.forEach((record, row) => {
    modelIds.forEach((modelId, column) => {
      const outcome = record.outcomes[modelId];
      if (outcome === undefined) return;
      let cost = outcome.costUsd;
      if (cost === undefined) {
        cost = estimateCallCostUsd({
          prompt: record.prompt,
          modelInfo: dataset.modelsFile.models[modelId],
          ...(outcome.inputTokens === undefined ? {} : { inputTokens: outcome.inputTokens }),
          ...(outcome.outputTokens === undefined ? {} : { outputTokens: outcome.outputTokens }),
        });
        if (cost === undefined) {
          throw new Error(
            `Outcome of "${modelId}" on "${record.id}" has no costUsd and models.json has no prices for it; add inputUsdPerMillionTokens and outputUsdPerMillionTokens.`,
          );
        }
        estimatedCount[column] = (estimatedCount[column] ?? 0) + 1;
      } else {
        recordedCount[column] = (recordedCount[column] ?? 0) + 1;
      }
      scores[row * modelCount + column] = outcome.score;
      costsUsd[row * modelCount + column] = cost;
    });
  });
  const costSource: Record<string, 'recorded' | 'estimated' | 'mixed'> = {};
  modelIds.forEach((modelId, column) => {
    const estimated = estimatedCount[column] ?? 0;
    costSource[modelId] =
      estimated === 0 ? 'recorded' : (recordedCount[column] ?? 0) === 0 ? 'estimated' : 'mixed';
  });
  return {
    ids: records.map((record) => record.id),
    tasks: records.map((record) => record.task),
    prompts: records.map((record) => record.prompt),
    modelIds,
    scores,
    costsUsd,
    costSource,
  };
}

/** The rows of a matrix selected by `rows` (in that order), as a new matrix. */
export function selectMatrixRows({
  matrix,
  rows,
}: {
  matrix: OutcomeMatrix;
  rows: ArrayLike<number>;
}): OutcomeMatrix {
  const modelCount = matrix.modelIds.length;
  const scores = new Float64Array(rows.length * modelCount);
  const costsUsd = new Float64Array(rows.length * modelCount);
  const ids: string[] = [];
  const tasks: string[] = [];
  const prompts: string[] = [];
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index] ?? 0;
    scores.set(
      matrix.scores.subarray(row * modelCount, (row + 1) * modelCount),
      index * modelCount,
    );
    costsUsd.set(
      matrix.costsUsd.subarray(row * modelCount, (row + 1) * modelCount),
      index * modelCount,
    );
    ids.push(matrix.ids[row] ?? '');
    tasks.push(matrix.tasks[row] ?? '');
    prompts.push(matrix.prompts[row] ?? '');
  }
  return {
    ids,
    tasks,
    prompts,
    modelIds: matrix.modelIds,
    scores,
    costsUsd,
    costSource: matrix.costSource,
  };
}
