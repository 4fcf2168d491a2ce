import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSeededRandom } from '../../learned/seeded-random.js';

const TOPICS = {
  math: ['compute', 'sum', 'integer', 'equation', 'solve', 'multiply'],
  trivia: ['capital', 'river', 'painter', 'novel', 'country', 'mountain'],
};

/** Probability that each model answers a task correctly. */
const ACCURACY: Record<string, Record<keyof typeof TOPICS, number>> = {
  big: { math: 0.9, trivia: 0.9 },
  'small-math': { math: 0.92, trivia: 0.2 },
  tiny: { math: 0.3, trivia: 0.3 },
};

/**
 * Writes a small synthetic dataset (FORMAT.md) to a temporary folder: two tasks, three models,
 * where a cheap model is as good as the expensive one on one task. Deterministic.
 */
export async function writeSyntheticDataset({
  trainRows = 160,
  testRows = 60,
  seed = 7,
} = {}): Promise<string> {
  const random = createSeededRandom(seed);
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-synthetic-'));
  const lines: string[] = [];
  for (let row = 0; row < trainRows + testRows; row += 1) {
    const task = row % 2 === 0 ? 'math' : 'trivia';
    const words = TOPICS[task];
    const length = 4 + Math.floor(random() * 20);
    const prompt =
      Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ') +
      (task === 'math' ? ` ${Math.floor(random() * 100)} + ${Math.floor(random() * 100)}?` : '?');
    const outcomes = Object.fromEntries(
      Object.entries(ACCURACY).map(([model, accuracy]) => [
        model,
        { score: random() < accuracy[task] ? 1 : 0 },
      ]),
    );
    lines.push(
      JSON.stringify({
        id: `${task}.${row}`,
        task,
        split: row < trainRows ? 'train' : 'test',
        prompt,
        outcomes,
      }),
    );
  }
  await writeFile(join(dir, 'outcomes.jsonl'), `${lines.join('\n')}\n`);
  await writeFile(
    join(dir, 'models.json'),
    JSON.stringify({
      models: {
        big: { inputUsdPerMillionTokens: 10, outputUsdPerMillionTokens: 30 },
        'small-math': { inputUsdPerMillionTokens: 0.5, outputUsdPerMillionTokens: 1 },
        tiny: { inputUsdPerMillionTokens: 0.1, outputUsdPerMillionTokens: 0.1 },
      },
    }),
  );
  return dir;
}
