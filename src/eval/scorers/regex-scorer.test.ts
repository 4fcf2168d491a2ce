import { describe, expect, it } from 'vitest';
import { scoreRegex } from './regex-scorer.js';

describe('scoreRegex', () => {
  it('scores 1 when the answer matches and 0 when it does not', () => {
    expect(
      scoreRegex({ answer: 'The capital is Paris.', pattern: '\\bParis\\b', flags: '' }),
    ).toEqual({ type: 'scored', score: 1 });
    expect(scoreRegex({ answer: 'Lyon', pattern: '\\bParis\\b', flags: '' })).toEqual({
      type: 'scored',
      score: 0,
      details: 'no match for /\\bParis\\b/',
    });
  });

  it('honours flags', () => {
    expect(scoreRegex({ answer: 'PARIS', pattern: '^paris$', flags: '' })).toMatchObject({
      score: 0,
    });
    expect(scoreRegex({ answer: 'PARIS', pattern: '^paris$', flags: 'i' })).toMatchObject({
      score: 1,
    });
  });

  it('gives the same result every time with the stateful g flag', () => {
    const options = { answer: 'x1', pattern: '\\d', flags: 'g' };
    expect([scoreRegex(options), scoreRegex(options)]).toEqual([
      { type: 'scored', score: 1 },
      { type: 'scored', score: 1 },
    ]);
  });
});
