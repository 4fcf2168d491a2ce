import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeSyntheticDataset } from '../routing/evaluation/test-utils/synthetic-dataset.js';
import { main } from './main.js';
import { captureOutput } from './test-utils/capture-output.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** `switchyard router train --data DIR --out ARTIFACT`; returns the exit code. */
const train = (dataDir: string, artifact: string): Promise<number> =>
  main(['router', 'train', '--data', dataDir, '--out', artifact], {});

/** `switchyard router evaluate` on DIR into DIR/r (or `reportDir`); returns the exit code. */
const evaluate = (
  dataDir: string,
  artifact: string,
  reportDir = join(dataDir, 'r'),
): Promise<number> =>
  main(['router', 'evaluate', '--data', dataDir, '--router', artifact, '--report', reportDir], {});

describe('switchyard router', () => {
  it('trains an artifact and evaluates it into a report', async () => {
    const dataDir = await writeSyntheticDataset();
    const output = captureOutput();
    const artifact = join(dataDir, 'router.json');
    expect(await train(dataDir, artifact)).toBe(0);
    expect(output.stdout()).toMatch(/Trained on 160 train prompts, 3 models/);
    const reportDir = join(dataDir, 'report');
    expect(await evaluate(dataDir, artifact, reportDir)).toBe(0);
    expect(output.stdout()).toMatch(/best single big/);
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as {
      bestSingle: { model: string };
      router: { costSaved: Record<string, unknown> };
    };
    expect(report.bestSingle.model).toBe('big');
    expect(Object.keys(report.router.costSaved)).toEqual(['at100', 'at99', 'at95']);
  });

  it('explains a missing dataset folder and exits 1', async () => {
    const output = captureOutput();
    expect(
      await main(['router', 'train', '--data', '/nonexistent/dataset', '--out', '/tmp/x.json'], {}),
    ).toBe(1);
    expect(output.stderr()).toMatch(/Dataset folder not found: \/nonexistent\/dataset/);
  });

  it('explains an empty test split in one line and exits 1', async () => {
    const dataDir = await writeSyntheticDataset({ testRows: 0 });
    const output = captureOutput();
    const artifact = join(dataDir, 'router.json');
    expect(await train(dataDir, artifact)).toBe(0);
    expect(await evaluate(dataDir, artifact)).toBe(1);
    expect(output.stderr()).toMatch(/The test split of .* is empty: no line has "split": "test"/);
    expect(output.stderr()).not.toMatch(/\n\s+at /);
  });

  it('warns about a model left out for lack of a cost, and still trains', async () => {
    const dataDir = await writeSyntheticDataset();
    const modelsPath = join(dataDir, 'models.json');
    const models = JSON.parse(await readFile(modelsPath, 'utf8')) as {
      models: Record<string, unknown>;
    };
    models.models['tiny'] = {};
    await writeFile(modelsPath, JSON.stringify(models));
    const output = captureOutput();
    const artifact = join(dataDir, 'router.json');
    expect(await train(dataDir, artifact)).toBe(0);
    expect(output.stderr()).toMatch(/warning: left out "tiny": no outcome has costUsd/);
    expect(output.stdout()).toMatch(/Trained on 160 train prompts, 2 models/);
  });

  it('trains a loadable router on free models only, and on a single model', async () => {
    for (const models of [
      // Self-hosted models: every cost is $0, so every trade-off ranks by quality.
      {
        big: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 },
        'small-math': { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 },
        tiny: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 },
      },
      // One model: the best single model is also the cheapest.
      { big: { inputUsdPerMillionTokens: 10, outputUsdPerMillionTokens: 30 } },
    ]) {
      const dataDir = await writeSyntheticDataset();
      await writeFile(join(dataDir, 'models.json'), JSON.stringify({ models }));
      if (Object.keys(models).length === 1) {
        const lines = (await readFile(join(dataDir, 'outcomes.jsonl'), 'utf8')).trim().split('\n');
        const onlyBig = lines.map((line) => {
          const record = JSON.parse(line) as { outcomes: Record<string, unknown> };
          return JSON.stringify({ ...record, outcomes: { big: record.outcomes['big'] } });
        });
        await writeFile(join(dataDir, 'outcomes.jsonl'), `${onlyBig.join('\n')}\n`);
      }
      const output = captureOutput();
      const artifact = join(dataDir, 'router.json');
      expect(await train(dataDir, artifact)).toBe(0);
      expect(await evaluate(dataDir, artifact)).toBe(0);
      expect(output.stdout()).toMatch(/APGR n\/a \(the best single model is also the cheapest\)/);
      expect(output.stdout()).not.toMatch(/NaN/);
      vi.restoreAllMocks();
    }
  });

  it("refuses a dataset without any of the router's models, and warns about models it does not know", async () => {
    const trainedOn = await writeSyntheticDataset();
    const output = captureOutput();
    const artifact = join(trainedOn, 'router.json');
    expect(await train(trainedOn, artifact)).toBe(0);
    const renamed = async (rename: Record<string, string>): Promise<string> => {
      const dataDir = await writeSyntheticDataset();
      for (const file of ['outcomes.jsonl', 'models.json']) {
        let text = await readFile(join(dataDir, file), 'utf8');
        for (const [from, to] of Object.entries(rename))
          text = text.replaceAll(`"${from}"`, `"${to}"`);
        await writeFile(join(dataDir, file), text);
      }
      return dataDir;
    };
    expect(
      await evaluate(await renamed({ big: 'x', 'small-math': 'y', tiny: 'z' }), artifact),
    ).toBe(1);
    expect(output.stderr()).toMatch(
      /The router was trained on "big", "small-math", "tiny", and none of them is in/,
    );
    expect(await evaluate(await renamed({ tiny: 'newcomer' }), artifact)).toBe(0);
    expect(output.stderr()).toMatch(
      /warning: the router was not trained on "newcomer" and never chooses it/,
    );
  });

  it('names a missing flag and exits 2', async () => {
    const output = captureOutput();
    expect(await main(['router', 'evaluate', '--data', 'x'], {})).toBe(2);
    expect(output.stderr()).toMatch(/Missing --router FILE/);
  });
});
