import { describe, expect, it } from 'vitest';
import { loadDataset } from '../datasets/load-dataset.js';
import { writeSyntheticDataset } from '../evaluation/test-utils/synthetic-dataset.js';
import { benchmarkDecision, createBenchmarkPrompt } from './benchmark-decision.js';
import { createLearnedRouterFromArtifact, NoKnownCandidateError } from './learned-router.js';
import { parseRouterArtifact, formatRouterArtifact } from './router-artifact.js';
import { trainRouterOnDataset } from './train-router.js';

const dataset = await loadDataset({ dataDir: await writeSyntheticDataset() });
const artifact = trainRouterOnDataset({ dataset, folds: 3 });
const router = createLearnedRouterFromArtifact(
  parseRouterArtifact({ text: formatRouterArtifact(artifact) }),
);

describe('LearnedRouter', () => {
  it('predicts higher quality for the specialist on its task', () => {
    const { predictions } = router.predict({ prompt: 'compute the sum of 12 + 30?' });
    const byId = Object.fromEntries(
      predictions.map((prediction) => [prediction.modelId, prediction]),
    );
    expect(byId['small-math']?.predictedQuality ?? 0).toBeGreaterThan(
      byId.tiny?.predictedQuality ?? 1,
    );
    expect(byId.big?.predictedCostUsd ?? 0).toBeGreaterThan(
      byId['small-math']?.predictedCostUsd ?? 1,
    );
  });

  it('routes by objective: quality first picks a strong model, cost first the cheapest', () => {
    expect(
      router.choose({ prompt: 'capital river painter?', objective: 'max-quality' }).modelId,
    ).toBe('big');
    expect(router.choose({ prompt: 'capital river painter?', objective: 'min-cost' }).modelId).toBe(
      'tiny',
    );
    expect(router.choose({ prompt: 'compute solve 3 + 4?', lambda: 5 }).modelId).toBe('small-math');
  });

  it('skips unknown candidates with a reason and throws when none is known', () => {
    const decision = router.choose({ prompt: 'x', candidates: ['tiny', 'gpt-9'], lambda: 0 });
    expect(decision.modelId).toBe('tiny');
    expect(decision.skipped).toEqual([
      { modelId: 'gpt-9', reason: expect.stringMatching(/not in the router artifact/) },
    ]);
    expect(() => router.choose({ prompt: 'x', candidates: ['gpt-9'] })).toThrow(
      NoKnownCandidateError,
    );
  });

  it('times decisions with the benchmark helper', () => {
    const timing = benchmarkDecision({
      router,
      prompts: [createBenchmarkPrompt(2048)],
      iterations: 200,
      warmupIterations: 50,
    });
    expect(timing.iterations).toBe(200);
    expect(timing.p99Us).toBeGreaterThanOrEqual(timing.p50Us);
  });
});
