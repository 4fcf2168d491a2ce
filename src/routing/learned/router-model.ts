import {
  fitClusterTable,
  predictClusterQuality,
  type ClusterQualityModel,
} from './cluster-table.js';
import {
  fitDenseTaskModel,
  predictDenseTaskAdjustment,
  readDenseFeatures,
  type DenseTaskModel,
} from './dense-task-model.js';
import { DENSE_FEATURE_COUNT, type FeatureConfig, type SparseVector } from './feature-extractor.js';
import {
  predictLinear,
  softmaxInPlace,
  trainLinearRegression,
  trainSoftmaxClassifier,
  type LinearModel,
} from './linear-model.js';
import type { RandomSource } from './seeded-random.js';

/**
 * Everything the router needs to predict quality and cost for a prompt. Quality of model `m`:
 * `Σ_t p(t|x) · taskTable[t, m] + residualWeight · residual_m(x)` (with the task table part
 * optionally blended with a cluster table, plus an optional within-task dense-feature trend), where
 * `p(t|x)` is the task classifier's softmax. Cost of model `m`: `costPerCharacterUsd[m] · characters +
 * Σ_t p(t|x) · costPerTaskUsd[t, m]`.
 */
export type RouterModel = {
  readonly modelIds: readonly string[];
  readonly taskNames: readonly string[];
  readonly features: FeatureConfig;
  readonly inverseDocumentFrequency: Float32Array;
  readonly taskClassifier: LinearModel;
  /** Smoothed mean score per task and model, task-major (`task * modelCount + model`). */
  readonly taskTable: Float32Array;
  readonly residual: LinearModel | null;
  readonly residualWeight: number;
  /** Optional compressed nearest-neighbour estimate blended with the task table. */
  readonly clusters: ClusterQualityModel | null;
  /** Optional within-task trend on the dense features, added to the quality. */
  readonly denseTask: DenseTaskModel | null;
  readonly costPerCharacterUsd: Float32Array;
  readonly costPerTaskUsd: Float32Array;
  /**
   * Typical cost of a call (mean over training prompts and models), the unit of the trade-off; 1
   * when every recorded cost is 0.
   */
  readonly costScaleUsd: number;
};

/** Hyper-parameters of {@link fitRouterModel}. */
export type RouterHyperParameters = {
  /** Pseudo-count pulling each task's mean score toward the model's overall mean. */
  tableSmoothing: number;
  /** L2 penalty of the per-model residual regression; `null` trains no residual (table only). */
  residualL2: number | null;
  residualEpochs: number;
  residualLearningRate: number;
  /** Weight of the residual in the quality prediction. */
  residualWeight: number;
  /** Number of k-means clusters of the cluster table; 0 = no cluster table. */
  clusterCount: number;
  /** Softmax temperature over cosine similarities to the centroids. */
  clusterTemperature: number;
  /** Weight of the cluster estimate (the task table gets `1 − clusterWeight`). */
  clusterWeight: number;
  /** Ridge penalty of the within-task dense-feature trend (see `DenseTaskModel`). */
  denseRidge: number;
  /** Weight of the dense-feature trend; 0 = none. */
  denseWeight: number;
};

/** Training data of {@link fitRouterModel}: rows are prompts, `scores`/`costsUsd` are row-major by model. */
export type RouterTrainingData = {
  readonly vectors: readonly SparseVector[];
  readonly promptLengths: Float64Array;
  readonly taskLabels: Int32Array;
  readonly taskNames: readonly string[];
  readonly modelIds: readonly string[];
  readonly scores: Float64Array;
  readonly costsUsd: Float64Array;
};

