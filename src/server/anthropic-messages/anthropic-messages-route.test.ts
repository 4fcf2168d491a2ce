import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.js';
import {
  buildRoutingTable,
  CircuitBreakers,
  createRoutingStage,
  Gateway,
  LatencyTracker,
  ModelRegistry,
} from '../../gateway/index.js';
import type { LanguageModel, ProviderV1, StreamEvent } from '../../spec/index.js';
import { ProviderCallError } from '../../spec/index.js';
import { buildGatewayServer, type GatewayServer } from '../build-gateway-server.js';
import { createApp } from '../create-app.js';
import { registerAnthropicRoutes } from './anthropic-messages-route.js';

function createServer(
  extra: { server?: Record<string, unknown>; providers?: Record<string, unknown> } = {},
) {
  return buildGatewayServer({
    config: parseConfig({
      raw: {
        providers: { sim: { type: 'simulated' }, ...extra.providers },
        models: [
          { id: 'sim', provider: 'sim' },
          ...Object.keys(extra.providers ?? {}).map((id) => ({ id, provider: id })),
        ],
        ...(extra.server ? { server: extra.server } : {}),
      },
      env: {},
      source: 'test',
    }),
    requestLogPath: ':memory:',
  });
}

type Frame = { event: string; data: any };

function parseSse(text: string): Frame[] {
  return text
    .split('\n\n')
    .filter((chunk) => chunk.trim().length > 0)
    .map((chunk) => {
      const [eventLine = '', dataLine = ''] = chunk.split('\n');
      return { event: eventLine.slice('event: '.length), data: JSON.parse(dataLine.slice(6)) };
    });
}

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather of a city.',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};
const timeTool = { name: 'get_time', input_schema: { type: 'object', properties: {} } };

