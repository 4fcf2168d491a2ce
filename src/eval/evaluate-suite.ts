import type { GatewayConfig } from '../config/index.js';
import type { FetchFunction } from '../provider-utils/index.js';
import type { ProgressEvent } from '../routing/evaluation/progress-bar.js';
import { createEvalGateway } from './create-eval-gateway.js';
import { loadSuite, type Suite } from './load-suite.js';
import { loadImportedPrices } from '../gateway/routing-resources.js';
import { createPriceLookup, type ModelPrice } from './model-prices.js';
import { runEval, type CallModel, type RunEvalResult } from './run-eval.js';
import type { ScorerSpec } from './suite-schema.js';
import { writeEvalDataset } from './write-eval-dataset.js';

/** The evaluation cannot start: unknown models, a judge model missing. The message says how to fix it. */
export class EvalSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvalSetupError';
  }
}

/** Options of {@link evaluateSuite}. */
export type EvaluateSuiteOptions = {
  config: GatewayConfig;
  /** Where the config came from, for the dataset README. */
  configSource: string;
  env: NodeJS.ProcessEnv;
  suitePath: string;
  outDir: string;
  /** Configured chat model ids; defaults to every configured chat model. */
  models?: readonly string[];
  /** Defaults to 4. */
  concurrency?: number;
  /** Scorer of tasks that name none (`--scorer`). */
  defaultScorer?: ScorerSpec;
  /** Judge model of judge scorers that name none (`--judge-model`). */
  judgeModel?: string;
  abortSignal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Upstream fetch (tests). */
  fetch?: FetchFunction;
  /** Wraps the gateway call (tests count or interrupt calls). */
  interceptCall?: (callModel: CallModel) => CallModel;
};

/** What {@link evaluateSuite} did. */
export type EvaluateSuiteResult = {
  readonly suite: Suite;
  readonly models: readonly string[];
  readonly run: RunEvalResult;
  /** Prompts written to `outcomes.jsonl`; undefined when the run was interrupted (nothing written). */
  readonly recordsWritten: number | undefined;
};

/**
 * `switchyard eval run`: loads and validates the suite, builds the gateway core from the config,
 * checks the models and judge models, runs every (task, model) pair not yet in the work file and,
 * unless interrupted, writes the routing outcome dataset into `outDir`.
 */
export async function evaluateSuite({
  config,
  configSource,
  env,
  suitePath,
  outDir,
  models: requestedModels,
  concurrency = 4,
  defaultScorer,
  judgeModel,
  abortSignal,
  onProgress,
  fetch,
  interceptCall,
}: EvaluateSuiteOptions): Promise<EvaluateSuiteResult> {
  const suite = await loadSuite({ path: suitePath, ...(defaultScorer ? { defaultScorer } : {}) });
  const evalGateway = await createEvalGateway({ config, env, ...(fetch ? { fetch } : {}) });
  try {
    const chatModels = evalGateway.registry.list().filter((model) => model.kind === 'chat');
    const chatIds = chatModels.map((model) => model.id);
    const describe = () => chatIds.map((id) => `'${id}'`).join(', ') || 'none';
    const models = requestedModels ?? chatIds;
    if (models.length === 0) {
      throw new EvalSetupError(
        `No chat models to evaluate: the config (${configSource}) has none.`,
      );
    }
    const unknown = models.filter((model) => !chatIds.includes(model));
    if (unknown.length > 0) {
      throw new EvalSetupError(
        `Unknown model(s) in --models: ${unknown.map((id) => `'${id}'`).join(', ')}. Configured chat models: ${describe()}.`,
      );
    }
    for (const task of suite.tasks) {
      if (task.scorer.type !== 'judge') continue;
      const judge = task.scorer.model ?? judgeModel;
      if (judge === undefined) {
        throw new EvalSetupError(
          `Task '${task.id}' (line ${task.lineNumber}) uses the judge scorer but names no judge model; set scorer.model or pass --judge-model.`,
        );
      }
      if (!chatIds.includes(judge)) {
        throw new EvalSetupError(
          `Judge model '${judge}' (task '${task.id}', line ${task.lineNumber}) is not a configured chat model. Configured: ${describe()}.`,
        );
      }
    }
    const lookupPrice = createPriceLookup({
      config,
      importedPrices: (await loadImportedPrices({ config }))?.entries,
    });
    const prices = new Map<string, ModelPrice | undefined>(
      chatModels.map((model) => [model.id, lookupPrice({ modelId: model.id })]),
    );
    const priceOf = (modelId: string) => prices.get(modelId);
    const run = await runEval({
      suite,
      models,
      callModel: interceptCall ? interceptCall(evalGateway.callModel) : evalGateway.callModel,
      priceOf,
      outDir,
      concurrency,
      ...(judgeModel === undefined ? {} : { defaultJudgeModel: judgeModel }),
      ...(abortSignal ? { abortSignal } : {}),
      ...(onProgress ? { onProgress } : {}),
    });
    if (run.isInterrupted) return { suite, models, run, recordsWritten: undefined };
    const { records } = await writeEvalDataset({
      outDir,
      suite,
      models,
      latest: run.latest,
      priceOf,
      run,
      configSource,
    });
    return { suite, models, run, recordsWritten: records };
  } finally {
    await evalGateway.close();
  }
}

/** The summary printed at the end: one row per model (scored, errors, mean score, total cost), then notes. */
export function formatEvalSummary(result: EvaluateSuiteResult): string {
  const { run } = result;
  const header = ['model', 'scored', 'errors', 'mean score', 'total cost'];
  const rows = run.perModel.map((entry) => [
    entry.model,
    String(entry.scored),
    String(entry.errors),
    entry.meanScore === undefined ? 'n/a' : entry.meanScore.toFixed(4),
    entry.isPriceKnown ? `$${entry.totalCostUsd.toFixed(6)}` : 'unknown',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const lines = [format(header), ...rows.map(format)];
  lines.push('');
  lines.push(
    `${result.suite.tasks.length} tasks × ${result.models.length} models: ${run.ranNow} run now, ${run.resumed} already done.`,
  );
  if (run.judgeCostUsd > 0) lines.push(`Judge calls cost $${run.judgeCostUsd.toFixed(6)}.`);
  for (const warning of run.warnings) lines.push(`warning: ${warning}`);
  for (const { message, count } of run.errorMessages.slice(0, 5))
    lines.push(`error (${count}×): ${message}`);
  if (run.errorMessages.length > 5)
    lines.push(`… ${run.errorMessages.length - 5} more distinct errors in eval-work.jsonl`);
  return `${lines.join('\n')}\n`;
}
