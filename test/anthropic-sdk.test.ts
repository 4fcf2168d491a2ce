import Anthropic from '@anthropic-ai/sdk';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/index.js';
import { buildGatewayServer, type GatewayServer } from '../src/server/build-gateway-server.js';

/**
 * Black-box test of the Anthropic-compatible surface: the real server on a local port, driven by
 * the official `@anthropic-ai/sdk` client. Each target is one upstream configuration; the vendor
 * fakes join this matrix as they land.
 */
type Target = {
  readonly name: string;
  /** The `providers` and `models` of the gateway config; the model under test is `model`. */
  readonly config: () => Record<string, unknown>;
  readonly model: string;
};

const targets: ReadonlyArray<Target> = [
  {
    name: 'simulated provider',
    config: () => ({
      providers: { sim: { type: 'simulated' } },
      models: [{ id: 'sim', provider: 'sim' }],
    }),
    model: 'sim',
  },
];

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather of a city.',
  input_schema: {
    type: 'object' as const,
    properties: { city: { type: 'string' } },
    required: ['city'],
  },
};

describe.each(targets)('the Anthropic SDK against the gateway ($name)', ({ config, model }) => {
  let server: GatewayServer;
  let client: Anthropic;

  beforeAll(async () => {
    server = buildGatewayServer({
      config: parseConfig({ raw: config(), env: {}, source: 'test' }),
      requestLogPath: ':memory:',
    });
    await server.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.app.server.address() as AddressInfo;
    client = new Anthropic({ baseURL: `http://127.0.0.1:${port}`, apiKey: 'test', maxRetries: 0 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('creates a message', async () => {
    const message = await client.messages.create({
      model,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Say hello.' }],
    });
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.id).toMatch(/^msg_/);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content[0]?.type).toBe('text');
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('returns tool_use blocks and accepts their tool_result', async () => {
    const question = { role: 'user' as const, content: 'What is the weather in Paris?' };
    const first = await client.messages.create({
      model,
      max_tokens: 256,
      messages: [question],
      tools: [weatherTool],
      tool_choice: { type: 'tool', name: 'get_weather' },
    });
    expect(first.stop_reason).toBe('tool_use');
    const toolUse = first.content.find((block) => block.type === 'tool_use');
    expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather' });
    expect(toolUse?.type === 'tool_use' && typeof toolUse.input).toBe('object');

    const second = await client.messages.create({
      model,
      max_tokens: 256,
      tools: [weatherTool],
      messages: [
        question,
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: toolUse?.id ?? '', content: '18°C and sunny' },
          ],
        },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content[0]?.type).toBe('text');
  });

  it('streams text and assembles the final message', async () => {
    const stream = client.messages.stream({
      model,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Stream a short answer.' }],
    });
    let text = '';
    let startInputTokens = -1;
    stream.on('text', (delta) => {
      text += delta;
    });
    stream.on('streamEvent', (event) => {
      if (event.type === 'message_start') startInputTokens = event.message.usage.input_tokens;
    });
    const final = await stream.finalMessage();
    expect(text.length).toBeGreaterThan(0);
    expect(final.content).toEqual([expect.objectContaining({ type: 'text', text })]);
    expect(final.stop_reason).toBe('end_turn');
    // message_start carries an estimate (agents show context use from it); message_delta's final
    // counts must win.
    expect(startInputTokens).toBeGreaterThan(0);
    expect(final.usage.input_tokens).toBeGreaterThan(0);
    expect(final.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams tool input as input_json_delta and parses it in the final message', async () => {
    const stream = client.messages.stream({
      model,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [weatherTool],
      tool_choice: { type: 'any' },
    });
    let json = '';
    stream.on('inputJson', (partial) => {
      json += partial;
    });
    const final = await stream.finalMessage();
    expect(final.stop_reason).toBe('tool_use');
    const toolUse = final.content.find((block) => block.type === 'tool_use');
    expect(toolUse?.type === 'tool_use' ? toolUse.input : undefined).toEqual(JSON.parse(json));
  });

  it('counts tokens', async () => {
    const count = await client.messages.countTokens({
      model,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'How many tokens is this?' }],
      tools: [weatherTool],
    });
    expect(count.input_tokens).toBeGreaterThan(0);
  });

  it('lists the models', async () => {
    const ids: string[] = [];
    for await (const listed of client.models.list()) ids.push(listed.id);
    expect(ids).toContain(model);
  });

  it('surfaces an unknown model as NotFoundError', async () => {
    const failure = client.messages.create({
      model: 'no-such-model',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(failure).rejects.toBeInstanceOf(Anthropic.NotFoundError);
    await expect(failure).rejects.toMatchObject({ status: 404, type: 'not_found_error' });
  });

  it('surfaces an invalid request as BadRequestError', async () => {
    const failure = client.messages.create({
      model,
      max_tokens: 16,
      messages: [
        { role: 'user', content: [{ type: 'image', source: { type: 'url', url: 'nope' } }] },
      ],
    });
    await expect(failure).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    await expect(failure).rejects.toMatchObject({
      status: 400,
      type: 'invalid_request_error',
      apiMessage: expect.stringMatching(/source\.url/),
    });
  });
});
