import { predictClusterQuality } from './cluster-table.js';
import { predictDenseTaskAdjustment, readDenseFeatures } from './dense-task-model.js';
import { createFeatureExtractor, DENSE_FEATURE_COUNT } from './feature-extractor.js';
import { predictLinear, softmaxInPlace, type LinearModel } from './linear-model.js';
import { loadRouterArtifact } from './router-artifact.js';
import type { RouterArtifact } from './router-artifact-schema.js';
import type { OperatingPoint, RouterObjective } from './operating-points.js';
import type { RouterModel } from './router-model.js';

/** What the router expects of one candidate model for a prompt. */
export type CandidatePrediction = {
  readonly modelId: string;
  /** Expected score in [0, 1] (can leave the range slightly: it is a regression). */
  readonly predictedQuality: number;
  /** Expected cost of the call in US dollars. */
  readonly predictedCostUsd: number;
};

/** A candidate the router cannot score, and why. */
export type SkippedCandidate = { readonly modelId: string; readonly reason: string };

/** Input of {@link LearnedRouter.predict}. */
export type PredictOptions = {
  prompt: string;
  /** Model ids to score. Defaults to every trained model. Unknown ids are skipped with a reason. */
  candidates?: readonly string[];
};

/** Input of {@link LearnedRouter.choose}: an objective (default `best-single-quality`) or an explicit `lambda`. */
export type ChooseOptions = PredictOptions & {
  objective?: RouterObjective;
  /** Trade-off: maximise `quality − lambda × cost / costScaleUsd`; overrides `objective`. `Infinity` = cheapest. */
  lambda?: number;
};

/** The router's decision for one prompt. */
export type RouterDecision = {
  readonly modelId: string;
  /** The trade-off used (`Infinity` for cheapest). */
  readonly lambda: number;
  readonly predictions: readonly CandidatePrediction[];
  readonly skipped: readonly SkippedCandidate[];
};

/** No candidate of a request is known to the router. */
export class NoKnownCandidateError extends Error {
  readonly skipped: readonly SkippedCandidate[];
  constructor({ skipped }: { skipped: readonly SkippedCandidate[] }) {
    super(
      `None of the candidates is known to the learned router (${skipped.map((entry) => entry.modelId).join(', ') || 'none given'}). Retrain the router with outcomes for these models or route them another way.`,
    );
    this.name = 'NoKnownCandidateError';
    this.skipped = skipped;
  }
}

/** A trained router, ready for the hot path: no I/O, no network, buffers reused between calls. */
export type LearnedRouter = {
  readonly modelIds: readonly string[];
  readonly contentHash: string;
  readonly costScaleUsd: number;
  readonly operatingPoints: Readonly<Record<RouterObjective, OperatingPoint>>;
  /** Predicted quality and cost of each candidate. */
  predict(options: PredictOptions): {
    predictions: CandidatePrediction[];
    skipped: SkippedCandidate[];
  };
  /** Picks the candidate maximising the objective's trade-off. Throws {@link NoKnownCandidateError}. */
  choose(options: ChooseOptions): RouterDecision;
  /**
   * Lowest-level hot path: writes predictions for every trained model (in `modelIds` order) into
   * the given arrays; allocates nothing.
   */
  predictInto(options: { prompt: string; quality: Float64Array; costUsd: Float64Array }): void;
};

/** Concatenates linear models' outputs so one pass over the features serves all of them. */
function stackLinear(first: LinearModel, ...rest: (LinearModel | null)[]): LinearModel {
  return rest.reduce<LinearModel>(
    (stacked, next) => (next === null ? stacked : stackPair(stacked, next)),
    first,
  );
}

function stackPair(first: LinearModel, second: LinearModel): LinearModel {
  const outputCount = first.outputCount + second.outputCount;
  const weights = new Float32Array(first.dimension * outputCount);
  for (let feature = 0; feature < first.dimension; feature += 1) {
    weights.set(
      first.weights.subarray(feature * first.outputCount, (feature + 1) * first.outputCount),
      feature * outputCount,
    );
    weights.set(
      second.weights.subarray(feature * second.outputCount, (feature + 1) * second.outputCount),
      feature * outputCount + first.outputCount,
    );
  }
  const bias = new Float32Array(outputCount);
  bias.set(first.bias);
  bias.set(second.bias, first.outputCount);
  return { dimension: first.dimension, outputCount, weights, bias };
}

/**
 * The learned router's objective for one candidate: predicted quality − lambda × cost / cost
 * scale; with `lambda` = Infinity, the cheapest wins (−cost). Higher is better.
 */
export function scoreTradeOff({
  prediction,
  lambda,
  costScaleUsd,
}: {
  prediction: Pick<CandidatePrediction, 'predictedQuality' | 'predictedCostUsd'>;
  lambda: number;
  costScaleUsd: number;
}): number {
  return Number.isFinite(lambda)
    ? prediction.predictedQuality - (lambda / costScaleUsd) * prediction.predictedCostUsd
    : -prediction.predictedCostUsd;
}

