import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../../test-utils/fake-server.js';
import { scenarioDirective, type FakeScenario } from '../../test-utils/scenarios.js';
import { startAnthropicFakeUpstream } from './anthropic-fake-upstream.js';
import { readConformanceText } from './anthropic-recordings.js';
import { replayAnthropicStream } from './anthropic-test-helpers.js';
import { summariseStreamEvents } from '../../test-utils/provider-test-helpers.js';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startAnthropicFakeUpstream({ apiKey: 'test-key' });
});
afterAll(async () => {
  await upstream.close();
});

const headers = {
  'content-type': 'application/json',
  'x-api-key': 'test-key',
  'anthropic-version': '2023-06-01',
};

function messagesBody(
  scenario: FakeScenario,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 100,
    messages: [{ role: 'user', content: `Hi ${scenarioDirective(scenario)}` }],
    ...extra,
  };
}

function post(path: string, body: unknown, headerOverrides: Record<string, string> = {}) {
  return fetch(`${upstream.origin}${path}`, {
    method: 'POST',
    headers: { ...headers, ...headerOverrides },
    body: JSON.stringify(body),
  });
}

const weatherTools = [{ name: 'get_weather', input_schema: { type: 'object' } }];

describe('startAnthropicFakeUpstream protocol', () => {
  it('replays the recorded text stream byte for byte with Anthropic stream headers.', async () => {
    const response = await post('/v1/messages', messagesBody('text', { stream: true }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('request-id')).toMatch(/^req_/);
    expect(await response.text()).toBe(
      readConformanceText('anthropic', 'sdk-lib-fixtures', 'basic_response.txt'),
    );
  });

  it('replays the recorded text body byte for byte.', async () => {
    const response = await post('/v1/messages', messagesBody('text'));
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.text()).toBe(
      readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-text.json'),
    );
  });

  it('replays the recorded tool-use stream byte for byte when the first tool matches it.', async () => {
    const response = await post(
      '/v1/messages',
      messagesBody('tool-call', { stream: true, tools: weatherTools }),
    );
    expect(await response.text()).toBe(
      readConformanceText('anthropic', 'sdk-lib-fixtures', 'tool_use_response.txt'),
    );
  });

  it('calls the first tool of the request, whatever it is named.', async () => {
    const tools = [{ name: 'lookup_city', input_schema: { type: 'object' } }];
    const json: any = await (
      await post('/v1/messages', messagesBody('tool-call', { tools }))
    ).json();
    expect(json.content.find((block: any) => block.type === 'tool_use').name).toBe('lookup_city');
    const sse = await (
      await post('/v1/messages', messagesBody('tool-call', { tools, stream: true }))
    ).text();
    expect(sse).toContain('"name":"lookup_city"');
    expect(sse).not.toContain('get_weather');
  });

  it('streams two parallel tool calls in the documented event format.', async () => {
    const sse = await (
      await post(
        '/v1/messages',
        messagesBody('parallel-tool-calls', { stream: true, tools: weatherTools }),
      )
    ).text();
    const { events, error } = await replayAnthropicStream({ sse });
    expect(error).toBeUndefined();
    const calls = Object.values(summariseStreamEvents(events).toolCalls);
    expect(calls.map((call) => [call.name, JSON.parse(call.input)])).toEqual([
      ['get_weather', { count: 1 }],
      ['get_weather', { count: 2 }],
    ]);
  });

  it('answers JSON mode through the json tool when the request offers it.', async () => {
    const tools = [{ name: 'json', input_schema: { type: 'object' } }];
    const sse = await (
      await post('/v1/messages', messagesBody('json', { stream: true, tools }))
    ).text();
    const recordedLines = readConformanceText(
      'ai-sdk-fixtures',
      'anthropic',
      'anthropic-json-tool.1.chunks.txt',
    )
      .split('\n')
      .filter(Boolean);
    const dataLines = sse
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6));
    expect(dataLines).toEqual(recordedLines);
    expect(sse.startsWith('event: message_start\ndata: ')).toBe(true);
  });

  it.each([
    ['error-400', 400, 'invalid_request_error'],
    ['error-401', 401, 'authentication_error'],
    ['error-429', 429, 'rate_limit_error'],
    ['error-500', 500, 'api_error'],
    ['error-503', 529, 'overloaded_error'],
  ] as const)('answers %s with status %i and an %s body.', async (scenario, status, type) => {
    const response = await post('/v1/messages', messagesBody(scenario, { stream: true }));
    expect(response.status).toBe(status);
    const requestId = response.headers.get('request-id');
    expect(await response.json()).toEqual({
      type: 'error',
      error: { type, message: expect.any(String) },
      request_id: requestId,
    });
    if (scenario === 'error-429') expect(response.headers.get('retry-after')).toBe('1');
  });

  it('rejects a wrong key, a missing version header and a body without max_tokens.', async () => {
    const wrongKey = await post('/v1/messages', messagesBody('text'), { 'x-api-key': 'nope' });
    expect(wrongKey.status).toBe(401);
    const noVersion = await fetch(`${upstream.origin}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': 'test-key' },
      body: JSON.stringify(messagesBody('text')),
    });
    expect(noVersion.status).toBe(400);
    const noMaxTokens = await post('/v1/messages', {
      ...messagesBody('text'),
      max_tokens: undefined,
    });
    const noMaxTokensBody: any = await noMaxTokens.json();
    expect(noMaxTokensBody.error.message).toBe('max_tokens: Field required');
    const countWithMaxTokens = await post('/v1/messages/count_tokens', messagesBody('text'));
    expect(countWithMaxTokens.status).toBe(400);
    const unknownRoute = await post('/v1/complete', {});
    expect(unknownRoute.status).toBe(404);
  });

  it('answers malformed with a 200 that is not a Messages body.', async () => {
    const response = await post('/v1/messages', messagesBody('malformed'));
    expect(response.status).toBe(200);
    const body: any = await response.json();
    expect(body.type).toBeUndefined();
  });

  it('cuts the stream after a few events by destroying the socket.', async () => {
    const response = await post('/v1/messages', messagesBody('cut-stream', { stream: true }));
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
  });
});

describe('startAnthropicFakeUpstream with the official Anthropic SDK', () => {
  let client: Anthropic;
  beforeAll(() => {
    client = new Anthropic({ apiKey: 'test-key', baseURL: upstream.origin, maxRetries: 0 });
  });

  it('serves a message the SDK parses.', async () => {
    const message = await client.messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(message.content[0]).toMatchObject({ type: 'text' });
    expect(message.stop_reason).toBe('end_turn');
  });

  it('serves a tool-use stream the SDK accumulates into a final message.', async () => {
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      tools: [{ name: 'get_weather', input_schema: { type: 'object' } }],
      messages: [{ role: 'user', content: `Weather? ${scenarioDirective('tool-call')}` }],
    });
    const message = await stream.finalMessage();
    expect(message.content.at(-1)).toMatchObject({
      type: 'tool_use',
      name: 'get_weather',
      input: { location: 'Paris' },
    });
  });

  it('serves token counts and the model list.', async () => {
    const count = await client.messages.countTokens({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(count.input_tokens).toBeGreaterThan(0);
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 2 })) ids.push(model.id);
    expect(ids).toHaveLength(3);
  });

  it('raises the SDK error class for the overloaded reply.', async () => {
    const error: unknown = await client.messages
      .create({
        model: 'claude-sonnet-4-5',
        max_tokens: 100,
        messages: [{ role: 'user', content: scenarioDirective('error-503') }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.APIError);
    expect(error).toMatchObject({ status: 529, type: 'overloaded_error' });
  });
});
