import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { buildOutcomeMatrix } from './outcome-matrix.js';
import type { ModelsFile, OutcomeRecord } from './outcome-schema.js';

const record = (
  id: string,
  prompt: string,
  outcomes: OutcomeRecord['outcomes'],
): OutcomeRecord => ({
  id,
  task: 't',
  split: 'train',
  prompt,
  outcomes,
});

const dataset = (records: OutcomeRecord[], models: ModelsFile['models']) => ({
  dataDir: 'data/example',
  modelsFile: { models },
  modelIds: Object.keys(models),
  records,
});

describe('buildOutcomeMatrix costs', () => {
  it('keeps recorded costs and estimates missing ones from prices', () => {
    const matrix = buildOutcomeMatrix({
      dataset: dataset(
        [
          record('a', 'x'.repeat(400), {
            priced: { score: 1 },
            recorded: { score: 0, costUsd: 0.5 },
          }),
        ],
        { priced: { inputUsdPerMillionTokens: 1, outputUsdPerMillionTokens: 2 }, recorded: {} },
      ),
    });
    // 100 input tokens × $1 + 256 output tokens × $2, per million.
    expect(matrix.costsUsd[0]).toBeCloseTo((100 + 512) / 1e6, 12);
    expect(matrix.costsUsd[1]).toBe(0.5);
    expect(matrix.costSource).toEqual({ priced: 'estimated', recorded: 'recorded' });
    expect(matrix.excludedModels).toEqual([]);
  });

  it('estimates a model without prices at its own recorded rate', () => {
    // Recorded: $0.356 for 100 + 256 estimated tokens, i.e. $0.001 a token.
    const matrix = buildOutcomeMatrix({
      dataset: dataset(
        [
          record('a', 'x'.repeat(400), { m: { score: 1, costUsd: 0.356 } }),
          record('b', 'x'.repeat(800), { m: { score: 0 } }),
        ],
        { m: {} },
      ),
    });
    expect(matrix.costsUsd[1]).toBeCloseTo(0.001 * (200 + 256), 12);
    expect(matrix.costSource).toEqual({ m: 'mixed' });
  });

  it('leaves out a model with neither prices nor any recorded cost, saying why', () => {
    const matrix = buildOutcomeMatrix({
      dataset: dataset(
        [record('a', 'p', { known: { score: 1, costUsd: 0.1 }, unknown: { score: 1 } })],
        {
          known: {},
          unknown: {},
        },
      ),
    });
    expect(matrix.modelIds).toEqual(['known']);
    expect(matrix.scores).toEqual(Float64Array.from([1]));
    expect(matrix.excludedModels).toEqual([
      { modelId: 'unknown', reason: expect.stringContaining('add inputUsdPerMillionTokens') },
    ]);
  });

  it('leaves out a model that models.json lists but that has no outcome in the split', () => {
    const matrix = buildOutcomeMatrix({
      dataset: dataset([record('a', 'p', { ran: { score: 1, costUsd: 0.1 } })], {
        ran: {},
        ghost: { inputUsdPerMillionTokens: 0.01, outputUsdPerMillionTokens: 0.01 },
      }),
      split: 'train',
    });
    expect(matrix.modelIds).toEqual(['ran']);
    expect(matrix.excludedModels).toEqual([
      { modelId: 'ghost', reason: 'no outcome in the train split' },
    ]);
  });

  it('throws a DatasetError naming the models when no model has a known cost', () => {
    const build = () =>
      buildOutcomeMatrix({
        dataset: dataset([record('a', 'p', { first: { score: 1 }, second: { score: 0 } })], {
          first: {},
          second: {},
        }),
      });
    expect(build).toThrow(DatasetError);
    expect(build).toThrow(/can be used: "first": no outcome has costUsd .*; "second": no outcome/);
  });
});
