import type { SparseVector } from './feature-extractor.js';
import { predictLinear, type LinearModel } from './linear-model.js';
import { shuffledIndices, type RandomSource } from './seeded-random.js';

/**
 * A compressed nearest-neighbour quality estimate: spherical k-means centroids of the prompts'
 * TF-IDF vectors and a smoothed mean score per cluster and model. A prompt's estimate is the
 * cluster table averaged under `softmax(cosine(x, centroid) / temperature)`, i.e. a kernel
 * regression over centroids instead of over every training prompt (fast enough for the hot path).
 */
export type ClusterQualityModel = {
  /** Centroids as a linear model (feature-major, unit L2 norm over the hashed features, bias 0). */
  readonly centroids: LinearModel;
  /** Smoothed mean score per cluster and model, cluster-major (`cluster * modelCount + model`). */
  readonly table: Float32Array;
  /** Softmax temperature over cosine similarities. */
  readonly temperature: number;
  /** Weight of the cluster estimate; the task table gets `1 − weight`. */
  readonly weight: number;
};

/**
 * Spherical k-means on the hashed block (features `< hashSize`) of L2-normalised sparse vectors:
 * seeded random initial rows, then `iterations` rounds of assign-to-highest-cosine and
 * renormalised means. Empty clusters are reseeded with a random row.
 */
export function fitSphericalKMeans({
  vectors,
  hashSize,
  dimension,
  clusterCount,
  iterations,
  random,
}: {
  vectors: readonly SparseVector[];
  hashSize: number;
  dimension: number;
  clusterCount: number;
  iterations: number;
  random: RandomSource;
}): LinearModel {
  const count = Math.min(clusterCount, vectors.length);
  const weights = new Float32Array(dimension * count);
  const placeRow = (cluster: number, row: number): void => {
    const vector = vectors[row];
    if (vector === undefined) return;
    for (let entry = 0; entry < vector.length; entry += 1) {
      const feature = vector.indices[entry] ?? 0;
      if (feature < hashSize) weights[feature * count + cluster] = vector.values[entry] ?? 0;
    }
  };
  const order = shuffledIndices({ count: vectors.length, random });
  for (let cluster = 0; cluster < count; cluster += 1) placeRow(cluster, order[cluster] ?? 0);
  const model: LinearModel = {
    dimension,
    outputCount: count,
    weights,
    bias: new Float32Array(count),
  };
  const similarities = new Float64Array(count);
  const assignment = new Int32Array(vectors.length);
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    const sizes = new Int32Array(count);
    vectors.forEach((vector, row) => {
      predictLinear({ model, vector, out: similarities });
      let best = 0;
      for (let cluster = 1; cluster < count; cluster += 1)
        if ((similarities[cluster] ?? 0) > (similarities[best] ?? 0)) best = cluster;
      assignment[row] = best;
      sizes[best] = (sizes[best] ?? 0) + 1;
    });
    weights.fill(0);
    vectors.forEach((vector, row) => {
      const cluster = assignment[row] ?? 0;
      for (let entry = 0; entry < vector.length; entry += 1) {
        const feature = vector.indices[entry] ?? 0;
        if (feature < hashSize)
          weights[feature * count + cluster] =
            (weights[feature * count + cluster] ?? 0) + (vector.values[entry] ?? 0);
      }
    });
    for (let cluster = 0; cluster < count; cluster += 1)
      if ((sizes[cluster] ?? 0) === 0)
        placeRow(cluster, Math.floor(random() * vectors.length) % vectors.length);
    const norms = new Float64Array(count);
    for (let feature = 0; feature < hashSize; feature += 1) {
      for (let cluster = 0; cluster < count; cluster += 1) {
        const weight = weights[feature * count + cluster] ?? 0;
        norms[cluster] = (norms[cluster] ?? 0) + weight * weight;
      }
    }
    for (let cluster = 0; cluster < count; cluster += 1)
      norms[cluster] = (norms[cluster] ?? 0) > 0 ? 1 / Math.sqrt(norms[cluster] ?? 1) : 0;
    for (let feature = 0; feature < hashSize; feature += 1) {
      for (let cluster = 0; cluster < count; cluster += 1)
        weights[feature * count + cluster] =
          (weights[feature * count + cluster] ?? 0) * (norms[cluster] ?? 0);
    }
  }
  return model;
}

