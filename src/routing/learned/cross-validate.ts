import { computeApgr } from '../evaluation/cost-quality-hull.js';
import {
  computeTradeOffCurve,
  computeTradeOffSummaries,
  findBestSingleModel,
  findCheapestModel,
  summarizeSingleModels,
  type CurvePoint,
  type OutcomeTable,
} from '../evaluation/routing-outcomes.js';
import { fitClusterTable, predictClusterQuality } from './cluster-table.js';
import {
  fitDenseTaskModel,
  predictDenseTaskAdjustment,
  readDenseFeatures,
} from './dense-task-model.js';
import { DENSE_FEATURE_COUNT, type SparseVector } from './feature-extractor.js';
import { predictLinear, softmaxInPlace, type LinearModel } from './linear-model.js';
import {
  createPredictionBuffers,
  fitRouterModel,
  fitTaskClassifier,
  fitTaskTable,
  predictWithRouterModel,
  type RouterHyperParameters,
  type RouterModel,
  type RouterTrainingData,
} from './router-model.js';
import { assignFolds, createSeededRandom } from './seeded-random.js';

/** The quality parts {@link scoreCandidates} mixes; set per candidate. */
type MixedParameters =
  | 'residualWeight'
  | 'clusterCount'
  | 'clusterTemperature'
  | 'clusterWeight'
  | 'denseRidge'
  | 'denseWeight';

/** A base setting of the cross-validation (the mixing weights are chosen afterwards). */
export type BaseSetting = Omit<RouterHyperParameters, MixedParameters>;

/** Out-of-fold predictions of one hyper-parameter setting (quality split into its two parts). */
export type OutOfFoldPredictions = {
  readonly hyperParameters: BaseSetting;
  readonly tablePart: Float64Array;
  readonly residualPart: Float64Array;
  readonly costUsd: Float64Array;
  readonly costScaleUsd: number;
};

/** Out-of-fold cluster estimates (row-major by model) at one softmax temperature. */
export type OutOfFoldClusterPart = {
  readonly clusterCount: number;
  readonly temperature: number;
  readonly part: Float64Array;
};

/** Out-of-fold within-task dense-feature adjustments (row-major by model, unweighted) at one ridge penalty. */
export type OutOfFoldDensePart = {
  readonly ridge: number;
  readonly part: Float64Array;
};

/** One evaluated candidate of the model selection. */
export type CandidateResult = {
  readonly hyperParameters: RouterHyperParameters;
  /** Selection criterion: mean of the out-of-fold hull over the costs from the cheapest to the best single model. */
  readonly criterion: number;
  readonly apgr: number;
};

/** Highest quality among curve points costing at most `budgetUsd` (any point when none does). */
function bestQualityWithin(
  points: readonly { costUsd: number; quality: number }[],
  budgetUsd: number,
): number {
  let best = -Infinity;
  for (const point of points)
    if (point.costUsd <= budgetUsd * (1 + 1e-9) + 1e-12) best = Math.max(best, point.quality);
  return Number.isFinite(best) ? best : Math.max(...points.map((point) => point.quality));
}

/** Every candidate's criterion, and the winner with its out-of-fold curve (choices included). */
export type CandidateScores = {
  readonly candidates: CandidateResult[];
  /** Highest criterion; on a tie (within 1e-12) the earlier, simpler candidate. */
  readonly winner: CandidateResult & { readonly curve: CurvePoint[] };
};

function selectRows(data: RouterTrainingData, rows: readonly number[]): RouterTrainingData {
  const modelCount = data.modelIds.length;
  const pick = (values: Float64Array): Float64Array => {
    const out = new Float64Array(rows.length * modelCount);
    rows.forEach((row, index) =>
      out.set(values.subarray(row * modelCount, (row + 1) * modelCount), index * modelCount),
    );
    return out;
  };
  return {
    vectors: rows
      .map((row) => data.vectors[row])
      .filter((vector): vector is SparseVector => vector !== undefined),
    promptLengths: Float64Array.from(rows, (row) => data.promptLengths[row] ?? 0),
    taskLabels: Int32Array.from(rows, (row) => data.taskLabels[row] ?? 0),
    taskNames: data.taskNames,
    modelIds: data.modelIds,
    scores: pick(data.scores),
    costsUsd: pick(data.costsUsd),
  };
}

/**
 * K-fold cross-validation on `train`: for each fold, fits on the other folds and predicts the fold,
 * for every hyper-parameter setting. The task classifier is shared by the settings of a fold.
 */
