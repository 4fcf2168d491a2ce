import { describe, expect, it } from 'vitest';
import { summarizeChoices, type OutcomeTable } from '../evaluation/routing-outcomes.js';
import {
  chooseOperatingPoints,
  matchHalfCostPoint,
  pairedStandardError,
} from './operating-points.js';

// Model 0: strong and expensive; model 1: cheap and as good on half the rows.
const rowCount = 40;
const scores = new Float64Array(rowCount * 2);
const costsUsd = new Float64Array(rowCount * 2);
for (let row = 0; row < rowCount; row += 1) {
  scores[row * 2] = 1;
  scores[row * 2 + 1] = row % 2 === 0 ? 1 : row % 4 === 1 ? 0.9 : 0;
  costsUsd[row * 2] = 1;
  costsUsd[row * 2 + 1] = 0.1;
}
const table: OutcomeTable = { rowCount, modelCount: 2, scores, costsUsd };

describe('operating points', () => {
  it('measures the paired standard error against a model', () => {
    const same = new Int32Array(rowCount);
    expect(pairedStandardError({ table, choices: same, model: 0 })).toBe(0);
    const cheap = new Int32Array(rowCount).fill(1);
    expect(pairedStandardError({ table, choices: cheap, model: 0 })).toBeGreaterThan(0);
  });

  it('asks for a safety margin at a quality level when given the table', () => {
    const cheaper = new Int32Array(rowCount);
    const safer = new Int32Array(rowCount);
    for (let row = 0; row < rowCount; row += 1) {
      cheaper[row] = row % 4 === 3 ? 0 : 1;
      safer[row] = row % 2 === 0 ? 1 : 0;
    }
    const curve = [
      { lambda: 0, ...summarizeChoices({ table, choices: new Int32Array(rowCount) }) },
      { lambda: 0.5, ...summarizeChoices({ table, choices: safer }) },
      { lambda: 1, ...summarizeChoices({ table, choices: cheaper }) },
    ];
    expect(curve[2]?.meanScore).toBeCloseTo(0.975, 10);
    const bestSingle = { meanScore: 1, totalCostUsd: rowCount };
    const plain = chooseOperatingPoints({ curve, bestSingle });
    const safe = chooseOperatingPoints({ curve, bestSingle, table, safetyZ: 5 });
    expect(plain['best-single-quality-95'].lambda).toBe(1);
    expect(safe['best-single-quality-95'].lambda).toBe(0.5);
    expect(safe['best-single-quality-95'].isObjectiveMet).toBe(true);
  });

  it('re-reads the half-cost point on the final curve by cost, under both weightings', () => {
    const point = (lambda: number, meanScore: number, totalCostUsd: number) => ({
      lambda,
      meanScore,
      totalCostUsd,
      choices: new Int32Array(0),
    });
    const crossValidated = chooseOperatingPoints({
      curve: [point(0, 1, 40), point(0.5, 0.9, 18), point(1, 0.8, 10)],
      bestSingle: { meanScore: 1, totalCostUsd: 40 },
    });
    expect(crossValidated['half-best-single-cost'].lambda).toBe(0.5);
    // The final model spends less at each λ: at 0.5 only 25% of the cost, at 0.2 45%, at 0.1 60%.
    const curve = [point(0.1, 0.97, 24), point(0.2, 0.95, 18), point(0.5, 0.9, 10)];
    const matched = matchHalfCostPoint({
      points: crossValidated,
      crossValidatedBestSingleCostUsd: 40,
      curve,
      bestSingleCostUsd: 40,
    });
    expect(matched['half-best-single-cost'].lambda).toBe(0.2);
    expect(matched['half-best-single-cost'].trainMeanScore).toBe(0.9);
    expect(matched['best-single-quality']).toEqual(crossValidated['best-single-quality']);
    // With every prompt weighing the same, λ 0.2 spends 55%: too much.
    const naturalCurve = [point(0.1, 0.97, 30), point(0.2, 0.95, 22), point(0.5, 0.9, 12)];
    const bothMixes = matchHalfCostPoint({
      points: crossValidated,
      crossValidatedBestSingleCostUsd: 40,
      curve,
      bestSingleCostUsd: 40,
      naturalCurve,
      naturalBestSingleCostUsd: 40,
    });
    expect(bothMixes['half-best-single-cost'].lambda).toBe(0.5);
    // A tighter cap.
    const capped = matchHalfCostPoint({
      points: crossValidated,
      crossValidatedBestSingleCostUsd: 40,
      curve,
      bestSingleCostUsd: 40,
      costCap: 0.4,
    });
    expect(capped['half-best-single-cost'].lambda).toBe(0.5);
  });
});
