import { describe, expect, it } from 'vitest';
import {
  clusterSoftmaxInPlace,
  fitClusterTable,
  fitSphericalKMeans,
  predictClusterQuality,
} from './cluster-table.js';
import type { SparseVector } from './feature-extractor.js';
import { createSeededRandom } from './seeded-random.js';

const unit = (features: number[]): SparseVector => ({
  indices: Int32Array.from(features),
  values: Float32Array.from(features, () => 1 / Math.sqrt(features.length)),
  length: features.length,
});

// Two obvious groups: features 0-2 and features 5-7; feature 9 is a "dense" feature (>= hashSize).
const vectors = [
  unit([0, 1]),
  unit([1, 2]),
  unit([0, 2]),
  unit([5, 6]),
  unit([6, 7]),
  unit([5, 7]),
];
// Model 0 is good on the first group, model 1 on the second.
const scores = Float64Array.from([1, 0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1]);

describe('cluster table', () => {
  const centroids = fitSphericalKMeans({
    vectors,
    hashSize: 8,
    dimension: 10,
    clusterCount: 2,
    iterations: 5,
    random: createSeededRandom(3),
  });

  it('separates the two groups with unit-norm centroids over the hashed block only', () => {
    expect(centroids.outputCount).toBe(2);
    for (let cluster = 0; cluster < 2; cluster += 1) {
      let norm = 0;
      for (let feature = 0; feature < 8; feature += 1)
        norm += (centroids.weights[feature * 2 + cluster] ?? 0) ** 2;
      expect(norm).toBeCloseTo(1, 5);
      expect(centroids.weights[9 * 2 + cluster]).toBe(0);
    }
    const first = (centroids.weights[0] ?? 0) > 0 ? 0 : 1;
    expect(centroids.weights[5 * 2 + first]).toBe(0);
  });

  it('learns per-cluster scores and predicts the specialist of a prompt’s cluster', () => {
    const table = fitClusterTable({ centroids, vectors, scores, modelCount: 2, smoothing: 0 });
    const similarities = new Float64Array(2);
    const out = new Float64Array(2);
    const probe = unit([0, 1, 2]);
    for (let cluster = 0; cluster < 2; cluster += 1) {
      let dot = 0;
      for (let entry = 0; entry < probe.length; entry += 1)
        dot +=
          (probe.values[entry] ?? 0) *
          (centroids.weights[(probe.indices[entry] ?? 0) * 2 + cluster] ?? 0);
      similarities[cluster] = dot;
    }
    predictClusterQuality({
      clusters: { centroids, table, temperature: 0.05 },
      similarities,
      offset: 0,
      modelCount: 2,
      out,
    });
    expect(out[0]).toBeGreaterThan(0.95);
    expect(out[1]).toBeLessThan(0.05);
  });

  it('softmax at a temperature sums to one and sharpens as the temperature falls', () => {
    const values = Float64Array.from([9, 0.5, 0.4]);
    clusterSoftmaxInPlace({ values, offset: 1, count: 2, temperature: 0.1 });
    expect(values[0]).toBe(9);
    expect((values[1] ?? 0) + (values[2] ?? 0)).toBeCloseTo(1, 10);
    expect(values[1]).toBeCloseTo(1 / (1 + Math.exp(-1)), 10);
  });
});
