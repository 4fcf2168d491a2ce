import { describe, expect, it } from 'vitest';
import { createProgressReporter, formatProgressBar } from './progress-bar.js';

describe('formatProgressBar', () => {
  it('renders the filled fraction and counts', () => {
    expect(formatProgressBar({ event: { phase: 'cv', done: 1, total: 4 }, width: 8 })).toBe(
      'cv [##------]  25% 1/4',
    );
  });
});

describe('createProgressReporter', () => {
  const collect = (options: { isTTY: boolean; isForced?: boolean }) => {
    const output: string[] = [];
    let nowMs = 0;
    const report = createProgressReporter({
      stream: { write: (text: string) => output.push(text), isTTY: options.isTTY },
      isForced: options.isForced ?? false,
      nowMs: () => nowMs,
    });
    return { output, report, advance: (ms: number) => (nowMs += ms) };
  };

  it('stays silent when stderr is not a terminal', () => {
    const { output, report, advance } = collect({ isTTY: false });
    report({ phase: 'a', done: 0, total: 2 });
    advance(5000);
    report({ phase: 'a', done: 2, total: 2 });
    expect(output).toEqual([]);
  });

  it('draws only phases that run longer than a second', () => {
    const { output, report, advance } = collect({ isTTY: false, isForced: true });
    report({ phase: 'quick', done: 0, total: 1 });
    report({ phase: 'quick', done: 1, total: 1 });
    report({ phase: 'slow', done: 0, total: 2 });
    advance(1500);
    report({ phase: 'slow', done: 1, total: 2 });
    report({ phase: 'slow', done: 2, total: 2 });
    expect(output.join('')).not.toMatch(/quick/);
    expect(output.join('')).toMatch(/slow \[#+-*\] {2}50% 1\/2/);
    expect(output.join('')).toMatch(/slow \[#+\] 100% 2\/2\n/);
  });
});
