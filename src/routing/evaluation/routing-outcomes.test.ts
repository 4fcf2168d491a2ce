import { describe, expect, it } from 'vitest';
import { computeCurveMetrics } from './curve-metrics.js';
import {
  chooseByTradeOff,
  computeOracle,
  computeTradeOffCurve,
  createDefaultLambdaGrid,
  findCheapestModel,
  computeTaskBalancedWeights,
  findBestSingleModel,
  summarizeChoices,
  summarizeSingleModels,
  type OutcomeTable,
} from './routing-outcomes.js';

const table: OutcomeTable = {
  rowCount: 2,
  modelCount: 3,
  scores: Float64Array.from([1, 1, 0, 0, 0, 0]),
  costsUsd: Float64Array.from([3, 1, 0.5, 3, 1, 0.5]),
};

describe('computeOracle', () => {
  it('picks the cheapest model with the top score of each prompt', () => {
    const oracle = computeOracle(table);
    expect(Array.from(oracle.choices)).toEqual([1, 2]);
    expect(oracle.meanScore).toBe(0.5);
    expect(oracle.totalCostUsd).toBe(1.5);
  });
});

describe('summarizeSingleModels and findBestSingleModel', () => {
  it('breaks a tie in mean score toward the cheaper model', () => {
    const singles = summarizeSingleModels(table);
    expect(singles.map((single) => single.meanScore)).toEqual([0.5, 0.5, 0]);
    expect(findBestSingleModel(singles)).toBe(1);
  });

  it('summarises a model that answered some prompts over those, its cost scaled to all prompts', () => {
    const withMissing = { ...table, scores: Float64Array.from([1, 1, Number.NaN, 0, 0, 1]) };
    expect(summarizeSingleModels(withMissing)[2]).toEqual({ meanScore: 1, totalCostUsd: 1 });
  });

  it('never picks a model without outcomes as best or cheapest', () => {
    const singles = [
      { meanScore: Number.NaN, totalCostUsd: Number.NaN },
      { meanScore: 0.5, totalCostUsd: 2 },
      { meanScore: 0.4, totalCostUsd: 1 },
    ];
    expect(findBestSingleModel(singles)).toBe(1);
    expect(findCheapestModel(singles)).toBe(2);
  });
});

describe('computeTradeOffCurve', () => {
  // Deterministic pseudo-random numbers, so a failure can be replayed.
  let state = 12345;
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };

  it('makes the same choices as chooseByTradeOff at every λ, ties and gaps included', () => {
    for (let trial = 0; trial < 200; trial += 1) {
      const rowCount = 1 + Math.floor(next() * 20);
      const modelCount = 1 + Math.floor(next() * 7);
      const cells = rowCount * modelCount;
      const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
      const scores = Float64Array.from({ length: cells }, () =>
        next() < 0.15 ? Number.NaN : next(),
      );
      // Few distinct values, so equal costs and equal qualities are common; a model unknown to
      // the router is predicted at quality −∞ and cost ∞ (as evaluate-router does).
      const isUnknown = Array.from({ length: cells }, () => next() < 0.05);
      const predictedQuality = Float64Array.from({ length: cells }, (_, cell) =>
        isUnknown[cell] ? -Infinity : pick([0.1, 0.5, 0.5, 0.9, next()]),
      );
      const predictedCostUsd = Float64Array.from({ length: cells }, (_, cell) =>
        isUnknown[cell] ? Infinity : pick([0.001, 0.01, 0.01, 0.1, next() / 10]),
      );
      const outcomes: OutcomeTable = { rowCount, modelCount, scores, costsUsd: predictedCostUsd };
      const predictions = { predictedQuality, predictedCostUsd, costScaleUsd: 0.05 };
      const lambdas = [
        Infinity,
        0.3,
        0,
        ...createDefaultLambdaGrid().filter((_, index) => index % 7 === 0),
      ];
      const curve = computeTradeOffCurve({ table: outcomes, predictions, lambdas });
      lambdas.forEach((lambda, index) => {
        expect(curve[index]?.lambda).toBe(lambda);
        const direct = chooseByTradeOff({ table: outcomes, predictions, lambda });
        expect(Array.from(curve[index]?.choices ?? [])).toEqual(Array.from(direct));
        const summary = summarizeChoices({ table: outcomes, choices: direct });
        expect(curve[index]?.meanScore).toBe(summary.meanScore);
        expect(curve[index]?.totalCostUsd).toBe(summary.totalCostUsd);
      });
    }
  });

  it('picks, at λ = ∞, the better of two equally cheap models', () => {
    const oneRow: OutcomeTable = {
      rowCount: 1,
      modelCount: 3,
      scores: Float64Array.from([0, 0, 0]),
      costsUsd: Float64Array.from([1, 1, 2]),
    };
    const predictions = {
      predictedQuality: Float64Array.from([0.2, 0.6, 0.9]),
      predictedCostUsd: Float64Array.from([1, 1, 2]),
      costScaleUsd: 1,
    };
    expect(
      computeTradeOffCurve({ table: oneRow, predictions, lambdas: [Infinity] })[0]?.choices[0],
    ).toBe(1);
    expect(chooseByTradeOff({ table: oneRow, predictions, lambda: Infinity })[0]).toBe(1);
  });
});

