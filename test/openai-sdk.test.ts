import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioDirective, type FakeScenario } from '../src/providers/test-utils/scenarios.js';
import {
  validateChatCompletion,
  validateChatCompletionChunk,
} from '../src/providers/openai/test-utils/openai-schema-validator.js';
import { startGatewayHarness, VENDORS, type GatewayHarness } from './harness/gateway-harness.js';

// Black-box: the official `openai` client against the real gateway (real HTTP on 127.0.0.1), in
// front of every vendor. Every body and streamed chunk is checked against OpenAI's OpenAPI spec.

const weatherTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Get the current weather for a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const timeTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_time',
    description: 'Get the time in a city.',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

let harness: GatewayHarness;
let client: OpenAI;

beforeAll(async () => {
  harness = await startGatewayHarness();
  client = new OpenAI({
    baseURL: `${harness.origin}/v1`,
    apiKey: 'client-key',
    maxRetries: 0,
    timeout: 10_000,
  });
});
afterAll(async () => {
  await harness.close();
});

function userMessage(
  text: string,
  scenario: FakeScenario | undefined,
): OpenAI.Chat.Completions.ChatCompletionMessageParam {
  return { role: 'user', content: scenario ? `${text} ${scenarioDirective(scenario)}` : text };
}

function expectValid(errors: string[]): void {
  expect(errors, errors.join('\n')).toEqual([]);
}

