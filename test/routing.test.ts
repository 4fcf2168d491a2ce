import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { startAnthropicFakeUpstream } from '../src/providers/anthropic/test-utils/anthropic-fake-upstream.js';
import { startOpenAIFakeUpstream } from '../src/providers/openai/test-utils/openai-fake-upstream.js';
import type { FakeUpstream } from '../src/providers/test-utils/fake-server.js';
import { scenarioDirective } from '../src/providers/test-utils/scenarios.js';
import { buildGatewayServer, type GatewayServer } from '../src/server/build-gateway-server.js';

// Black-box: clients ask for a route (`auto`, configured ones) with the official SDKs; the gateway
// picks a model by task, cost and quality, fails over across vendors, escalates a cascade, and
// explains every decision at GET /v1/decisions/{id}.

let openaiUpstream: FakeUpstream;
let anthropicUpstream: FakeUpstream;
let server: GatewayServer;
let origin: string;
let client: OpenAI;

const MATH =
  'Solve for x: 3x + 7 = 22. Show each step of the equation and give the final value of x.';
const CHAT = 'hey, how are you doing today?';

beforeAll(async () => {
  openaiUpstream = await startOpenAIFakeUpstream({ apiKey: 'sk-openai' });
  anthropicUpstream = await startAnthropicFakeUpstream({ apiKey: 'sk-ant' });
  const config = parseConfig({
    raw: {
      retries: { maxRetriesPerTarget: 0, circuitFailureThreshold: 0, deadlineMs: 400 },
      providers: {
        openai: {
          type: 'openai',
          apiKey: 'sk-openai',
          baseURL: `${openaiUpstream.origin}/v1`,
          timeouts: { firstByteMs: 5_000 },
        },
        anthropic: {
          type: 'anthropic',
          apiKey: 'sk-ant',
          baseURL: `${anthropicUpstream.origin}/v1`,
        },
        sim: { type: 'simulated' },
      },
      models: [
        { id: 'mini', provider: 'openai', model: 'gpt-4o-mini' },
        { id: 'sonnet', provider: 'anthropic', model: 'claude-sonnet-4-5' },
        {
          id: 'sim',
          provider: 'sim',
          catalogue: {
            vendor: 'switchyard-simulated',
            contextWindowTokens: 100_000,
            maxOutputTokens: 8_000,
            supportsTools: true,
            supportsVision: false,
            supportsJsonSchema: true,
            supportsReasoning: false,
            inputUsdPerMillionTokens: 1,
            outputUsdPerMillionTokens: 4,
            tags: [],
            isHouse: false,
          },
        },
      ],
      routes: [
        {
          name: 'auto-cascade',
          strategy: 'cascade',
          models: ['mini', 'sim'],
          checks: ['json', 'empty', 'refusal'],
        },
        { name: 'pair', strategy: 'rules', rules: [{ when: {}, models: ['mini', 'sonnet'] }] },
        {
          name: 'coding',
          strategy: 'rules',
          rules: [{ when: { task: ['code-generation', 'code-completion'] }, models: ['sonnet'] }],
          default: ['sim'],
        },
      ],
    },
    env: {},
    source: 'test',
  });
  server = buildGatewayServer({ config, requestLogPath: ':memory:', env: {} });
  origin = await server.app.listen({ port: 0, host: '127.0.0.1' });
  client = new OpenAI({ baseURL: `${origin}/v1`, apiKey: 'x', maxRetries: 0 });
});

afterAll(async () => {
  await server.close();
  await openaiUpstream.close();
  await anthropicUpstream.close();
});

type DecisionBody = {
  id: string;
  route: string;
  strategy: string;
  task: { family: string; signals: string[] };
  candidates: Array<{
    modelId: string;
    excludedBy: string[];
    predictedQuality: number;
    predictedCostUsd: number;
    rank: number | null;
  }>;
  targets: string[];
  reason: string;
  objective: string;
  outcome: { model: string | null; status: number; warnings: string[] };
};

async function getDecision(id: string): Promise<DecisionBody> {
  const response = await fetch(`${origin}/v1/decisions/${id}`);
  expect(response.status).toBe(200);
  return (await response.json()) as DecisionBody;
}

