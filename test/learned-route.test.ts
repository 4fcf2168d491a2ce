import { mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { loadDataset } from '../src/routing/datasets/index.js';
import { writeSyntheticDataset } from '../src/routing/evaluation/test-utils/synthetic-dataset.js';
import { formatRouterArtifact, trainRouterOnDataset } from '../src/routing/learned/index.js';
import { createGatewayServer, type GatewayServer } from '../src/server/build-gateway-server.js';

// Black-box: a `learned` route loads a router artifact from the config, routes with it, and picks
// up a retrained artifact without a restart; a `cost-quality` route takes its per-task priors from
// a routing outcome dataset. The synthetic dataset has a cheap math specialist ('small-math'),
// an expensive all-rounder ('big') and a weak cheap model ('tiny').

let server: GatewayServer;
let client: OpenAI;
let origin: string;
let artifactPath: string;
let secondArtifact: string;

const entry = (input: number, output: number) => ({
  vendor: 'synthetic',
  contextWindowTokens: 100_000,
  maxOutputTokens: 8_000,
  supportsTools: true,
  supportsVision: false,
  supportsJsonSchema: true,
  supportsReasoning: false,
  inputUsdPerMillionTokens: input,
  outputUsdPerMillionTokens: output,
  tags: [],
  isHouse: false,
});

beforeAll(async () => {
  const dataDir = await writeSyntheticDataset({ seed: 1 });
  const first = trainRouterOnDataset({ dataset: await loadDataset({ dataDir }), folds: 3 });
  const second = trainRouterOnDataset({
    dataset: await loadDataset({ dataDir: await writeSyntheticDataset({ seed: 2 }) }),
    folds: 3,
  });
  secondArtifact = formatRouterArtifact(second);
  const dir = await mkdtemp(join(tmpdir(), 'switchyard-learned-route-'));
  artifactPath = join(dir, 'router.json');
  await writeFile(artifactPath, formatRouterArtifact(first));
  const config = parseConfig({
    raw: {
      providers: { sim: { type: 'simulated' } },
      models: [
        { id: 'big', provider: 'sim', catalogue: entry(10, 30) },
        // Dataset priors match by vendor model name; the learned route also uses modelMap.
        { id: 'math-specialist', provider: 'sim', model: 'small-math', catalogue: entry(0.5, 1) },
        { id: 'tiny', provider: 'sim', catalogue: entry(0.1, 0.1) },
        { id: 'unknown-to-router', provider: 'sim', catalogue: entry(0.01, 0.01) },
      ],
      routes: [
        {
          name: 'auto-learned',
          strategy: 'learned',
          artifact: artifactPath,
          lambda: 5,
          modelMap: { 'small-math': 'math-specialist' },
        },
        {
          name: 'auto-measured',
          strategy: 'cost-quality',
          preset: 'quality',
          candidates: ['big', 'math-specialist', 'tiny'],
          qualityPriorsFrom: dataDir,
        },
      ],
    },
    env: {},
    source: 'test',
  });
  server = await createGatewayServer({ config, requestLogPath: ':memory:', env: {} });
  origin = await server.app.listen({ port: 0, host: '127.0.0.1' });
  client = new OpenAI({ baseURL: `${origin}/v1`, apiKey: 'x', maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
});

type Decision = {
  candidates: Array<{ modelId: string; excludedBy: string[]; qualitySource?: string }>;
  targets: string[];
};

async function ask(model: string, content: string, headers: Record<string, string> = {}) {
  const { response } = await client.chat.completions
    .create({ model, messages: [{ role: 'user', content }] }, { headers })
    .withResponse();
  const id = response.headers.get('x-switchyard-decision-id') ?? '';
  const decision = (await (await fetch(`${origin}/v1/decisions/${id}`)).json()) as Decision;
  return { served: response.headers.get('x-switchyard-model'), decision };
}

describe('learned route', () => {
  it('routes with the artifact: the cheap specialist for its task, the all-rounder on demand', async () => {
    const math = await ask('auto-learned', 'compute solve 3 + 4?');
    expect(math.served).toBe('math-specialist');
    expect(
      math.decision.candidates.find((candidate) => candidate.modelId === 'unknown-to-router')
        ?.excludedBy[0],
    ).toMatch(/not in the learned router's training outcomes/);
    const quality = await ask('auto-learned', 'capital river painter?', {
      'x-switchyard-tradeoff': 'quality',
    });
    expect(quality.served).toBe('big');
  });

  it('picks up a retrained artifact without a restart', async () => {
    const before = await ask('auto-learned', 'compute solve 3 + 4?');
    const hashBefore = before.decision.candidates[0]?.qualitySource;
    await writeFile(`${artifactPath}.tmp`, secondArtifact);
    await rename(`${artifactPath}.tmp`, artifactPath);
    const started = Date.now();
    let hashAfter = hashBefore;
    while (hashAfter === hashBefore && Date.now() - started < 8_000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      hashAfter = (await ask('auto-learned', 'compute solve 3 + 4?')).decision.candidates[0]
        ?.qualitySource;
    }
    expect(hashAfter).toMatch(/^learned router [0-9a-f]{12}$/);
    expect(hashAfter).not.toBe(hashBefore);
  });
});

describe('cost-quality with priors from a dataset', () => {
  it('uses the per-task train means of the dataset', async () => {
    const { served, decision } = await ask('auto-measured', 'compute the sum of 12 + 30?');
    expect(served).toBe('math-specialist');
    const specialist = decision.candidates.find(
      (candidate) => candidate.modelId === 'math-specialist',
    );
    expect(specialist?.qualitySource).toMatch(
      /dataset switchyard-synthetic-\w+ \(train means\) \(math\)/,
    );
  });
});
