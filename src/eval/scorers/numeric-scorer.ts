import type { z } from 'zod';
import type { numericScorerSchema } from '../suite-schema.js';
import { scored, type ScoreOutcome } from './score-outcome.js';

/** Settings of the numeric scorer. */
export type NumericScorerSpec = z.output<typeof numericScorerSchema>;

// Thousands separators (1,234.5), decimals, exponents; a leading sign only when not inside a word.
const NUMBER =
  /(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|(?<![\w.])[-+]?\.\d+/g;

/**
 * The last number written in a text (`"... so the total is $1,234.50."` → 1234.5), or undefined.
 * Unicode minus signs count as minus; thousands separators are dropped.
 */
export function extractLastNumber(text: string): number | undefined {
  const matches = text.replace(/\u2212/g, '-').match(NUMBER);
  const last = matches?.at(-1);
  if (last === undefined) return undefined;
  const value = Number(last.replace(/,/g, ''));
  return Number.isFinite(value) ? value : undefined;
}

/**
 * 1 when the last number of the answer is within the absolute or the relative tolerance of the
 * reference (`|a − r| ≤ absoluteTolerance` or `|a − r| ≤ relativeTolerance × |r|`), else 0.
 */
export function scoreNumeric({
  answer,
  reference,
  spec,
}: {
  answer: string;
  reference: number;
  spec: NumericScorerSpec;
}): ScoreOutcome {
  const value = extractLastNumber(answer);
  if (value === undefined) return scored(0, 'no number in the answer');
  const difference = Math.abs(value - reference);
  const isClose =
    difference <= spec.absoluteTolerance ||
    difference <= spec.relativeTolerance * Math.abs(reference);
  return isClose ? scored(1) : scored(0, `answered ${value}, expected ${reference}`);
}
