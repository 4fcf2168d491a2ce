import { describe, expect, it } from 'vitest';
import { validateResponseStreamEvent } from '../../providers/openai/test-utils/openai-schema-validator.js';
import type { StreamEvent } from '../../spec/index.js';
import { convertOpenAIResponsesRequest } from './convert-openai-responses-request.js';
import { OpenAIResponsesStreamEncoder } from './openai-responses-stream.js';

type Frame = { event: string; data: any };

function createEncoder(body: Record<string, unknown> = {}) {
  const converted = convertOpenAIResponsesRequest({ model: 'sim', input: 'Hi', ...body });
  return new OpenAIResponsesStreamEncoder({
    envelope: {
      id: 'resp_req_1',
      createdSeconds: 1_700_000_000,
      model: 'sim',
      echo: converted.echo,
    },
    now: () => 1_700_000_002_000,
  });
}

/** Encodes the events and parses the frames, checking framing, order and the spec's schema. */
function encodeAll(events: StreamEvent[], encoder = createEncoder()): Frame[] {
  const text = events.map((event) => encoder.encode(event)).join('');
  return parseFrames(text);
}

function parseFrames(text: string): Frame[] {
  expect(text.endsWith('\n\n')).toBe(true);
  const frames = text
    .split('\n\n')
    .filter((chunk) => chunk.length > 0)
    .map((chunk) => {
      const [eventLine = '', dataLine = '', ...rest] = chunk.split('\n');
      expect(rest).toEqual([]);
      expect(eventLine.startsWith('event: ')).toBe(true);
      expect(dataLine.startsWith('data: ')).toBe(true);
      return { event: eventLine.slice(7), data: JSON.parse(dataLine.slice(6)) };
    });
  frames.forEach((frame, index) => {
    expect(frame.data.type).toBe(frame.event);
    expect(frame.data.sequence_number).toBe(index);
    const errors = validateResponseStreamEvent(frame.data);
    expect(errors, `${frame.event}: ${errors.join('\n')}`).toEqual([]);
  });
  return frames;
}

const usage = { inputTokens: 10, outputTokens: 5, cachedInputTokens: 2, reasoningTokens: 1 };

