import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EXPERT_SCIENCE_PATTERN,
  EXPERT_SCIENCE_TRIGGERS,
  MATH_WORDING_PATTERN,
  MATH_WORDING_TRIGGERS,
  TASK_RULES,
} from './task-rules.js';
import { measureTextShape } from './text-shape.js';
import { computeWordKey, createTriggerIndex } from './trigger-index.js';

const fixturePrompts = readFileSync(
  new URL('./__fixtures__/labelled-prompts.jsonl', import.meta.url),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => (JSON.parse(line) as { prompt: string }).prompt.toLowerCase());

const extraPrompts = [
  'give me the tl;dr and the key points',
  'tldr please',
  "i'm feeling low, are you there?",
  'how do you say thanks in greek',
  'write unit tests for this c++ class',
  'the alkene was treated with hbr; the 1h-nmr spectra show two signals',
  'what is the sum of all real numbers x with x^2 = 4, in total?',
  'sort these fruits into two groups: apple, kiwi',
  'a\u00a0how many\u00a0cookies',
];

describe('trigger index', () => {
  it('sets the bit of every rule whose pattern matches, on the labelled prompts', () => {
    const groups = [
      ...TASK_RULES.map((rule) => rule.triggers),
      MATH_WORDING_TRIGGERS,
      EXPERT_SCIENCE_TRIGGERS,
    ];
    const patterns = [
      ...TASK_RULES.map((rule) => rule.pattern),
      MATH_WORDING_PATTERN,
      EXPERT_SCIENCE_PATTERN,
    ];
    const index = createTriggerIndex(groups);
    for (const text of [...fixturePrompts, ...extraPrompts]) {
      const { triggerMask } = measureTextShape(text, index);
      patterns.forEach((pattern, bit) => {
        if (groups[bit] === undefined) return;
        const isMatch = new RegExp(pattern.source).test(text);
        if (isMatch)
          expect(
            (triggerMask >> bit) & 1,
            `${pattern.source.slice(0, 40)} on "${text.slice(0, 60)}"`,
          ).toBe(1);
      });
    }
  });

  it('keys words by their first four characters', () => {
    expect(computeWordKey('summarize')).toBe(computeWordKey('summary'));
    expect(computeWordKey('tl')).not.toBe(computeWordKey('tldr'));
    const index = createTriggerIndex([['summary'], undefined, ['tl']]);
    expect(measureTextShape('please summarise this', index).triggerMask).toBe(1);
    expect(measureTextShape('tl;dr', index).triggerMask).toBe(4);
    expect(measureTextShape('nothing here', index).triggerMask).toBe(0);
  });

  it('refuses more groups than bits', () => {
    expect(() => createTriggerIndex(Array.from({ length: 32 }, () => ['word']))).toThrow();
  });
});
