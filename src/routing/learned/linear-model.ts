import type { SparseVector } from './feature-extractor.js';
import { shuffledIndices, type RandomSource } from './seeded-random.js';

/**
 * A multi-output linear model over sparse features. `weights` is feature-major
 * (`feature * outputCount + output`) so one feature's weights for all outputs are contiguous.
 */
export type LinearModel = {
  readonly dimension: number;
  readonly outputCount: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
};

/** Writes `bias + weights · x` for every output into `out` (length ≥ outputCount). */
export function predictLinear({
  model,
  vector,
  out,
}: {
  model: LinearModel;
  vector: SparseVector;
  out: Float64Array;
}): void {
  const { outputCount, weights, bias } = model;
  for (let output = 0; output < outputCount; output += 1) out[output] = bias[output] ?? 0;
  const { indices, values, length } = vector;
  for (let entry = 0; entry < length; entry += 1) {
    const value = values[entry] ?? 0;
    const base = (indices[entry] ?? 0) * outputCount;
    for (let output = 0; output < outputCount; output += 1) {
      out[output] = (out[output] ?? 0) + value * (weights[base + output] ?? 0);
    }
  }
}

/** Options shared by the SGD trainers. */
export type SgdOptions = {
  vectors: readonly SparseVector[];
  dimension: number;
  /** Passes over the data. */
  epochs: number;
  /** Step size of the first epoch; epoch `e` uses `learningRate / (1 + e)`. */
  learningRate: number;
  /** L2 penalty on the weights (not the bias), applied to the features a step touches. */
  l2: number;
  random: RandomSource;
};

function createModel(dimension: number, outputCount: number): LinearModel {
  return {
    dimension,
    outputCount,
    weights: new Float32Array(dimension * outputCount),
    bias: new Float32Array(outputCount),
  };
}

function step({
  model,
  vector,
  gradient,
  rate,
  l2,
}: {
  model: LinearModel;
  vector: SparseVector;
  gradient: Float64Array;
  rate: number;
  l2: number;
}): void {
  const { outputCount, weights, bias } = model;
  for (let output = 0; output < outputCount; output += 1)
    bias[output] = (bias[output] ?? 0) - rate * (gradient[output] ?? 0);
  for (let entry = 0; entry < vector.length; entry += 1) {
    const value = vector.values[entry] ?? 0;
    const base = (vector.indices[entry] ?? 0) * outputCount;
    for (let output = 0; output < outputCount; output += 1) {
      const weight = weights[base + output] ?? 0;
      weights[base + output] = weight - rate * ((gradient[output] ?? 0) * value + l2 * weight);
    }
  }
}

/**
 * Trains a least-squares regression with one output per column of `targets` (row-major,
 * `row * outputCount + output`; `NaN` targets are skipped), by SGD. Optional `initialBias`.
 */
export function trainLinearRegression({
  targets,
  outputCount,
  initialBias,
  ...options
}: SgdOptions & {
  targets: Float64Array;
  outputCount: number;
  initialBias?: ArrayLike<number>;
}): LinearModel {
  const model = createModel(options.dimension, outputCount);
  if (initialBias !== undefined) model.bias.set(Array.from(initialBias));
  const prediction = new Float64Array(outputCount);
  const gradient = new Float64Array(outputCount);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    const rate = options.learningRate / (1 + epoch);
    for (const row of shuffledIndices({ count: options.vectors.length, random: options.random })) {
      const vector = options.vectors[row];
      if (vector === undefined) continue;
      predictLinear({ model, vector, out: prediction });
      for (let output = 0; output < outputCount; output += 1) {
        const target = targets[row * outputCount + output] ?? Number.NaN;
        gradient[output] = Number.isNaN(target) ? 0 : (prediction[output] ?? 0) - target;
      }
      step({ model, vector, gradient, rate, l2: options.l2 });
    }
  }
  return model;
}

/** Turns logits into probabilities in place. */
export function softmaxInPlace(values: Float64Array, count: number): void {
  let max = -Infinity;
  for (let index = 0; index < count; index += 1) max = Math.max(max, values[index] ?? 0);
  let sum = 0;
  for (let index = 0; index < count; index += 1) {
    const value = Math.exp((values[index] ?? 0) - max);
    values[index] = value;
    sum += value;
  }
  for (let index = 0; index < count; index += 1) values[index] = (values[index] ?? 0) / sum;
}

/** Trains a multinomial logistic regression (softmax) on integer `labels` by SGD. */
export function trainSoftmaxClassifier({
  labels,
  classCount,
  ...options
}: SgdOptions & { labels: Int32Array; classCount: number }): LinearModel {
  const model = createModel(options.dimension, classCount);
  const probabilities = new Float64Array(classCount);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    const rate = options.learningRate / (1 + epoch);
    for (const row of shuffledIndices({ count: options.vectors.length, random: options.random })) {
      const vector = options.vectors[row];
      if (vector === undefined) continue;
      predictLinear({ model, vector, out: probabilities });
      softmaxInPlace(probabilities, classCount);
      probabilities[labels[row] ?? 0] = (probabilities[labels[row] ?? 0] ?? 0) - 1;
      step({ model, vector, gradient: probabilities, rate, l2: options.l2 });
    }
  }
  return model;
}
