import { describe, expect, it } from 'vitest';
import { parseTaskFamily, TASK_FAMILIES } from './task-family.js';

describe('parseTaskFamily', () => {
  it('accepts every family name in any case, and the documented aliases', () => {
    for (const family of TASK_FAMILIES) expect(parseTaskFamily(family.toUpperCase())).toBe(family);
    expect(parseTaskFamily('code_completion')).toBe('code-completion');
    expect(parseTaskFamily('planning')).toBe('reasoning');
    expect(parseTaskFamily('qa')).toBe('knowledge-qa');
  });

  it('returns undefined for anything else', () => {
    expect(parseTaskFamily('')).toBeUndefined();
    expect(parseTaskFamily('poetry')).toBeUndefined();
    expect(parseTaskFamily('constructor')).toBeUndefined();
  });
});
