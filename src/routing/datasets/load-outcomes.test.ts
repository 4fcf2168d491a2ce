import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatasetError } from './dataset-error.js';
import { loadDataset } from './load-dataset.js';
import { loadOutcomes } from './load-outcomes.js';

const good = (id: string, split = 'train'): string =>
  JSON.stringify({
    id,
    task: 't',
    split,
    prompt: `prompt ${id}`,
    outcomes: { a: { score: 1, costUsd: 0.01 }, b: { score: 0 } },
  });

async function writeDataset(lines: string[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-dataset-'));
  await writeFile(join(dir, 'outcomes.jsonl'), lines.join('\n'));
  await writeFile(
    join(dir, 'models.json'),
    JSON.stringify({
      models: { a: { inputUsdPerMillionTokens: 1, outputUsdPerMillionTokens: 2 }, b: {} },
    }),
  );
  return dir;
}

describe('loadOutcomes', () => {
  it('keeps valid lines and reports every bad line with its number and reason', async () => {
    const dir = await writeDataset([
      good('one'),
      '{not json',
      '',
      JSON.stringify({
        id: 'x',
        task: 't',
        split: 'dev',
        prompt: 'p',
        outcomes: { a: { score: 2 } },
      }),
      good('one'),
      good('two', 'test'),
    ]);
    const { records, issues } = await loadOutcomes({ path: join(dir, 'outcomes.jsonl') });
    expect(records.map((record) => record.id)).toEqual(['one', 'two']);
    expect(issues.map((issue) => issue.lineNumber)).toEqual([2, 4, 5]);
    expect(issues[0]?.reason).toMatch(/invalid JSON/);
    expect(issues[1]?.reason).toMatch(/split/);
    expect(issues[1]?.reason).toMatch(/outcomes\.a\.score/);
    expect(issues[2]?.reason).toBe('duplicate id "one" (first on line 1)');
  });

  it('throws a DatasetError naming the path when the file is missing', async () => {
    await expect(loadOutcomes({ path: '/nonexistent/outcomes.jsonl' })).rejects.toThrow(
      /not found or unreadable: \/nonexistent\/outcomes\.jsonl/,
    );
  });
});

describe('loadDataset', () => {
  it('loads a valid folder and lists its models', async () => {
    const dir = await writeDataset([good('one'), good('two', 'test')]);
    const dataset = await loadDataset({ dataDir: dir });
    expect(dataset.modelIds).toEqual(['a', 'b']);
    expect(dataset.records).toHaveLength(2);
  });

  it('throws one DatasetError listing every bad line in strict mode', async () => {
    const dir = await writeDataset([good('one'), '[]', '{"id":1}']);
    const error: unknown = await loadDataset({ dataDir: dir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DatasetError);
    expect(
      error instanceof DatasetError ? error.issues.map((issue) => issue.lineNumber) : [],
    ).toEqual([2, 3]);
    expect(String(error)).toMatch(/2 invalid line\(s\)/);
  });

  it('returns the issues instead when not strict', async () => {
    const dir = await writeDataset([good('one'), '[]']);
    const dataset = await loadDataset({ dataDir: dir, isStrict: false });
    expect(dataset.issues).toHaveLength(1);
  });

  it('explains a missing folder', async () => {
    await expect(loadDataset({ dataDir: '/nonexistent/dataset' })).rejects.toThrow(
      /Dataset folder not found: \/nonexistent\/dataset/,
    );
  });
});
