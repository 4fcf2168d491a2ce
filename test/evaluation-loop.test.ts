import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { loadConfig } from '../src/config/index.js';
import { loadDataset } from '../src/routing/datasets/index.js';
import { createSeededRandom } from '../src/routing/learned/index.js';
import { createGatewayServer } from '../src/server/build-gateway-server.js';

// The whole loop, end to end, through the CLI: `eval run` measures three models on a task suite
// (simulated models replaying recorded answers) and writes a dataset → `router train` learns from
// it → `router evaluate` reports → the gateway routes with the artifact → `simulate` replays the
// test prompts through the gateway and confirms the savings.
//
// The recorded answers: 'big' is right 90% of the time on both tasks and expensive; 'math-whiz'
// is right 95% on arithmetic, 15% on capitals, and cheap; 'tiny' is right 30%, cheapest.

const CAPITALS: ReadonlyArray<readonly [string, string]> = [
  ['France', 'Paris'],
  ['Japan', 'Tokyo'],
  ['Kenya', 'Nairobi'],
  ['Peru', 'Lima'],
  ['Canada', 'Ottawa'],
  ['Egypt', 'Cairo'],
  ['Norway', 'Oslo'],
  ['Chile', 'Santiago'],
];
const ACCURACY = {
  big: { math: 0.9, capital: 0.9 },
  'math-whiz': { math: 0.95, capital: 0.15 },
  tiny: { math: 0.3, capital: 0.3 },
} as const;
const PRICES = { big: [10, 30], 'math-whiz': [0.5, 1], tiny: [0.1, 0.1] } as const;

async function writeFixtures(dir: string): Promise<{ suite: string; replay: string }> {
  const random = createSeededRandom(11);
  const suiteLines: string[] = [];
  const recorded: string[] = [];
  for (let index = 0; index < 240; index += 1) {
    const isMath = index % 2 === 0;
    const a = Math.floor(random() * 90) + 10;
    const b = Math.floor(random() * 90) + 10;
    const [country, capital] = CAPITALS[index % CAPITALS.length] ?? ['France', 'Paris'];
    const prompt = isMath
      ? `Compute ${a} + ${b}. Answer with the number only.`
      : `What is the capital city of ${country}? Answer with the city only. (#${index})`;
    const reference = isMath ? String(a + b) : capital;
    suiteLines.push(
      JSON.stringify({
        id: `q${index}`,
        task: isMath ? 'arithmetic' : 'capitals',
        prompt,
        reference,
        scorer: { type: isMath ? 'numeric' : 'exact' },
      }),
    );
    const outcomes = Object.fromEntries(
      Object.entries(ACCURACY).map(([model, accuracy]) => {
        const isRight = random() < (isMath ? accuracy.math : accuracy.capital);
        const wrong = isMath ? String(a + b + 1 + Math.floor(random() * 9)) : 'Springfield';
        return [model, { score: isRight ? 1 : 0, response: isRight ? reference : wrong }];
      }),
    );
    recorded.push(
      JSON.stringify({ id: `q${index}`, task: 'recorded', split: 'train', prompt, outcomes }),
    );
  }
  const suite = join(dir, 'suite.jsonl');
  await writeFile(suite, `${suiteLines.join('\n')}\n`);
  const replay = join(dir, 'recorded');
  await import('node:fs/promises').then(({ mkdir }) => mkdir(replay));
  await writeFile(join(replay, 'outcomes.jsonl'), `${recorded.join('\n')}\n`);
  await writeFile(join(replay, 'models.json'), JSON.stringify({ models: {} }));
  return { suite, replay };
}

function modelsYaml(): string {
  return Object.entries(PRICES)
    .map(
      ([id, [input, output]]) => `  - id: ${id}
    provider: replay
    catalogue: { vendor: test, contextWindowTokens: 100000, maxOutputTokens: 4000, supportsTools: true,
      supportsVision: false, supportsJsonSchema: true, supportsReasoning: false,
      inputUsdPerMillionTokens: ${input}, outputUsdPerMillionTokens: ${output}, tags: [], isHouse: false }`,
    )
    .join('\n');
}

async function cli(args: string[]): Promise<number> {
  return main(args, {});
}

