import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import { createProviders } from '../gateway/index.js';
import type { CanonicalRequest } from '../spec/index.js';
import { createEvalGateway } from './create-eval-gateway.js';
import { answerTextOf } from './run-eval.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-gateway-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const ask = (text: string): CanonicalRequest => ({
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
});

async function writeDataset(lines: unknown[]): Promise<string> {
  const data = join(dir, 'data');
  await mkdir(data, { recursive: true });
  await writeFile(
    join(data, 'outcomes.jsonl'),
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'),
  );
  return data;
}

function config(replay: Record<string, unknown>) {
  return parseConfig({
    raw: {
      requestLog: { enabled: false },
      providers: { replay: { type: 'simulated', replay } },
      models: [
        { id: 'big', provider: 'replay', model: 'vendor/big-model' },
        { id: 'fallback', provider: 'replay' },
      ],
    },
    env: {},
    source: 'test',
  });
}

const records = [
  {
    id: 'a',
    task: 't',
    split: 'train',
    prompt: 'Hello?',
    outcomes: { 'vendor/big-model': { score: 1, response: 'Hi from train.' } },
  },
  {
    id: 'b',
    task: 't',
    split: 'test',
    prompt: 'Hello?',
    outcomes: {
      'vendor/big-model': { score: 1, response: 'Hi again.' },
      fallback: { score: 0, response: 'Yo.' },
    },
  },
  {
    id: 'c',
    task: 't',
    split: 'test',
    prompt: 'Only in test',
    outcomes: { 'vendor/big-model': { score: 1, response: 'Test answer.', outputTokens: 9 } },
  },
];

describe('createEvalGateway', () => {
  it('answers as the dataset model named by the vendor model, keeping the first recording of a prompt', async () => {
    const data = await writeDataset(records);
    const gateway = await createEvalGateway({ config: config({ data }), env: {} });
    const abortSignal = new AbortController().signal;
    const first = await gateway.callModel({ model: 'big', request: ask('Hello?'), abortSignal });
    expect(answerTextOf(first.response)).toBe('Hi from train.');
    const other = await gateway.callModel({
      model: 'fallback',
      request: ask('Hello?'),
      abortSignal,
    });
    expect(answerTextOf(other.response)).toBe('Yo.');
    expect(first.latencyMs).toBeGreaterThanOrEqual(0);
    await gateway.close();
  });

  it('replays only the configured split', async () => {
    const data = await writeDataset(records);
    const gateway = await createEvalGateway({
      config: config({ data, split: 'test', onMissing: 'fail' }),
      env: {},
    });
    const abortSignal = new AbortController().signal;
    const hello = await gateway.callModel({ model: 'big', request: ask('Hello?'), abortSignal });
    expect(answerTextOf(hello.response)).toBe('Hi again.');
    const test = await gateway.callModel({
      model: 'big',
      request: ask('Only in test'),
      abortSignal,
    });
    expect(test.response.usage.outputTokens).toBe(9);
    await expect(
      gateway.callModel({ model: 'big', request: ask('Unknown'), abortSignal }),
    ).rejects.toThrow(/the prompt is not in .*outcomes\.jsonl/);
  });

  it('refuses a dataset without lines of the configured split', async () => {
    const data = await writeDataset([records[0]]);
    await expect(
      createEvalGateway({ config: config({ data, split: 'test' }), env: {} }),
    ).rejects.toThrow(
      /^providers\.replay\.replay\.data: .*outcomes\.jsonl has no 'test' prompts to replay/,
    );
  });
});

describe('createProviders without preloaded replay datasets', () => {
  it('loads the dataset in the background and answers once it is loaded', async () => {
    const data = await writeDataset(records);
    const providers = createProviders({ config: config({ data }), env: {} });
    const model = providers.get('replay')?.languageModel('vendor/big-model');
    const response = await model?.generate(ask('Only in test'), {});
    expect(response && answerTextOf(response)).toBe('Test answer.');
  });

  it('fails each call with the dataset problem when the dataset is bad', async () => {
    const data = await writeDataset([records[0], '{"id": 1}']);
    const providers = createProviders({ config: config({ data }), env: {} });
    const model = providers.get('replay')?.languageModel('vendor/big-model');
    await expect(model?.generate(ask('Hello?'), {})).rejects.toThrow(
      /1 invalid line\(s\) in .*outcomes\.jsonl:\n {2}line 2: /,
    );
  });
});