export function crossValidate({
  data,
  shared,
  settings,
  folds,
  seed,
  centroids = null,
  clusterTemperatures = [],
  denseRidges = [],
  onFold,
}: {
  data: RouterTrainingData;
  shared: Pick<RouterModel, 'features' | 'inverseDocumentFrequency'> & { dimension: number };
  settings: readonly BaseSetting[];
  folds: number;
  seed: number;
  /** k-means centroids fitted (without labels) on all of `train`; the cluster tables are fitted per fold. */
  centroids?: LinearModel | null;
  clusterTemperatures?: readonly number[];
  /** Ridge penalties of the within-task dense-feature trend to predict out of fold. */
  denseRidges?: readonly number[];
  onFold?: (done: number, total: number) => void;
}): {
  predictions: OutOfFoldPredictions[];
  clusterParts: OutOfFoldClusterPart[];
  denseParts: OutOfFoldDensePart[];
} {
  const rowCount = data.taskLabels.length;
  const modelCount = data.modelIds.length;
  const assignment = assignFolds({
    count: rowCount,
    folds,
    random: createSeededRandom(seed),
    groups: Array.from(data.taskLabels, (label) => String(label)),
  });
  const results = settings.map((hyperParameters) => ({
    hyperParameters,
    tablePart: new Float64Array(rowCount * modelCount),
    residualPart: new Float64Array(rowCount * modelCount),
    costUsd: new Float64Array(rowCount * modelCount),
    costScaleUsd: 0,
  }));
  const clusterParts: OutOfFoldClusterPart[] =
    centroids === null
      ? []
      : clusterTemperatures.map((temperature) => ({
          clusterCount: centroids.outputCount,
          temperature,
          part: new Float64Array(rowCount * modelCount),
        }));
  const denseParts: OutOfFoldDensePart[] = denseRidges.map((ridge) => ({
    ridge,
    part: new Float64Array(rowCount * modelCount),
  }));
  const taskProbabilities = new Float64Array(data.taskNames.length);
  const dense = new Float64Array(DENSE_FEATURE_COUNT);
  const similarities = new Float64Array(centroids?.outputCount ?? 0);
  const rawSimilarities = new Float64Array(centroids?.outputCount ?? 0);
  const quality = new Float64Array(modelCount);
  const cost = new Float64Array(modelCount);
  for (let fold = 0; fold < folds; fold += 1) {
    const inRows: number[] = [];
    const outRows: number[] = [];
    for (let row = 0; row < rowCount; row += 1)
      (assignment[row] === fold ? outRows : inRows).push(row);
    const foldData = selectRows(data, inRows);
    const random = createSeededRandom(seed * 1000 + fold);
    if (centroids !== null) {
      const table = fitClusterTable({
        centroids,
        vectors: foldData.vectors,
        scores: foldData.scores,
        modelCount,
        smoothing: settings[0]?.tableSmoothing ?? 5,
      });
      for (const row of outRows) {
        const vector = data.vectors[row];
        if (vector === undefined) continue;
        predictLinear({ model: centroids, vector, out: rawSimilarities });
        for (const clusterPart of clusterParts) {
          similarities.set(rawSimilarities);
          predictClusterQuality({
            clusters: { centroids, table, temperature: clusterPart.temperature },
            similarities,
            offset: 0,
            modelCount,
            out: quality,
          });
          clusterPart.part.set(quality, row * modelCount);
        }
      }
    }
    const taskClassifier = fitTaskClassifier({
      data: foldData,
      dimension: shared.dimension,
      random,
    });
    if (denseParts.length > 0) {
      const taskCount = data.taskNames.length;
      const taskTable = fitTaskTable({
        data: foldData,
        smoothing: settings[0]?.tableSmoothing ?? 5,
      });
      const fitted = denseParts.map((densePart) =>
        fitDenseTaskModel({
          vectors: foldData.vectors,
          taskLabels: foldData.taskLabels,
          taskCount,
          modelCount,
          scores: foldData.scores,
          taskTable,
          ridge: densePart.ridge,
        }),
      );
      for (const row of outRows) {
        const vector = data.vectors[row];
        if (vector === undefined) continue;
        predictLinear({ model: taskClassifier, vector, out: taskProbabilities });
        softmaxInPlace(taskProbabilities, taskCount);
        readDenseFeatures(vector, dense);
        fitted.forEach((model, index) => {
          predictDenseTaskAdjustment({
            model,
            dense,
            taskProbabilities,
            taskCount,
            modelCount,
            out: quality,
          });
          denseParts[index]?.part.set(quality, row * modelCount);
        });
      }
    }
    for (const result of results) {
      const model = fitRouterModel({
        data: foldData,
        hyperParameters: {
          ...result.hyperParameters,
          residualWeight: 1,
          clusterCount: 0,
          clusterTemperature: 0,
          clusterWeight: 0,
          denseRidge: 0,
          denseWeight: 0,
        },
        shared: {
          features: shared.features,
          inverseDocumentFrequency: shared.inverseDocumentFrequency,
          taskClassifier,
        },
        random,
      });
      const tableOnly: RouterModel = { ...model, residual: null, residualWeight: 0 };
      const buffers = createPredictionBuffers(model);
      result.costScaleUsd += model.costScaleUsd / folds;
      for (const row of outRows) {
        const vector = data.vectors[row];
        if (vector === undefined) continue;
        const promptLength = data.promptLengths[row] ?? 0;
        predictWithRouterModel({
          model: tableOnly,
          vector,
          promptLength,
          buffers,
          quality,
          costUsd: cost,
        });
        result.tablePart.set(quality, row * modelCount);
        result.costUsd.set(cost, row * modelCount);
        if (model.residual !== null) {
          predictWithRouterModel({ model, vector, promptLength, buffers, quality, costUsd: cost });
          for (let index = 0; index < modelCount; index += 1) {
            result.residualPart[row * modelCount + index] =
              (quality[index] ?? 0) - (result.tablePart[row * modelCount + index] ?? 0);
          }
        }
      }
    }
    onFold?.(fold + 1, folds);
  }
  return { predictions: results, clusterParts, denseParts };
}

