// npm run bench:route — how long the routing decision takes on the hot path, for a 2 KB prompt.
//
// 1. Task classification (`classifyTask`) of a 2 KB prompt.
// 2. The learned router's decision (features + predicted quality and cost for every candidate +
//    the pick), trained here on each shared dataset's train split (a few seconds each).
// Each is timed one call at a time after a warm-up; percentiles in microseconds. Set
// SWITCHYARD_SHARED_DIR if ../shared is not beside the repository.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyTask } from '../dist/routing/classifier/index.js';
import { benchmarkDecision, createBenchmarkPrompt, loadLearnedRouter, trainRouter } from '../dist/routing/learned/index.js';

const here = dirname(fileURLToPath(import.meta.url));
const sharedDir = process.env.SWITCHYARD_SHARED_DIR ?? resolve(here, '..', '..', 'shared');
const iterations = Number(process.env.BENCH_ITERATIONS ?? 50_000);
const prompt = createBenchmarkPrompt(2048);

function percentiles(durations) {
  const sorted = Float64Array.from(durations).sort();
  const at = (fraction) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

function timeClassification() {
  const request = { messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: [{ type: 'text', text: prompt }] }] };
  let sink = 0;
  for (let index = 0; index < 5_000; index++) sink += classifyTask({ request }).confidence;
  const durations = new Float64Array(iterations);
  for (let index = 0; index < iterations; index++) {
    const started = process.hrtime.bigint();
    sink += classifyTask({ request }).confidence;
    durations[index] = Number(process.hrtime.bigint() - started) / 1000;
  }
  if (sink < 0) throw new Error('unreachable');
  return percentiles(durations);
}

const fmt = (value) => value.toFixed(1);
console.log(`bench:route  2 KB prompt  ${iterations} timed calls each  node ${process.version}`);
const classification = timeClassification();
console.log(`task classification: p50 ${fmt(classification.p50)} us  p99 ${fmt(classification.p99)} us`);
for (const dataset of ['routerbench-subset', 'llmrouter-14task']) {
  const outFile = join(mkdtempSync(join(tmpdir(), 'switchyard-bench-route-')), 'router.json');
  const summary = await trainRouter({ dataDir: join(sharedDir, 'data', dataset), outFile });
  const router = await loadLearnedRouter(outFile);
  const timing = benchmarkDecision({ router, prompts: [prompt], iterations });
  console.log(
    `learned decision (${dataset}, ${summary.modelIds.length} candidates, trained in ${(summary.trainingMs / 1000).toFixed(1)} s): p50 ${fmt(timing.p50Us)} us  p99 ${fmt(timing.p99Us)} us  (target p99 <= 50 us: ${timing.p99Us <= 50 ? 'met' : 'NOT met'})`,
  );
}