/** Smoothed mean score per task and model (task-major), pulled toward each model's overall mean. */
export function fitTaskTable({
  data,
  smoothing,
}: {
  data: RouterTrainingData;
  smoothing: number;
}): Float32Array {
  const modelCount = data.modelIds.length;
  const taskCount = data.taskNames.length;
  const sums = new Float64Array(taskCount * modelCount);
  const counts = new Float64Array(taskCount * modelCount);
  const overallSum = new Float64Array(modelCount);
  const overallCount = new Float64Array(modelCount);
  for (let row = 0; row < data.taskLabels.length; row += 1) {
    const task = data.taskLabels[row] ?? 0;
    for (let model = 0; model < modelCount; model += 1) {
      const score = data.scores[row * modelCount + model] ?? Number.NaN;
      if (Number.isNaN(score)) continue;
      sums[task * modelCount + model] = (sums[task * modelCount + model] ?? 0) + score;
      counts[task * modelCount + model] = (counts[task * modelCount + model] ?? 0) + 1;
      overallSum[model] = (overallSum[model] ?? 0) + score;
      overallCount[model] = (overallCount[model] ?? 0) + 1;
    }
  }
  const table = new Float32Array(taskCount * modelCount);
  for (let task = 0; task < taskCount; task += 1) {
    for (let model = 0; model < modelCount; model += 1) {
      const prior = (overallSum[model] ?? 0) / Math.max(1, overallCount[model] ?? 0);
      const cell = task * modelCount + model;
      table[cell] = ((sums[cell] ?? 0) + smoothing * prior) / ((counts[cell] ?? 0) + smoothing);
    }
  }
  return table;
}

/**
 * Per model: cost ≈ a · characters + b[task], fitted by least squares within tasks (a ≥ 0).
 * Prompt length drives input tokens; the per-task intercept absorbs typical output length.
 */
function fitCostModel(data: RouterTrainingData): {
  perCharacter: Float32Array;
  perTask: Float32Array;
} {
  const modelCount = data.modelIds.length;
  const taskCount = data.taskNames.length;
  const perCharacter = new Float32Array(modelCount);
  const perTask = new Float32Array(taskCount * modelCount);
  const rowCount = data.taskLabels.length;
  for (let model = 0; model < modelCount; model += 1) {
    const lengthSum = new Float64Array(taskCount);
    const costSum = new Float64Array(taskCount);
    const count = new Float64Array(taskCount);
    const present = (row: number): number => data.costsUsd[row * modelCount + model] ?? Number.NaN;
    for (let row = 0; row < rowCount; row += 1) {
      const cost = present(row);
      if (Number.isNaN(cost)) continue;
      const task = data.taskLabels[row] ?? 0;
      lengthSum[task] = (lengthSum[task] ?? 0) + (data.promptLengths[row] ?? 0);
      costSum[task] = (costSum[task] ?? 0) + cost;
      count[task] = (count[task] ?? 0) + 1;
    }
    let covariance = 0;
    let variance = 0;
    for (let row = 0; row < rowCount; row += 1) {
      const cost = present(row);
      if (Number.isNaN(cost)) continue;
      const task = data.taskLabels[row] ?? 0;
      const taskCount_ = Math.max(1, count[task] ?? 0);
      const lengthDelta = (data.promptLengths[row] ?? 0) - (lengthSum[task] ?? 0) / taskCount_;
      covariance += lengthDelta * (cost - (costSum[task] ?? 0) / taskCount_);
      variance += lengthDelta * lengthDelta;
    }
    const slope = variance > 0 ? Math.max(0, covariance / variance) : 0;
    perCharacter[model] = slope;
    let allCount = 0;
    let allIntercept = 0;
    for (let task = 0; task < taskCount; task += 1) {
      if ((count[task] ?? 0) === 0) continue;
      allIntercept += (costSum[task] ?? 0) - slope * (lengthSum[task] ?? 0);
      allCount += count[task] ?? 0;
    }
    for (let task = 0; task < taskCount; task += 1) {
      const taskRows = count[task] ?? 0;
      perTask[task * modelCount + model] =
        taskRows > 0
          ? ((costSum[task] ?? 0) - slope * (lengthSum[task] ?? 0)) / taskRows
          : allIntercept / Math.max(1, allCount);
    }
  }
  return { perCharacter, perTask };
}

/** SGD settings of the task classifier. */
export type TaskClassifierSettings = { epochs: number; learningRate: number; l2: number };