describe('POST /v1/messages', () => {
  let server: GatewayServer;
  beforeAll(() => {
    server = createServer({ server: { bodyLimitBytes: 4096 } });
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (payload: unknown, url = '/v1/messages') =>
    server.app.inject({ method: 'POST', url, payload: payload as Record<string, unknown> });

  it('answers a plain request with an Anthropic message', async () => {
    const response = await post({
      model: 'sim',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-switchyard-model']).toBe('sim');
    expect(response.headers['x-switchyard-provider']).toBe('sim');
    expect(response.headers['x-switchyard-warnings']).toBeUndefined();
    const body = response.json();
    expect(body).toMatchObject({
      type: 'message',
      role: 'assistant',
      model: 'sim',
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 24 },
    });
    expect(body.id).toBe(`msg_${String(response.headers['x-request-id'])}`);
    expect(body.usage.input_tokens).toBeGreaterThan(0);
    expect(body.content).toHaveLength(1);
    expect(body.content[0].type).toBe('text');
    expect(body.content[0].text).toMatch(/^\[simulated\]/);
  });

  it('serves the beta endpoint that Claude Code and client.beta.messages call', async () => {
    const response = await post(
      { model: 'sim', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] },
      '/v1/messages?beta=true',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().type).toBe('message');
  });

  it('reports max_tokens as the stop reason when the answer is cut off', async () => {
    const response = await post({
      model: 'sim',
      max_tokens: 3,
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(response.json()).toMatchObject({
      stop_reason: 'max_tokens',
      usage: { output_tokens: 3 },
    });
  });

  it('streams the same answer as the Anthropic event sequence', async () => {
    const request = {
      model: 'sim',
      max_tokens: 256,
      system: [{ type: 'text', text: 'Be brief.' }],
      messages: [{ role: 'user', content: 'Stream me something' }],
    };
    const plain = (await post(request)).json();
    const response = await post({ ...request, stream: true });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(response.headers['x-switchyard-model']).toBe('sim');
    const frames = parseSse(response.body);
    for (const frame of frames) expect(frame.data.type).toBe(frame.event);
    const kinds = frames.map((frame) => frame.event);
    expect(kinds[0]).toBe('message_start');
    expect(kinds[1]).toBe('content_block_start');
    expect(kinds.slice(-3)).toEqual(['content_block_stop', 'message_delta', 'message_stop']);
    expect(frames[0]?.data.message).toMatchObject({
      id: expect.stringMatching(/^msg_/),
      model: 'sim',
      content: [],
      stop_reason: null,
    });
    const text = frames
      .filter((frame) => frame.event === 'content_block_delta')
      .map((frame) => frame.data.delta.text)
      .join('');
    expect(text).toBe(plain.content[0].text);
    expect(frames.at(-2)?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { ...plain.usage },
    });
  });

  it('calls tools, in parallel unless disable_parallel_tool_use is set', async () => {
    const request = {
      model: 'sim',
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Weather and time in Paris?' }],
      tools: [weatherTool, timeTool],
    };
    const parallel = (await post(request)).json();
    expect(parallel.stop_reason).toBe('tool_use');
    expect(parallel.content).toEqual([
      {
        type: 'tool_use',
        id: expect.any(String),
        name: 'get_weather',
        input: { city: 'simulated' },
      },
      { type: 'tool_use', id: expect.any(String), name: 'get_time', input: {} },
    ]);
    const single = (
      await post({ ...request, tool_choice: { type: 'any', disable_parallel_tool_use: true } })
    ).json();
    expect(single.content.map((block: any) => block.name)).toEqual(['get_weather']);
  });

  it('answers in text after a tool_result round trip', async () => {
    const first = (
      await post({
        model: 'sim',
        max_tokens: 256,
        messages: [{ role: 'user', content: 'Weather in Paris?' }],
        tools: [weatherTool],
      })
    ).json();
    const toolUse = first.content[0];
    const response = await post({
      model: 'sim',
      max_tokens: 256,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18°C and sunny' }],
        },
      ],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      stop_reason: 'end_turn',
      content: [{ type: 'text', text: expect.stringMatching(/^\[simulated\]/) }],
    });
  });

  it('streams tool calls as tool_use blocks with input_json_delta', async () => {
    const response = await post({
      model: 'sim',
      max_tokens: 256,
      stream: true,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: { type: 'tool', name: 'get_weather' },
    });
    const frames = parseSse(response.body);
    expect(frames.map((frame) => frame.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(frames[1]?.data.content_block).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: {},
    });
    expect(JSON.parse(frames[2]?.data.delta.partial_json)).toEqual({ city: 'simulated' });
    expect(frames[4]?.data.delta.stop_reason).toBe('tool_use');
  });

  it('returns unknown fields and unsupported settings as warnings', async () => {
    const response = await post({
      model: 'sim',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }],
      service_tier: 'auto',
      frobnicate: 1,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-switchyard-warnings']).toBe(
      "unsupported setting 'service_tier': not forwarded to upstream vendors; unsupported setting 'frobnicate': unknown field, ignored",
    );
  });

  it('records Anthropic requests in the request log under their dialect', async () => {
    const response = await post({
      model: 'sim',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'log me' }],
    });
    await server.requestLog?.flush();
    const record = await server.requestLog?.get(String(response.headers['x-request-id']));
    expect(record).toMatchObject({
      dialect: 'anthropic-messages',
      requestedModel: 'sim',
      statusCode: 200,
      isStream: false,
    });
  });

  describe('errors, in Anthropic shape', () => {
    it('rejects malformed JSON with invalid_request_error', async () => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/v1/messages',
        headers: { 'content-type': 'application/json' },
        payload: '{"model": "sim",',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        type: 'error',
        error: { type: 'invalid_request_error', message: expect.stringMatching(/not valid JSON/) },
      });
    });

    it('names max_tokens when it is missing', async () => {
      const response = await post({ model: 'sim', messages: [{ role: 'user', content: 'hi' }] });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        type: 'error',
        error: {
          type: 'invalid_request_error',
          message: expect.stringMatching(/'max_tokens' is required/),
        },
      });
    });

    it('answers an unknown model with not_found_error', async () => {
      const response = await post({
        model: 'nope',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'hi' }],
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({
        type: 'error',
        error: {
          type: 'not_found_error',
          message: expect.stringMatching(/'nope' is not configured/),
        },
      });
    });

    it('refuses a body over the limit with request_too_large', async () => {
      const response = await post({
        model: 'sim',
        max_tokens: 10,
        messages: [{ role: 'user', content: 'x'.repeat(5000) }],
      });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({
        type: 'error',
        error: { type: 'request_too_large' },
      });
    });

    it('answers an unsupported streaming request before any byte with a JSON error', async () => {
      const response = await post({
        model: 'sim',
        max_tokens: 10,
        stream: true,
        messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }],
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().error.message).toMatch(/Document \(PDF\) blocks are not supported/);
    });
  });
});

