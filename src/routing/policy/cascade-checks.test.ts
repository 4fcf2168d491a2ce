import { describe, expect, it } from 'vitest';
import { checkCascadeAnswer, type CascadeAnswer } from './cascade-checks.js';
import type { CascadePolicy } from './route-policy.js';

const ALL: CascadePolicy = {
  checks: ['empty', 'truncated', 'refusal', 'json', 'verifier'],
  verifier: { pattern: /ANSWER:/, minCharacters: 10 },
};

function answer(text: string, overrides: Partial<CascadeAnswer> = {}): CascadeAnswer {
  return { text, toolCallCount: 0, finishReason: 'stop', ...overrides };
}

describe('checkCascadeAnswer', () => {
  it('passes a good answer', () => {
    expect(
      checkCascadeAnswer({ answer: answer('{"ANSWER:": 42}'), wantsJson: true, policy: ALL }),
    ).toBeUndefined();
  });

  it('flags empty, truncated and refusing answers', () => {
    const policy: CascadePolicy = { checks: ['empty', 'truncated', 'refusal'] };
    expect(checkCascadeAnswer({ answer: answer('  '), wantsJson: false, policy })).toBe(
      'empty answer',
    );
    expect(
      checkCascadeAnswer({ answer: answer('', { toolCallCount: 1 }), wantsJson: false, policy }),
    ).toBeUndefined();
    expect(
      checkCascadeAnswer({
        answer: answer('The first', { finishReason: 'length' }),
        wantsJson: false,
        policy,
      }),
    ).toBe('answer cut off at the output-token limit');
    expect(
      checkCascadeAnswer({
        answer: answer("I'm sorry, but I can't help with that."),
        wantsJson: false,
        policy,
      }),
    ).toBe('the answer declines the task');
    expect(
      checkCascadeAnswer({
        answer: answer('I cannot assist with this request.'),
        wantsJson: false,
        policy,
      }),
    ).toBe('the answer declines the task');
    expect(
      checkCascadeAnswer({
        answer: answer('x', { finishReason: 'content-filter' }),
        wantsJson: false,
        policy,
      }),
    ).toMatch(/refused/);
    // A refusal phrase later in an answer is not a refusal.
    expect(
      checkCascadeAnswer({
        answer: answer('Here is the fix. Note: I cannot assist with deployment.'),
        wantsJson: false,
        policy,
      }),
    ).toBeUndefined();
  });

  it('checks JSON only when JSON was asked for, accepting a fenced block', () => {
    const policy: CascadePolicy = { checks: ['json'] };
    expect(checkCascadeAnswer({ answer: answer('not json'), wantsJson: true, policy })).toMatch(
      /not valid JSON/,
    );
    expect(
      checkCascadeAnswer({ answer: answer('not json'), wantsJson: false, policy }),
    ).toBeUndefined();
    expect(
      checkCascadeAnswer({ answer: answer('```json\n{"a": 1}\n```'), wantsJson: true, policy }),
    ).toBeUndefined();
  });

  it('applies the verifier pattern and minimum length', () => {
    const policy: CascadePolicy = { checks: ['verifier'], verifier: ALL.verifier! };
    expect(checkCascadeAnswer({ answer: answer('short'), wantsJson: false, policy })).toMatch(
      /shorter than the verifier's 10 characters/,
    );
    expect(
      checkCascadeAnswer({
        answer: answer('a long answer without the marker'),
        wantsJson: false,
        policy,
      }),
    ).toBe('answer does not match the verifier pattern /ANSWER:/');
  });
});
