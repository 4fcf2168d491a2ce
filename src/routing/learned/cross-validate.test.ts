import { describe, expect, it } from 'vitest';
import { summarizeSingleModels, type OutcomeTable } from '../evaluation/routing-outcomes.js';
import {
  poolCrossValidationRuns,
  repeatOutcomeTable,
  type CrossValidationRun,
} from './cross-validate.js';
import { pairedStandardError } from './operating-points.js';

const setting = { tableSmoothing: 5, residualL2: null, residualEpochs: 0, residualLearningRate: 0 };

function run(offset: number): CrossValidationRun {
  return {
    predictions: [
      {
        hyperParameters: setting,
        tablePart: Float64Array.from([1, 2, 3, 4].map((value) => value + offset)),
        residualPart: new Float64Array(4),
        costUsd: Float64Array.from([1, 1, 1, 1]),
        costScaleUsd: 1 + offset,
      },
    ],
    clusterParts: [
      { clusterCount: 2, temperature: 0.1, part: Float64Array.from([offset, offset, 0, 0]) },
    ],
    denseParts: [{ ridge: 1, part: Float64Array.from([0, 0, offset, offset]) }],
  };
}

describe('poolCrossValidationRuns', () => {
  it('stacks the runs row-wise and averages the cost scale', () => {
    const pooled = poolCrossValidationRuns([run(0), run(10)]);
    expect(Array.from(pooled.predictions[0]?.tablePart ?? [])).toEqual([
      1, 2, 3, 4, 11, 12, 13, 14,
    ]);
    expect(pooled.predictions[0]?.costScaleUsd).toBe(6);
    expect(Array.from(pooled.clusterParts[0]?.part ?? [])).toEqual([0, 0, 0, 0, 10, 10, 0, 0]);
    expect(Array.from(pooled.denseParts[0]?.part ?? [])).toEqual([0, 0, 0, 0, 0, 0, 10, 10]);
  });

  it('returns a single run as it is and refuses none', () => {
    const single = run(0);
    expect(poolCrossValidationRuns([single])).toBe(single);
    expect(() => poolCrossValidationRuns([])).toThrow(/at least one run/);
  });
});

describe('repeatOutcomeTable', () => {
  // 4 rows × 2 models; model 1 is right on rows 0 and 1 only.
  const table: OutcomeTable = {
    rowCount: 4,
    modelCount: 2,
    scores: Float64Array.from([1, 1, 1, 1, 1, 0, 0, 0]),
    costsUsd: Float64Array.from([2, 1, 2, 1, 2, 1, 2, 1]),
    rowWeights: Float64Array.from([1, 1, 0.5, 1.5]),
  };

  it("keeps one copy's mean scores and total costs", () => {
    expect(summarizeSingleModels(repeatOutcomeTable(table, 3))).toEqual(
      summarizeSingleModels(table).map((summary) => ({
        meanScore: expect.closeTo(summary.meanScore, 12) as number,
        totalCostUsd: expect.closeTo(summary.totalCostUsd, 12) as number,
      })),
    );
  });

  it('shrinks the paired standard error by √copies (so the margin is scaled back)', () => {
    const choices = Int32Array.from([1, 1, 1, 1]);
    const single = pairedStandardError({ table, choices, model: 0 });
    const stacked = pairedStandardError({
      table: repeatOutcomeTable(table, 4),
      choices: Int32Array.from({ length: 16 }, () => 1),
      model: 0,
    });
    expect(single).toBeGreaterThan(0);
    expect(stacked * Math.sqrt(4)).toBeCloseTo(single, 12);
  });
});
