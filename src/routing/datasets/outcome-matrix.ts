import { DatasetError } from './dataset-error.js';
import type { Dataset } from './load-dataset.js';
import { DEFAULT_OUTPUT_TOKENS, estimateCallCostUsd, estimateTokenCount } from './estimate-cost.js';
import type { DatasetSplit, OutcomeRecord } from './outcome-schema.js';

/** Where a model's costs in an {@link OutcomeMatrix} come from. */
export type CostSource = 'recorded' | 'estimated' | 'mixed';

/** A dataset model left out of an {@link OutcomeMatrix}, and why. */
export type ExcludedModel = { readonly modelId: string; readonly reason: string };

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
  readonly costSource: Readonly<Record<string, CostSource>>;
  /**
   * Dataset models left out because none of their outcomes in these records has a cost and
   * `models.json` has no prices for them: without a cost they cannot be placed on a cost–quality
   * curve. Empty for complete datasets.
   */
  readonly excludedModels: readonly ExcludedModel[];
};

/** Options of {@link buildOutcomeMatrix}. */
export type BuildOutcomeMatrixOptions = {
  dataset: Pick<Dataset, 'modelsFile' | 'modelIds' | 'records'> & { dataDir?: string };
  /** Keep only this split. Defaults to every record. */
  split?: DatasetSplit;
};

/**
 * Builds an {@link OutcomeMatrix}. When an outcome lacks `costUsd`, its cost is estimated:
 * with {@link estimateCallCostUsd} from `models.json` prices (recorded token counts when present,
 * else `ceil(characters / 4)` input tokens and the default output tokens); for a model without
 * prices, at the model's own recorded rate (its recorded costs ÷ the same token estimate of those
 * calls). A model with neither prices nor any recorded cost in these records, or without any
 * outcome in them, is left out and listed in `excludedModels`; when that leaves no model, a
 * {@link DatasetError} says what to add.
 */
export function buildOutcomeMatrix({ dataset, split }: BuildOutcomeMatrixOptions): OutcomeMatrix {
  const records: OutcomeRecord[] = dataset.records.filter(
    (record) => split === undefined || record.split === split,
  );
  const tokensOf = (record: OutcomeRecord, modelId: string): number => {
    const outcome = record.outcomes[modelId];
    return (
      (outcome?.inputTokens ?? estimateTokenCount(record.prompt)) +
      (outcome?.outputTokens ?? DEFAULT_OUTPUT_TOKENS)
    );
  };
  // Per model: recorded dollars per estimated token, for outcomes without cost or prices.
  const recordedRate = new Map<string, number>();
  for (const modelId of dataset.modelIds) {
    let dollars = 0;
    let tokens = 0;
    for (const record of records) {
      const cost = record.outcomes[modelId]?.costUsd;
      if (cost === undefined) continue;
      dollars += cost;
      tokens += tokensOf(record, modelId);
    }
    if (tokens > 0) recordedRate.set(modelId, dollars / tokens);
  }
  const excludedModels: ExcludedModel[] = [];
  const modelIds = dataset.modelIds.filter((modelId) => {
    if (!records.some((record) => record.outcomes[modelId] !== undefined)) {
      // Listed in models.json but never answered here: nothing to learn or measure about it.
      excludedModels.push({
        modelId,
        reason: `no outcome${split === undefined ? '' : ` in the ${split} split`}`,
      });
      return false;
    }
    const info = dataset.modelsFile.models[modelId];
    const hasPrices =
      info?.inputUsdPerMillionTokens !== undefined && info.outputUsdPerMillionTokens !== undefined;
    const lacksCost = records.some(
      (record) =>
        record.outcomes[modelId] !== undefined && record.outcomes[modelId].costUsd === undefined,
    );
    if (!lacksCost || hasPrices || recordedRate.has(modelId)) return true;
    excludedModels.push({
      modelId,
      reason:
        'no outcome has costUsd and models.json has no prices for it; add inputUsdPerMillionTokens and outputUsdPerMillionTokens to models.json',
    });
    return false;
  });
  // An empty selection is the caller's to explain (e.g. "the test split is empty").
  if (modelIds.length === 0 && records.length > 0) {
    throw new DatasetError({
      message: `No model of the dataset${dataset.dataDir === undefined ? '' : ` ${dataset.dataDir}`}${split === undefined ? '' : ` (${split} split)`} can be used: ${excludedModels.map((entry) => `"${entry.modelId}": ${entry.reason}`).join('; ')}.`,
      path: dataset.dataDir ?? '',
    });
  }
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
        cost =
          estimateCallCostUsd({
            prompt: record.prompt,
            modelInfo: dataset.modelsFile.models[modelId],
            ...(outcome.inputTokens === undefined ? {} : { inputTokens: outcome.inputTokens }),
            ...(outcome.outputTokens === undefined ? {} : { outputTokens: outcome.outputTokens }),
          }) ?? (recordedRate.get(modelId) ?? 0) * tokensOf(record, modelId);
        estimatedCount[column] = (estimatedCount[column] ?? 0) + 1;
      } else {
        recordedCount[column] = (recordedCount[column] ?? 0) + 1;
      }
      scores[row * modelCount + column] = outcome.score;
      costsUsd[row * modelCount + column] = cost;
    });
  });
  const costSource: Record<string, CostSource> = {};
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
    excludedModels,
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
    excludedModels: matrix.excludedModels,
  };
}
