import type { LearnedRouter } from './learned-router.js';

/** Latency distribution of router decisions, in microseconds. */
export type DecisionTiming = {
  readonly iterations: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly meanUs: number;
  readonly maxUs: number;
};

/** Options of {@link benchmarkDecision}. */
export type BenchmarkDecisionOptions = {
  router: LearnedRouter;
  /** Prompts to decide on, used round-robin. */
  prompts: readonly string[];
  /** Timed decisions. Defaults to 20_000. */
  iterations?: number;
  /** Untimed decisions first, so the JIT has compiled the hot path. Defaults to 2_000. */
  warmupIterations?: number;
};

/**
 * Times `router.choose` (features + prediction for every trained model + the pick) one call at a
 * time with `process.hrtime.bigint()`, and reports percentiles in microseconds.
 */
export function benchmarkDecision({
  router,
  prompts,
  iterations = 20_000,
  warmupIterations = 2_000,
}: BenchmarkDecisionOptions): DecisionTiming {
  if (prompts.length === 0) throw new Error('benchmarkDecision needs at least one prompt.');
  let sink = 0;
  for (let index = 0; index < warmupIterations; index += 1) {
    sink += router.choose({ prompt: prompts[index % prompts.length] ?? '' }).modelId.length;
  }
  const durations = new Float64Array(iterations);
  for (let index = 0; index < iterations; index += 1) {
    const prompt = prompts[index % prompts.length] ?? '';
    const started = process.hrtime.bigint();
    sink += router.choose({ prompt }).modelId.length;
    durations[index] = Number(process.hrtime.bigint() - started) / 1000;
  }
  if (sink < 0) throw new Error('unreachable');
  const sorted = durations.slice().sort();
  const at = (fraction: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
  let total = 0;
  for (const duration of durations) total += duration;
  return {
    iterations,
    p50Us: at(0.5),
    p99Us: at(0.99),
    meanUs: total / iterations,
    maxUs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** A deterministic prompt of about `characters` characters of English-like text with a question, for timing. */
export function createBenchmarkPrompt(characters = 2048): string {
  const sentence =
    'The quick brown fox computes 12 + 30 = 42 and then asks: which of the following options best explains why the sky appears blue at noon? ';
  let text = '';
  while (text.length < characters) text += sentence;
  return text.slice(0, characters);
}
