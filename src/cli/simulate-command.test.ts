import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../routing/datasets/index.js';
import { writeSyntheticDataset } from '../routing/evaluation/test-utils/synthetic-dataset.js';
import { formatRouterArtifact, trainRouterOnDataset } from '../routing/learned/index.js';
import { CliUsageError } from './cli-usage-error.js';
import {
  replayConfig,
  runSimulateCommand,
  simulateRoute,
  type SimulateReport,
} from './simulate-command.js';

// The synthetic dataset: 'big' (0.9 on both tasks, $$$), 'small-math' (0.92 on math, 0.2 on
// trivia, cheap), 'tiny' (0.3, cheapest); test split 60 prompts, half math.

describe('switchyard simulate', () => {
  it('replays the test prompts through the gateway and scores the route with the recorded outcomes', async () => {
    const dataDir = await writeSyntheticDataset({ seed: 3 });
    const dataset = await loadDataset({ dataDir });
    const config = replayConfig({ dataset, dataDir, routerPath: undefined });
    const quality = await simulateRoute({ dataset, config, route: 'auto-quality' });
    // Priors from train: per task, the best model; every request answered.
    expect(quality.prompts).toBe(60);
    expect(quality.failedRequests).toBe(0);
    expect(Object.keys(quality.routeResult.servedBy).sort()).toEqual(['big', 'small-math']);
    const cost = await simulateRoute({ dataset, config, route: 'auto-cost' });
    expect(cost.routeResult.servedBy).toEqual({ tiny: 60 });
    expect(cost.routeResult.meanScore).toBeCloseTo(cost.cheapest.meanScore, 10);
    expect(cost.routeResult.totalCostUsd).toBeCloseTo(cost.cheapest.totalCostUsd, 10);
    // Routing math to the specialist costs less than always using 'big', at similar quality.
    expect(quality.routeResult.totalCostUsd).toBeLessThan(quality.bestSingle.totalCostUsd);
    expect(quality.routeResult.meanScore).toBeGreaterThan(quality.bestSingle.meanScore - 0.1);
    expect(quality.routeResult.costSaved).toBeCloseTo(
      1 - quality.routeResult.totalCostUsd / quality.bestSingle.totalCostUsd,
      10,
    );
  });

  it('runs a learned route from a router artifact and agrees with the artifact’s own decisions', async () => {
    const dataDir = await writeSyntheticDataset({ seed: 4 });
    const dataset = await loadDataset({ dataDir });
    const routerPath = join(await mkdtemp(join(tmpdir(), 'switchyard-sim-')), 'router.json');
    await writeFile(routerPath, formatRouterArtifact(trainRouterOnDataset({ dataset, folds: 3 })));
    const reportDir = join(await mkdtemp(join(tmpdir(), 'switchyard-sim-')), 'report');
    let output = '';
    const code = await runSimulateCommand({
      args: [
        '--data',
        dataDir,
        '--route',
        'learned',
        '--router',
        routerPath,
        '--report',
        reportDir,
      ],
      env: {},
      write: (text) => {
        output += text;
      },
      onProgress: () => {},
    });
    expect(code).toBe(0);
    expect(output).toMatch(
      /\| \*\*route learned\*\* \(through the gateway\) \| 0\.\d{4} \| \$\d+\.\d{4} \|/,
    );
    const report = JSON.parse(
      await readFile(join(reportDir, 'simulate.json'), 'utf8'),
    ) as SimulateReport;
    expect(report.agreementWithRouter).toBe(1);
    expect(await readFile(join(reportDir, 'simulate.md'), 'utf8')).toBe(output);
  });

  it('names the routes when the route is unknown, and needs --data and --route', async () => {
    const dataDir = await writeSyntheticDataset({ seed: 5 });
    const dataset = await loadDataset({ dataDir });
    const config = replayConfig({ dataset, dataDir, routerPath: undefined });
    await expect(simulateRoute({ dataset, config, route: 'nope' })).rejects.toThrow(
      /No route named 'nope'. Routes: auto, auto-quality, auto-cost/,
    );
    await expect(runSimulateCommand({ args: ['--route', 'auto'], env: {} })).rejects.toThrow(
      CliUsageError,
    );
  });

  it('reports a missing dataset folder with exit code 1', async () => {
    const code = await runSimulateCommand({
      args: ['--data', join(tmpdir(), 'no-such-dataset-folder'), '--route', 'auto'],
      env: {},
    });
    expect(code).toBe(1);
  });
});