/** What {@link crossValidate} returns. */
export type CrossValidationRun = ReturnType<typeof crossValidate>;

/**
 * Pools repeated cross-validation runs (same rows and settings, other fold seeds) into one run
 * over `runs.length` stacked copies of the rows: row `copy * rowCount + row` holds copy `copy`'s
 * out-of-fold prediction for `row`. Pair it with {@link repeatOutcomeTable}.
 */
export function poolCrossValidationRuns(runs: readonly CrossValidationRun[]): CrossValidationRun {
  const first = runs[0];
  if (first === undefined) throw new Error('poolCrossValidationRuns needs at least one run.');
  if (runs.length === 1) return first;
  const concat = (arrays: readonly Float64Array[]): Float64Array => {
    const out = new Float64Array(arrays.reduce((total, array) => total + array.length, 0));
    let offset = 0;
    for (const array of arrays) {
      out.set(array, offset);
      offset += array.length;
    }
    return out;
  };
  return {
    predictions: first.predictions.map((prediction, index) => {
      const all = runs.map((run) => run.predictions[index] ?? prediction);
      return {
        hyperParameters: prediction.hyperParameters,
        tablePart: concat(all.map((entry) => entry.tablePart)),
        residualPart: concat(all.map((entry) => entry.residualPart)),
        costUsd: concat(all.map((entry) => entry.costUsd)),
        costScaleUsd: all.reduce((total, entry) => total + entry.costScaleUsd, 0) / all.length,
      };
    }),
    clusterParts: first.clusterParts.map((clusterPart, index) => ({
      ...clusterPart,
      part: concat(runs.map((run) => run.clusterParts[index]?.part ?? clusterPart.part)),
    })),
    denseParts: first.denseParts.map((densePart, index) => ({
      ...densePart,
      part: concat(runs.map((run) => run.denseParts[index]?.part ?? densePart.part)),
    })),
  };
}

/**
 * The outcome table stacked `copies` times, each copy's row weights divided by `copies`: mean
 * scores and total costs are those of one copy, and standard errors computed over the stacked rows
 * come out `√copies` too small (scale any margin by `√copies`).
 */
export function repeatOutcomeTable(table: OutcomeTable, copies: number): OutcomeTable {
  if (copies === 1) return table;
  const repeat = (values: Float64Array): Float64Array => {
    const out = new Float64Array(values.length * copies);
    for (let copy = 0; copy < copies; copy += 1) out.set(values, copy * values.length);
    return out;
  };
  const weights = table.rowWeights ?? new Float64Array(table.rowCount).fill(1);
  return {
    rowCount: table.rowCount * copies,
    modelCount: table.modelCount,
    scores: repeat(table.scores),
    costsUsd: repeat(table.costsUsd),
    rowWeights: repeat(weights).map((weight) => weight / copies),
  };
}

/**
 * Scores every (setting, residual weight, cluster temperature, cluster weight, dense ridge, dense
 * weight) combination on the out-of-fold curve of `train` (weighted by `table.rowWeights` when given).
 */
