import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelOutcome, ModelsFile, OutcomeRecord } from '../routing/datasets/index.js';
import { workKey, type EvalWorkLine } from './eval-work-file.js';
import type { Suite } from './load-suite.js';
import type { ModelPrice } from './model-prices.js';
import type { RunEvalResult } from './run-eval.js';

/** Options of {@link writeEvalDataset}. */
export type WriteEvalDatasetOptions = {
  outDir: string;
  suite: Suite;
  models: readonly string[];
  /** The latest work line per (task, model) pair. */
  latest: ReadonlyMap<string, EvalWorkLine>;
  priceOf: (modelId: string) => ModelPrice | undefined;
  run: Pick<RunEvalResult, 'perModel' | 'judgeCostUsd'>;
  /** Where the models were run from, for the README (a config path or a description). */
  configSource: string;
  now?: () => Date;
};

/** The outcome records of a run: one per task with at least one scored model, in suite order. */
export function buildOutcomeRecords({
  suite,
  models,
  latest,
}: Pick<WriteEvalDatasetOptions, 'suite' | 'models' | 'latest'>): OutcomeRecord[] {
  const records: OutcomeRecord[] = [];
  for (const task of suite.tasks) {
    const outcomes: Record<string, ModelOutcome> = {};
    for (const model of models) {
      const line = latest.get(workKey({ id: task.id, model }));
      if (line?.type !== 'result' || line.fingerprint !== task.fingerprint) continue;
      outcomes[model] = {
        score: line.score,
        ...(line.costUsd === undefined ? {} : { costUsd: line.costUsd }),
        inputTokens: line.inputTokens,
        outputTokens: line.outputTokens,
        latencyMs: line.latencyMs,
        response: line.response,
      };
    }
    if (Object.keys(outcomes).length === 0) continue;
    records.push({
      id: task.id,
      task: task.task,
      split: task.split,
      prompt: task.prompt,
      outcomes,
    });
  }
  return records;
}

/** `models.json` of a run: vendor and prices where the catalogue knows them. */
export function buildModelsFile({
  models,
  priceOf,
}: Pick<WriteEvalDatasetOptions, 'models' | 'priceOf'>): ModelsFile {
  const entries: ModelsFile['models'] = {};
  for (const model of models) {
    const price = priceOf(model);
    entries[model] = price
      ? {
          vendor: price.vendor,
          inputUsdPerMillionTokens: price.inputUsdPerMillionTokens,
          outputUsdPerMillionTokens: price.outputUsdPerMillionTokens,
        }
      : {};
  }
  return { models: entries };
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

/**
 * Writes `outcomes.jsonl`, `models.json` and `README.md` (shared/data/FORMAT.md) into `outDir`,
 * each replaced atomically. Failed items are left out of `outcomes` (a prompt may lack models);
 * tasks no model answered are left out entirely.
 */
export async function writeEvalDataset(options: WriteEvalDatasetOptions): Promise<{
  records: number;
}> {
  const { outDir, suite, models, priceOf, run, configSource, now = () => new Date() } = options;
  const records = buildOutcomeRecords(options);
  await writeAtomically(
    join(outDir, 'outcomes.jsonl'),
    records.map((record) => JSON.stringify(record)).join('\n') + (records.length > 0 ? '\n' : ''),
  );
  await writeAtomically(
    join(outDir, 'models.json'),
    `${JSON.stringify(buildModelsFile({ models, priceOf }), null, 2)}\n`,
  );
  const scorerTypes = [...new Set(suite.tasks.map((task) => task.scorer.type))].join(', ');
  const splits = { train: 0, test: 0 };
  for (const record of records) splits[record.split] += 1;
  const rows = run.perModel.map(
    (entry) =>
      `| ${entry.model} | ${entry.scored} | ${entry.meanScore === undefined ? 'n/a' : entry.meanScore.toFixed(4)} | ${entry.isPriceKnown ? `$${entry.totalCostUsd.toFixed(6)}` : 'unknown'} | ${entry.errors} |`,
  );
  const readme = [
    `# ${suite.name}: routing outcomes`,
    '',
    `Written by \`switchyard eval run\` on ${now().toISOString()} from the suite \`${suite.path}\``,
    `(${suite.tasks.length} tasks; scorers: ${scorerTypes}), with the models of ${configSource}.`,
    '',
    `${records.length} prompts (${splits.train} train, ${splits.test} test). Scores are in [0, 1];`,
    'costs are computed from the reported token usage and the model catalogue list prices (left out',
    'where the price is unknown); `latencyMs` is the wall time of the call through the gateway core,',
    'retries included. Items that failed are not in `outcomes.jsonl`; `eval-work.jsonl` records them.',
    '',
    '| model | scored | mean score | total cost | errors |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    ...(run.judgeCostUsd > 0
      ? [`Judge calls cost $${run.judgeCostUsd.toFixed(6)} in total (not included above).`, '']
      : []),
    "License: the prompts and references are the suite's; check its license before sharing this dataset.",
    'Format: shared/data/FORMAT.md. Train a router on it with `switchyard router train --data <this folder>`.',
    '',
  ].join('\n');
  await writeAtomically(join(outDir, 'README.md'), readme);
  return { records: records.length };
}
