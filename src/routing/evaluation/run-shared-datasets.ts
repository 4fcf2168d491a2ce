import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { benchmarkDecision, createBenchmarkPrompt } from '../learned/benchmark-decision.js';
import { loadLearnedRouter } from '../learned/learned-router.js';
import { trainRouter } from '../learned/train-router.js';
import { evaluateRouter } from './evaluate-router.js';
import { createProgressReporter } from './progress-bar.js';

/**
 * Trains and evaluates the learned router on the shared datasets and writes the reports.
 * Not a test (too slow for CI). Build, then run from the repository root:
 * `node dist/routing/evaluation/run-shared-datasets.js [sharedDataDir] [reportsDir]`.
 */
async function main(): Promise<void> {
  const sharedDataDir = resolve(process.argv[2] ?? '../shared/data');
  const reportsDir = resolve(process.argv[3] ?? 'reports/learned-router');
  const onProgress = createProgressReporter();
  const summary: Record<string, unknown> = {};
  for (const name of ['routerbench-subset', 'llmrouter-14task']) {
    const dataDir = join(sharedDataDir, name);
    const reportDir = join(reportsDir, name);
    const routerFile = join(reportDir, 'router.json');
    await mkdir(reportDir, { recursive: true });
    const trained = await trainRouter({ dataDir, outFile: routerFile, onProgress });
    const report = await evaluateRouter({ dataDir, routerFile, reportDir, onProgress });
    const router = await loadLearnedRouter(routerFile);
    const timing = benchmarkDecision({ router, prompts: [createBenchmarkPrompt(2048)] });
    const testPrompts = (await readFile(join(dataDir, 'outcomes.jsonl'), 'utf8')).length;
    summary[name] = {
      trainingMs: trained.trainingMs,
      artifactBytes: trained.artifactBytes,
      hyperParameters: trained.hyperParameters,
      candidateCount: trained.candidates.length,
      // The ten best of the cross-validation candidates (all are in the artifact).
      topCandidates: [...trained.candidates]
        .sort((first, second) => second.criterion - first.criterion)
        .slice(0, 10),
      decisionTiming2kb: timing,
      bestSingle: report.bestSingle,
      oracle: { meanScore: report.oracle.meanScore, totalCostUsd: report.oracle.totalCostUsd },
      costSaved: report.router.costSaved,
      costSavedTrainChosen: report.router.costSavedTrainChosen,
      qualityAtHalfCostDelta: report.router.qualityAtHalfCostDelta,
      apgr: report.router.apgr,
      aiq: report.router.aiq,
      maxQuality: report.router.maxQuality,
      datasetBytes: testPrompts,
    };
    console.log(name, JSON.stringify(summary[name], null, 2));
  }
  await writeFile(
    join(reportsDir, 'summary.json'),
    `${JSON.stringify(summary, null, 2)}\n`,
    'utf8',
  );
}

await main();
