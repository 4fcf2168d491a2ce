// npm run bench:route — how long the routing decision takes on the hot path, for a 2 KB prompt.
//
// 1. Task classification (`classifyTask`) of a 2 KB prompt.
// 2. The learned router's decision (features + predicted quality and cost for every candidate +
//    the pick), trained here on each shared dataset's train split (a few seconds each).
// 3. The gateway's routing decision for a route: request profile (classification included) plus
//    `selectTargets` over 10 candidate models (cost-quality with per-task priors, and rules),
//    learned-model inference excluded (item 2 times it).
// Each is timed one call at a time after a warm-up; percentiles in microseconds. Set
// SWITCHYARD_SHARED_DIR if ../shared is not beside the repository.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classifyTask } from '../dist/routing/classifier/index.js';
import { BUILTIN_CATALOGUE } from '../dist/routing/catalogue/index.js';
import { profileRequest, selectTargets } from '../dist/routing/policy/index.js';
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

function timeRouteDecision(route, candidates) {
  const request = { messages: [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: [{ type: 'text', text: prompt }] }] };
  const headers = { 'content-type': 'application/json', 'x-switchyard-tag': 'bench' };
  const stats = { latencyMs: () => undefined, isCircuitOpen: () => false };
  const decide = () =>
    selectTargets({ route, request: profileRequest({ request, headers }), candidates, stats, random: 0.5 });
  let sink = 0;
  for (let index = 0; index < 5_000; index++) sink += decide().targets.length;
  const durations = new Float64Array(iterations);
  for (let index = 0; index < iterations; index++) {
    const started = process.hrtime.bigint();
    sink += decide().targets.length;
    durations[index] = Number(process.hrtime.bigint() - started) / 1000;
  }
  if (sink < 0) throw new Error('unreachable');
  return percentiles(durations);
}

function benchCandidates() {
  const ids = Object.keys(BUILTIN_CATALOGUE).slice(0, 10);
  const candidates = new Map(
    ids.map((id, index) => [id, { modelId: id, providerId: BUILTIN_CATALOGUE[id].vendor, vendorModel: id, configPath: `models[${index}]`, entry: BUILTIN_CATALOGUE[id], entrySource: 'catalogue' }]),
  );
  const families = ['code-completion', 'code-generation', 'math', 'reasoning', 'knowledge-qa', 'chat'];
  const priors = new Map(
    ids.map((id, index) => [id, { default: 0.5 + index / 40, byFamily: Object.fromEntries(families.map((family, f) => [family, 0.4 + ((index * 7 + f * 3) % 10) / 20])), source: 'bench priors' }]),
  );
  const base = { configPath: 'routes[0]', candidateIds: ids, maxTargets: 3 };
  return {
    candidates,
    costQuality: { ...base, name: 'auto', strategy: 'cost-quality', preset: 'balanced', priceWeight: undefined, constraints: { maxCostUsd: 1 }, priors },
    rules: {
      ...base,
      name: 'rules',
      strategy: 'rules',
      rules: [
        { when: { task: ['math'] }, models: ids.slice(0, 2) },
        { when: { headers: { 'x-switchyard-tag': ['bench'] }, tools: false }, models: ids.slice(2, 5) },
      ],
      defaultModels: ids.slice(5),
    },
  };
}

const fmt = (value) => value.toFixed(1);
console.log(`bench:route  2 KB prompt  ${iterations} timed calls each  node ${process.version}`);
const classification = timeClassification();
console.log(`task classification: p50 ${fmt(classification.p50)} us  p99 ${fmt(classification.p99)} us`);
const { candidates, costQuality, rules } = benchCandidates();
for (const route of [costQuality, rules]) {
  const timing = timeRouteDecision(route, candidates);
  const met = timing.p50 <= 20 && timing.p99 <= 100;
  console.log(
    `route decision (${route.strategy}, 10 candidates, classification included): p50 ${fmt(timing.p50)} us  p99 ${fmt(timing.p99)} us  (target p50 <= 20, p99 <= 100 us: ${met ? 'met' : 'NOT met'})`,
  );
}
for (const dataset of ['routerbench-subset', 'llmrouter-14task']) {
  const outFile = join(mkdtempSync(join(tmpdir(), 'switchyard-bench-route-')), 'router.json');
  const summary = await trainRouter({ dataDir: join(sharedDir, 'data', dataset), outFile });
  const router = await loadLearnedRouter(outFile);
  const timing = benchmarkDecision({ router, prompts: [prompt], iterations });
  console.log(
    `learned decision (${dataset}, ${summary.modelIds.length} candidates, trained in ${(summary.trainingMs / 1000).toFixed(1)} s): p50 ${fmt(timing.p50Us)} us  p99 ${fmt(timing.p99Us)} us  (target p99 <= 50 us: ${timing.p99Us <= 50 ? 'met' : 'NOT met'})`,
  );
}
