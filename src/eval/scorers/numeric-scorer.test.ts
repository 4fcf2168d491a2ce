import { describe, expect, it } from 'vitest';
import { numericScorerSchema } from '../suite-schema.js';
import { extractLastNumber, scoreNumeric } from './numeric-scorer.js';

const defaults = numericScorerSchema.parse({ type: 'numeric' });

describe('extractLastNumber', () => {
  it.each([
    ['First 3 apples, then 5 more, so 8 in total.', 8],
    ['The total is $1,234.50.', 1234.5],
    ['#### -17', -17],
    ['It is \u22123.5 degrees', -3.5],
    ['about 6.02e23 atoms', 6.02e23],
    ['value .5', 0.5],
    ['step-2 gives x2 then 10', 10],
  ])('finds the last number in %j', (text, expected) => {
    expect(extractLastNumber(text)).toBe(expected);
  });

  it('returns undefined when there is no number', () => {
    expect(extractLastNumber('no digits here')).toBeUndefined();
  });
});

describe('scoreNumeric', () => {
  it('scores the last number against the reference', () => {
    expect(scoreNumeric({ answer: 'so 42', reference: 42, spec: defaults })).toEqual({
      type: 'scored',
      score: 1,
    });
    expect(scoreNumeric({ answer: '42 or maybe 41', reference: 42, spec: defaults })).toEqual({
      type: 'scored',
      score: 0,
      details: 'answered 41, expected 42',
    });
  });

  it('accepts answers within the absolute tolerance only', () => {
    const spec = { ...defaults, absoluteTolerance: 0.01 };
    expect(scoreNumeric({ answer: '3.14', reference: Math.PI, spec })).toMatchObject({ score: 1 });
    expect(scoreNumeric({ answer: '3.1', reference: Math.PI, spec })).toMatchObject({ score: 0 });
  });

  it('accepts answers within the relative tolerance', () => {
    const spec = { ...defaults, relativeTolerance: 0.01 };
    expect(scoreNumeric({ answer: '1005', reference: 1000, spec })).toMatchObject({ score: 1 });
    expect(scoreNumeric({ answer: '1011', reference: 1000, spec })).toMatchObject({ score: 0 });
  });

  it('scores 0 when the answer has no number', () => {
    expect(scoreNumeric({ answer: 'I do not know', reference: 1, spec: defaults })).toEqual({
      type: 'scored',
      score: 0,
      details: 'no number in the answer',
    });
  });
});