describe('auto routing', () => {
  it('sends a math task to the strong model and a chat to the cheap one, and says why', async () => {
    const math = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: MATH }] })
      .withResponse();
    expect(math.response.headers.get('x-switchyard-model')).toBe('sonnet');
    expect(math.response.headers.get('x-switchyard-route')).toBe('auto');
    const mathId = math.response.headers.get('x-switchyard-decision-id');
    expect(mathId).toBe(math.response.headers.get('x-request-id'));

    const chat = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content: CHAT }] })
      .withResponse();
    expect(chat.response.headers.get('x-switchyard-model')).toBe('mini');

    const decision = await getDecision(mathId ?? '');
    expect(decision).toMatchObject({
      route: 'auto',
      strategy: 'cost-quality',
      task: { family: 'math' },
      targets: ['sonnet', 'sim', 'mini'],
      outcome: { model: 'sonnet', status: 200 },
    });
    expect(decision.reason).toMatch(/'sonnet' scored highest for math/);
    expect(decision.objective).toMatch(/^balanced: /);
    for (const candidate of decision.candidates) {
      expect(candidate.predictedQuality).toBeGreaterThan(0);
      expect(candidate.predictedCostUsd).toBeGreaterThan(0);
    }
  });

  it('fails over across vendors when the chosen one is down, before the first byte', async () => {
    const content = `${CHAT} ${scenarioDirective('error-503')}`;
    const { response } = await client.chat.completions
      .create({ model: 'auto', messages: [{ role: 'user', content }] })
      .withResponse();
    expect(response.headers.get('x-switchyard-model')).toBe('sim');
    expect(response.headers.get('x-switchyard-warnings')).toMatch(
      /model 'mini' failed \(upstream_unavailable\); fell back to 'sim'/,
    );
    const stream = await client.chat.completions.create({
      model: 'auto',
      stream: true,
      messages: [{ role: 'user', content }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);
  });

  it('refuses with a 400 naming what excluded each model when none can serve the request', async () => {
    const error: unknown = await client.chat.completions
      .create({ model: 'auto', max_tokens: 900_000, messages: [{ role: 'user', content: CHAT }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const message = error instanceof OpenAI.APIError ? error.message : '';
    expect(message).toMatch(/No model of route 'auto' can serve this request/);
    expect(message).toMatch(/'mini': .*max output of 16384 tokens is below the requested 900000/);
    expect(message).toMatch(/'sim': .*max output of 8000 tokens/);
    const id = error instanceof OpenAI.APIError ? (error.headers?.get('x-request-id') ?? '') : '';
    const decision = await getDecision(id);
    expect(decision.targets).toEqual([]);
    expect(decision.outcome).toMatchObject({ model: null, status: 400 });
    expect(decision.candidates.every((candidate) => candidate.excludedBy.length > 0)).toBe(true);
  });

  it('serves Anthropic clients through the same route', async () => {
    const anthropic = new Anthropic({ baseURL: origin, apiKey: 'x', maxRetries: 0 });
    const { response } = await anthropic.messages
      .create({ model: 'auto', max_tokens: 64, messages: [{ role: 'user', content: MATH }] })
      .withResponse();
    expect(response.headers.get('x-switchyard-model')).toBe('sonnet');
    expect(response.headers.get('x-switchyard-decision-id')).toBeTruthy();
  });

  it('counts tokens for a route with the model it would choose', async () => {
    const anthropic = new Anthropic({ baseURL: origin, apiKey: 'x', maxRetries: 0 });
    const { data, response } = await anthropic.messages
      .countTokens({ model: 'auto', messages: [{ role: 'user', content: MATH }] })
      .withResponse();
    expect(data.input_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-switchyard-model')).toBe('sonnet');
    expect(response.headers.get('x-switchyard-route')).toBe('auto');
  });

  it('gives a 504 naming the deadline when retries and fallbacks take too long', async () => {
    const started = performance.now();
    const error: unknown = await client.chat.completions
      .create({
        model: 'mini',
        messages: [{ role: 'user', content: `hi ${scenarioDirective('hang-headers')}` }],
      })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect(error instanceof OpenAI.APIError && error.status).toBe(504);
    expect(error instanceof OpenAI.APIError && error.message).toMatch(
      /deadline of 400 ms across every retry and fallback/,
    );
    expect(performance.now() - started).toBeLessThan(4_000);
  });
});

describe('configured routes', () => {
  it('cascade: escalates when the cheap answer is not the JSON asked for', async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: 'auto-cascade',
        response_format: { type: 'json_object' },
        messages: [{ role: 'user', content: 'Give me a JSON object describing a cat.' }],
      })
      .withResponse();
    expect(response.headers.get('x-switchyard-model')).toBe('sim');
    expect(response.headers.get('x-switchyard-warnings')).toMatch(
      /cascade: 'mini' answered but a JSON answer was asked for and the answer is not valid JSON; escalated to 'sim'/,
    );
    expect(() => JSON.parse(data.choices[0]?.message.content ?? '') as unknown).not.toThrow();
  });

  it('cascade: keeps the cheap answer when it passes, streamed', async () => {
    const stream = await client.chat.completions
      .create({
        model: 'auto-cascade',
        stream: true,
        messages: [{ role: 'user', content: 'Say hello.' }],
      })
      .withResponse();
    expect(stream.response.headers.get('x-switchyard-model')).toBe('mini');
    let text = '';
    for await (const chunk of stream.data) text += chunk.choices[0]?.delta.content ?? '';
    expect(text.length).toBeGreaterThan(0);
  });

  it('rules: code goes to the listed model; other tasks to the default', async () => {
    const code = await client.chat.completions
      .create({
        model: 'coding',
        messages: [
          { role: 'user', content: 'Write a Python function that reverses a linked list.' },
        ],
      })
      .withResponse();
    expect(code.response.headers.get('x-switchyard-model')).toBe('sonnet');
    const decision = await getDecision(code.response.headers.get('x-switchyard-decision-id') ?? '');
    expect(decision.reason).toMatch(/rule 1 \(task code-generation\|code-completion\)/);
    const other = await client.chat.completions
      .create({ model: 'coding', messages: [{ role: 'user', content: CHAT }] })
      .withResponse();
    expect(other.response.headers.get('x-switchyard-model')).toBe('sim');
  });

  it('when every target fails, says so and records the last model tried', async () => {
    const { response, error } = await client.chat.completions
      .create({
        model: 'pair',
        messages: [{ role: 'user', content: `${CHAT} ${scenarioDirective('error-503')}` }],
      })
      .then(
        () => ({ response: undefined, error: undefined }),
        (caught: unknown) => ({
          response: caught instanceof OpenAI.APIError ? caught.headers : undefined,
          error: caught,
        }),
      );
    expect(error instanceof OpenAI.APIError && error.status).toBe(503);
    expect(error instanceof OpenAI.APIError && error.message).toMatch(
      /Every target failed \(mini \(upstream_unavailable\), sonnet \(upstream_unavailable\)\)/,
    );
    const id = response?.get('x-request-id') ?? '';
    const decision = await getDecision(id);
    expect(decision.outcome).toMatchObject({ model: 'sonnet', status: 503 });
  });

  it('ignores unusable routing hints with a warning', async () => {
    const { response } = await client.chat.completions
      .create(
        { model: 'auto', messages: [{ role: 'user', content: CHAT }] },
        { headers: { 'x-switchyard-tradeoff': 'fastest', 'x-switchyard-task': 'poetry' } },
      )
      .withResponse();
    expect(response.headers.get('x-switchyard-warnings')).toMatch(
      /ignored x-switchyard-tradeoff 'fastest': use quality, balanced, cost or a price weight >= 0; ignored x-switchyard-task 'poetry'/,
    );
  });

  it('a direct model request is explained too', async () => {
    const { response } = await client.chat.completions
      .create({ model: 'sim', messages: [{ role: 'user', content: CHAT }] })
      .withResponse();
    expect(response.headers.get('x-switchyard-route')).toBe('direct');
    const decision = await getDecision(response.headers.get('x-switchyard-decision-id') ?? '');
    expect(decision).toMatchObject({
      route: 'direct',
      targets: ['sim'],
      reason: "the client named 'sim'",
    });
  });

  it('GET /v1/decisions/{id} answers 404 in the OpenAI shape for an unknown id', async () => {
    const response = await fetch(`${origin}/v1/decisions/nope`);
    expect(response.status).toBe(404);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/No routing decision with id 'nope'/);
  });
});
