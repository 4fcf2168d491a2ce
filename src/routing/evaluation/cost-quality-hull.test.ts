import { describe, expect, it } from 'vitest';
import {
  computeAiq,
  computeApgr,
  computeNonDecreasingHull,
  interpolateHull,
  integrateHull,
} from './cost-quality-hull.js';

const points = [
  { costUsd: 3, quality: 0.7 },
  { costUsd: 1, quality: 0.5 },
  { costUsd: 2, quality: 0.8 },
  { costUsd: 5, quality: 0.85 },
  { costUsd: 4, quality: 0.9 },
];

describe('computeNonDecreasingHull', () => {
  it('keeps the upper concave envelope from the cheapest point up to the best point', () => {
    expect(computeNonDecreasingHull(points)).toEqual([
      { costUsd: 1, quality: 0.5 },
      { costUsd: 2, quality: 0.8 },
      { costUsd: 4, quality: 0.9 },
    ]);
  });

  it('keeps the best quality among points of equal cost', () => {
    expect(
      computeNonDecreasingHull([
        { costUsd: 1, quality: 0.2 },
        { costUsd: 1, quality: 0.4 },
      ]),
    ).toEqual([{ costUsd: 1, quality: 0.4 }]);
  });
});

describe('interpolateHull and integrateHull', () => {
  const hull = computeNonDecreasingHull(points);
  it('interpolates linearly and stays flat after the last point', () => {
    expect(interpolateHull({ hull, costUsd: 3 })).toBeCloseTo(0.85);
    expect(interpolateHull({ hull, costUsd: 10 })).toBeCloseTo(0.9);
    expect(interpolateHull({ hull, costUsd: 0.5, belowValue: 0 })).toBe(0);
  });

  it('integrates the piecewise-linear curve exactly', () => {
    // 1..2: 0.65, 2..4: 1.7, 4..5: 0.9
    expect(integrateHull({ hull, fromUsd: 1, toUsd: 5 })).toBeCloseTo(3.25);
  });
});

describe('computeAiq', () => {
  it('is the hull area divided by the width of the cost range', () => {
    expect(computeAiq(points)).toBeCloseTo(3.25 / 4);
  });
});

describe('computeApgr', () => {
  it('averages the recovered gap between the cheapest and the best single model', () => {
    const apgr = computeApgr({
      points,
      weak: { costUsd: 1, quality: 0.5 },
      strong: { costUsd: 4, quality: 0.9 },
    });
    // mean hull over [1, 4] = 2.35 / 3; (0.78333 − 0.5) / 0.4
    expect(apgr).toBeCloseTo((2.35 / 3 - 0.5) / 0.4);
  });

  it('is 1 for a router that matches the strong model from the weak model’s cost on', () => {
    const apgr = computeApgr({
      points: [{ costUsd: 1, quality: 0.9 }],
      weak: { costUsd: 1, quality: 0.5 },
      strong: { costUsd: 4, quality: 0.9 },
    });
    expect(apgr).toBeCloseTo(1);
  });
});
