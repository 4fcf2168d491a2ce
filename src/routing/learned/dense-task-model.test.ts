import { describe, expect, it } from 'vitest';
import {
  fitDenseTaskModel,
  predictDenseTaskAdjustment,
  readDenseFeatures,
  solveLinearSystem,
} from './dense-task-model.js';
import { DENSE_FEATURE_COUNT, type SparseVector } from './feature-extractor.js';

/** A vector holding only the dense block, with `length` as dense feature 1. */
function denseVector(length: number): SparseVector {
  const values = new Float32Array(DENSE_FEATURE_COUNT);
  values[0] = 1;
  values[1] = length;
  return {
    indices: Int32Array.from({ length: DENSE_FEATURE_COUNT }, (_, index) => 1000 + index),
    values,
    length: DENSE_FEATURE_COUNT,
  };
}

describe('solveLinearSystem', () => {
  it('solves a system that needs pivoting', () => {
    const matrix = Float64Array.from([0, 2, 1, 1, 1, 0, 2, 0, 3]);
    const solution = solveLinearSystem(matrix, Float64Array.from([7, 3, 11]), 3);
    expect(Array.from(solution).map((value) => Number(value.toFixed(9)))).toEqual([1, 2, 3]);
  });
});

describe('DenseTaskModel', () => {
  // Task 0: model 0's score falls with length, model 1's does not; task 1: no trend at all.
  const lengths = [0.2, 0.4, 0.6, 0.8, 0.3, 0.5, 0.7, 0.9];
  const taskLabels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 1]);
  const vectors = lengths.map(denseVector);
  const scores = new Float64Array(lengths.length * 2);
  lengths.forEach((length, row) => {
    scores[row * 2] = (taskLabels[row] ?? 0) === 0 ? 1 - length : 0.5;
    scores[row * 2 + 1] = 0.5;
  });
  const taskTable = Float64Array.from([0.5, 0.5, 0.5, 0.5]);
  const fit = (ridge: number) =>
    fitDenseTaskModel({
      vectors,
      taskLabels,
      taskCount: 2,
      modelCount: 2,
      scores,
      taskTable,
      ridge,
    });

  it('reads the dense block from the end of a vector', () => {
    const out = new Float64Array(DENSE_FEATURE_COUNT);
    readDenseFeatures(denseVector(0.7), out);
    expect(out[0]).toBe(1);
    expect(out[1]).toBeCloseTo(0.7);
  });

  it('learns a within-task trend for the model that has one, weighted by task probability', () => {
    const model = fit(1e-6);
    const dense = new Float64Array(DENSE_FEATURE_COUNT);
    readDenseFeatures(denseVector(0.8), dense);
    const out = new Float64Array(2);
    predictDenseTaskAdjustment({
      model,
      dense,
      taskProbabilities: Float64Array.from([1, 0]),
      taskCount: 2,
      modelCount: 2,
      out,
    });
    // Task 0's mean length is 0.5: 1 − 0.8 is 0.3 under the table's 0.5, i.e. 0.5 − 0.8 = −0.3.
    expect(out[0]).toBeCloseTo(-0.3, 4);
    expect(out[1]).toBeCloseTo(0, 6);
    predictDenseTaskAdjustment({
      model,
      dense,
      taskProbabilities: Float64Array.from([0.5, 0.5]),
      taskCount: 2,
      modelCount: 2,
      out,
    });
    expect(out[0]).toBeCloseTo(-0.15, 4);
  });

  it('shrinks the trend toward zero as the ridge penalty grows', () => {
    const slope = (ridge: number): number => Math.abs(fit(ridge).coefficients[1] ?? 0);
    expect(slope(1e-6)).toBeCloseTo(1, 4);
    expect(slope(1)).toBeLessThan(slope(1e-6));
    expect(slope(1000)).toBeLessThan(0.01);
  });
});
