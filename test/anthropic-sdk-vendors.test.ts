import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioDirective, type FakeScenario } from '../src/providers/test-utils/scenarios.js';
import { startGatewayHarness, VENDORS, type GatewayHarness } from './harness/gateway-harness.js';

// Black-box: the official `@anthropic-ai/sdk` client (as Claude Code uses it) against the real
// gateway in front of every vendor, streaming and tool use included.

const weatherTool: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather of a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const timeTool: Anthropic.Tool = {
  name: 'get_time',
  description: 'Current time in a city.',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

let harness: GatewayHarness;
let client: Anthropic;

beforeAll(async () => {
  harness = await startGatewayHarness();
  client = new Anthropic({
    baseURL: harness.origin,
    apiKey: 'client-key',
    maxRetries: 0,
    timeout: 10_000,
  });
});
afterAll(async () => {
  await harness.close();
});

describe.each(VENDORS)('anthropic SDK → gateway → $vendor', ({ model, usesScenarios }) => {
  const ask = (text: string, scenario: FakeScenario): Anthropic.MessageParam => ({
    role: 'user',
    content: usesScenarios ? `${text} ${scenarioDirective(scenario)}` : text,
  });

  it('creates a message with usage', async () => {
    const message = await client.messages.create({
      model,
      max_tokens: 256,
      system: 'Be brief.',
      messages: [ask('Say hello.', 'text')],
    });
    expect(message.stop_reason).toBe('end_turn');
    const text = message.content
      .flatMap((block) => (block.type === 'text' ? [block.text] : []))
      .join('');
    expect(text.length).toBeGreaterThan(0);
    expect(
      message.usage.input_tokens + (message.usage.cache_read_input_tokens ?? 0),
    ).toBeGreaterThan(0);
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams a message that the SDK assembles', async () => {
    const stream = client.messages.stream({
      model,
      max_tokens: 256,
      messages: [ask('Say hello.', 'text')],
    });
    const eventTypes = new Set<string>();
    stream.on('streamEvent', (event) => eventTypes.add(event.type));
    const message = await stream.finalMessage();
    expect([...eventTypes]).toEqual(
      expect.arrayContaining([
        'message_start',
        'content_block_start',
        'content_block_delta',
        'content_block_stop',
        'message_delta',
        'message_stop',
      ]),
    );
    expect(message.content[0]?.type).toBe('text');
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  });

  it('streams parallel tool_use blocks whose input_json_delta parts join into JSON', async () => {
    const stream = client.messages.stream({
      model,
      max_tokens: 256,
      messages: [ask('Weather and time in Paris?', 'parallel-tool-calls')],
      tools: [weatherTool, timeTool],
    });
    const message = await stream.finalMessage();
    const calls = message.content.filter((block) => block.type === 'tool_use');
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) expect(typeof call.input).toBe('object');
    expect(message.stop_reason).toBe('tool_use');
  });

  it('completes a tool round trip', async () => {
    const question = ask('Weather in Paris?', 'tool-call');
    const first = await client.messages.create({
      model,
      max_tokens: 256,
      messages: [question],
      tools: [weatherTool],
    });
    const call = first.content.find((block) => block.type === 'tool_use');
    expect(first.stop_reason).toBe('tool_use');
    expect(call).toBeDefined();
    if (!call) return;
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
            { type: 'tool_result', tool_use_id: call.id, content: 'Sunny, 21°C' },
            {
              type: 'text',
              text: usesScenarios ? `Thanks. ${scenarioDirective('text')}` : 'Thanks.',
            },
          ],
        },
      ],
    });
    expect(second.content.some((block) => block.type === 'text')).toBe(true);
  });
});

describe.each(VENDORS.filter((entry) => entry.usesScenarios))(
  'anthropic SDK errors via $vendor',
  ({ model }) => {
    const create = (scenario: FakeScenario) =>
      client.messages.create({
        model,
        max_tokens: 64,
        messages: [{ role: 'user', content: `Hi ${scenarioDirective(scenario)}` }],
      });

    it.each([
      ['error-400', Anthropic.BadRequestError, 400],
      ['error-429', Anthropic.RateLimitError, 429],
      ['error-500', Anthropic.InternalServerError, 502],
      ['error-503', Anthropic.InternalServerError, 503],
      ['hang-headers', Anthropic.InternalServerError, 504],
    ] as const)(
      'maps an upstream %s to %o with status %i',
      async (scenario, errorClass, status) => {
        const error: unknown = await create(scenario).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(errorClass);
        expect(error instanceof Anthropic.APIError && error.status).toBe(status);
      },
    );

    it('reports a stream cut mid-way as an error event', async () => {
      const stream = client.messages.stream({
        model,
        max_tokens: 64,
        messages: [{ role: 'user', content: `Hi ${scenarioDirective('cut-stream')}` }],
      });
      await expect(stream.finalMessage()).rejects.toBeInstanceOf(Anthropic.APIError);
    });
  },
);
