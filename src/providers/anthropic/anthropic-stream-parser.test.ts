import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../spec/index.js';
import { expectWellFormedStream } from '../test-utils/language-model-contract.js';
import { sharedPath } from '../test-utils/shared-path.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import {
  chunksToServerSentEvents,
  readConformanceText,
} from './test-utils/anthropic-recordings.js';
import { replayAnthropicStream, summariseWireStream } from './test-utils/anthropic-test-helpers.js';
import { summariseStreamEvents } from '../test-utils/provider-test-helpers.js';

type Recording = { readonly name: string; readonly sse: string };

function sdkRecording(folder: string, file: string): Recording {
  return {
    name: `anthropic/${folder}/${file}`,
    sse: readConformanceText('anthropic', folder, file),
  };
}

function aiSdkRecording(file: string): Recording {
  return {
    name: `ai-sdk-fixtures/anthropic/${file}`,
    sse: chunksToServerSentEvents(readConformanceText('ai-sdk-fixtures', 'anthropic', file)),
  };
}

const aiSdkStreamFiles = readdirSync(sharedPath('conformance', 'ai-sdk-fixtures', 'anthropic'))
  .filter((file) => file.endsWith('.chunks.txt'))
  // A different message spliced into an open one is a protocol error, tested on its own below.
  .filter((file) => file !== 'spliced-message-start.chunks.txt')
  .sort();

const recordings: Recording[] = [
  ...['basic_response.txt', 'tool_use_response.txt', 'incomplete_partial_json_response.txt'].map(
    (file) => sdkRecording('sdk-lib-fixtures', file),
  ),
  ...['stream-a-refusal.sse', 'stream-a-toolrefusal.sse', 'stream-b-fallback.sse'].map((file) =>
    sdkRecording('fable-fallback', file),
  ),
  ...aiSdkStreamFiles.map(aiSdkRecording),
];

describe('AnthropicStreamParser replaying recorded streams', () => {
  it('finds the recorded streams of both conformance folders.', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(30);
  });

  for (const recording of recordings) {
    it(`turns ${recording.name} into well-formed canonical events carrying the recorded content.`, async () => {
      const { events, error } = await replayAnthropicStream({ sse: recording.sse });
      expect(error).toBeUndefined();
      expectWellFormedStream(events);
      const canonical = summariseStreamEvents(events);
      const wire = summariseWireStream(recording.sse);
      expect(canonical.text).toBe(wire.text);
      expect(canonical.reasoning).toBe(wire.reasoning);
      expect(canonical.toolCalls).toEqual(wire.toolCalls);
      expect(canonical.end?.finishReason).toBe(
        mapAnthropicFinishReason({ stopReason: wire.stopReason }),
      );
      expect(canonical.end?.rawFinishReason).toBe(wire.stopReason);
      expect(canonical.end?.usage.outputTokens).toBe(wire.usage.output_tokens);
      expect(canonical.end?.usage.inputTokens).toBe(
        (wire.usage.input_tokens ?? 0) +
          (wire.usage.cache_read_input_tokens ?? 0) +
          (wire.usage.cache_creation_input_tokens ?? 0),
      );
    });
  }
});