/**
 * Default task classifier settings. The quality prediction is the task table under the
 * classifier's probabilities, so misclassified prompts are routed with another task's table: on
 * llmrouter-14task (5-fold CV inside train, 3 fold seeds) 8 epochs at rate 2 gave 90.8–91.1%
 * out-of-fold accuracy against 87.9–89.4% for the former 4 epochs at 0.5, and a higher hull
 * (APGR +0.03–0.06, AIQ +0.003–0.007); 12–16 epochs or rate 1 did no better.
 */
export const DEFAULT_TASK_CLASSIFIER: TaskClassifierSettings = {
  epochs: 8,
  learningRate: 2,
  l2: 1e-6,
};

/** Fits a task classifier on the training rows (shared by every hyper-parameter setting). */
export function fitTaskClassifier({
  data,
  dimension,
  random,
  settings = DEFAULT_TASK_CLASSIFIER,
}: {
  data: RouterTrainingData;
  dimension: number;
  random: RandomSource;
  settings?: TaskClassifierSettings;
}): LinearModel {
  return trainSoftmaxClassifier({
    vectors: data.vectors,
    labels: data.taskLabels,
    classCount: data.taskNames.length,
    dimension,
    ...settings,
    random,
  });
}

/** Fits the quality and cost parts of a {@link RouterModel}. */
export function fitRouterModel({
  data,
  hyperParameters,
  shared,
  centroids = null,
  random,
}: {
  data: RouterTrainingData;
  hyperParameters: RouterHyperParameters;
  shared: Pick<RouterModel, 'features' | 'inverseDocumentFrequency' | 'taskClassifier'>;
  /** k-means centroids (see `fitSphericalKMeans`); needed when `clusterWeight > 0`. */
  centroids?: LinearModel | null;
  random: RandomSource;
}): RouterModel {
  const modelCount = data.modelIds.length;
  const taskTable = fitTaskTable({ data, smoothing: hyperParameters.tableSmoothing });
  const clusters: ClusterQualityModel | null =
    centroids === null || hyperParameters.clusterWeight <= 0
      ? null
      : {
          centroids,
          table: fitClusterTable({
            centroids,
            vectors: data.vectors,
            scores: data.scores,
            modelCount,
            smoothing: hyperParameters.tableSmoothing,
          }),
          temperature: hyperParameters.clusterTemperature,
          weight: hyperParameters.clusterWeight,
        };
  let residual: LinearModel | null = null;
  if (hyperParameters.residualL2 !== null) {
    const targets = new Float64Array(data.scores.length);
    for (let row = 0; row < data.taskLabels.length; row += 1) {
      const task = data.taskLabels[row] ?? 0;
      for (let model = 0; model < modelCount; model += 1) {
        const cell = row * modelCount + model;
        targets[cell] =
          (data.scores[cell] ?? Number.NaN) - (taskTable[task * modelCount + model] ?? 0);
      }
    }
    residual = trainLinearRegression({
      vectors: data.vectors,
      targets,
      outputCount: modelCount,
      dimension: shared.taskClassifier.dimension,
      epochs: hyperParameters.residualEpochs,
      learningRate: hyperParameters.residualLearningRate,
      l2: hyperParameters.residualL2,
      random,
    });
  }
  const denseTask: DenseTaskModel | null =
    hyperParameters.denseWeight > 0
      ? {
          ...fitDenseTaskModel({
            vectors: data.vectors,
            taskLabels: data.taskLabels,
            taskCount: data.taskNames.length,
            modelCount,
            scores: data.scores,
            taskTable,
            ridge: hyperParameters.denseRidge,
          }),
          ridge: hyperParameters.denseRidge,
          weight: hyperParameters.denseWeight,
        }
      : null;
  const cost = fitCostModel(data);
  let costTotal = 0;
  let costCount = 0;
  for (const value of data.costsUsd) {
    if (Number.isNaN(value)) continue;
    costTotal += value;
    costCount += 1;
  }
  return {
    modelIds: data.modelIds,
    taskNames: data.taskNames,
    ...shared,
    taskTable,
    residual,
    residualWeight: residual === null ? 0 : hyperParameters.residualWeight,
    clusters,
    denseTask,
    costPerCharacterUsd: cost.perCharacter,
    costPerTaskUsd: cost.perTask,
    // Free models only (self-hosted, $0): any positive unit will do, every λ then ranks by quality.
    costScaleUsd: costCount > 0 && costTotal > 0 ? costTotal / costCount : 1,
  };
}

