import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProgressEvent } from '../routing/evaluation/progress-bar.js';
import type { CanonicalMessage, CanonicalRequest, CanonicalResponse } from '../spec/index.js';
import {
  WORK_FILE_NAME,
  openWorkFile,
  readWorkFile,
  recordWorkLine,
  workKey,
  type EvalWorkLine,
} from './eval-work-file.js';
import type { Suite } from './load-suite.js';
import { computeCallCostUsd, type ModelPrice } from './model-prices.js';
import type { AskJudge } from './scorers/judge-scorer.js';
import { scoreAnswer } from './scorers/score-answer.js';
import type { SuiteTask } from './suite-schema.js';

/** One finished model call. */
export type ModelCallResult = {
  readonly response: CanonicalResponse;
  /** Wall time of the call, retries included, in ms. */
  readonly latencyMs: number;
};

/** Calls a configured model with a canonical request (through the gateway core). */
export type CallModel = (options: {
  model: string;
  request: CanonicalRequest;
  abortSignal: AbortSignal;
}) => Promise<ModelCallResult>;

/** Options of {@link runEval}. */
export type RunEvalOptions = {
  suite: Suite;
  /** Configured model ids to evaluate, in output order. */
  models: readonly string[];
  callModel: CallModel;
  /** Price of a configured model id; undefined when unknown (cost is then left out). */
  priceOf: (modelId: string) => ModelPrice | undefined;
  /** Output folder: the work file lives here; results are appended as items finish. */
  outDir: string;
  /** Items in flight at once. Defaults to 4. */
  concurrency?: number;
  /** Judge model of judge scorers that name none. */
  defaultJudgeModel?: string;
  /** Stops starting items and aborts calls in flight; finished items stay recorded. */
  abortSignal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Called after each item is recorded. */
  onItem?: (line: EvalWorkLine) => void;
};

/** What happened to one model in the run. */
export type ModelRunSummary = {
  readonly model: string;
  /** Tasks with a score. */
  readonly scored: number;
  /** Tasks whose latest attempt failed. */
  readonly errors: number;
  /** Mean score over scored tasks; undefined when none. */
  readonly meanScore: number | undefined;
  /** Sum of known call costs in US dollars. */
  readonly totalCostUsd: number;
  readonly isPriceKnown: boolean;
};

/** The outcome of {@link runEval}. */
export type RunEvalResult = {
  readonly perModel: readonly ModelRunSummary[];
  /** Items run now (model calls made). */
  readonly ranNow: number;
  /** Items already in the work file and skipped. */
  readonly resumed: number;
  /** Judge calls' cost in US dollars, over every recorded item. */
  readonly judgeCostUsd: number;
  /** True when the run was stopped before every item finished. */
  readonly isInterrupted: boolean;
  /** The latest work line of each (task, model) pair of this suite and these models. */
  readonly latest: ReadonlyMap<string, EvalWorkLine>;
  /** Things the user should know (unknown prices, unreadable work lines). */
  readonly warnings: readonly string[];
  /** Distinct error messages with how often each occurred, most frequent first. */
  readonly errorMessages: ReadonlyArray<{ readonly message: string; readonly count: number }>;
};

/** The canonical request of a task: the system prompt, then its turns. */
export function createTaskRequest(task: SuiteTask): CanonicalRequest {
  const messages: CanonicalMessage[] = [];
  if (task.system !== undefined) messages.push({ role: 'system', content: task.system });
  for (const turn of task.messages) {
    messages.push({ role: turn.role, content: [{ type: 'text', text: turn.content }] });
  }
  return {
    messages,
    ...(task.maxOutputTokens === undefined ? {} : { maxOutputTokens: task.maxOutputTokens }),
    ...(task.temperature === undefined ? {} : { temperature: task.temperature }),
  };
}

