import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type GatewayConfig } from '../config/index.js';
import { BUILTIN_CATALOGUE } from '../routing/catalogue/index.js';
import { loadDataset } from '../routing/datasets/index.js';
import { trainRouter } from '../routing/learned/index.js';
import { WORK_FILE_NAME } from './eval-work-file.js';
import { evaluateSuite, formatEvalSummary, EvalSetupError } from './evaluate-suite.js';
import type { CallModel } from './run-eval.js';
import { buildJudgePrompts } from './scorers/judge-scorer.js';
import { judgeScorerSchema } from './suite-schema.js';

const fixtures = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const suitePath = join(fixtures, 'suite.jsonl');
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'mystery-7b'];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A config whose models answer from replay datasets; unrecorded prompts fail. */
function replayConfig({
  data = join(fixtures, 'replay-dataset'),
  extraProviders = {},
  extraModels = [],
}: {
  data?: string;
  extraProviders?: Record<string, unknown>;
  extraModels?: unknown[];
} = {}): GatewayConfig {
  return parseConfig({
    raw: {
      requestLog: { enabled: false },
      retries: { maxRetriesPerTarget: 0 },
      providers: {
        replay: { type: 'simulated', replay: { data, onMissing: 'fail' } },
        ...extraProviders,
      },
      models: [...MODELS.map((id) => ({ id, provider: 'replay' })), ...extraModels],
    },
    env: {},
    source: 'test',
  });
}

function priceOf(model: 'gpt-4o' | 'gpt-4o-mini') {
  const entry = BUILTIN_CATALOGUE[model];
  if (!entry) throw new Error(`no catalogue entry for ${model}`);
  return (inputTokens: number, outputTokens: number) =>
    (inputTokens * entry.inputUsdPerMillionTokens +
      outputTokens * entry.outputUsdPerMillionTokens) /
    1e6;
}

/** Counts calls per model and prompt. */
function countingInterceptor() {
  const calls: string[] = [];
  const intercept =
    (inner: CallModel): CallModel =>
    (options) => {
      const last = options.request.messages.at(-1);
      const text =
        last?.role === 'user' && last.content[0]?.type === 'text' ? last.content[0].text : '';
      calls.push(`${options.model}: ${text.slice(0, 30)}`);
      return inner(options);
    };
  return { calls, intercept };
}

