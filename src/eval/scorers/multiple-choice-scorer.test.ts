import { describe, expect, it } from 'vitest';
import { extractChoice, scoreMultipleChoice } from './multiple-choice-scorer.js';

describe('extractChoice', () => {
  it.each([
    ['B', 'B'],
    ['(C)', 'C'],
    ['**D.**', 'D'],
    ['The answer is (B).', 'B'],
    ['Answer: C', 'C'],
    ['Final answer: E', 'E'],
    ['The correct option is D because...', 'D'],
    ['I choose A.', 'A'],
    ['A is tempting, but the answer is B', 'B'],
    ['B) Paris\nbecause it is the capital', 'B'],
    ['Looking at the options, (A) is wrong and (C) is right.', 'C'],
    ['The answer is C. (A) was a distractor.', 'C'],
  ])('finds the choice in %j', (text, expected) => {
    expect(extractChoice(text)).toBe(expected);
  });

  it.each(['The answer is a cat.', 'I am not sure.', 'Answer: 42'])(
    'finds no choice in %j',
    (text) => {
      expect(extractChoice(text)).toBeUndefined();
    },
  );
});

describe('scoreMultipleChoice', () => {
  it('scores 1 for the reference letter and 0 for another', () => {
    expect(scoreMultipleChoice({ answer: 'The answer is (b)?', reference: 'B' })).toMatchObject({
      score: 0,
    });
    expect(scoreMultipleChoice({ answer: 'The answer is (B)', reference: 'b' })).toEqual({
      type: 'scored',
      score: 1,
    });
    expect(scoreMultipleChoice({ answer: 'Answer: D', reference: 'B' })).toEqual({
      type: 'scored',
      score: 0,
      details: 'chose D, expected B',
    });
  });
});
