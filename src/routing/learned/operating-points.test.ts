import { describe, expect, it } from 'vitest';
import { summarizeChoices, type OutcomeTable } from '../evaluation/routing-outcomes.js';
import { chooseOperatingPoints, pairedStandardError } from './operating-points.js';

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
});
