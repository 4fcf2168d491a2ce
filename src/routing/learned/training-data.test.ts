import { describe, expect, it } from 'vitest';
import { groupSparseTasks, OTHER_TASK } from './training-data.js';

const repeat = (task: string, count: number): string[] => Array.from({ length: count }, () => task);

describe('groupSparseTasks', () => {
  it('keeps tasks with enough prompts, folds sparse ones into their family, the rest into other', () => {
    const tasks = [
      ...repeat('gsm8k', 10),
      ...repeat('mmlu.law', 4),
      ...repeat('mmlu.math', 3),
      ...repeat('mmlu.physics', 3),
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
    const groups = groupSparseTasks([...repeat('a.b', 10), ...repeat('c', 16)]);
    expect([...groups.values()]).toEqual(['a.b', 'c']);
  });
});