/** Turns the `count` cosine similarities at `offset` into softmax weights at `temperature`, in place. */
export function clusterSoftmaxInPlace({
  values,
  offset,
  count,
  temperature,
}: {
  values: Float64Array;
  offset: number;
  count: number;
  temperature: number;
}): void {
  let max = -Infinity;
  for (let index = offset; index < offset + count; index += 1)
    max = Math.max(max, values[index] ?? 0);
  let sum = 0;
  const inverse = 1 / temperature;
  for (let index = offset; index < offset + count; index += 1) {
    const value = Math.exp(((values[index] ?? 0) - max) * inverse);
    values[index] = value;
    sum += value;
  }
  for (let index = offset; index < offset + count; index += 1)
    values[index] = (values[index] ?? 0) / sum;
}

/**
 * Smoothed mean score per (cluster, model) over rows hard-assigned to their nearest centroid:
 * `(sum + smoothing × model mean) / (count + smoothing)`. `scores` is row-major by model, `NaN` = missing.
 */
export function fitClusterTable({
  centroids,
  vectors,
  scores,
  modelCount,
  smoothing,
}: {
  centroids: LinearModel;
  vectors: readonly SparseVector[];
  scores: Float64Array;
  modelCount: number;
  smoothing: number;
}): Float32Array {
  const clusterCount = centroids.outputCount;
  const sums = new Float64Array(clusterCount * modelCount);
  const counts = new Float64Array(clusterCount * modelCount);
  const overallSum = new Float64Array(modelCount);
  const overallCount = new Float64Array(modelCount);
  const similarities = new Float64Array(clusterCount);
  vectors.forEach((vector, row) => {
    predictLinear({ model: centroids, vector, out: similarities });
    let best = 0;
    for (let cluster = 1; cluster < clusterCount; cluster += 1)
      if ((similarities[cluster] ?? 0) > (similarities[best] ?? 0)) best = cluster;
    for (let model = 0; model < modelCount; model += 1) {
      const score = scores[row * modelCount + model] ?? Number.NaN;
      if (Number.isNaN(score)) continue;
      const cell = best * modelCount + model;
      sums[cell] = (sums[cell] ?? 0) + score;
      counts[cell] = (counts[cell] ?? 0) + 1;
      overallSum[model] = (overallSum[model] ?? 0) + score;
      overallCount[model] = (overallCount[model] ?? 0) + 1;
    }
  });
  const table = new Float32Array(clusterCount * modelCount);
  for (let cluster = 0; cluster < clusterCount; cluster += 1) {
    for (let model = 0; model < modelCount; model += 1) {
      const prior = (overallSum[model] ?? 0) / Math.max(1, overallCount[model] ?? 0);
      const cell = cluster * modelCount + model;
      table[cell] = ((sums[cell] ?? 0) + smoothing * prior) / ((counts[cell] ?? 0) + smoothing);
    }
  }
  return table;
}

/**
 * Cluster estimate of every model's quality for one prompt, from its similarities to the
 * centroids (`similarities`, overwritten by the softmax weights) into `out`.
 */
export function predictClusterQuality({
  clusters,
  similarities,
  offset,
  modelCount,
  out,
}: {
  clusters: Pick<ClusterQualityModel, 'centroids' | 'table' | 'temperature'>;
  similarities: Float64Array;
  offset: number;
  modelCount: number;
  out: Float64Array;
}): void {
  const clusterCount = clusters.centroids.outputCount;
  clusterSoftmaxInPlace({
    values: similarities,
    offset,
    count: clusterCount,
    temperature: clusters.temperature,
  });
  for (let model = 0; model < modelCount; model += 1) out[model] = 0;
  for (let cluster = 0; cluster < clusterCount; cluster += 1) {
    const probability = similarities[offset + cluster] ?? 0;
    if (probability < 1e-6) continue;
    const base = cluster * modelCount;
    for (let model = 0; model < modelCount; model += 1)
      out[model] = (out[model] ?? 0) + probability * (clusters.table[base + model] ?? 0);
  }
}
