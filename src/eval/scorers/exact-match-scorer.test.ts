import { describe, expect, it } from 'vitest';
import { exactScorerSchema } from '../suite-schema.js';
import { scoreExactMatch } from './exact-match-scorer.js';

const defaults = exactScorerSchema.parse({ type: 'exact' });

describe('scoreExactMatch', () => {
  it('ignores case and runs of whitespace by default', () => {
    expect(
      scoreExactMatch({ answer: '  New   York\n', reference: 'new york', spec: defaults }),
    ).toEqual({ type: 'scored', score: 1 });
  });

  it('scores 0 for a different answer and says what was expected', () => {
    expect(scoreExactMatch({ answer: 'Boston', reference: 'New York', spec: defaults })).toEqual({
      type: 'scored',
      score: 0,
      details: 'expected "New York"',
    });
  });

  it('compares case when asked to', () => {
    const spec = { ...defaults, isCaseSensitive: true };
    expect(scoreExactMatch({ answer: 'paris', reference: 'Paris', spec }).type === 'scored').toBe(
      true,
    );
    expect(scoreExactMatch({ answer: 'paris', reference: 'Paris', spec })).toMatchObject({
      score: 0,
    });
    expect(scoreExactMatch({ answer: 'Paris', reference: 'Paris', spec })).toMatchObject({
      score: 1,
    });
  });

  it('keeps whitespace when normalisation is off', () => {
    const spec = { ...defaults, shouldNormaliseWhitespace: false };
    expect(scoreExactMatch({ answer: 'a  b', reference: 'a b', spec })).toMatchObject({ score: 0 });
  });

  it('strips edge punctuation only when asked to', () => {
    expect(
      scoreExactMatch({ answer: '"Paris."', reference: 'Paris', spec: defaults }),
    ).toMatchObject({
      score: 0,
    });
    const spec = { ...defaults, shouldStripPunctuation: true };
    expect(scoreExactMatch({ answer: '"Paris."', reference: 'Paris', spec })).toMatchObject({
      score: 1,
    });
  });

  it('accepts any of several references', () => {
    expect(
      scoreExactMatch({ answer: 'NYC', reference: ['New York', 'NYC'], spec: defaults }),
    ).toMatchObject({ score: 1 });
  });
});
