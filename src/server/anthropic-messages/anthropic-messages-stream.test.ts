import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedPath } from '../../providers/test-utils/shared-path.js';
import type { FinishReason, StreamEvent } from '../../spec/index.js';
import {
  AnthropicMessagesStreamEncoder,
  encodeAnthropicStreamError,
} from './anthropic-messages-stream.js';

type Frame = { event: string; data: any };

/** Splits SSE text into frames, checking that each `event:` name matches its data's `type`. */
function parseSse(text: string): Frame[] {
  return text
    .split('\n\n')
    .filter((chunk) => chunk.trim().length > 0)
    .map((chunk) => {
      const lines = chunk.split('\n');
      const event = lines.find((line) => line.startsWith('event: '))?.slice(7) ?? '';
      const data = JSON.parse(
        lines
          .filter((line) => line.startsWith('data: '))
          .map((line) => line.slice(6))
          .join('\n'),
      );
      return { event, data };
    });
}

function encodeAll(events: StreamEvent[]): string {
  const encoder = new AnthropicMessagesStreamEncoder({ id: 'msg_test', model: 'fallback-model' });
  return events.map((event) => encoder.encode(event)).join('');
}

const usage = { inputTokens: 10, outputTokens: 5 };

describe('AnthropicMessagesStreamEncoder', () => {
  it('encodes a text answer as the exact Anthropic event sequence', () => {
    const text = encodeAll([
      { type: 'response-start', id: 'up-1', modelId: 'claude-sonnet-4-5' },
      { type: 'text-start', id: 't' },
      { type: 'text-delta', id: 't', delta: 'Hello' },
      { type: 'text-delta', id: 't', delta: ' "world"\n' },
      { type: 'text-end', id: 't' },
      { type: 'response-end', finishReason: 'stop', usage },
    ]);
    expect(text).toMatchInlineSnapshot(`
      "event: message_start
      data: {"type":"message_start","message":{"id":"msg_test","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}}}

      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" \\"world\\"\\n"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"input_tokens":10,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":5}}

      event: message_stop
      data: {"type":"message_stop"}

      "
    `);
    for (const frame of parseSse(text)) expect(frame.data.type).toBe(frame.event);
  });

  it('gives parallel tool calls their own blocks and streams arguments as input_json_delta', () => {
    const frames = parseSse(
      encodeAll([
        { type: 'response-start', modelId: 'm' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: 'Checking.' },
        { type: 'text-end', id: 't' },
        { type: 'tool-call-start', id: 'call_a', toolName: 'get_weather' },
        { type: 'tool-call-start', id: 'call_b', toolName: 'get_time' },
        { type: 'tool-call-delta', id: 'call_a', delta: '{"city":' },
        { type: 'tool-call-delta', id: 'call_b', delta: '{}' },
        { type: 'tool-call-delta', id: 'call_a', delta: '"Paris"}' },
        { type: 'tool-call-end', id: 'call_a' },
        { type: 'tool-call-end', id: 'call_b' },
        { type: 'response-end', finishReason: 'tool-calls', usage },
      ]),
    );
    expect(
      frames.map((frame) => [frame.event, frame.data.index, frame.data.delta?.partial_json]),
    ).toEqual([
      ['message_start', undefined, undefined],
      ['content_block_start', 0, undefined],
      ['content_block_delta', 0, undefined],
      ['content_block_stop', 0, undefined],
      ['content_block_start', 1, undefined],
      ['content_block_start', 2, undefined],
      ['content_block_delta', 1, '{"city":'],
      ['content_block_delta', 2, '{}'],
      ['content_block_delta', 1, '"Paris"}'],
      ['content_block_stop', 1, undefined],
      ['content_block_stop', 2, undefined],
      ['message_delta', undefined, undefined],
      ['message_stop', undefined, undefined],
    ]);
    expect(frames[4]?.data.content_block).toEqual({
      type: 'tool_use',
      id: 'call_a',
      name: 'get_weather',
      input: {},
    });
    expect(frames.at(-2)?.data.delta).toEqual({ stop_reason: 'tool_use', stop_sequence: null });
  });

  it('streams thinking with its signature before the block stops, then the answer', () => {
    const frames = parseSse(
      encodeAll([
        { type: 'response-start', modelId: 'm' },
        { type: 'reasoning-start', id: 'r' },
        { type: 'reasoning-delta', id: 'r', delta: 'Let me think.' },
        { type: 'reasoning-end', id: 'r', signature: 'sig==' },
        { type: 'reasoning-start', id: 'x' },
        { type: 'reasoning-end', id: 'x', redactedData: 'opaque' },
        { type: 'text-start', id: 't' },
        { type: 'text-delta', id: 't', delta: '42' },
        { type: 'text-end', id: 't' },
        { type: 'response-end', finishReason: 'stop', usage },
      ]),
    );
    expect(frames.slice(1, 8).map((frame) => frame.data)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'thinking_delta', thinking: 'Let me think.' },
      },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'signature_delta', signature: 'sig==' },
      },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'redacted_thinking', data: 'opaque' },
      },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
    ]);
  });

  it('reports Anthropic usage in message_delta, excluding cached tokens from input_tokens', () => {
    const frames = parseSse(
      encodeAll([
        { type: 'response-start', modelId: 'm' },
        {
          type: 'response-end',
          finishReason: 'length',
          usage: {
            inputTokens: 1000,
            outputTokens: 7,
            cachedInputTokens: 800,
            cacheWriteInputTokens: 150,
          },
        },
      ]),
    );
    expect(frames[0]?.data.message.usage).toEqual({
      input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      output_tokens: 0,
    });
    expect(frames[1]?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'max_tokens', stop_sequence: null },
      usage: {
        input_tokens: 50,
        cache_creation_input_tokens: 150,
        cache_read_input_tokens: 800,
        output_tokens: 7,
      },
    });
  });

  it('starts the message and opens blocks even when a stream skips their start events', () => {
    const frames = parseSse(
      encodeAll([
        { type: 'text-delta', id: 't', delta: 'hi' },
        { type: 'tool-call-delta', id: 'c', delta: '{}' },
        { type: 'response-end', finishReason: 'stop', usage },
      ]),
    );
    expect(frames.map((frame) => frame.event)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(frames[0]?.data.message.model).toBe('fallback-model');
  });

  it('renders mid-stream errors as an error event', () => {
    expect(
      encodeAnthropicStreamError({
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
      }),
    ).toBe(
      'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n',
    );
  });
});