describe('OpenAIResponsesStreamEncoder', () => {
  it('encodes a text answer as a message item between created/in_progress and completed', () => {
    const frames = encodeAll([
      { type: 'response-start', id: 'x', modelId: 'sim-model' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hel' },
      { type: 'text-delta', id: 't', delta: 'lo "there"' },
      { type: 'text-end', id: 't' },
      { type: 'response-end', finishReason: 'stop', usage },
    ]);
    expect(frames.map((frame) => frame.event)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(frames[0]?.data.response).toMatchObject({
      id: 'resp_req_1',
      status: 'in_progress',
      model: 'sim-model',
      output: [],
    });
    expect(frames[0]?.data.response.usage).toBeUndefined();
    expect(frames[6]?.data).toMatchObject({ item_id: 'msg_req_1_0', text: 'Hello "there"' });
    const completed = frames.at(-1)?.data.response;
    expect(completed).toMatchObject({
      status: 'completed',
      completed_at: 1_700_000_002,
      output_text: 'Hello "there"',
      usage: {
        input_tokens: 10,
        input_tokens_details: { cached_tokens: 2 },
        output_tokens: 5,
        output_tokens_details: { reasoning_tokens: 1 },
        total_tokens: 15,
      },
    });
    expect(completed.output).toEqual([
      {
        type: 'message',
        id: 'msg_req_1_0',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_text', text: 'Hello "there"', annotations: [], logprobs: [] }],
      },
    ]);
  });

  it('encodes parallel, interleaved function calls as separate items with their own indexes', () => {
    const frames = encodeAll([
      { type: 'response-start', modelId: 'm' },
      { type: 'tool-call-start', id: 'call_a', toolName: 'get_weather' },
      { type: 'tool-call-start', id: 'call_b', toolName: 'get_time' },
      { type: 'tool-call-delta', id: 'call_a', delta: '{"city":' },
      { type: 'tool-call-delta', id: 'call_b', delta: '{"city":"Rome"}' },
      { type: 'tool-call-delta', id: 'call_a', delta: '"Paris"}' },
      { type: 'tool-call-end', id: 'call_b' },
      { type: 'tool-call-end', id: 'call_a' },
      { type: 'response-end', finishReason: 'tool-calls', usage },
    ]);
    expect(frames.map((frame) => `${frame.event}:${frame.data.output_index ?? ''}`)).toEqual([
      'response.created:',
      'response.in_progress:',
      'response.output_item.added:0',
      'response.output_item.added:1',
      'response.function_call_arguments.delta:0',
      'response.function_call_arguments.delta:1',
      'response.function_call_arguments.delta:0',
      'response.function_call_arguments.done:1',
      'response.output_item.done:1',
      'response.function_call_arguments.done:0',
      'response.output_item.done:0',
      'response.completed:',
    ]);
    expect(frames[2]?.data.item).toEqual({
      type: 'function_call',
      id: 'fc_call_a',
      call_id: 'call_a',
      name: 'get_weather',
      arguments: '',
      status: 'in_progress',
    });
    expect(frames[9]?.data).toMatchObject({
      item_id: 'fc_call_a',
      name: 'get_weather',
      arguments: '{"city":"Paris"}',
    });
    expect(frames.at(-1)?.data.response.output).toEqual([
      expect.objectContaining({ call_id: 'call_a', arguments: '{"city":"Paris"}' }),
      expect.objectContaining({ call_id: 'call_b', arguments: '{"city":"Rome"}' }),
    ]);
  });

  it('ends with response.incomplete and max_output_tokens when the length limit is hit', () => {
    const frames = encodeAll([
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'cut o' },
      { type: 'response-end', finishReason: 'length', usage },
    ]);
    expect(frames.slice(-3).map((frame) => frame.event)).toEqual([
      'response.content_part.done',
      'response.output_item.done',
      'response.incomplete',
    ]);
    const response = frames.at(-1)?.data.response;
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.completed_at).toBeNull();
    expect(response.output[0].status).toBe('incomplete');
  });

  it('streams reasoning as a reasoning item with a summary, then the answer', () => {
    const frames = encodeAll([
      { type: 'reasoning-start', id: 'r' },
      { type: 'reasoning-delta', id: 'r', delta: 'Think' },
      { type: 'reasoning-end', id: 'r', signature: 'sig' },
      { type: 'text-delta', id: 't', delta: 'Done' },
      { type: 'text-end', id: 't' },
      { type: 'response-end', finishReason: 'stop', usage },
    ]);
    expect(frames.map((frame) => frame.event)).toContain('response.reasoning_summary_text.delta');
    const output = frames.at(-1)?.data.response.output;
    expect(output[0]).toEqual({
      type: 'reasoning',
      id: 'rs_req_1_0',
      summary: [{ type: 'summary_text', text: 'Think' }],
      encrypted_content: 'sig',
      status: 'completed',
    });
    expect(output[1]).toMatchObject({ type: 'message', id: 'msg_req_1_1' });
  });

  it('echoes the request settings in the response objects', () => {
    const frames = encodeAll(
      [{ type: 'response-end', finishReason: 'stop', usage }],
      createEncoder({
        instructions: 'Be brief.',
        temperature: 0.3,
        max_output_tokens: 50,
        metadata: { team: 'a' },
        tools: [{ type: 'function', name: 'f', parameters: { type: 'object' } }],
      }),
    );
    expect(frames.at(-1)?.data.response).toMatchObject({
      instructions: 'Be brief.',
      temperature: 0.3,
      max_output_tokens: 50,
      metadata: { team: 'a' },
      tools: [{ type: 'function', name: 'f', strict: null, parameters: { type: 'object' } }],
      tool_choice: 'auto',
      store: false,
    });
  });

  it('reports a failure after the start as an error event followed by response.failed', () => {
    const encoder = createEncoder();
    const text =
      encoder.encode({ type: 'text-delta', id: 't', delta: 'part' }) +
      encoder.encodeFailure({ code: 'upstream_error', type: 'api_error', message: 'Boom.' });
    const frames = parseFrames(text);
    expect(frames.slice(-2).map((frame) => frame.event)).toEqual(['error', 'response.failed']);
    expect(frames.at(-2)?.data).toMatchObject({
      code: 'upstream_error',
      message: 'Boom.',
      param: null,
      error: { type: 'api_error', code: 'upstream_error', message: 'Boom.' },
    });
    expect(frames.at(-1)?.data.response).toMatchObject({
      status: 'failed',
      error: { code: 'server_error', message: 'Boom.' },
      output: [],
    });
    expect(encoder.isComplete).toBe(true);
    expect(encoder.encode({ type: 'response-end', finishReason: 'stop', usage })).toBe('');
  });
});
