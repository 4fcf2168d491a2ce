import { parseArgs } from 'node:util';
import { ConfigError, type OllamaProbe } from '../config/index.js';
import {
  EvalSetupError,
  evaluateSuite,
  formatEvalSummary,
  type EvaluateSuiteOptions,
} from '../eval/evaluate-suite.js';
import { parseScorerOption, SuiteError } from '../eval/load-suite.js';
import { createProgressReporter, type ProgressStream } from '../routing/evaluation/index.js';
import { CliUsageError } from './cli-usage-error.js';
import { probeOllama } from './probe-ollama.js';
import { resolveConfig } from './resolve-config.js';

/** Exit code after Ctrl-C, as shells report SIGINT. */
export const INTERRUPTED_EXIT_CODE = 130;

/** Where the command writes, and what it may replace in tests. */
export type EvalCommandIo = {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: ProgressStream;
  readonly probeOllama: OllamaProbe;
  /** Process signals to stop on; tests pass an emitter. Defaults to `process`. */
  readonly signals: Pick<NodeJS.Process, 'once' | 'off'>;
  /** Options passed through to the run (tests: fetch, interceptCall). */
  readonly runOptions?: Pick<EvaluateSuiteOptions, 'fetch' | 'interceptCall'>;
};

const defaultIo: EvalCommandIo = {
  stdout: process.stdout,
  stderr: process.stderr,
  probeOllama,
  signals: process,
};

/**
 * `switchyard eval run --suite FILE --out DIR`: runs a task suite against configured models through
 * the gateway core and writes a routing outcome dataset. Returns the exit code: 0 done, 1 bad
 * suite, config or models (or no item succeeded), 130 interrupted (rerun the same command to resume).
 */
export async function runEvalCommand({
  args,
  env,
  io = defaultIo,
}: {
  args: ReadonlyArray<string>;
  env: NodeJS.ProcessEnv;
  io?: EvalCommandIo;
}): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'run') {
    throw new CliUsageError(`Unknown subcommand 'eval ${subcommand ?? ''}'. Use 'eval run'.`);
  }
  const { values } = parseArgs({
    args: [...rest],
    options: {
      suite: { type: 'string' },
      out: { type: 'string' },
      models: { type: 'string' },
      config: { type: 'string' },
      concurrency: { type: 'string' },
      scorer: { type: 'string' },
      'judge-model': { type: 'string' },
    },
    strict: true,
  });
  const suitePath = required(values.suite, '--suite FILE');
  const outDir = required(values.out, '--out DIR');
  const concurrency = parseConcurrency(values.concurrency);
  const models = values.models
    ?.split(',')
    .map((model) => model.trim())
    .filter((model) => model !== '');
  if (models !== undefined && models.length === 0)
    throw new CliUsageError(
      '--models needs at least one model id, e.g. --models gpt-4o,gpt-4o-mini.',
    );
  const controller = new AbortController();
  const onSignal = () => {
    io.stderr.write('\nInterrupted: finishing the results already written…\n');
    controller.abort(new Error('Interrupted by the user.'));
  };
  io.signals.once('SIGINT', onSignal);
  io.signals.once('SIGTERM', onSignal);
  try {
    const defaultScorer =
      values.scorer === undefined ? undefined : parseScorerOption(values.scorer);
    const { config, source } = await resolveConfig({
      configPath: values.config,
      env,
      probe: io.probeOllama,
    });
    const result = await evaluateSuite({
      config,
      configSource: source,
      env,
      suitePath,
      outDir,
      concurrency,
      abortSignal: controller.signal,
      onProgress: createProgressReporter({ stream: io.stderr }),
      ...(models ? { models } : {}),
      ...(defaultScorer ? { defaultScorer } : {}),
      ...(values['judge-model'] === undefined ? {} : { judgeModel: values['judge-model'] }),
      ...io.runOptions,
    });
    io.stdout.write(formatEvalSummary(result));
    if (result.recordsWritten === undefined) {
      io.stdout.write(
        `Interrupted. Finished items are saved in ${outDir}/eval-work.jsonl; run the same command again to resume.\n`,
      );
      return INTERRUPTED_EXIT_CODE;
    }
    if (result.recordsWritten === 0) {
      io.stderr.write(
        `No item succeeded, so ${outDir}/outcomes.jsonl is empty; the errors above and ${outDir}/eval-work.jsonl say why.\n`,
      );
      return 1;
    }
    io.stdout.write(
      `Wrote ${result.recordsWritten} prompts to ${outDir} (outcomes.jsonl, models.json, README.md). Train with: switchyard router train --data ${outDir} --out router.json\n`,
    );
    return 0;
  } catch (error) {
    if (
      error instanceof SuiteError ||
      error instanceof EvalSetupError ||
      error instanceof ConfigError
    ) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    io.signals.off('SIGINT', onSignal);
    io.signals.off('SIGTERM', onSignal);
  }
}

function parseConcurrency(value: string | undefined): number {
  if (value === undefined) return 4;
  const concurrency = Number(value);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) {
    throw new CliUsageError(`Invalid --concurrency '${value}': use a whole number from 1 to 256.`);
  }
  return concurrency;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new CliUsageError(`Missing ${flag}.`);
  return value;
}
