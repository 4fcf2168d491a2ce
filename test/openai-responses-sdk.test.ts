import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  validateResponse,
  validateResponseStreamEvent,
} from '../src/providers/openai/test-utils/openai-schema-validator.js';
import { scenarioDirective, type FakeScenario } from '../src/providers/test-utils/scenarios.js';
import { startGatewayHarness, VENDORS, type GatewayHarness } from './harness/gateway-harness.js';

// Black-box: the official `openai` client's Responses API against the real gateway (real HTTP on
// 127.0.0.1), in front of every vendor. Every body and streamed event is checked against OpenAI's
// OpenAPI spec.

const weatherTool: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Get the current weather for a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};
const timeTool: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_time',
  description: 'Get the time in a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
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

function prompt(text: string, scenario: FakeScenario | undefined): string {
  return scenario ? `${text} ${scenarioDirective(scenario)}` : text;
}

function expectValid(errors: string[]): void {
  expect(errors, errors.join('\n')).toEqual([]);
}

/** Checks numbering and the spec's schema of every event, and returns them. */
async function collect(
  stream: AsyncIterable<OpenAI.Responses.ResponseStreamEvent>,
): Promise<OpenAI.Responses.ResponseStreamEvent[]> {
  const events: OpenAI.Responses.ResponseStreamEvent[] = [];
  for await (const event of stream) {
    expect(event.sequence_number).toBe(events.length);
    expectValid(validateResponseStreamEvent(event));
    events.push(event);
  }
  return events;
}

function functionCalls(response: OpenAI.Responses.Response) {
  return response.output.filter(
    (item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call',
  );
}

describe.each(VENDORS)('openai SDK responses → gateway → $vendor', ({ model, usesScenarios }) => {
  const scenario = (name: FakeScenario) => (usesScenarios ? name : undefined);

  it('creates a plain response with usage and the gateway headers', async () => {
    const { data, response } = await client.responses
      .create({
        model,
        instructions: 'Be brief.',
        input: prompt('Say hello.', scenario('text')),
      })
      .withResponse();
    expectValid(validateResponse(data));
    expect(data.status).toBe('completed');
    expect(data.output_text.length).toBeGreaterThan(0);
    expect(data.instructions).toBe('Be brief.');
    expect(data.usage?.input_tokens).toBeGreaterThan(0);
    expect(data.usage?.output_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-switchyard-model')).toBe(model);
    expect(data.id).toBe(`resp_${response.headers.get('x-request-id')}`);
  });

  it('streams with create({ stream: true }), every event matching the spec', async () => {
    const stream = await client.responses.create({
      model,
      input: [{ role: 'user', content: prompt('Say hello.', scenario('text')) }],
      stream: true,
    });
    const events = await collect(stream);
    expect(events.slice(0, 2).map((event) => event.type)).toEqual([
      'response.created',
      'response.in_progress',
    ]);
    const last = events.at(-1);
    expect(last?.type).toBe('response.completed');
    let text = '';
    for (const event of events)
      if (event.type === 'response.output_text.delta') text += event.delta;
    expect(text.length).toBeGreaterThan(0);
    if (last?.type === 'response.completed') {
      expectValid(validateResponse(last.response));
      expect(last.response.usage?.output_tokens).toBeGreaterThan(0);
    }
  });

  it('streams with responses.stream() into a final response', async () => {
    const runner = client.responses.stream({
      model,
      input: prompt('Say hello.', scenario('text')),
    });
    let deltas = '';
    runner.on('response.output_text.delta', (event) => {
      deltas += event.delta;
    });
    const final = await runner.finalResponse();
    expect(final.status).toBe('completed');
    expect(final.output_text).toBe(deltas);
  });

  it('returns parallel function calls with distinct call ids', async () => {
    const data = await client.responses.create({
      model,
      input: prompt('Weather and time in Paris?', scenario('parallel-tool-calls')),
      tools: [weatherTool, timeTool],
    });
    expectValid(validateResponse(data));
    const calls = functionCalls(data);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(calls.map((call) => call.call_id)).size).toBe(calls.length);
    for (const call of calls) expect(typeof JSON.parse(call.arguments)).toBe('object');
  });

  it('streams function calls that the SDK reassembles into valid JSON arguments', async () => {
    const runner = client.responses.stream({
      model,
      input: prompt('Weather and time in Paris?', scenario('parallel-tool-calls')),
      tools: [weatherTool, timeTool],
    });
    runner.on('event', (event) => expectValid(validateResponseStreamEvent(event)));
    const final = await runner.finalResponse();
    const calls = functionCalls(final);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls) expect(typeof JSON.parse(call.arguments)).toBe('object');
  });

  it('completes a round trip: function_call, function_call_output, final answer', async () => {
    const input: OpenAI.Responses.ResponseInput = [
      { role: 'user', content: prompt('Weather in Paris?', scenario('tool-call')) },
    ];
    const first = await client.responses.create({ model, input, tools: [weatherTool] });
    const call = functionCalls(first)[0];
    expect(call).toBeDefined();
    if (!call) return;
    const second = await client.responses.create({
      model,
      tools: [weatherTool],
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        ...first.output.map((item) => item as OpenAI.Responses.ResponseInputItem),
        { type: 'function_call_output', call_id: call.call_id, output: 'Sunny, 21°C' },
        { role: 'user', content: prompt('Thanks.', scenario('text')) },
      ],
    });
    expectValid(validateResponse(second));
    expect(second.output_text.length).toBeGreaterThan(0);
  });

  it('answers a json_schema text format with JSON', async () => {
    const data = await client.responses.create({
      model,
      input: prompt('Give me a JSON object.', scenario('json')),
      text: {
        format: {
          type: 'json_schema',
          name: 'answer',
          schema: { type: 'object', properties: {}, additionalProperties: true },
          strict: false,
        },
      },
    });
    expectValid(validateResponse(data));
    expect(data.text?.format?.type).toBe('json_schema');
    expect(typeof JSON.parse(data.output_text)).toBe('object');
  });
});

