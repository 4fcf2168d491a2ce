import { describe, expect, it } from 'vitest';
import { groupSparseTasks, OTHER_TASK } from './training-data.js';

const repeat = (task: string, count: number): string[] => Array.from({ length: count }, () => task);

describe('groupSparseTasks', () => {
  it('keeps tasks with enough prompts, folds sparse ones into their family, the rest into other', () => {
    const tasks = [
      ...repeat('gsm8k', 20),
      ...repeat('mmlu.law', 8),
      ...repeat('mmlu.math', 7),
      ...repeat('mmlu.physics', 6),
      ...repeat('bbh.dates', 5),
      ...repeat('trivia', 3),
    ];
    expect(Object.fromEntries(groupSparseTasks(tasks))).toEqual({
      gsm8k: 'gsm8k',
      'mmlu.law': 'mmlu',
      'mmlu.math': 'mmlu',
      'mmlu.physics': 'mmlu',
      'bbh.dates': OTHER_TASK,
      trivia: OTHER_TASK,
    });
  });

  it('changes nothing when every task has enough prompts', () => {
    const groups = groupSparseTasks([...repeat('a.b', 25), ...repeat('c', 30)]);
    expect([...groups.values()]).toEqual(['a.b', 'c']);
  });
});