describe('POST /v1/messages/count_tokens', () => {
  let server: GatewayServer;
  beforeAll(() => {
    server = createServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it("counts with the target's counter and flags an estimate", async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/messages/count_tokens',
      payload: {
        model: 'sim',
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'How many tokens is this?' }],
        tools: [weatherTool],
      },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(Object.keys(body)).toEqual(['input_tokens']);
    expect(body.input_tokens).toBeGreaterThan(0);
    expect(response.headers['x-switchyard-model']).toBe('sim');
    expect(response.headers['x-switchyard-warnings']).toMatch(/input_tokens is an estimate/);
  });

  it('answers an unknown model with not_found_error and a bad body with invalid_request_error', async () => {
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/v1/messages/count_tokens',
      payload: { model: 'nope', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.type).toBe('not_found_error');
    const invalid = await server.app.inject({
      method: 'POST',
      url: '/v1/messages/count_tokens',
      payload: { model: 'sim', messages: 'hi' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', message: expect.stringMatching(/'messages'/) },
    });
  });
});

/** A provider whose stream fails after its first text delta, or counts tokens exactly. */
function createScriptedProvider(): ProviderV1 {
  const model: LanguageModel = {
    provider: 'scripted',
    modelId: 'scripted-1',
    generate: () => Promise.reject(new Error('not used')),
    stream: () => {
      async function* events(): AsyncGenerator<StreamEvent> {
        yield { type: 'response-start', modelId: 'scripted-1' };
        await Promise.resolve();
        yield { type: 'text-start', id: 't' };
        yield { type: 'text-delta', id: 't', delta: 'partial' };
        throw new ProviderCallError({
          provider: 'scripted',
          modelId: 'scripted-1',
          url: 'https://scripted.test',
          statusCode: 529,
          message: 'The upstream is overloaded.',
        });
      }
      return Promise.resolve({ stream: events(), warnings: [] });
    },
    countTokens: () => Promise.resolve({ inputTokens: 1234, isEstimate: false }),
  };
  return { id: 'scripted', type: 'scripted', languageModel: () => model };
}

describe('Anthropic routes with a scripted provider', () => {
  const config = parseConfig({
    raw: {
      providers: { sim: { type: 'simulated' } },
      models: [{ id: 'scripted', provider: 'sim' }],
    },
    env: {},
    source: 'test',
  });
  const registry = new ModelRegistry({
    config,
    providers: new Map([['sim', createScriptedProvider()]]),
  });
  const breakers = new CircuitBreakers({ settings: { failureThreshold: 5, cooldownMs: 30_000 } });
  const router = createRoutingStage({
    registry,
    table: buildRoutingTable({ config }).table,
    breakers,
    latency: new LatencyTracker(),
  });
  const gateway = new Gateway({ breakers, stages: [router] });
  const app = createApp({
    config,
    gateway,
    registry,
    routes: [(instance) => registerAnthropicRoutes({ app: instance, gateway, router })],
  });
  afterAll(async () => {
    await app.close();
  });

  it('ends a stream that fails mid-way with an error event', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/messages',
      payload: {
        model: 'scripted',
        max_tokens: 10,
        stream: true,
        messages: [{ role: 'user', content: 'hi' }],
      },
    });
    expect(response.statusCode).toBe(200);
    const frames = parseSse(response.body);
    expect(frames.map((frame) => frame.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'error',
    ]);
    expect(frames.at(-1)?.data).toMatchObject({
      type: 'error',
      error: { type: 'overloaded_error', message: 'The upstream is overloaded.' },
    });
  });

  it('returns the exact count without an estimate warning', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/messages/count_tokens',
      payload: { model: 'scripted', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(response.json()).toEqual({ input_tokens: 1234 });
    expect(response.headers['x-switchyard-warnings']).toBeUndefined();
  });
});

describe('client disconnects', () => {
  let server: GatewayServer;
  beforeAll(async () => {
    server = createServer({
      providers: { slow: { type: 'simulated', tokensPerSecond: 20, outputTokens: 400 } },
    });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('stops the upstream stream and logs 499 when the client goes away', async () => {
    const { port } = server.app.server.address() as AddressInfo;
    const requestId = await new Promise<string>((resolve, reject) => {
      const request = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/v1/messages',
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          response.once('data', () => {
            request.destroy();
            resolve(String(response.headers['x-request-id']));
          });
        },
      );
      request.on('error', (error) => {
        if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
      });
      request.end(
        JSON.stringify({
          model: 'slow',
          max_tokens: 1000,
          stream: true,
          messages: [{ role: 'user', content: 'Take your time.' }],
        }),
      );
    });
    await expect
      .poll(
        async () => {
          await server.requestLog?.flush();
          return (await server.requestLog?.get(requestId))?.statusCode;
        },
        { timeout: 5000 },
      )
      .toBe(499);
  });
});