describe('AnthropicStreamParser on specific recordings', () => {
  it('streams the basic text answer with its id, model and usage.', async () => {
    const { events } = await replayAnthropicStream({
      sse: readConformanceText('anthropic', 'sdk-lib-fixtures', 'basic_response.txt'),
    });
    expect(events).toEqual([
      {
        type: 'response-start',
        id: 'msg_4QpJur2dWWDjF6C758FbBw5vm12BaVipnK',
        modelId: 'claude-opus-4-8',
      },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'Hello' },
      { type: 'text-delta', id: '0', delta: ' there' },
      { type: 'text-delta', id: '0', delta: '!' },
      { type: 'text-end', id: '0' },
      {
        type: 'response-end',
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
        usage: { inputTokens: 11, outputTokens: 6 },
      },
    ]);
  });

  it('streams a tool call whose deltas are the recorded partial JSON, in order.', async () => {
    const { events } = await replayAnthropicStream({
      sse: readConformanceText('anthropic', 'sdk-lib-fixtures', 'tool_use_response.txt'),
    });
    const toolEvents = events.filter((event) => event.type.startsWith('tool-call'));
    expect(toolEvents).toEqual([
      { type: 'tool-call-start', id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', toolName: 'get_weather' },
      { type: 'tool-call-delta', id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', delta: '{"locati' },
      { type: 'tool-call-delta', id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', delta: 'on": "P' },
      { type: 'tool-call-delta', id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', delta: 'ar' },
      { type: 'tool-call-delta', id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', delta: 'is"}' },
      { type: 'tool-call-end', id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn' },
    ]);
    expect(events.at(-1)).toMatchObject({ finishReason: 'tool-calls' });
    expect(events.at(-1)).toMatchObject({
      usage: { inputTokens: 377, outputTokens: 65, cachedInputTokens: 0, cacheWriteInputTokens: 0 },
    });
  });

  it('closes a tool call cut off by max_tokens and reports the length finish reason.', async () => {
    const { events, error } = await replayAnthropicStream({
      sse: readConformanceText(
        'anthropic',
        'sdk-lib-fixtures',
        'incomplete_partial_json_response.txt',
      ),
    });
    expect(error).toBeUndefined();
    expectWellFormedStream(events);
    const summary = summariseStreamEvents(events);
    const call = summary.toolCalls.toolu_01EKqbqmZrGRXy18eN7m9kvY;
    expect(call?.name).toBe('make_file');
    expect(call?.input.startsWith('{"filename": "taxes.txt", "lines_of_text": [')).toBe(true);
    expect(call?.input.endsWith('\n"Filing taxes')).toBe(true);
    expect(summary.end?.finishReason).toBe('length');
  });

  it('sends a tool call without arguments as an empty JSON object.', async () => {
    const { events } = await replayAnthropicStream({
      sse: aiSdkRecording('anthropic-tool-no-args.chunks.txt').sse,
    });
    expect(summariseStreamEvents(events).toolCalls).toEqual({
      toolu_01QE1WLsSVp5hy5Q3GmGTmjP: { name: 'updateIssueList', input: '{}' },
    });
  });

  it('takes input tokens from message_delta when it reports them.', async () => {
    const { events } = await replayAnthropicStream({
      sse: aiSdkRecording('anthropic-message-delta-input-tokens.chunks.txt').sse,
    });
    expect(summariseStreamEvents(events).end?.usage).toEqual({ inputTokens: 61, outputTokens: 2 });
  });

  it('maps a refusal without content blocks to the refusal finish reason.', async () => {
    const { events } = await replayAnthropicStream({
      sse: aiSdkRecording('anthropic-refusal.chunks.txt').sse,
    });
    expect(events.map((event) => event.type)).toEqual(['response-start', 'response-end']);
    expect(events.at(-1)).toMatchObject({ finishReason: 'refusal', rawFinishReason: 'refusal' });
  });

  it('keeps thinking with its streamed signature and reports thinking tokens.', async () => {
    const { events } = await replayAnthropicStream({
      sse: readConformanceText('anthropic', 'fable-fallback', 'stream-a-refusal.sse'),
    });
    const summary = summariseStreamEvents(events);
    expect(summary.reasoning.startsWith('Simple educational question')).toBe(true);
    expect(summary.signatures).toEqual([
      'c3ludGhldGljLXNpZ25hdHVyZS1maXh0dXJlLWEtbm90LWEtcmVhbC1zaWduYXR1cmU=',
    ]);
    expect(summary.text).toBe('Hi');
    expect(summary.end?.usage.reasoningTokens).toBe(67);
    expect(summary.end?.finishReason).toBe('refusal');
  });

  it('skips server-tool blocks and citations but keeps the answer text.', async () => {
    const { events } = await replayAnthropicStream({
      sse: aiSdkRecording('anthropic-web-search-tool.1.chunks.txt').sse,
    });
    expect(events.some((event) => event.type === 'tool-call-start')).toBe(false);
    expect(summariseStreamEvents(events).text.length).toBeGreaterThan(100);
  });

  it('ignores a repeated message_start for the message that is already open.', async () => {
    const { events, error } = await replayAnthropicStream({
      sse: aiSdkRecording('duplicate-message-start.chunks.txt').sse,
    });
    expect(error).toBeUndefined();
    expect(events.filter((event) => event.type === 'response-start')).toHaveLength(1);
    expect(summariseStreamEvents(events).text).toBe('Hello, World!');
  });

  it('fails with a retryable error when a different message starts inside an open one.', async () => {
    const { events, error } = await replayAnthropicStream({
      sse: aiSdkRecording('spliced-message-start.chunks.txt').sse,
    });
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
    expect(String(error)).toContain("message 'msg_second' started while message 'msg_first'");
    expect(events.filter((event) => event.type === 'response-start')).toEqual([
      { type: 'response-start', id: 'msg_first', modelId: 'claude-3-haiku-20240307' },
    ]);
    expect(events.some((event) => event.type === 'response-end')).toBe(false);
  });
});

describe('AnthropicStreamParser in JSON mode', () => {
  it('turns the streamed json tool input into text deltas and a stop finish reason.', async () => {
    const { events } = await replayAnthropicStream({
      sse: aiSdkRecording('anthropic-json-tool.1.chunks.txt').sse,
      isJsonMode: true,
    });
    expectWellFormedStream(events);
    expect(events.filter((event) => event.type.startsWith('tool-call'))).toEqual([]);
    const summary = summariseStreamEvents(events);
    expect(JSON.parse(summary.text)).toEqual({
      elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }],
    });
    expect(summary.end).toMatchObject({ finishReason: 'stop', rawFinishReason: 'tool_use' });
  });

  it('drops the preamble text the model wrote before calling the json tool.', async () => {
    const { events } = await replayAnthropicStream({
      sse: aiSdkRecording('anthropic-json-tool.2.chunks.txt').sse,
      isJsonMode: true,
    });
    expectWellFormedStream(events);
    const summary = summariseStreamEvents(events);
    expect(summary.text).toBe(
      '{"elements": [{"location": "San Francisco", "temperature": 58, "condition": "sunny"}]}',
    );
    expect(events.filter((event) => event.type === 'text-start')).toEqual([
      { type: 'text-start', id: '1' },
    ]);
  });

  it('keeps a native JSON text answer and a call to another tool as they are.', async () => {
    const text = await replayAnthropicStream({
      sse: aiSdkRecording('anthropic-json-output-format.1.chunks.txt').sse,
      isJsonMode: true,
    });
    expect(typeof JSON.parse(summariseStreamEvents(text.events).text)).toBe('object');
    const otherTool = await replayAnthropicStream({
      sse: aiSdkRecording('anthropic-json-other-tool.1.chunks.txt').sse,
      isJsonMode: true,
    });
    expect(summariseStreamEvents(otherTool.events)).toMatchObject({
      toolCalls: { toolu_019Zvehfe1XQWweT1pm7okyt: { name: 'weather' } },
      end: { finishReason: 'tool-calls' },
    });
  });

  it('releases held-back text when the model answers without the json tool.', async () => {
    const { events } = await replayAnthropicStream({
      sse: readConformanceText('anthropic', 'sdk-lib-fixtures', 'basic_response.txt'),
      isJsonMode: true,
    });
    expectWellFormedStream(events);
    expect(summariseStreamEvents(events).text).toBe('Hello there!');
  });
});

describe('AnthropicStreamParser on failures', () => {
  const start =
    'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1","model":"claude-test","usage":{"input_tokens":5,"output_tokens":1}}}\n\n' +
    'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}}\n\n';

  it('maps a mid-stream overloaded_error event to a retryable 529 upstream_unavailable error.', async () => {
    const { events, error } = await replayAnthropicStream({
      sse: `${start}event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n`,
    });
    expect(summariseStreamEvents(events).text).toBe('Hi');
    expect(ProviderCallError.isInstance(error)).toBe(true);
    if (!ProviderCallError.isInstance(error)) return;
    expect(error.code).toBe('upstream_unavailable');
    expect(error.upstreamStatusCode).toBe(529);
    expect(error.upstreamType).toBe('overloaded_error');
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('overloaded_error: Overloaded');
  });

  it.each([
    { errorType: 'api_error', status: 500, code: 'upstream_error', isRetryable: true },
    { errorType: 'rate_limit_error', status: 429, code: 'rate_limited', isRetryable: true },
    {
      errorType: 'invalid_request_error',
      status: 400,
      code: 'upstream_rejected',
      isRetryable: false,
    },
    { errorType: 'some_future_error', status: 500, code: 'upstream_error', isRetryable: true },
  ])(
    'maps a mid-stream $errorType event to status $status ($code, retryable: $isRetryable).',
    async ({ errorType, status, code, isRetryable }) => {
      const { error } = await replayAnthropicStream({
        sse: `${start}event: error\ndata: {"type":"error","error":{"type":"${errorType}","message":"x"}}\n\n`,
      });
      expect(ProviderCallError.isInstance(error) && error.upstreamStatusCode).toBe(status);
      expect(ProviderCallError.isInstance(error) && error.code).toBe(code);
      expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(isRetryable);
    },
  );

  it('delivers the events that arrived in the same network chunk as an error event.', async () => {
    const { events, error } = await replayAnthropicStream({
      sse: `${start}event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n`,
      pieceBytes: 65_536,
    });
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
    ]);
    expect(ProviderCallError.isInstance(error)).toBe(true);
  });

  it('reports a stream that ends without message_stop as a retryable cut.', async () => {
    const { events, error } = await replayAnthropicStream({ sse: start });
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
    ]);
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
    expect(String(error)).toContain('before message_stop');
  });

  it('reports an event that is not JSON as a retryable unreadable response.', async () => {
    const { error } = await replayAnthropicStream({ sse: 'event: message_start\ndata: {oops\n\n' });
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
    expect(String(error)).toContain('could not read');
  });
});
