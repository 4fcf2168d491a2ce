import { describe, expect, it } from 'vitest';
import { loadDataset } from '../datasets/load-dataset.js';
import { writeSyntheticDataset } from '../evaluation/test-utils/synthetic-dataset.js';
import { createLearnedRouterFromArtifact } from './learned-router.js';
import { formatRouterArtifact, parseRouterArtifact, toCanonicalJson } from './router-artifact.js';
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

  it('rejects a wrong format version with a schema error', () => {
    expect(() =>
      parseRouterArtifact({ text: JSON.stringify({ ...artifact, version: 2 }) }),
    ).toThrow(/Invalid router artifact/);
  });

  it('canonical JSON sorts keys at every level', () => {
    expect(toCanonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
  });
});