/** Creates a {@link LearnedRouter} from a decoded model. */
export function createLearnedRouter({
  model,
  contentHash,
  operatingPoints,
}: {
  model: RouterModel;
  contentHash: string;
  operatingPoints: Readonly<Record<RouterObjective, OperatingPoint>>;
}): LearnedRouter {
  const extractor = createFeatureExtractor({
    config: model.features,
    inverseDocumentFrequency: model.inverseDocumentFrequency,
  });
  const modelCount = model.modelIds.length;
  const taskCount = model.taskNames.length;
  const clusters = model.clusters;
  const stacked = stackLinear(model.taskClassifier, model.residual, clusters?.centroids ?? null);
  const clusterOffset = taskCount + (model.residual === null ? 0 : modelCount);
  const clusterQuality = new Float64Array(modelCount);
  const denseTask = model.denseTask;
  const dense = new Float64Array(DENSE_FEATURE_COUNT);
  const denseAdjustment = new Float64Array(modelCount);
  const denseWeight = denseTask === null ? 0 : denseTask.weight;
  const taskWeight = clusters === null ? 1 : 1 - clusters.weight;
  const clusterWeight = clusters === null ? 0 : clusters.weight;
  const outputs = new Float64Array(stacked.outputCount);
  const indexById = new Map(model.modelIds.map((id, index) => [id, index]));
  const quality = new Float64Array(modelCount);
  const costUsd = new Float64Array(modelCount);

  const predictInto = ({
    prompt,
    quality: qualityOut,
    costUsd: costOut,
  }: {
    prompt: string;
    quality: Float64Array;
    costUsd: Float64Array;
  }): void => {
    const vector = extractor.extract(prompt);
    predictLinear({ model: stacked, vector, out: outputs });
    softmaxInPlace(outputs, taskCount);
    if (denseTask !== null) {
      readDenseFeatures(vector, dense);
      predictDenseTaskAdjustment({
        model: denseTask,
        dense,
        taskProbabilities: outputs,
        taskCount,
        modelCount,
        out: denseAdjustment,
      });
    }
    if (clusters !== null)
      predictClusterQuality({
        clusters,
        similarities: outputs,
        offset: clusterOffset,
        modelCount,
        out: clusterQuality,
      });
    const length = prompt.length;
    for (let index = 0; index < modelCount; index += 1) {
      let tableQuality = 0;
      let expectedCost = (model.costPerCharacterUsd[index] ?? 0) * length;
      for (let task = 0; task < taskCount; task += 1) {
        const probability = outputs[task] ?? 0;
        tableQuality += probability * (model.taskTable[task * modelCount + index] ?? 0);
        expectedCost += probability * (model.costPerTaskUsd[task * modelCount + index] ?? 0);
      }
      qualityOut[index] =
        taskWeight * tableQuality +
        clusterWeight * (clusterQuality[index] ?? 0) +
        (model.residual === null ? 0 : model.residualWeight * (outputs[taskCount + index] ?? 0)) +
        denseWeight * (denseAdjustment[index] ?? 0);
      costOut[index] = Math.max(expectedCost, 1e-12);
    }
  };

  const resolve = (
    candidates: readonly string[] | undefined,
  ): { indices: number[]; skipped: SkippedCandidate[] } => {
    if (candidates === undefined)
      return { indices: model.modelIds.map((_, index) => index), skipped: [] };
    const indices: number[] = [];
    const skipped: SkippedCandidate[] = [];
    for (const modelId of candidates) {
      const index = indexById.get(modelId);
      if (index === undefined)
        skipped.push({
          modelId,
          reason: 'not in the router artifact (no training outcomes for this model)',
        });
      else indices.push(index);
    }
    return { indices, skipped };
  };

  const predict = ({
    prompt,
    candidates,
  }: PredictOptions): { predictions: CandidatePrediction[]; skipped: SkippedCandidate[] } => {
    const { indices, skipped } = resolve(candidates);
    predictInto({ prompt, quality, costUsd });
    const predictions = indices.map((index) => ({
      modelId: model.modelIds[index] ?? '',
      predictedQuality: quality[index] ?? 0,
      predictedCostUsd: costUsd[index] ?? 0,
    }));
    return { predictions, skipped };
  };

  const choose = ({
    objective = 'best-single-quality',
    lambda,
    ...options
  }: ChooseOptions): RouterDecision => {
    const { predictions, skipped } = predict(options);
    if (predictions.length === 0) throw new NoKnownCandidateError({ skipped });
    const tradeOff = lambda ?? operatingPoints[objective].lambda ?? Infinity;
    let best = predictions[0];
    let bestValue = -Infinity;
    for (const prediction of predictions) {
      const value = scoreTradeOff({
        prediction,
        lambda: tradeOff,
        costScaleUsd: model.costScaleUsd,
      });
      // Ties go to the cheaper prediction, then to the higher predicted quality (as in evaluation).
      const bestCost = best?.predictedCostUsd ?? Infinity;
      if (
        value > bestValue ||
        (value === bestValue &&
          (prediction.predictedCostUsd < bestCost ||
            (prediction.predictedCostUsd === bestCost &&
              prediction.predictedQuality > (best?.predictedQuality ?? -Infinity))))
      ) {
        best = prediction;
        bestValue = value;
      }
    }
    return { modelId: best?.modelId ?? '', lambda: tradeOff, predictions, skipped };
  };

  return {
    modelIds: model.modelIds,
    contentHash,
    costScaleUsd: model.costScaleUsd,
    operatingPoints,
    predict,
    choose,
    predictInto,
  };
}

/** Creates a {@link LearnedRouter} from a parsed artifact and its decoded model. */
export function createLearnedRouterFromArtifact({
  artifact,
  model,
}: {
  artifact: RouterArtifact;
  model: RouterModel;
}): LearnedRouter {
  return createLearnedRouter({
    model,
    contentHash: artifact.contentHash,
    operatingPoints: artifact.operatingPoints,
  });
}

/** Loads, validates and hash-checks an artifact file, and returns the router. */
export async function loadLearnedRouter(path: string): Promise<LearnedRouter> {
  return createLearnedRouterFromArtifact(await loadRouterArtifact(path));
}
