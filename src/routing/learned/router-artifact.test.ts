import { describe, expect, it } from 'vitest';
import { loadDataset } from '../datasets/load-dataset.js';
import { writeSyntheticDataset } from '../evaluation/test-utils/synthetic-dataset.js';
import { createFeatureExtractor } from './feature-extractor.js';
import { createLearnedRouterFromArtifact } from './learned-router.js';
import {
  createRouterArtifact,
  formatRouterArtifact,
  parseRouterArtifact,
  toCanonicalJson,
} from './router-artifact.js';
import {
  createPredictionBuffers,
  predictWithRouterModel,
  type RouterModel,
} from './router-model.js';
import { trainRouterOnDataset } from './train-router.js';

const dataset = await loadDataset({ dataDir: await writeSyntheticDataset() });
const artifact = trainRouterOnDataset({
  dataset,
  folds: 3,
  now: () => new Date('2026-01-01T00:00:00Z'),
});

describe('router artifact', () => {
  it('round-trips through JSON with the same predictions', () => {
    const text = formatRouterArtifact(artifact);
    const parsed = parseRouterArtifact({ text });
    expect(parsed.artifact.contentHash).toBe(artifact.contentHash);
    const prompt = 'solve compute integer 3 + 4?';
    const original = createLearnedRouterFromArtifact(
      parseRouterArtifact({ text: formatRouterArtifact(artifact) }),
    );
    const reloaded = createLearnedRouterFromArtifact(parsed);
    expect(reloaded.predict({ prompt })).toEqual(original.predict({ prompt }));
  });

  it('is reproducible: same data and seed give the same content hash', () => {
    const again = trainRouterOnDataset({
      dataset,
      folds: 3,
      now: () => new Date('2027-01-01T00:00:00Z'),
    });
    expect(again.contentHash).toBe(artifact.contentHash);
    expect(again.createdAt).not.toBe(artifact.createdAt);
  });

  it('detects a tampered field through the content hash', () => {
    const tampered = { ...artifact, costScaleUsd: artifact.costScaleUsd * 2 };
    expect(() =>
      parseRouterArtifact({ text: JSON.stringify(tampered), path: 'router.json' }),
    ).toThrow(/router\.json failed its integrity check/);
  });

  it('detects tampered weights', () => {
    const weights = artifact.taskClassifier.weights;
    const flipped = (weights.startsWith('A') ? 'B' : 'A') + weights.slice(1);
    const tampered = {
      ...artifact,
      taskClassifier: { ...artifact.taskClassifier, weights: flipped },
    };
    expect(() => parseRouterArtifact({ text: JSON.stringify(tampered) })).toThrow(
      /integrity check/,
    );
  });

  it('rejects another format version with a clear retrain message', () => {
    expect(() =>
      parseRouterArtifact({
        text: JSON.stringify({ ...artifact, version: 1 }),
        path: 'old-router.json',
      }),
    ).toThrow(
      /old-router\.json has format version 1; this switchyard reads version 2\. Retrain with `switchyard router train`/,
    );
  });

  it('round-trips the dense-feature trend, and the hot path matches the training-time prediction', () => {
    const { model } = parseRouterArtifact({ text: formatRouterArtifact(artifact) });
    const taskCount = model.taskNames.length;
    const modelCount = model.modelIds.length;
    const withDense: RouterModel = {
      ...model,
      denseTask: {
        means: Float32Array.from({ length: taskCount * 12 }, (_, index) => (index % 12) / 24),
        coefficients: Float32Array.from(
          { length: taskCount * modelCount * 12 },
          (_, index) => ((index % 7) - 3) / 10,
        ),
        ridge: 1,
        weight: 0.5,
      },
    };
    const written = createRouterArtifact({
      model: withDense,
      operatingPoints: artifact.operatingPoints,
      training: artifact.training,
      createdAt: artifact.createdAt,
    });
    const parsed = parseRouterArtifact({ text: formatRouterArtifact(written) });
    expect(parsed.model.denseTask?.coefficients).toEqual(withDense.denseTask?.coefficients);
    expect(parsed.model.denseTask?.means).toEqual(withDense.denseTask?.means);
    const prompt = 'compute the sum of 12 + 30?\nthen solve 3 + 4';
    const router = createLearnedRouterFromArtifact(parsed);
    const plain = createLearnedRouterFromArtifact(
      parseRouterArtifact({ text: formatRouterArtifact(artifact) }),
    );
    const quality = new Float64Array(modelCount);
    const cost = new Float64Array(modelCount);
    router.predictInto({ prompt, quality, costUsd: cost });
    const plainQuality = new Float64Array(modelCount);
    plain.predictInto({ prompt, quality: plainQuality, costUsd: new Float64Array(modelCount) });
    expect(Array.from(quality)).not.toEqual(Array.from(plainQuality));
    const extractor = createFeatureExtractor({
      config: parsed.model.features,
      inverseDocumentFrequency: parsed.model.inverseDocumentFrequency,
    });
    const expected = new Float64Array(modelCount);
    predictWithRouterModel({
      model: parsed.model,
      vector: extractor.extract(prompt),
      promptLength: prompt.length,
      buffers: createPredictionBuffers(parsed.model),
      quality: expected,
      costUsd: new Float64Array(modelCount),
    });
    Array.from(expected).forEach((value, index) => expect(quality[index]).toBeCloseTo(value, 5));
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(toCanonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});