describe('chooseByTradeOff', () => {
  const oneRow: OutcomeTable = {
    rowCount: 1,
    modelCount: 2,
    scores: Float64Array.from([1, 0]),
    costsUsd: Float64Array.from([10, 1]),
  };
  const predictions = {
    predictedQuality: Float64Array.from([0.9, 0.6]),
    predictedCostUsd: Float64Array.from([10, 1]),
    costScaleUsd: 1,
  };
  it.each([
    [0, 0],
    [0.02, 0],
    [0.1, 1],
    [Infinity, 1],
  ])('with lambda %s picks model %s', (lambda, expected) => {
    expect(chooseByTradeOff({ table: oneRow, predictions, lambda })[0]).toBe(expected);
  });
});

describe('computeCurveMetrics', () => {
  const singles = [
    { meanScore: 0.9, totalCostUsd: 10 },
    { meanScore: 0.6, totalCostUsd: 2 },
    { meanScore: 0.5, totalCostUsd: 1 },
  ];
  const points = [
    { meanScore: 0.5, totalCostUsd: 1 },
    { meanScore: 0.85, totalCostUsd: 3 },
    { meanScore: 0.891, totalCostUsd: 4 },
    { meanScore: 0.9, totalCostUsd: 6 },
    { meanScore: 0.92, totalCostUsd: 8 },
  ];
  const metrics = computeCurveMetrics({
    points,
    singles,
    trainChosen: { at100: 2, at99: 2, at95: 4, halfCost: 3 },
  });

  it('finds the cheapest point reaching each quality level', () => {
    expect(metrics.costSaved.at100).toBeCloseTo(0.4);
    expect(metrics.costSaved.at99).toBeCloseTo(0.6);
    expect(metrics.costSaved.at95).toBeCloseTo(0.6);
  });

  it('reports null at a train-chosen point that misses its level', () => {
    expect(metrics.costSavedTrainChosen.at100).toBeNull();
    expect(metrics.costSavedTrainChosen.at99).toBeCloseTo(0.6);
    expect(metrics.costSavedTrainChosen.at95).toBeCloseTo(0.2);
  });

  it('measures quality at half the best single model’s cost and the maximum', () => {
    expect(metrics.qualityAtHalfCost).toBe(0.891);
    expect(metrics.qualityAtHalfCostTrainChosen).toBeNull();
    expect(metrics.maxQuality).toBe(0.92);
  });
});

describe('task-balanced row weights', () => {
  it('gives every task the same total weight with mean weight 1', () => {
    const weights = computeTaskBalancedWeights(Int32Array.from([0, 0, 0, 1]));
    expect(Array.from(weights)).toEqual([2 / 3, 2 / 3, 2 / 3, 2]);
  });

  it('weights mean scores and total costs of policies and single models', () => {
    const weighted: OutcomeTable = { ...table, rowWeights: Float64Array.from([3, 1]) };
    expect(summarizeSingleModels(weighted)[0]).toEqual({ meanScore: 0.75, totalCostUsd: 12 });
    const result = summarizeChoices({ table: weighted, choices: Int32Array.from([1, 2]) });
    expect(result.meanScore).toBe(0.75);
    expect(result.totalCostUsd).toBe(3.5);
  });
});