/**
 * Reads a recorded Anthropic stream back into canonical events, so that encoding them again can
 * be compared with the recording. Test-only and deliberately small.
 */
function toCanonicalEvents(recorded: Frame[]): StreamEvent[] {
  const events: StreamEvent[] = [];
  const blocks = new Map<number, { kind: string; id: string; signature?: string }>();
  let usage = { inputTokens: 0, outputTokens: 0, cacheRead: 0, cacheWrite: 0 };
  let finishReason: FinishReason = 'other';
  let rawFinishReason = '';
  const readUsage = (raw: any) => {
    usage = {
      inputTokens: raw.input_tokens ?? usage.inputTokens,
      outputTokens: raw.output_tokens ?? usage.outputTokens,
      cacheRead: raw.cache_read_input_tokens ?? usage.cacheRead,
      cacheWrite: raw.cache_creation_input_tokens ?? usage.cacheWrite,
    };
  };
  for (const { data } of recorded) {
    switch (data.type) {
      case 'message_start':
        events.push({ type: 'response-start', id: data.message.id, modelId: data.message.model });
        readUsage(data.message.usage);
        break;
      case 'content_block_start': {
        const block = data.content_block;
        const id = block.type === 'tool_use' ? block.id : `block-${data.index}`;
        blocks.set(data.index, { kind: block.type, id });
        if (block.type === 'text') events.push({ type: 'text-start', id });
        else if (block.type === 'thinking') events.push({ type: 'reasoning-start', id });
        else if (block.type === 'tool_use')
          events.push({ type: 'tool-call-start', id, toolName: block.name });
        break;
      }
      case 'content_block_delta': {
        const block = blocks.get(data.index);
        if (!block) throw new Error('delta without a block');
        const delta = data.delta;
        if (delta.type === 'text_delta')
          events.push({ type: 'text-delta', id: block.id, delta: delta.text });
        else if (delta.type === 'thinking_delta')
          events.push({ type: 'reasoning-delta', id: block.id, delta: delta.thinking });
        else if (delta.type === 'input_json_delta')
          events.push({ type: 'tool-call-delta', id: block.id, delta: delta.partial_json });
        else if (delta.type === 'signature_delta') block.signature = delta.signature;
        break;
      }
      case 'content_block_stop': {
        const block = blocks.get(data.index);
        if (!block) throw new Error('stop without a block');
        if (block.kind === 'text') events.push({ type: 'text-end', id: block.id });
        else if (block.kind === 'tool_use') events.push({ type: 'tool-call-end', id: block.id });
        else
          events.push({
            type: 'reasoning-end',
            id: block.id,
            ...(block.signature === undefined ? {} : { signature: block.signature }),
          });
        break;
      }
      case 'message_delta':
        rawFinishReason = data.delta.stop_reason;
        finishReason =
          (
            {
              end_turn: 'stop',
              tool_use: 'tool-calls',
              max_tokens: 'length',
              refusal: 'refusal',
            } as const
          )[rawFinishReason as 'end_turn'] ?? 'other';
        readUsage(data.usage);
        break;
      case 'message_stop':
        events.push({
          type: 'response-end',
          finishReason,
          rawFinishReason,
          usage: {
            inputTokens: usage.inputTokens + usage.cacheRead + usage.cacheWrite,
            outputTokens: usage.outputTokens,
            cachedInputTokens: usage.cacheRead,
            cacheWriteInputTokens: usage.cacheWrite,
          },
        });
        break;
      default:
        break;
    }
  }
  return events;
}

