import { mkdir, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { DatasetError } from '../datasets/dataset-error.js';
import { loadDataset, type Dataset } from '../datasets/load-dataset.js';
import { buildOutcomeMatrix } from '../datasets/outcome-matrix.js';
import {
  computeTaskBalancedWeights,
  computeTradeOffSummaries,
  findBestSingleModel,
  summarizeSingleModels,
  type OutcomeTable,
} from '../evaluation/routing-outcomes.js';
import type { ProgressEvent } from '../evaluation/progress-bar.js';
import { fitSphericalKMeans } from './cluster-table.js';
import {
  crossValidate,
  poolCrossValidationRuns,
  repeatOutcomeTable,
  scoreCandidates,
  type BaseSetting,
} from './cross-validate.js';
import { DEFAULT_FEATURE_CONFIG, type FeatureConfig } from './feature-extractor.js';
import { chooseOperatingPoints, matchHalfCostPoint } from './operating-points.js';
import { createRouterArtifact, formatRouterArtifact } from './router-artifact.js';
import type { RouterArtifact } from './router-artifact-schema.js';
import {
  createPredictionBuffers,
  fitRouterModel,
  fitTaskClassifier,
  predictWithRouterModel,
  type RouterModel,
  type RouterTrainingData,
} from './router-model.js';
import { createSeededRandom } from './seeded-random.js';
import { prepareTrainingData } from './training-data.js';

/** Hyper-parameter settings tried by cross-validation (each residual setting with every residual weight). */
export const DEFAULT_CANDIDATE_SETTINGS: readonly BaseSetting[] = [
  { tableSmoothing: 5, residualL2: null, residualEpochs: 0, residualLearningRate: 0 },
  { tableSmoothing: 5, residualL2: 1e-3, residualEpochs: 3, residualLearningRate: 0.02 },
  { tableSmoothing: 5, residualL2: 1e-4, residualEpochs: 3, residualLearningRate: 0.02 },
];

/** Residual weights tried for every residual setting. */
export const DEFAULT_RESIDUAL_WEIGHTS: readonly number[] = [0.25, 0.5, 1];

/**
 * k-means clusters of the cluster table (0 = none). 32 and 64 tied in train CV (pooled 2 × 5-fold,
 * fold seeds 1 and 3: routerbench-subset 0.8065/0.8061 vs 0.8064/0.8064, llmrouter-14task
 * 0.6475/0.6469 vs 0.6479/0.6465); 32 costs half as much on the hot path.
 */
export const DEFAULT_CLUSTER_COUNT = 32;
/** Softmax temperatures over cosine similarities tried for the cluster table. */
export const DEFAULT_CLUSTER_TEMPERATURES: readonly number[] = [0.05, 0.1];
/** Weights of the cluster estimate tried (0, the task table alone, is always tried). */
export const DEFAULT_CLUSTER_WEIGHTS: readonly number[] = [0.25, 0.5];

/**
 * Ridge penalties of the within-task dense-feature trend tried (see `DenseTaskModel`). In 5-fold CV
 * inside train (2 fold seeds), penalties 1 and 3 at weights 0.5–1 raised llmrouter-14task's hull
 * (APGR +0.01–0.025) and lowered routerbench-subset's, where CV then keeps weight 0.
 */
export const DEFAULT_DENSE_RIDGES: readonly number[] = [1, 3];
/** Weights of the dense-feature trend tried (0, none, is always tried). */
export const DEFAULT_DENSE_WEIGHTS: readonly number[] = [0.5, 1];

/**
 * Repeated cross-validation runs pooled for model and operating-point selection. One 5-fold run's
 * winner and λ moved with the fold seed (`reports/learned-router/experiments.md`); pooling two
 * runs steadied the chosen λ (llmrouter-14task: best-single-quality λ 0.112–0.158 over fold seeds
 * 1–3 with one run, 0.100–0.112 with two) for twice the cross-validation time (well under 60 s).
 */
export const DEFAULT_CV_REPEATS = 2;

/**
 * Largest cost fraction of the best single model's cost the half-cost operating point may spend on
 * `train` (see `matchHalfCostPoint`). Nested check inside train (outer fold seed 13): at 0.5 the
 * re-read point stayed within half the cost on unseen folds 4/5 (routerbench-subset) and 3/5
 * (llmrouter-14task), at 0.45 on 5/5 and 5/5.
 */
export const DEFAULT_HALF_COST_CAP = 0.45;

/**
 * How cross-validation rows are weighted when candidates and operating points are chosen:
 * `task-balanced` gives every task the same total weight (the test mix is unknown and may differ
 * from `train`'s), `natural` weighs every prompt the same.
 */
export type CrossValidationWeighting = 'task-balanced' | 'natural';

/** Options of {@link trainRouterOnDataset}. */
export type TrainRouterOnDatasetOptions = {
  dataset: Dataset;
  /** Seed of folds and SGD order. Defaults to 1. */
  seed?: number;
  /** Cross-validation folds inside `train`. Defaults to 5. */
  folds?: number;
  /**
   * Cross-validation runs with different fold seeds (`seed`, `seed + 1`, ...) whose out-of-fold
   * predictions are pooled before candidates and operating points are chosen. Defaults to
   * {@link DEFAULT_CV_REPEATS}.
   */
  cvRepeats?: number;
  features?: FeatureConfig;
  settings?: readonly BaseSetting[];
  residualWeights?: readonly number[];
  /** Clusters of the cluster table; 0 trains none. Defaults to {@link DEFAULT_CLUSTER_COUNT}. */
  clusterCount?: number;
  clusterTemperatures?: readonly number[];
  clusterWeights?: readonly number[];
  /** Ridge penalties of the dense-feature trend tried; empty trains none. */
  denseRidges?: readonly number[];
  denseWeights?: readonly number[];
  /** Defaults to `task-balanced`. */
  weighting?: CrossValidationWeighting;
  onProgress?: (event: ProgressEvent) => void;
  /** Clock for `createdAt` and timings. Defaults to `() => new Date()`. */
  now?: () => Date;
};

/**
 * Trains a learned router on the `train` split of a dataset: features, K-fold cross-validation
 * over the hyper-parameter settings (selection by the out-of-fold cost–quality hull between the
 * cheapest and the best single model), operating points on the winner's out-of-fold curve, and a
 * final fit on all of `train`. Never reads the `test` split.
 */
export function trainRouterOnDataset({
  dataset,
  seed = 1,
  folds = 5,
  cvRepeats = DEFAULT_CV_REPEATS,
  features = DEFAULT_FEATURE_CONFIG,
  settings = DEFAULT_CANDIDATE_SETTINGS,
  residualWeights = DEFAULT_RESIDUAL_WEIGHTS,
  clusterCount = DEFAULT_CLUSTER_COUNT,
  clusterTemperatures = DEFAULT_CLUSTER_TEMPERATURES,
  clusterWeights = DEFAULT_CLUSTER_WEIGHTS,
  denseRidges = DEFAULT_DENSE_RIDGES,
  denseWeights = DEFAULT_DENSE_WEIGHTS,
  weighting = 'task-balanced',
  onProgress,
  now = () => new Date(),
}: TrainRouterOnDatasetOptions): RouterArtifact {
  const startedMs = now().getTime();
  const matrix = buildOutcomeMatrix({ dataset, split: 'train' });
  if (matrix.ids.length < folds * 2) {
    throw new DatasetError({
      message: `The train split of ${dataset.dataDir} has ${matrix.ids.length} prompts; at least ${folds * 2} are needed for ${folds}-fold cross-validation. Add outcomes with "split": "train".`,
      path: dataset.dataDir,
    });
  }
  onProgress?.({ phase: 'features', done: 0, total: 1 });
  const prepared = prepareTrainingData({ matrix, features });
  onProgress?.({ phase: 'features', done: 1, total: 1 });
  const shared = {
    features,
    inverseDocumentFrequency: prepared.inverseDocumentFrequency,
    dimension: prepared.dimension,
  };
  // Unsupervised (no scores, no task labels), so fitting it once on all of `train` leaks nothing
  // into the folds; the per-cluster score tables are fitted inside each fold.
  const centroids =
    clusterCount > 0
      ? fitSphericalKMeans({
          vectors: prepared.data.vectors,
          hashSize: 2 ** features.hashBits,
          dimension: prepared.dimension,
          clusterCount,
          iterations: 8,
          random: createSeededRandom(seed + 7),
        })
      : null;
  const repeats = Math.max(1, Math.floor(cvRepeats));
  const runs = Array.from({ length: repeats }, (_, repeat) =>
    crossValidate({
      data: prepared.data,
      shared,
      settings,
      folds,
      seed: seed + repeat,
      centroids,
      clusterTemperatures,
      denseRidges,
      onFold: (done, total) =>
        onProgress?.({
          phase: 'cross-validation',
          done: repeat * total + done,
          total: repeats * total,
        }),
    }),
  );
  const { predictions, clusterParts, denseParts } = poolCrossValidationRuns(runs);
  const oneCopy = {
    rowCount: matrix.ids.length,
    modelCount: matrix.modelIds.length,
    scores: matrix.scores,
    costsUsd: matrix.costsUsd,
    ...(weighting === 'task-balanced'
      ? { rowWeights: computeTaskBalancedWeights(prepared.data.taskLabels) }
      : {}),
  };
  const table = repeatOutcomeTable(oneCopy, repeats);
  const scored = scoreCandidates({
    table,
    predictions,
    residualWeights,
    clusterParts,
    clusterWeights,
    denseParts,
    denseWeights,
  });
  const singles = summarizeSingleModels(table);
  const bestSingle = singles[findBestSingleModel(singles)];
  if (scored === null || bestSingle === undefined)
    throw new DatasetError({
      message: `The train split of ${dataset.dataDir} has no model outcomes.`,
      path: dataset.dataDir,
    });
  const { winner } = scored;
  // The stacked copies share their outcomes: scale the margin back to one copy's standard error.
  const crossValidatedPoints = chooseOperatingPoints({
    curve: winner.curve,
    bestSingle,
    table,
    safetyZ: Math.sqrt(repeats),
  });
  onProgress?.({ phase: 'final-fit', done: 0, total: 1 });
  const random = createSeededRandom(seed);
  const taskClassifier = fitTaskClassifier({
    data: prepared.data,
    dimension: prepared.dimension,
    random,
  });
  const model = fitRouterModel({
    data: prepared.data,
    hyperParameters: winner.hyperParameters,
    shared: {
      features,
      inverseDocumentFrequency: prepared.inverseDocumentFrequency,
      taskClassifier,
    },
    centroids,
    random,
  });
  const operatingPoints = matchFinalModelCosts({
    model,
    data: prepared.data,
    table: oneCopy,
    points: crossValidatedPoints,
    crossValidatedBestSingleCostUsd: bestSingle.totalCostUsd,
  });
  onProgress?.({ phase: 'final-fit', done: 1, total: 1 });
  const finished = now();
  return createRouterArtifact({
    model,
    operatingPoints,
    training: {
      dataset: basename(resolve(dataset.dataDir)),
      trainRows: matrix.ids.length,
      folds,
      cvRepeats: repeats,
      seed,
      hyperParameters: winner.hyperParameters,
      candidates: scored.candidates.map((candidate) => ({
        hyperParameters: candidate.hyperParameters,
        criterion: candidate.criterion,
      })),
      trainingMs: finished.getTime() - startedMs,
      ...(matrix.excludedModels.length > 0 ? { excludedModels: [...matrix.excludedModels] } : {}),
    },
    createdAt: finished.toISOString(),
  });
}

/**
 * The final model's half-cost λ: its curve over the `train` prompts (weighted like `table`, and
 * unweighted) read by the cross-validated point's cost; see `matchHalfCostPoint`.
 */
function matchFinalModelCosts({
  model,
  data,
  table,
  points,
  crossValidatedBestSingleCostUsd,
}: {
  model: RouterModel;
  data: RouterTrainingData;
  table: OutcomeTable;
  points: ReturnType<typeof chooseOperatingPoints>;
  crossValidatedBestSingleCostUsd: number;
}): ReturnType<typeof chooseOperatingPoints> {
  const modelCount = model.modelIds.length;
  const predictedQuality = new Float64Array(table.rowCount * modelCount);
  const predictedCostUsd = new Float64Array(table.rowCount * modelCount);
  const buffers = createPredictionBuffers(model);
  const quality = new Float64Array(modelCount);
  const costUsd = new Float64Array(modelCount);
  data.vectors.forEach((vector, row) => {
    predictWithRouterModel({
      model,
      vector,
      promptLength: data.promptLengths[row] ?? 0,
      buffers,
      quality,
      costUsd,
    });
    predictedQuality.set(quality, row * modelCount);
    predictedCostUsd.set(costUsd, row * modelCount);
  });
  const predictions = { predictedQuality, predictedCostUsd, costScaleUsd: model.costScaleUsd };
  const natural: OutcomeTable = {
    rowCount: table.rowCount,
    modelCount: table.modelCount,
    scores: table.scores,
    costsUsd: table.costsUsd,
  };
  const bestCost = (outcomes: OutcomeTable): number => {
    const singles = summarizeSingleModels(outcomes);
    return singles[findBestSingleModel(singles)]?.totalCostUsd ?? Number.NaN;
  };
  return matchHalfCostPoint({
    points,
    crossValidatedBestSingleCostUsd,
    curve: computeTradeOffSummaries({ table, predictions }),
    bestSingleCostUsd: bestCost(table),
    naturalCurve: computeTradeOffSummaries({ table: natural, predictions }),
    naturalBestSingleCostUsd: bestCost(natural),
    costCap: DEFAULT_HALF_COST_CAP,
  });
}

/** Options of {@link trainRouter}. */
export type TrainRouterOptions = Omit<TrainRouterOnDatasetOptions, 'dataset'> & {
  /** Dataset folder (FORMAT.md). */
  dataDir: string;
  /** Where to write the artifact (JSON); parent folders are created. */
  outFile: string;
};

/** What {@link trainRouter} did. */
export type TrainRouterSummary = {
  readonly outFile: string;
  readonly contentHash: string;
  readonly artifactBytes: number;
  readonly trainRows: number;
  readonly modelIds: readonly string[];
  readonly tasks: readonly string[];
  readonly hyperParameters: RouterArtifact['training']['hyperParameters'];
  readonly candidates: RouterArtifact['training']['candidates'];
  readonly operatingPoints: RouterArtifact['operatingPoints'];
  readonly trainingMs: number;
  readonly excludedModels: readonly { readonly modelId: string; readonly reason: string }[];
};

/** `switchyard router train --data DIR --out FILE`: trains on `train` and writes the artifact. */
export async function trainRouter({
  dataDir,
  outFile,
  ...options
}: TrainRouterOptions): Promise<TrainRouterSummary> {
  options.onProgress?.({ phase: 'load', done: 0, total: 1 });
  const dataset = await loadDataset({ dataDir });
  options.onProgress?.({ phase: 'load', done: 1, total: 1 });
  const artifact = trainRouterOnDataset({ dataset, ...options });
  const text = formatRouterArtifact(artifact);
  await mkdir(dirname(resolve(outFile)), { recursive: true });
  // Write then rename, so a watcher never reads a half-written artifact.
  const temporary = `${outFile}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, outFile);
  return {
    outFile,
    contentHash: artifact.contentHash,
    artifactBytes: Buffer.byteLength(text),
    trainRows: artifact.training.trainRows,
    modelIds: artifact.models.map((entry) => entry.id),
    tasks: artifact.tasks,
    hyperParameters: artifact.training.hyperParameters,
    candidates: artifact.training.candidates,
    operatingPoints: artifact.operatingPoints,
    trainingMs: artifact.training.trainingMs,
    excludedModels: artifact.training.excludedModels ?? [],
  };
}