describe('evaluateSuite against simulated replay models', () => {
  it('scores every answer, records errors, and writes a dataset the loader accepts', async () => {
    const outDir = join(dir, 'out');
    const result = await evaluateSuite({
      config: replayConfig(),
      configSource: 'test config',
      env: {},
      suitePath,
      outDir,
      concurrency: 3,
    });
    expect(result.run.perModel).toEqual([
      {
        model: 'gpt-4o',
        scored: 5,
        errors: 0,
        meanScore: 1,
        totalCostUsd: expect.any(Number),
        isPriceKnown: true,
      },
      {
        model: 'gpt-4o-mini',
        scored: 5,
        errors: 0,
        meanScore: 0.2,
        totalCostUsd: expect.any(Number),
        isPriceKnown: true,
      },
      {
        model: 'mystery-7b',
        scored: 4,
        errors: 1,
        meanScore: 0.75,
        totalCostUsd: 0,
        isPriceKnown: false,
      },
    ]);
    const gpt4o = priceOf('gpt-4o');
    expect(result.run.perModel[0]?.totalCostUsd).toBeCloseTo(
      gpt4o(14, 8) + gpt4o(30, 7) + gpt4o(16, 2) + gpt4o(20, 14) + gpt4o(12, 1),
      15,
    );
    expect(result.run.warnings).toEqual([
      'no price known for mystery-7b: costUsd is left out for it (add the model to the catalogue)',
    ]);
    expect(result.run.errorMessages).toEqual([
      {
        message: expect.stringMatching(
          /^mystery-7b: call failed: Replay of provider 'replay' cannot answer: .* has this prompt but no outcome of model 'mystery-7b'/,
        ),
        count: 1,
      },
    ]);
    expect(result.recordsWritten).toBe(5);

    const dataset = await loadDataset({ dataDir: outDir });
    expect(dataset.modelIds).toEqual(MODELS);
    expect(dataset.modelsFile.models['gpt-4o']).toEqual({
      vendor: 'openai',
      inputUsdPerMillionTokens: BUILTIN_CATALOGUE['gpt-4o']?.inputUsdPerMillionTokens,
      outputUsdPerMillionTokens: BUILTIN_CATALOGUE['gpt-4o']?.outputUsdPerMillionTokens,
    });
    expect(dataset.modelsFile.models['mystery-7b']).toEqual({});
    const scores = Object.fromEntries(
      dataset.records.map((record) => [
        record.id,
        Object.fromEntries(
          Object.entries(record.outcomes).map(([model, outcome]) => [model, outcome.score]),
        ),
      ]),
    );
    expect(scores).toEqual({
      t1: { 'gpt-4o': 1, 'gpt-4o-mini': 0, 'mystery-7b': 1 },
      t2: { 'gpt-4o': 1, 'gpt-4o-mini': 0, 'mystery-7b': 1 },
      t3: { 'gpt-4o': 1, 'gpt-4o-mini': 1, 'mystery-7b': 0 },
      t4: { 'gpt-4o': 1, 'gpt-4o-mini': 0 },
      t5: { 'gpt-4o': 1, 'gpt-4o-mini': 0, 'mystery-7b': 1 },
    });
    const t2 = dataset.records.find((record) => record.id === 't2');
    expect(t2).toMatchObject({ task: 'astronomy', split: 'test' });
    expect(t2?.outcomes['gpt-4o-mini']).toEqual({
      score: 0,
      costUsd: expect.closeTo(priceOf('gpt-4o-mini')(30, 4), 15),
      inputTokens: 30,
      outputTokens: 4,
      latencyMs: expect.any(Number),
      response: 'Answer: C',
    });
    expect(t2?.outcomes['mystery-7b']?.costUsd).toBeUndefined();
    expect(dataset.records.find((record) => record.id === 't3')?.task).toBe('fixture');
    const readme = await readFile(join(outDir, 'README.md'), 'utf8');
    expect(readme).toContain('| gpt-4o-mini | 5 | 0.2000 |');

    const summary = formatEvalSummary(result);
    expect(summary.split('\n').slice(0, 4)).toEqual([
      'model        scored  errors  mean score  total cost',
      expect.stringMatching(/^gpt-4o {12}5 {7}0 {6}1\.0000 {3}\$0\.\d{6}$/),
      expect.stringMatching(/^gpt-4o-mini {7}5 {7}0 {6}0\.2000 {3}\$0\.\d{6}$/),
      'mystery-7b        4       1      0.7500     unknown',
    ]);
  });

  it('resumes after an interruption without repeating finished calls', async () => {
    const outDir = join(dir, 'out');
    const controller = new AbortController();
    const first = countingInterceptor();
    const interrupted = await evaluateSuite({
      config: replayConfig(),
      configSource: 'test',
      env: {},
      suitePath,
      outDir,
      models: ['gpt-4o', 'gpt-4o-mini'],
      concurrency: 1,
      abortSignal: controller.signal,
      interceptCall: (inner) => {
        const counted = first.intercept(inner);
        return (options) => {
          // Ctrl-C while the fifth call is in flight.
          if (first.calls.length === 4) controller.abort(new Error('Interrupted by the user.'));
          return counted(options);
        };
      },
    });
    expect(interrupted.recordsWritten).toBeUndefined();
    expect(interrupted.run.isInterrupted).toBe(true);
    expect(first.calls).toHaveLength(5);
    const workLines = (await readFile(join(outDir, WORK_FILE_NAME), 'utf8')).trim().split('\n');
    expect(workLines).toHaveLength(4);
    await expect(readFile(join(outDir, 'outcomes.jsonl'), 'utf8')).rejects.toThrow();

    const second = countingInterceptor();
    const resumed = await evaluateSuite({
      config: replayConfig(),
      configSource: 'test',
      env: {},
      suitePath,
      outDir,
      models: ['gpt-4o', 'gpt-4o-mini'],
      concurrency: 2,
      interceptCall: second.intercept,
    });
    expect(resumed.run.resumed).toBe(4);
    expect(resumed.run.ranNow).toBe(6);
    expect(second.calls).toHaveLength(6);
    const finished = first.calls.slice(0, 4);
    expect(second.calls.filter((call) => finished.includes(call))).toEqual([]);
    expect(resumed.run.perModel.map((entry) => entry.meanScore)).toEqual([1, 0.2]);
    const lines = (await readFile(join(outDir, WORK_FILE_NAME), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(10);
    expect((await loadDataset({ dataDir: outDir })).records).toHaveLength(5);

    const third = countingInterceptor();
    const again = await evaluateSuite({
      config: replayConfig(),
      configSource: 'test',
      env: {},
      suitePath,
      outDir,
      models: ['gpt-4o', 'gpt-4o-mini'],
      interceptCall: third.intercept,
    });
    expect(third.calls).toEqual([]);
    expect(again.run.resumed).toBe(10);
  });

  it('asks the judge in both answer orders and averages, recording an unparseable verdict as an error', async () => {
    const spec = judgeScorerSchema.parse({ type: 'judge', mode: 'pairwise' });
    const question = 'Why is the sky blue? One sentence.';
    const reference =
      'Sunlight is scattered by air molecules, blue light most (Rayleigh scattering).';
    const answers = {
      'gpt-4o': 'Air molecules scatter blue sunlight more than red (Rayleigh scattering).',
      'gpt-4o-mini': 'Because it reflects the ocean.',
      'mystery-7b': 'Blue.',
    };
    const answersDir = join(dir, 'answers');
    const judgeDir = join(dir, 'judge');
    await mkdir(answersDir);
    await mkdir(judgeDir);
    const outcomes = Object.fromEntries(
      Object.entries(answers).map(([model, response]) => [model, { score: 0, response }]),
    );
    await writeFile(
      join(answersDir, 'outcomes.jsonl'),
      `${JSON.stringify({ id: 'sky', task: 'qa', split: 'test', prompt: question, outcomes })}\n`,
    );
    await writeFile(join(answersDir, 'models.json'), '{"models":{}}');
    // The judge's recorded verdicts: it prefers gpt-4o's answer in both orders, always says "A"
    // for gpt-4o-mini (position bias), and rambles without a verdict for mystery-7b.
    const verdicts: Record<string, (order: string) => string> = {
      'gpt-4o': (order) =>
        `The first is precise.\nVerdict: ${order === 'candidate-first' ? 'A' : 'B'}`,
      'gpt-4o-mini': () => 'Verdict: A',
      'mystery-7b': () => 'Hard to say; both are short.',
    };
    const judgeLines = Object.entries(answers).flatMap(([model, answer]) =>
      buildJudgePrompts({ spec, question, answer, reference }).map(({ order, prompt }, index) =>
        JSON.stringify({
          id: `${model}-${index}`,
          task: 'judge',
          split: 'test',
          prompt: prompt.user,
          outcomes: { 'gpt-4o-mini': { score: 0, response: verdicts[model]?.(order ?? '') } },
        }),
      ),
    );
    await writeFile(join(judgeDir, 'outcomes.jsonl'), `${judgeLines.join('\n')}\n`);
    await writeFile(join(judgeDir, 'models.json'), '{"models":{}}');
    const judgeSuite = join(dir, 'judge-suite.jsonl');
    await writeFile(
      judgeSuite,
      `${JSON.stringify({ id: 'sky', prompt: question, reference, scorer: { type: 'judge', mode: 'pairwise' } })}\n`,
    );
    const { calls, intercept } = countingInterceptor();
    const result = await evaluateSuite({
      config: replayConfig({
        data: answersDir,
        extraProviders: {
          judging: { type: 'simulated', replay: { data: judgeDir, onMissing: 'fail' } },
        },
        // The judge answers as the dataset's 'gpt-4o-mini', so its calls are priced.
        extraModels: [{ id: 'judge', provider: 'judging', model: 'gpt-4o-mini' }],
      }),
      configSource: 'test',
      env: {},
      suitePath: judgeSuite,
      outDir: join(dir, 'out'),
      models: MODELS,
      judgeModel: 'judge',
      interceptCall: intercept,
    });
    expect(
      result.run.perModel.map(({ model, meanScore, errors }) => ({ model, meanScore, errors })),
    ).toEqual([
      { model: 'gpt-4o', meanScore: 1, errors: 0 },
      { model: 'gpt-4o-mini', meanScore: 0.5, errors: 0 },
      { model: 'mystery-7b', meanScore: undefined, errors: 1 },
    ]);
    expect(calls.filter((call) => call.startsWith('judge:'))).toHaveLength(5);
    // Judge usage is estimated (the recording has no token counts): ceil(characters / 4).
    const estimate = (text: string) => Math.ceil(text.length / 4);
    const judgeCalls = Object.entries(answers).flatMap(([model, answer]) =>
      buildJudgePrompts({ spec, question, answer, reference })
        .slice(0, model === 'mystery-7b' ? 1 : 2)
        .map(({ order, prompt }) =>
          priceOf('gpt-4o-mini')(
            estimate(prompt.system + prompt.user),
            estimate(verdicts[model]?.(order ?? '') ?? ''),
          ),
        ),
    );
    expect(result.run.judgeCostUsd).toBeCloseTo(
      judgeCalls.reduce((sum, cost) => sum + cost, 0),
      12,
    );
    expect(formatEvalSummary(result)).toContain(
      `Judge calls cost $${result.run.judgeCostUsd.toFixed(6)}.`,
    );
    expect(result.run.errorMessages[0]?.message).toMatch(
      /^mystery-7b: score failed: unparseable judge verdict \(candidate-first; .*"Hard to say; both are short\."$/,
    );
  });

  it('refuses unknown models and judge models before calling anything', async () => {
    const options = {
      config: replayConfig(),
      configSource: 'test',
      env: {},
      suitePath,
      outDir: join(dir, 'out'),
    };
    await expect(evaluateSuite({ ...options, models: ['gpt-4o', 'gpt-5'] })).rejects.toThrow(
      new EvalSetupError(
        "Unknown model(s) in --models: 'gpt-5'. Configured chat models: 'gpt-4o', 'gpt-4o-mini', 'mystery-7b'.",
      ),
    );
    const judgeSuite = join(dir, 'judge.jsonl');
    await writeFile(
      judgeSuite,
      `${JSON.stringify({ id: 'j', prompt: 'p', scorer: { type: 'judge' } })}\n`,
    );
    await expect(evaluateSuite({ ...options, suitePath: judgeSuite })).rejects.toThrow(
      /names no judge model; set scorer.model or pass --judge-model/,
    );
    await expect(
      evaluateSuite({ ...options, suitePath: judgeSuite, judgeModel: 'nobody' }),
    ).rejects.toThrow(/Judge model 'nobody' .* is not a configured chat model/);
  });

  it('stops with a ConfigError naming the file, line and reason of a bad replay dataset', async () => {
    const bad = join(dir, 'bad');
    await mkdir(bad);
    const good = (await readFile(join(fixtures, 'replay-dataset', 'outcomes.jsonl'), 'utf8')).split(
      '\n',
    )[0];
    await writeFile(
      join(bad, 'outcomes.jsonl'),
      `${good}\n{"id":"x","task":"t","split":"dev","prompt":"p","outcomes":{"m":{"score":2}}}\n`,
    );
    const error: unknown = await evaluateSuite({
      config: replayConfig({ data: bad }),
      configSource: 'test',
      env: {},
      suitePath,
      outDir: join(dir, 'out'),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /^providers\.replay\.replay\.data: 1 invalid line\(s\) in .*bad\/outcomes\.jsonl:\n {2}line 2: split: .*; outcomes\.m\.score: Too big/,
    );
    const missing = await evaluateSuite({
      config: replayConfig({ data: join(dir, 'nowhere') }),
      configSource: 'test',
      env: {},
      suitePath,
      outDir: join(dir, 'out'),
    }).catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(ConfigError);
    expect((missing as Error).message).toMatch(/nowhere\/outcomes\.jsonl/);
  });

  it('writes a dataset that trainRouter learns from', async () => {
    // 40 arithmetic tasks: the big model is always right, the small one only on additions.
    const tasks = Array.from({ length: 40 }, (_, index) => {
      const isAddition = index % 2 === 0;
      const [a, b] = [index + 3, index + 4];
      return {
        id: `arith-${index}`,
        prompt: isAddition ? `What is ${a} plus ${b}?` : `What is ${a} times ${b}?`,
        task: isAddition ? 'addition' : 'multiplication',
        split: index < 32 ? 'train' : 'test',
        reference: isAddition ? a + b : a * b,
        scorer: { type: 'numeric' },
      };
    });
    const data = join(dir, 'arith-answers');
    await mkdir(data);
    await writeFile(
      join(data, 'outcomes.jsonl'),
      tasks
        .map((task) =>
          JSON.stringify({
            id: task.id,
            task: task.task,
            split: 'test',
            prompt: task.prompt,
            outcomes: {
              'gpt-4o': {
                score: 0,
                response: `The result is ${task.reference}.`,
                inputTokens: 12,
                outputTokens: 6,
              },
              'gpt-4o-mini': {
                score: 0,
                response: `${task.task === 'addition' ? task.reference : task.reference + 1}`,
                inputTokens: 12,
                outputTokens: 2,
              },
            },
          }),
        )
        .join('\n'),
    );
    await writeFile(join(data, 'models.json'), '{"models":{}}');
    const arithSuite = join(dir, 'arith.jsonl');
    await writeFile(arithSuite, tasks.map((task) => JSON.stringify(task)).join('\n'));
    const outDir = join(dir, 'arith-out');
    const result = await evaluateSuite({
      config: replayConfig({ data }),
      configSource: 'test',
      env: {},
      suitePath: arithSuite,
      outDir,
      models: ['gpt-4o', 'gpt-4o-mini'],
    });
    expect(result.run.perModel.map((entry) => entry.meanScore)).toEqual([1, 0.5]);
    const summary = await trainRouter({
      dataDir: outDir,
      outFile: join(dir, 'router.json'),
      clusterCount: 4,
    });
    expect(summary.trainRows).toBe(32);
    expect(summary.modelIds).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(summary.tasks).toEqual(['addition', 'multiplication']);
  });
});