function readRecordedStream(path: string): Frame[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.chunks.txt')) {
    return text
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => {
        const data = JSON.parse(line);
        return { event: data.type, data };
      });
  }
  return parseSse(text);
}

describe('AnthropicMessagesStreamEncoder against recorded Anthropic streams', () => {
  it.each([
    ['anthropic/sdk-lib-fixtures/basic_response.txt'],
    ['anthropic/sdk-lib-fixtures/tool_use_response.txt'],
    ['ai-sdk-fixtures/anthropic/anthropic-text.chunks.txt'],
    ['ai-sdk-fixtures/anthropic/anthropic-tool-no-args.chunks.txt'],
    ['ai-sdk-fixtures/anthropic/anthropic-clear-thinking.1.chunks.txt'],
    ['ai-sdk-fixtures/anthropic/anthropic-message-delta-input-tokens.chunks.txt'],
    ['ai-sdk-fixtures/anthropic/anthropic-refusal.chunks.txt'],
  ])('re-encodes %s with the same blocks, deltas and stop reason', (fixture) => {
    const recorded = readRecordedStream(sharedPath('conformance', fixture)).filter(
      (frame) => frame.data.type !== 'ping',
    );
    const encoded = parseSse(encodeAll(toCanonicalEvents(recorded)));
    for (const frame of encoded) expect(frame.data.type).toBe(frame.event);
    expect(encoded.map((frame) => frame.event)).toEqual(recorded.map((frame) => frame.data.type));
    encoded.forEach((frame, index) => {
      const expected = recorded[index]?.data;
      switch (frame.event) {
        case 'message_start':
          expect(Object.keys(frame.data.message).sort()).toEqual([
            'content',
            'id',
            'model',
            'role',
            'stop_reason',
            'stop_sequence',
            'type',
            'usage',
          ]);
          expect(frame.data.message.model).toBe(expected.message.model);
          break;
        case 'message_delta': {
          expect(frame.data.delta.stop_reason).toBe(expected.delta.stop_reason);
          const recordedStart = recorded[0]?.data.message.usage;
          expect(frame.data.usage.output_tokens).toBe(expected.usage.output_tokens);
          expect(frame.data.usage.input_tokens).toBe(
            expected.usage.input_tokens ?? recordedStart.input_tokens,
          );
          break;
        }
        default:
          expect(frame.data).toEqual(expected);
      }
    });
  });
});