describe('the evaluation loop, end to end', () => {
  it('eval run → dataset → train → evaluate → the gateway routes with the artifact → simulate confirms', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-loop-'));
    const { suite, replay } = await writeFixtures(dir);
    const configPath = join(dir, 'eval.yaml');
    await writeFile(
      configPath,
      `requestLog: { enabled: false }
providers: { replay: { type: simulated, replay: { data: ${JSON.stringify(replay)}, onMissing: fail } } }
models:
${modelsYaml()}
`,
    );

    // 1. Measure the models on the suite.
    const runDir = join(dir, 'run');
    expect(
      await cli(['eval', 'run', '--suite', suite, '--out', runDir, '--config', configPath]),
    ).toBe(0);
    const dataset = await loadDataset({ dataDir: runDir });
    expect(dataset.records).toHaveLength(240);
    expect(new Set(dataset.records.map((record) => record.split))).toEqual(
      new Set(['train', 'test']),
    );
    const meanOf = (model: string, task: string) => {
      const scores = dataset.records
        .filter((record) => record.task === task)
        .map((record) => record.outcomes[model]?.score ?? Number.NaN);
      return scores.reduce((sum, score) => sum + score, 0) / scores.length;
    };
    expect(meanOf('math-whiz', 'arithmetic')).toBeGreaterThan(0.85);
    expect(meanOf('math-whiz', 'capitals')).toBeLessThan(0.3);
    expect(meanOf('big', 'capitals')).toBeGreaterThan(0.8);
    expect(dataset.records[0]?.outcomes.big?.costUsd).toBeGreaterThan(0);

    // 2. Learn a routing policy from it, and 3. report it on the test split.
    const routerPath = join(dir, 'router.json');
    expect(await cli(['router', 'train', '--data', runDir, '--out', routerPath])).toBe(0);
    const reportDir = join(dir, 'report');
    expect(
      await cli([
        'router',
        'evaluate',
        '--data',
        runDir,
        '--router',
        routerPath,
        '--report',
        reportDir,
      ]),
    ).toBe(0);
    const report = JSON.parse(await readFile(join(reportDir, 'report.json'), 'utf8')) as {
      bestSingle: { model: string; totalCostUsd: number };
      router: { costSaved: { at95: number | null } };
    };
    expect(report.bestSingle.model).toBe('big');
    expect(report.router.costSaved.at95).toBeGreaterThan(0.3);

    // 4. The gateway routes with the artifact: arithmetic goes to the cheap specialist.
    const routeConfigPath = join(dir, 'serve.yaml');
    await writeFile(
      routeConfigPath,
      `requestLog: { enabled: false }
providers: { replay: { type: simulated, replay: { data: ${JSON.stringify(replay)} } } }
models:
${modelsYaml()}
routes:
  - { name: auto, strategy: learned, artifact: ${JSON.stringify(routerPath)}, objective: best-single-quality-95 }
`,
    );
    const server = await createGatewayServer({
      config: await loadConfig({ path: routeConfigPath, env: {} }),
      env: {},
    });
    try {
      const origin = await server.app.listen({ port: 0, host: '127.0.0.1' });
      const client = new OpenAI({ baseURL: `${origin}/v1`, apiKey: 'x', maxRetries: 0 });
      const { data, response } = await client.chat.completions
        .create({
          model: 'auto',
          messages: [{ role: 'user', content: 'Compute 41 + 17. Answer with the number only.' }],
        })
        .withResponse();
      expect(response.headers.get('x-switchyard-model')).toBe('math-whiz');
      expect(data.choices[0]?.message.content).toBeTypeOf('string');
    } finally {
      await server.close();
    }

    // 5. Replay the test prompts through the gateway: the savings hold.
    const simulateDir = join(dir, 'simulate');
    expect(
      await cli([
        'simulate',
        '--data',
        runDir,
        '--route',
        'learned',
        '--router',
        routerPath,
        '--report',
        simulateDir,
      ]),
    ).toBe(0);
    const simulated = JSON.parse(await readFile(join(simulateDir, 'simulate.json'), 'utf8')) as {
      routeResult: { totalCostUsd: number; meanScore: number; costSaved: number };
      bestSingle: { meanScore: number };
      agreementWithRouter: number;
    };
    expect(simulated.agreementWithRouter).toBe(1);
    expect(simulated.routeResult.costSaved).toBeGreaterThan(0.2);
    expect(simulated.routeResult.meanScore).toBeGreaterThan(simulated.bestSingle.meanScore - 0.1);
  }, 120_000);
});