/** The text parts of a response, joined. */
export function answerTextOf(response: CanonicalResponse): string {
  return response.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

/** Drops floating-point noise (0.0000050999999999999995 → 0.0000051): 12 significant digits. */
function roundUsd(value: number): number {
  return Number(value.toPrecision(12));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs every (task, model) pair not yet done, `concurrency` at a time, appending each finished
 * item to the work file in `outDir`, and scores the answers. A pair already in the work file with
 * a result for the same task content is skipped; pairs whose latest attempt failed run again. A
 * failed call (after the gateway's retries) or scoring is recorded as an error and the run goes on.
 */
export async function runEval({
  suite,
  models,
  callModel,
  priceOf,
  outDir,
  concurrency = 4,
  defaultJudgeModel,
  abortSignal = new AbortController().signal,
  onProgress,
  onItem,
}: RunEvalOptions): Promise<RunEvalResult> {
  await mkdir(outDir, { recursive: true });
  const workPath = join(outDir, WORK_FILE_NAME);
  const state = await readWorkFile(workPath);
  const latest = state.latest;
  const isDone = (task: SuiteTask, model: string) => {
    const line = latest.get(workKey({ id: task.id, model }));
    return line?.type === 'result' && line.fingerprint === task.fingerprint;
  };
  const pending: Array<{ task: SuiteTask; model: string }> = [];
  for (const task of suite.tasks)
    for (const model of models) if (!isDone(task, model)) pending.push({ task, model });
  const total = suite.tasks.length * models.length;
  const resumed = total - pending.length;
  let finished = resumed;
  onProgress?.({ phase: 'eval', done: finished, total });
  const writer = await openWorkFile(workPath);
  const askJudgeFor =
    (judged: { costs: number[] }) =>
    (judgeModel: string): AskJudge =>
    async (prompt) => {
      const { response } = await callModel({
        model: judgeModel,
        request: {
          messages: [
            { role: 'system', content: prompt.system },
            { role: 'user', content: [{ type: 'text', text: prompt.user }] },
          ],
          temperature: 0,
        },
        abortSignal,
      });
      const price = priceOf(judgeModel);
      if (price) judged.costs.push(computeCallCostUsd({ usage: response.usage, price }));
      return answerTextOf(response);
    };

  const runItem = async ({ task, model }: { task: SuiteTask; model: string }) => {
    const base = { id: task.id, model, fingerprint: task.fingerprint };
    let call: ModelCallResult;
    try {
      call = await callModel({ model, request: createTaskRequest(task), abortSignal });
    } catch (error) {
      if (abortSignal.aborted) return undefined;
      return {
        type: 'error' as const,
        ...base,
        stage: 'call' as const,
        message: errorMessage(error),
      };
    }
    const answer = answerTextOf(call.response);
    const judged: { costs: number[] } = { costs: [] };
    const outcome = await scoreAnswer({
      task,
      answer,
      judgeByModel: askJudgeFor(judged),
      defaultJudgeModel,
    }).catch((error: unknown) => ({ type: 'error' as const, message: errorMessage(error) }));
    if (abortSignal.aborted) return undefined;
    const judgeCost =
      judged.costs.length > 0
        ? { judgeCostUsd: roundUsd(judged.costs.reduce((a, b) => a + b, 0)) }
        : {};
    if (outcome.type === 'error') {
      return {
        type: 'error' as const,
        ...base,
        stage: 'score' as const,
        message: outcome.message,
        ...judgeCost,
      };
    }
    const price = priceOf(model);
    const { usage } = call.response;
    return {
      type: 'result' as const,
      ...base,
      score: outcome.score,
      ...(outcome.details === undefined ? {} : { details: outcome.details }),
      response: answer,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
      latencyMs: Math.round(call.latencyMs * 10) / 10,
      ...(price ? { costUsd: roundUsd(computeCallCostUsd({ usage, price })) } : {}),
      ...judgeCost,
    };
  };

  let next = 0;
  let ranNow = 0;
  const worker = async () => {
    while (!abortSignal.aborted) {
      const item = pending[next];
      next += 1;
      if (item === undefined) return;
      const line: EvalWorkLine | undefined = await runItem(item);
      if (line === undefined) return;
      ranNow += 1;
      await writer.append(line);
      recordWorkLine({ latest, line });
      finished += 1;
      onProgress?.({ phase: 'eval', done: finished, total });
      onItem?.(line);
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(concurrency, pending.length)) }, worker),
    );
  } finally {
    await writer.close();
  }
  return summarise({
    suite,
    models,
    latest,
    priceOf,
    ranNow,
    resumed,
    isInterrupted: finished < total && abortSignal.aborted,
    unreadableLines: state.unreadableLines,
  });
}

function summarise({
  suite,
  models,
  latest,
  priceOf,
  ranNow,
  resumed,
  isInterrupted,
  unreadableLines,
}: {
  suite: Suite;
  models: readonly string[];
  latest: Map<string, EvalWorkLine>;
  priceOf: (modelId: string) => ModelPrice | undefined;
  ranNow: number;
  resumed: number;
  isInterrupted: boolean;
  unreadableLines: number;
}): RunEvalResult {
  const current = new Map<string, EvalWorkLine>();
  const errorCounts = new Map<string, number>();
  let judgeCostUsd = 0;
  const perModel = models.map((model) => {
    let scored = 0;
    let errors = 0;
    let scoreSum = 0;
    let totalCostUsd = 0;
    for (const task of suite.tasks) {
      const line = latest.get(workKey({ id: task.id, model }));
      if (line === undefined || line.fingerprint !== task.fingerprint) continue;
      current.set(workKey(line), line);
      judgeCostUsd += line.judgeCostUsd ?? 0;
      if (line.type === 'result') {
        scored += 1;
        scoreSum += line.score;
        totalCostUsd += line.costUsd ?? 0;
      } else {
        errors += 1;
        const message = `${model}: ${line.stage} failed: ${line.message.slice(0, 300)}`;
        errorCounts.set(message, (errorCounts.get(message) ?? 0) + 1);
      }
    }
    return {
      model,
      scored,
      errors,
      meanScore: scored > 0 ? scoreSum / scored : undefined,
      totalCostUsd,
      isPriceKnown: priceOf(model) !== undefined,
    };
  });
  const warnings: string[] = [];
  const unpriced = perModel.filter((entry) => !entry.isPriceKnown).map((entry) => entry.model);
  if (unpriced.length > 0) {
    warnings.push(
      `no price known for ${unpriced.join(', ')}: costUsd is left out for ${unpriced.length === 1 ? 'it' : 'them'} (add the model to the catalogue)`,
    );
  }
  if (unreadableLines > 0) {
    warnings.push(
      `${unreadableLines} unreadable line(s) in the work file were skipped (their items ran again)`,
    );
  }
  const errorMessages = [...errorCounts.entries()]
    .map(([message, count]) => ({ message, count }))
    .sort((a, b) => b.count - a.count);
  return {
    perModel,
    ranNow,
    resumed,
    judgeCostUsd,
    isInterrupted,
    latest: current,
    warnings,
    errorMessages,
  };
}
