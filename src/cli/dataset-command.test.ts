import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDataset } from '../routing/datasets/index.js';
import { main } from './main.js';
import { captureOutput } from './test-utils/capture-output.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const HEADER =
  'sample_id,prompt,eval_name,openai/big,openai/big|total_cost,openai/big|model_response,small,small|total_cost';

/** A RouterBench-style CSV: math prompts the small model gets right, trivia it gets wrong. */
async function writeCsv(rows: string[]): Promise<{ dir: string; csv: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-csv-'));
  const csv = join(dir, 'routerbench.csv');
  await writeFile(csv, [HEADER, ...rows].join('\r\n') + '\r\n');
  return { dir, csv };
}

const goodRows = Array.from({ length: 120 }, (_, index) => {
  const isMath = index % 2 === 0;
  const prompt = isMath
    ? `"['Compute ${index} + ${index * 3}, then say ""done"".']"`
    : `"Which river, of all rivers,\nflows through city ${index}?"`;
  return `q.${index},${prompt},${isMath ? 'math' : 'trivia'},1,0.003,"['answer']",${isMath ? 1 : 0},0.0001`;
});

describe('switchyard dataset import', () => {
  it('converts a RouterBench CSV into a dataset that router train learns from', async () => {
    const { dir, csv } = await writeCsv(goodRows);
    const out = join(dir, 'dataset');
    const output = captureOutput();
    expect(await main(['dataset', 'import', '--routerbench', csv, '--out', out], {})).toBe(0);
    expect(output.stdout()).toMatch(
      /Imported 120 of 120 rows \(\d+ train, \d+ test\), 2 tasks, 2 models/,
    );
    const dataset = await loadDataset({ dataDir: out });
    expect(dataset.modelIds).toEqual(['openai/big', 'small']);
    expect(dataset.modelsFile.models['openai/big']).toEqual({ vendor: 'openai' });
    const first = dataset.records.find((record) => record.id === 'q.0');
    expect(first?.prompt).toBe('Compute 0 + 0, then say "done".');
    expect(first?.outcomes['openai/big']).toEqual({ score: 1, costUsd: 0.003, response: 'answer' });
    expect(dataset.records.find((record) => record.id === 'q.1')?.prompt).toBe(
      'Which river, of all rivers,\nflows through city 1?',
    );
    const tests = dataset.records.filter((record) => record.split === 'test').length;
    expect(tests).toBeGreaterThan(15);
    expect(tests).toBeLessThan(60);
    expect(await readFile(join(out, 'README.md'), 'utf8')).toMatch(
      /hash of its id \(SHA-256, see `idHashFraction`\) falls at or above 0.7/,
    );

    // The same CSV imported again gives the same split.
    const again = join(dir, 'again');
    expect(await main(['dataset', 'import', '--routerbench', csv, '--out', again], {})).toBe(0);
    expect(await readFile(join(again, 'outcomes.jsonl'), 'utf8')).toBe(
      await readFile(join(out, 'outcomes.jsonl'), 'utf8'),
    );

    const artifact = join(dir, 'router.json');
    expect(await main(['router', 'train', '--data', out, '--out', artifact], {})).toBe(0);
    expect(output.stdout()).toMatch(/Trained on \d+ train prompts, 2 models/);
  });

  it('writes nothing when a row is bad, listing every bad row', async () => {
    const { dir, csv } = await writeCsv([
      ...goodRows.slice(0, 10),
      'bad.1,prompt,math,7,0.1,,1,0.1',
      'q.3,duplicate id,math,1,0.1,,1,0.1',
    ]);
    const out = join(dir, 'dataset');
    const output = captureOutput();
    expect(await main(['dataset', 'import', '--routerbench', csv, '--out', out], {})).toBe(1);
    expect(output.stderr()).toMatch(/2 of 12 rows of .* could not be imported/);
    expect(output.stderr()).toMatch(/line 11: outcomes\.openai\/big\.score/);
    expect(output.stderr()).toMatch(/line 12: id "q\.3" repeats an earlier row/);
    expect(output.stderr()).toMatch(/--skip-invalid/);
    await expect(stat(join(out, 'outcomes.jsonl'))).rejects.toThrow();

    expect(
      await main(['dataset', 'import', '--routerbench', csv, '--out', out, '--skip-invalid'], {}),
    ).toBe(0);
    expect(output.stderr()).toMatch(/skipped row 11: /);
    expect((await loadDataset({ dataDir: out })).records).toHaveLength(10);
  });

  it('refuses to overwrite a dataset, and explains a CSV without a prompt column', async () => {
    const { dir, csv } = await writeCsv(goodRows.slice(0, 4));
    const out = join(dir, 'dataset');
    const output = captureOutput();
    expect(
      await main(
        ['dataset', 'import', '--routerbench', csv, '--out', out, '--test-fraction', '0'],
        {},
      ),
    ).toBe(0);
    expect(output.stdout()).toMatch(/\(4 train, 0 test\)/);
    expect(await main(['dataset', 'import', '--routerbench', csv, '--out', out], {})).toBe(1);
    expect(output.stderr()).toMatch(/outcomes\.jsonl already exists/);
    const noPrompt = join(dir, 'no-prompt.csv');
    await writeFile(noPrompt, 'id,text\n1,hello\n');
    expect(
      await main(['dataset', 'import', '--routerbench', noPrompt, '--out', join(dir, 'x')], {}),
    ).toBe(1);
    expect(output.stderr()).toMatch(/has no "prompt" column; its header is: id, text/);
    expect(
      await main(
        [
          'dataset',
          'import',
          '--routerbench',
          csv,
          '--out',
          join(dir, 'y'),
          '--test-fraction',
          '2',
        ],
        {},
      ),
    ).toBe(2);
    expect(output.stderr()).toMatch(/Invalid --test-fraction '2'/);
  });
});