describe.each(VENDORS.filter((entry) => entry.usesScenarios))(
  'openai SDK responses errors via $vendor',
  ({ model }) => {
    it.each([
      ['error-400', OpenAI.BadRequestError, 400],
      ['error-429', OpenAI.RateLimitError, 429],
      ['error-500', OpenAI.InternalServerError, 502],
    ] as const)(
      'maps an upstream %s to %o with status %i',
      async (scenario, errorClass, status) => {
        const error: unknown = await client.responses
          .create({ model, input: prompt('Hi', scenario) })
          .then(
            () => undefined,
            (caught: unknown) => caught,
          );
        expect(error).toBeInstanceOf(errorClass);
        expect(error instanceof OpenAI.APIError && error.status).toBe(status);
      },
    );

    it('reports a stream cut mid-way as an error inside the stream', async () => {
      const stream = await client.responses.create({
        model,
        input: prompt('Hi', 'cut-stream'),
        stream: true,
      });
      const error: unknown = await collect(stream).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(OpenAI.APIError);
    });
  },
);

describe('openai SDK responses request errors', () => {
  it('gets a 400 explaining that previous_response_id needs the full input instead', async () => {
    const error: unknown = await client.responses
      .create({ model: 'sim', input: 'Hi', previous_response_id: 'resp_123' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error instanceof OpenAI.APIError && error.param).toBe('previous_response_id');
    expect(error instanceof OpenAI.APIError && error.message).toMatch(/full conversation/);
  });

  it('gets a 400 for a built-in tool', async () => {
    const error: unknown = await client.responses
      .create({ model: 'sim', input: 'Hi', tools: [{ type: 'web_search' }] })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect(error instanceof OpenAI.APIError && error.param).toBe('tools[0].type');
  });

  it('gets a 404 for an unknown model', async () => {
    const error: unknown = await client.responses
      .create({ model: 'no-such-model', input: 'Hi' })
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });
});
