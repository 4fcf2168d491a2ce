import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { startOpenAIFakeUpstream } from '../src/providers/openai/test-utils/openai-fake-upstream.js';
import type { FakeUpstream } from '../src/providers/test-utils/fake-server.js';
import { scenarioDirective } from '../src/providers/test-utils/scenarios.js';
import { buildGatewayServer, type GatewayServer } from '../src/server/build-gateway-server.js';

// Black-box: a model whose vendor fails falls back to its configured fallback, before the first
// byte, for plain and streamed requests; a rejected request does not fall back.

let upstream: FakeUpstream;
let server: GatewayServer;
let client: OpenAI;

beforeAll(async () => {
  upstream = await startOpenAIFakeUpstream({ apiKey: 'sk-fake' });
  const config = parseConfig({
    raw: {
      // Circuit breaking off here: these tests fail the primary on purpose, over and over.
      retries: {
        maxRetriesPerTarget: 1,
        initialDelayMs: 1,
        maxDelayMs: 5,
        circuitFailureThreshold: 0,
      },
      providers: {
        openai: {
          type: 'openai',
          apiKey: 'sk-fake',
          baseURL: `${upstream.origin}/v1`,
          timeouts: { firstByteMs: 500 },
        },
        sim: { type: 'simulated' },
      },
      models: [
        { id: 'primary', provider: 'openai', model: 'gpt-4o-mini', fallbacks: ['backup'] },
        { id: 'backup', provider: 'sim' },
      ],
    },
    env: {},
    source: 'test',
  });
  server = buildGatewayServer({ config, requestLogPath: ':memory:', env: {} });
  const origin = await server.app.listen({ port: 0, host: '127.0.0.1' });
  client = new OpenAI({ baseURL: `${origin}/v1`, apiKey: 'x', maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
  await upstream.close();
});

const ask = (scenario: Parameters<typeof scenarioDirective>[0]) => [
  { role: 'user' as const, content: `Hi ${scenarioDirective(scenario)}` },
];

describe('fallbacks', () => {
  it('answers from the primary model when it works', async () => {
    const { response } = await client.chat.completions
      .create({ model: 'primary', messages: ask('text') })
      .withResponse();
    expect(response.headers.get('x-switchyard-model')).toBe('primary');
  });

  it.each(['error-503', 'error-500', 'error-429', 'hang-headers', 'error-401'] as const)(
    'falls back to the backup model when the primary fails with %s, and says so',
    async (scenario) => {
      const before = upstream.requests.length;
      const { data, response } = await client.chat.completions
        .create({ model: 'primary', messages: ask(scenario) })
        .withResponse();
      expect(response.headers.get('x-switchyard-model')).toBe('backup');
      expect(response.headers.get('x-switchyard-warnings')).toMatch(
        /model 'primary' failed \([a-z_]+\); fell back to 'backup'/,
      );
      expect(data.choices[0]?.message.content).toMatch(/^\[simulated\]/);
      // Retryable failures are retried once on the primary first; refused credentials are not.
      expect(upstream.requests.length - before).toBe(scenario === 'error-401' ? 1 : 2);
    },
  );

  it('falls back before the first byte of a stream', async () => {
    const stream = await client.chat.completions.create({
      model: 'primary',
      messages: ask('error-503'),
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toMatch(/^\[simulated\]/);
  });

  it('does not fall back when the vendor rejects the request itself', async () => {
    const error: unknown = await client.chat.completions
      .create({ model: 'primary', messages: ask('error-400') })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('rejects a fallback that names no configured model at start-up', () => {
    expect(() =>
      parseConfig({
        raw: {
          providers: { sim: { type: 'simulated' } },
          models: [{ id: 'a', provider: 'sim', fallbacks: ['nope'] }],
        },
        env: {},
        source: 'test',
      }),
    ).toThrow(/unknown model id 'nope'/);
  });
});