/** Reusable buffers for {@link predictWithRouterModel}. */
export type PredictionBuffers = {
  readonly taskProbabilities: Float64Array;
  readonly residual: Float64Array;
  readonly similarities: Float64Array;
  readonly clusterQuality: Float64Array;
  readonly dense: Float64Array;
  readonly denseAdjustment: Float64Array;
};

/** Allocates buffers sized for `model`. */
export function createPredictionBuffers(
  model: Pick<RouterModel, 'modelIds' | 'taskNames'> & Partial<Pick<RouterModel, 'clusters'>>,
): PredictionBuffers {
  return {
    taskProbabilities: new Float64Array(model.taskNames.length),
    residual: new Float64Array(model.modelIds.length),
    similarities: new Float64Array(model.clusters?.centroids.outputCount ?? 0),
    clusterQuality: new Float64Array(model.modelIds.length),
    dense: new Float64Array(DENSE_FEATURE_COUNT),
    denseAdjustment: new Float64Array(model.modelIds.length),
  };
}

/** Predicts quality and cost of every model for one prompt's features, into `quality` and `costUsd`. */
export function predictWithRouterModel({
  model,
  vector,
  promptLength,
  buffers,
  quality,
  costUsd,
}: {
  model: RouterModel;
  vector: SparseVector;
  promptLength: number;
  buffers: PredictionBuffers;
  quality: Float64Array;
  costUsd: Float64Array;
}): void {
  const modelCount = model.modelIds.length;
  const taskCount = model.taskNames.length;
  const probabilities = buffers.taskProbabilities;
  predictLinear({ model: model.taskClassifier, vector, out: probabilities });
  softmaxInPlace(probabilities, taskCount);
  if (model.residual !== null)
    predictLinear({ model: model.residual, vector, out: buffers.residual });
  const clusters = model.clusters;
  if (clusters !== null) {
    predictLinear({ model: clusters.centroids, vector, out: buffers.similarities });
    predictClusterQuality({
      clusters,
      similarities: buffers.similarities,
      offset: 0,
      modelCount,
      out: buffers.clusterQuality,
    });
  }
  const denseTask = model.denseTask;
  if (denseTask !== null) {
    readDenseFeatures(vector, buffers.dense);
    predictDenseTaskAdjustment({
      model: denseTask,
      dense: buffers.dense,
      taskProbabilities: probabilities,
      taskCount,
      modelCount,
      out: buffers.denseAdjustment,
    });
  }
  const taskWeight = clusters === null ? 1 : 1 - clusters.weight;
  for (let index = 0; index < modelCount; index += 1) {
    let expectedQuality = 0;
    let expectedCost = (model.costPerCharacterUsd[index] ?? 0) * promptLength;
    for (let task = 0; task < taskCount; task += 1) {
      const probability = probabilities[task] ?? 0;
      expectedQuality += probability * (model.taskTable[task * modelCount + index] ?? 0);
      expectedCost += probability * (model.costPerTaskUsd[task * modelCount + index] ?? 0);
    }
    expectedQuality *= taskWeight;
    if (clusters !== null)
      expectedQuality += clusters.weight * (buffers.clusterQuality[index] ?? 0);
    if (model.residual !== null)
      expectedQuality += model.residualWeight * (buffers.residual[index] ?? 0);
    if (denseTask !== null)
      expectedQuality += denseTask.weight * (buffers.denseAdjustment[index] ?? 0);
    quality[index] = expectedQuality;
    costUsd[index] = Math.max(expectedCost, 1e-12);
  }
}