describe.each(VENDORS)('openai SDK → gateway → $vendor', ({ model, usesScenarios }) => {
  const scenario = (name: FakeScenario) => (usesScenarios ? name : undefined);

  it('creates a plain completion with usage and the gateway headers', async () => {
    const { data, response } = await client.chat.completions
      .create({
        model,
        messages: [
          { role: 'system', content: 'Be brief.' },
          userMessage('Say hello.', scenario('text')),
        ],
      })
      .withResponse();
    expectValid(validateChatCompletion(data));
    expect(data.choices[0]?.message.content?.length).toBeGreaterThan(0);
    expect(data.choices[0]?.finish_reason).toBe('stop');
    expect(data.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(data.usage?.completion_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-switchyard-model')).toBe(model);
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('streams a completion whose chunks all match the spec, with usage at the end', async () => {
    const stream = await client.chat.completions.create({
      model,
      messages: [userMessage('Say hello.', scenario('text'))],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finishReason: string | null = null;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      expectValid(validateChatCompletionChunk(chunk));
      text += chunk.choices[0]?.delta.content ?? '';
      finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(finishReason).toBe('stop');
    expect(usage?.prompt_tokens).toBeGreaterThan(0);
    expect(usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('returns a tool call', async () => {
    const data = await client.chat.completions.create({
      model,
      messages: [userMessage('Weather in Paris?', scenario('tool-call'))],
      tools: [weatherTool],
    });
    expectValid(validateChatCompletion(data));
    const calls = data.choices[0]?.message.tool_calls ?? [];
    expect(data.choices[0]?.finish_reason).toBe('tool_calls');
    expect(calls).toHaveLength(1);
    const call = calls[0];
    expect(call?.type === 'function' && typeof JSON.parse(call.function.arguments)).toBe('object');
  });

  it('returns parallel tool calls with distinct ids', async () => {
    const data = await client.chat.completions.create({
      model,
      messages: [userMessage('Weather and time in Paris?', scenario('parallel-tool-calls'))],
      tools: [weatherTool, timeTool],
    });
    expectValid(validateChatCompletion(data));
    const calls = data.choices[0]?.message.tool_calls ?? [];
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(calls.map((call) => call.id)).size).toBe(calls.length);
  });

  it('streams tool calls that the SDK reassembles into valid JSON arguments', async () => {
    const runner = client.chat.completions.stream({
      model,
      messages: [userMessage('Weather and time in Paris?', scenario('parallel-tool-calls'))],
      tools: [weatherTool, timeTool],
    });
    runner.on('chunk', (chunk) => expectValid(validateChatCompletionChunk(chunk)));
    const completion = await runner.finalChatCompletion();
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls)
      expect(call.type === 'function' && typeof JSON.parse(call.function.arguments)).toBe('object');
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('completes a tool round trip: tool call, tool result, final answer', async () => {
    const first = await client.chat.completions.create({
      model,
      messages: [userMessage('Weather in Paris?', scenario('tool-call'))],
      tools: [weatherTool],
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(call).toBeDefined();
    if (!call || !first.choices[0]) return;
    const second = await client.chat.completions.create({
      model,
      tools: [weatherTool],
      messages: [
        userMessage('Weather in Paris?', undefined),
        first.choices[0].message,
        { role: 'tool', tool_call_id: call.id, content: 'Sunny, 21°C' },
        userMessage('Thanks.', scenario('text')),
      ],
    });
    expectValid(validateChatCompletion(second));
    expect(second.choices[0]?.message.content?.length).toBeGreaterThan(0);
  });

  it('answers JSON mode with a JSON object', async () => {
    const data = await client.chat.completions.create({
      model,
      messages: [userMessage('Give me a JSON object.', scenario('json'))],
      response_format: { type: 'json_object' },
    });
    expectValid(validateChatCompletion(data));
    expect(typeof JSON.parse(data.choices[0]?.message.content ?? '')).toBe('object');
  });
});

describe.each(VENDORS.filter((entry) => entry.usesScenarios))(
  'openai SDK errors via $vendor',
  ({ model }) => {
    const create = (scenario: FakeScenario) =>
      client.chat.completions.create({ model, messages: [userMessage('Hi', scenario)] });

    it.each([
      ['error-400', OpenAI.BadRequestError, 400],
      ['error-401', OpenAI.InternalServerError, 502],
      ['error-429', OpenAI.RateLimitError, 429],
      ['error-500', OpenAI.InternalServerError, 502],
      ['error-503', OpenAI.InternalServerError, 503],
      ['hang-headers', OpenAI.InternalServerError, 504],
    ] as const)(
      'maps an upstream %s to %o with status %i',
      async (scenario, errorClass, status) => {
        const error: unknown = await create(scenario).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(errorClass);
        expect(error instanceof OpenAI.APIError && error.status).toBe(status);
        expect(error instanceof OpenAI.APIError && error.message.length).toBeGreaterThan(10);
      },
    );

    it('reports a stream cut mid-way as an error inside the stream', async () => {
      const stream = await client.chat.completions.create({
        model,
        messages: [userMessage('Hi', 'cut-stream')],
        stream: true,
      });
      const error: unknown = await (async () => {
        for await (const chunk of stream) expectValid(validateChatCompletionChunk(chunk));
      })().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OpenAI.APIError);
    });
  },
);

describe('openai SDK request errors', () => {
  it('gets a 404 naming the available models for an unknown model', async () => {
    const error: unknown = await client.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error instanceof OpenAI.APIError && error.message).toMatch(
      /'gpt', 'claude', 'local', 'gemini', 'bedrock', 'azure', 'mistral', 'sim'/,
    );
  });

  it('gets a 400 naming the field for a malformed request', async () => {
    const error: unknown = await client.chat.completions
      .create({ model: 'gpt', messages: [{ role: 'user', content: 5 as unknown as string }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error instanceof OpenAI.APIError && error.param).toBe('messages[0].content');
  });

  it('gets a 404 naming the routes for an unknown auto-* route', async () => {
    const error: unknown = await client.chat.completions
      .create({ model: 'auto-nowhere', messages: [{ role: 'user', content: 'hi' }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error instanceof OpenAI.APIError && error.message).toMatch(
      /There is no route named 'auto-nowhere'. Routes: 'auto'/,
    );
  });

  it('lists the configured models, marking simulated ones', async () => {
    const models = await client.models.list();
    const ids = models.data.map((model) => model.id);
    expect(ids).toEqual([
      'gpt',
      'claude',
      'local',
      'gemini',
      'bedrock',
      'azure',
      'mistral',
      'sim',
      'gpt-embed',
      'azure-embed',
      'local-embed',
      'mistral-embed',
      'gemini-embed',
      'titan-embed',
      'cohere-embed',
      'sim-embed',
      'auto',
    ]);
    expect(models.data.find((model) => model.id === 'sim')?.owned_by).toBe('switchyard-simulated');
    expect(models.data.find((model) => model.id === 'auto')?.owned_by).toBe('switchyard');
  });
});