export function scoreCandidates({
  table,
  predictions,
  residualWeights,
  clusterParts = [],
  clusterWeights = [],
  denseParts = [],
  denseWeights = [],
}: {
  table: OutcomeTable;
  predictions: readonly OutOfFoldPredictions[];
  residualWeights: readonly number[];
  clusterParts?: readonly OutOfFoldClusterPart[];
  clusterWeights?: readonly number[];
  denseParts?: readonly OutOfFoldDensePart[];
  denseWeights?: readonly number[];
}): CandidateScores | null {
  const singles = summarizeSingleModels(table);
  const best = singles[findBestSingleModel(singles)];
  const weak = singles[findCheapestModel(singles)];
  if (best === undefined || weak === undefined) return null;
  const strongPoint = { costUsd: best.totalCostUsd, quality: best.meanScore };
  const weakPoint = { costUsd: weak.totalCostUsd, quality: weak.meanScore };
  const mixes: { part: OutOfFoldClusterPart | null; weight: number }[] = [
    { part: null, weight: 0 },
  ];
  for (const part of clusterParts)
    for (const weight of clusterWeights) if (weight > 0) mixes.push({ part, weight });
  const denseMixes: { part: OutOfFoldDensePart | null; weight: number }[] = [
    { part: null, weight: 0 },
  ];
  for (const part of denseParts)
    for (const weight of denseWeights) if (weight > 0) denseMixes.push({ part, weight });
  const results: CandidateResult[] = [];
  // Only the leader's curve keeps its per-prompt choices: all of them would take
  // candidates × λs × rows of memory (over a gigabyte on a 5,000-prompt train split).
  let winner:
    | (CandidateResult & {
        predictedQuality: Float64Array;
        costUsd: Float64Array;
        costScaleUsd: number;
      })
    | null = null;
  for (const prediction of predictions) {
    const weights = prediction.hyperParameters.residualL2 === null ? [0] : residualWeights;
    for (const residualWeight of weights) {
      for (const [mix, denseMix] of mixes.flatMap((mix) =>
        denseMixes.map((denseMix) => [mix, denseMix] as const),
      )) {
        const predictedQuality = new Float64Array(prediction.tablePart.length);
        const clusterPart = mix.part?.part;
        const densePart = denseMix.part?.part;
        for (let cell = 0; cell < predictedQuality.length; cell += 1) {
          predictedQuality[cell] =
            (1 - mix.weight) * (prediction.tablePart[cell] ?? 0) +
            mix.weight * (clusterPart?.[cell] ?? 0) +
            residualWeight * (prediction.residualPart[cell] ?? 0) +
            denseMix.weight * (densePart?.[cell] ?? 0);
        }
        const curve = computeTradeOffSummaries({
          table,
          predictions: {
            predictedQuality,
            predictedCostUsd: prediction.costUsd,
            costScaleUsd: prediction.costScaleUsd,
          },
        });
        const points = curve.map((point) => ({
          costUsd: point.totalCostUsd,
          quality: point.meanScore,
        }));
        const apgr = computeApgr({ points, weak: weakPoint, strong: strongPoint });
        // APGR is undefined when the best single model is also the cheapest (one model, or all
        // free): then the best quality the curve reaches within the best model's cost.
        const criterion = Number.isFinite(apgr)
          ? weakPoint.quality + apgr * (strongPoint.quality - weakPoint.quality)
          : bestQualityWithin(points, strongPoint.costUsd);
        const result: CandidateResult = {
          hyperParameters: {
            ...prediction.hyperParameters,
            residualWeight,
            clusterCount: mix.part?.clusterCount ?? 0,
            clusterTemperature: mix.part?.temperature ?? 0,
            clusterWeight: mix.weight,
            denseRidge: denseMix.part?.ridge ?? 0,
            denseWeight: denseMix.weight,
          },
          criterion,
          apgr,
        };
        results.push(result);
        if (winner === null || result.criterion > winner.criterion + 1e-12)
          winner = {
            ...result,
            predictedQuality,
            costUsd: prediction.costUsd,
            costScaleUsd: prediction.costScaleUsd,
          };
      }
    }
  }
  if (winner === null) return null;
  const { predictedQuality, costUsd, costScaleUsd, ...result } = winner;
  const curve = computeTradeOffCurve({
    table,
    predictions: { predictedQuality, predictedCostUsd: costUsd, costScaleUsd },
  });
  return { candidates: results, winner: { ...result, curve } };
}
