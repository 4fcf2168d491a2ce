import { describe, expect, it } from 'vitest';
import { measureTextShape } from './text-shape.js';

describe('measureTextShape', () => {
  it('counts numbers, treating 3,000 and 2.5 as one number and years as none', () => {
    expect(
      measureTextShape('In 1991 she paid 3,000 dollars and 2.5 more on 4 days').numberCount,
    ).toBe(3);
  });

  it('sees code density, indentation, fences and an unfinished line', () => {
    const shape = measureTextShape('```\nif (x) {\n  y = x[0];\n  z = y;\n```\nconst a =');
    expect(shape.codeFenceCount).toBe(2);
    expect(shape.indentedLineCount).toBe(2);
    expect(shape.codeSymbolRatio).toBeGreaterThan(0.05);
    expect(shape.endsMidLine).toBe(true);
  });

  it('recognises a bare list of concepts and a final question', () => {
    expect(measureTextShape('dog, frisbee, park, jump').isConceptList).toBe(true);
    expect(measureTextShape('I saw a dog, a cat, a bird, and a fox.').isConceptList).toBe(false);
    expect(measureTextShape('What is it?" ').endsWithQuestionMark).toBe(true);
  });

  it('handles empty text', () => {
    expect(measureTextShape('')).toMatchObject({
      wordCount: 0,
      codeSymbolRatio: 0,
      endsMidLine: false,
    });
  });
});
