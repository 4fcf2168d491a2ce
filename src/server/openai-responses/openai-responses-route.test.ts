import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.js';
import {
  validateErrorResponse,
  validateResponse,
  validateResponseStreamEvent,
} from '../../providers/openai/test-utils/openai-schema-validator.js';
import { buildGatewayServer, type GatewayServer } from '../build-gateway-server.js';

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

function expectValid(errors: string[]): void {
  expect(errors, errors.join('\n')).toEqual([]);
}

const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather of a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};
const timeTool = {
  type: 'function',
  name: 'get_time',
  parameters: { type: 'object', properties: {} },
  strict: null,
};

describe('POST /v1/responses', () => {
  let server: GatewayServer;
  beforeAll(() => {
    server = buildGatewayServer({
      config: parseConfig({
        raw: {
          providers: { sim: { type: 'simulated' } },
          models: [{ id: 'sim', provider: 'sim' }],
        },
        env: {},
        source: 'test',
      }),
      requestLogPath: ':memory:',
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (payload: Record<string, unknown>) =>
    server.app.inject({ method: 'POST', url: '/v1/responses', payload });

  it('answers a plain request with a spec-valid Response object', async () => {
    const response = await post({ model: 'sim', instructions: 'Be brief.', input: 'Hello there' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-switchyard-model']).toBe('sim');
    const body = response.json();
    expectValid(validateResponse(body));
    expect(body).toMatchObject({
      id: `resp_${String(response.headers['x-request-id'])}`,
      object: 'response',
      status: 'completed',
      instructions: 'Be brief.',
      error: null,
      incomplete_details: null,
    });
    expect(body.output).toHaveLength(1);
    expect(body.output[0]).toMatchObject({
      type: 'message',
      role: 'assistant',
      status: 'completed',
    });
    expect(body.output[0].content[0].text.length).toBeGreaterThan(0);
    expect(body.output_text).toBe(body.output[0].content[0].text);
    expect(body.usage.total_tokens).toBe(body.usage.input_tokens + body.usage.output_tokens);
  });

  it('returns function_call items for tools, and accepts their outputs back', async () => {
    const first = await post({
      model: 'sim',
      input: 'Weather and time?',
      tools: [weatherTool, timeTool],
    });
    const body = first.json();
    expectValid(validateResponse(body));
    const calls = body.output.filter((item: { type: string }) => item.type === 'function_call');
    expect(calls.length).toBeGreaterThanOrEqual(1);
    for (const call of calls) {
      expect(call.id).toBe(`fc_${call.call_id}`);
      expect(typeof JSON.parse(call.arguments)).toBe('object');
    }
    const second = await post({
      model: 'sim',
      tools: [weatherTool, timeTool],
      input: [
        { role: 'user', content: 'Weather and time?' },
        ...body.output,
        ...calls.map((call: { call_id: string }) => ({
          type: 'function_call_output',
          call_id: call.call_id,
          output: 'Sunny',
        })),
      ],
    });
    expect(second.statusCode).toBe(200);
    expectValid(validateResponse(second.json()));
  });

  it('reports a length cut as incomplete with max_output_tokens', async () => {
    const response = await post({
      model: 'sim',
      input: 'Write a long essay.',
      max_output_tokens: 3,
    });
    const body = response.json();
    expectValid(validateResponse(body));
    expect(body.status).toBe('incomplete');
    expect(body.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(body.max_output_tokens).toBe(3);
  });

  it('streams a spec-valid event sequence ending in response.completed', async () => {
    const response = await post({ model: 'sim', input: 'Hello', stream: true });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/event-stream/);
    const frames = parseSse(response.body);
    frames.forEach((frame, index) => {
      expect(frame.data.sequence_number).toBe(index);
      expectValid(validateResponseStreamEvent(frame.data));
    });
    expect(frames.slice(0, 2).map((frame) => frame.event)).toEqual([
      'response.created',
      'response.in_progress',
    ]);
    const last = frames.at(-1);
    expect(last?.event).toBe('response.completed');
    const deltas = frames.filter((frame) => frame.event === 'response.output_text.delta');
    expect(deltas.map((frame) => frame.data.delta).join('')).toBe(last?.data.response.output_text);
  });

  it('streams function calls as function_call items', async () => {
    const response = await post({
      model: 'sim',
      input: 'Weather?',
      tools: [weatherTool],
      tool_choice: 'required',
      stream: true,
    });
    const frames = parseSse(response.body);
    for (const frame of frames) expectValid(validateResponseStreamEvent(frame.data));
    const done = frames.filter((frame) => frame.event === 'response.function_call_arguments.done');
    expect(done).toHaveLength(1);
    expect(done[0]?.data.name).toBe('get_weather');
    expect(frames.at(-1)?.data.response.output[0]).toMatchObject({
      type: 'function_call',
      name: 'get_weather',
      status: 'completed',
    });
  });

  it('refuses previous_response_id with a 400 in the OpenAI error envelope', async () => {
    const response = await post({ model: 'sim', input: 'Hi', previous_response_id: 'resp_1' });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expectValid(validateErrorResponse(body));
    expect(body.error).toMatchObject({
      type: 'invalid_request_error',
      param: 'previous_response_id',
      code: 'invalid_request',
    });
    expect(body.error.message).toMatch(/does not keep conversation state/);
  });

  it('refuses built-in tools and names the field', async () => {
    const response = await post({ model: 'sim', input: 'Hi', tools: [{ type: 'web_search' }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.param).toBe('tools[0].type');
  });

  it('answers an unknown model with a 404 in the OpenAI envelope', async () => {
    const response = await post({ model: 'nope', input: 'Hi' });
    expect(response.statusCode).toBe(404);
    expectValid(validateErrorResponse(response.json()));
  });

  it('returns warnings in the header and logs the request under the openai-responses dialect', async () => {
    const response = await post({ model: 'sim', input: 'Hi', store: true, include: ['x'] });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-switchyard-warnings']).toMatch(/store.*include/);
    await server.requestLog?.flush();
    const record = await server.requestLog?.get(String(response.headers['x-request-id']));
    expect(record?.dialect).toBe('openai-responses');
    expect(record?.statusCode).toBe(200);
  });
});
