import { DENSE_FEATURE_COUNT, type SparseVector } from './feature-extractor.js';

/**
 * Within-task quality trends on the dense features (length, line, digit, code and math marker
 * rates, ...): per task and model, a ridge regression of `score − taskTable[task, model]` on the
 * dense features centred on the task's mean. A long GSM8K problem is harder than a short one for
 * every model, but more so for a small one; the task table alone cannot see that. The prediction
 * for a prompt is `Σ_t p(t|x) · (dense(x) − mean_t) · coefficients[t, model]`.
 */
export type DenseTaskModel = {
  /** Mean dense features per task, task-major (`task * DENSE_FEATURE_COUNT + feature`). */
  readonly means: Float32Array;
  /** Coefficients, `(task * modelCount + model) * DENSE_FEATURE_COUNT + feature`. */
  readonly coefficients: Float32Array;
  /** Ridge penalty it was fitted with (added to the diagonal of the centred Gram matrix). */
  readonly ridge: number;
  /** Weight of this part in the quality prediction. */
  readonly weight: number;
};

/** Copies the dense block (the last {@link DENSE_FEATURE_COUNT} entries) of `vector` into `out`. */
export function readDenseFeatures(vector: SparseVector, out: Float64Array): void {
  const start = vector.length - DENSE_FEATURE_COUNT;
  for (let feature = 0; feature < DENSE_FEATURE_COUNT; feature += 1)
    out[feature] = vector.values[start + feature] ?? 0;
}

/** Solves `matrix · x = rhs` (n × n, row-major, copied) by Gaussian elimination with partial pivoting. */
export function solveLinearSystem(
  matrix: Float64Array,
  rhs: Float64Array,
  size: number,
): Float64Array {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let column = 0; column < size; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < size; row += 1)
      if (Math.abs(a[row * size + column] ?? 0) > Math.abs(a[pivot * size + column] ?? 0))
        pivot = row;
    if (pivot !== column) {
      for (let index = 0; index < size; index += 1) {
        const swap = a[column * size + index] ?? 0;
        a[column * size + index] = a[pivot * size + index] ?? 0;
        a[pivot * size + index] = swap;
      }
      const swap = b[column] ?? 0;
      b[column] = b[pivot] ?? 0;
      b[pivot] = swap;
    }
    const diagonal = a[column * size + column] ?? 0;
    if (Math.abs(diagonal) < 1e-12) continue;
    for (let row = 0; row < size; row += 1) {
      if (row === column) continue;
      const factor = (a[row * size + column] ?? 0) / diagonal;
      if (factor === 0) continue;
      for (let index = column; index < size; index += 1)
        a[row * size + index] =
          (a[row * size + index] ?? 0) - factor * (a[column * size + index] ?? 0);
      b[row] = (b[row] ?? 0) - factor * (b[column] ?? 0);
    }
  }
  const solution = new Float64Array(size);
  for (let index = 0; index < size; index += 1) {
    const diagonal = a[index * size + index] ?? 0;
    solution[index] = Math.abs(diagonal) < 1e-12 ? 0 : (b[index] ?? 0) / diagonal;
  }
  return solution;
}

/**
 * Fits {@link DenseTaskModel} means and coefficients on training rows with known tasks.
 * `scores` is row-major by model (`NaN` = missing); `taskTable` is task-major by model.
 */
export function fitDenseTaskModel({
  vectors,
  taskLabels,
  taskCount,
  modelCount,
  scores,
  taskTable,
  ridge,
}: {
  vectors: readonly SparseVector[];
  taskLabels: Int32Array;
  taskCount: number;
  modelCount: number;
  scores: Float64Array;
  taskTable: ArrayLike<number>;
  ridge: number;
}): Pick<DenseTaskModel, 'means' | 'coefficients'> {
  const size = DENSE_FEATURE_COUNT;
  const means = new Float64Array(taskCount * size);
  const counts = new Float64Array(taskCount);
  const dense = new Float64Array(size);
  vectors.forEach((vector, row) => {
    const task = taskLabels[row] ?? 0;
    readDenseFeatures(vector, dense);
    counts[task] = (counts[task] ?? 0) + 1;
    for (let feature = 0; feature < size; feature += 1)
      means[task * size + feature] = (means[task * size + feature] ?? 0) + (dense[feature] ?? 0);
  });
  for (let task = 0; task < taskCount; task += 1)
    for (let feature = 0; feature < size; feature += 1)
      means[task * size + feature] =
        (means[task * size + feature] ?? 0) / Math.max(1, counts[task] ?? 0);
  const coefficients = new Float32Array(taskCount * modelCount * size);
  for (let task = 0; task < taskCount; task += 1) {
    // Missing scores are rare; the Gram matrix counts every row of the task.
    const gram = new Float64Array(size * size);
    const moments = new Float64Array(modelCount * size);
    vectors.forEach((vector, row) => {
      if ((taskLabels[row] ?? 0) !== task) return;
      readDenseFeatures(vector, dense);
      for (let feature = 0; feature < size; feature += 1)
        dense[feature] = (dense[feature] ?? 0) - (means[task * size + feature] ?? 0);
      for (let first = 0; first < size; first += 1)
        for (let second = 0; second < size; second += 1)
          gram[first * size + second] =
            (gram[first * size + second] ?? 0) + (dense[first] ?? 0) * (dense[second] ?? 0);
      for (let model = 0; model < modelCount; model += 1) {
        const score = scores[row * modelCount + model] ?? Number.NaN;
        if (Number.isNaN(score)) continue;
        const target = score - (taskTable[task * modelCount + model] ?? 0);
        for (let feature = 0; feature < size; feature += 1)
          moments[model * size + feature] =
            (moments[model * size + feature] ?? 0) + (dense[feature] ?? 0) * target;
      }
    });
    for (let feature = 0; feature < size; feature += 1)
      gram[feature * size + feature] = (gram[feature * size + feature] ?? 0) + ridge;
    for (let model = 0; model < modelCount; model += 1) {
      const solution = solveLinearSystem(
        gram,
        moments.subarray(model * size, (model + 1) * size),
        size,
      );
      coefficients.set(solution, (task * modelCount + model) * size);
    }
  }
  return { means: Float32Array.from(means), coefficients };
}

/**
 * Writes the model's within-task adjustment (unweighted) of every model's quality into `out`,
 * from the prompt's dense features and task probabilities. Tasks with probability under 1e-4 are
 * skipped (their share is negligible).
 */
export function predictDenseTaskAdjustment({
  model,
  dense,
  taskProbabilities,
  taskCount,
  modelCount,
  out,
}: {
  model: Pick<DenseTaskModel, 'means' | 'coefficients'>;
  dense: Float64Array;
  taskProbabilities: Float64Array;
  taskCount: number;
  modelCount: number;
  out: Float64Array;
}): void {
  const size = DENSE_FEATURE_COUNT;
  for (let index = 0; index < modelCount; index += 1) out[index] = 0;
  const { means, coefficients } = model;
  for (let task = 0; task < taskCount; task += 1) {
    const probability = taskProbabilities[task] ?? 0;
    if (probability < 1e-4) continue;
    const meanBase = task * size;
    for (let index = 0; index < modelCount; index += 1) {
      const base = (task * modelCount + index) * size;
      let sum = 0;
      for (let feature = 0; feature < size; feature += 1)
        sum +=
          ((dense[feature] ?? 0) - (means[meanBase + feature] ?? 0)) *
          (coefficients[base + feature] ?? 0);
      out[index] = (out[index] ?? 0) + probability * sum;
    }
  }
}
