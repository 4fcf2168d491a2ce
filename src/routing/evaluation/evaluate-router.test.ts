import { readFile } from 'node:fs/promises';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainRouter } from '../learned/train-router.js';
import { evaluateRouter } from './evaluate-router.js';
import { writeSyntheticDataset } from './test-utils/synthetic-dataset.js';

describe('trainRouter → evaluateRouter', () => {
  it('trains on train, evaluates on test and writes every report file', async () => {
    const dataDir = await writeSyntheticDataset();
    const outDir = await mkdtemp(join(tmpdir(), 'switchyard-eval-'));
    const routerFile = join(outDir, 'nested', 'router.json');
    const phases: string[] = [];
    const summary = await trainRouter({
      dataDir,
      outFile: routerFile,
      folds: 3,
      onProgress: (event) => phases.push(event.phase),
    });
    expect(summary.trainRows).toBe(160);
    expect(summary.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(phases).toContain('cross-validation');

    const reportDir = join(outDir, 'report');
    const report = await evaluateRouter({ dataDir, routerFile, reportDir, resamples: 100 });
    expect(report.rows).toBe(60);
    expect(report.bestSingle.model).toBe('big');
    expect(report.oracle.meanScore).toBeGreaterThanOrEqual(report.bestSingle.meanScore);
    // The cheap specialist covers half the prompts, so a working router saves a lot at 95%.
    expect(report.router.costSaved.at95).toBeGreaterThan(0.3);
    expect(report.router.aiq).toBeGreaterThan(0);
    expect(report.router.costSavedIntervals.bestPoint.at95.reachedFraction).toBeGreaterThan(0);

    const json: unknown = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8'));
    expect(json).toMatchObject({
      bestSingle: { model: 'big', meanScore: expect.any(Number), totalCostUsd: expect.any(Number) },
      oracle: { meanScore: expect.any(Number), totalCostUsd: expect.any(Number) },
      router: {
        costSaved: { at100: expect.anything(), at99: expect.anything(), at95: expect.any(Number) },
        qualityAtHalfCost: expect.anything(),
        apgr: expect.any(Number),
        aiq: expect.any(Number),
        maxQuality: expect.any(Number),
      },
      models: {
        big: expect.any(Object),
        'small-math': expect.any(Object),
        tiny: expect.any(Object),
      },
    });
    const decisions = (await readFile(join(reportDir, 'decisions.jsonl'), 'utf8'))
      .trim()
      .split('\n');
    expect(decisions).toHaveLength(60);
    expect(decisions[0]).toMatch(/^\{"id":"[a-z]+\.160","model":"[a-z-]+"\}$/);
    expect(await readFile(join(reportDir, 'curve.svg'), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>\n$/);
    expect(await readFile(join(reportDir, 'report.md'), 'utf8')).toMatch(/cost saved at 99%/);
  });

  it('fails clearly when the router file is missing', async () => {
    const dataDir = await writeSyntheticDataset({ trainRows: 20, testRows: 4 });
    await expect(
      evaluateRouter({ dataDir, routerFile: '/nonexistent/router.json', reportDir: '/tmp/unused' }),
    ).rejects.toThrow(/Router artifact not found/);
  });
});
