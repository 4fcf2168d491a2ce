import { describe, expect, it } from 'vitest';
import { ProviderCallError, type StreamEvent } from '../../spec/index.js';
import { expectWellFormedStream } from '../test-utils/language-model-contract.js';
import {
  AwsEventStreamDecoder,
  type AwsEventStreamMessage,
} from './amazon-bedrock-event-stream.js';
import { parseAmazonBedrockStream } from './amazon-bedrock-stream-parser.js';
import {
  concatBytes,
  encodeEventFrames,
  encodeExceptionFrame,
  parseChunkLines,
  type RecordedBedrockEvent,
} from './test-utils/amazon-bedrock-recordings.js';
import { summariseStreamEvents } from '../test-utils/provider-test-helpers.js';

const target = { provider: 'bedrock', modelId: 'anthropic.claude-test' };
const url =
  'https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-test/converse-stream';

/** Frames `events` (plus optional raw extra frames) and decodes them back, as the wire would. */
function messagesOf(
  events: RecordedBedrockEvent[],
  extra: Uint8Array[] = [],
): AwsEventStreamMessage[] {
  const decoder = new AwsEventStreamDecoder();
  return decoder.feed(concatBytes([...encodeEventFrames(events), ...extra]));
}

async function* iterate<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

async function run(
  messages: AwsEventStreamMessage[],
  { isJsonMode = false } = {},
): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    for await (const event of parseAmazonBedrockStream({
      messages: iterate(messages),
      modelId: 'anthropic.claude-test',
      responseId: 'req-1',
      isJsonMode,
      target,
      url,
    })) {
      events.push(event);
    }
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

const lines = (...values: unknown[]) =>
  parseChunkLines(values.map((value) => JSON.stringify(value)).join('\n'));

describe('parseAmazonBedrockStream', () => {
  it('starts with the request id and ends once both messageStop and metadata arrived', async () => {
    const { events, error } = await run(
      messagesOf(
        lines(
          { messageStart: { role: 'assistant' } },
          { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
          { contentBlockStop: { contentBlockIndex: 0 } },
          { messageStop: { stopReason: 'end_turn' } },
          {
            metadata: {
              usage: {
                inputTokens: 5,
                outputTokens: 2,
                cacheReadInputTokens: 100,
                cacheWriteInputTokens: 7,
              },
              metrics: { latencyMs: 9 },
            },
          },
        ),
      ),
    );
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'response-start', id: 'req-1', modelId: 'anthropic.claude-test' },
      { type: 'text-start', id: '0-1' },
      { type: 'text-delta', id: '0-1', delta: 'Hi' },
      { type: 'text-end', id: '0-1' },
      {
        type: 'response-end',
        finishReason: 'stop',
        rawFinishReason: 'end_turn',
        usage: {
          inputTokens: 112,
          outputTokens: 2,
          cachedInputTokens: 100,
          cacheWriteInputTokens: 7,
        },
      },
    ]);
  });

  it('ignores events after response-end and unknown event types', async () => {
    const { events } = await run(
      messagesOf(
        lines(
          { somethingNew: { x: 1 } },
          { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } },
          { metadata: { usage: { inputTokens: 1, outputTokens: 1 } } },
          { messageStop: { stopReason: 'max_tokens' } },
          { contentBlockDelta: { contentBlockIndex: 1, delta: { text: 'late' } } },
        ),
      ),
    );
    expectWellFormedStream(events);
    expect(summariseStreamEvents(events).text).toBe('Hi');
    expect(summariseStreamEvents(events).end?.finishReason).toBe('length');
  });

  it('fails a stream that ends before messageStop as retryable, after emitting what it had', async () => {
    const { events, error } = await run(
      messagesOf(
        lines(
          { messageStart: { role: 'assistant' } },
          { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hel' } } },
        ),
      ),
    );
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
    ]);
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
    expect(String(error)).toContain('before messageStop');
  });

  it('ends an open text block when a tool call starts at the same index, and gives an argument-less call {}', async () => {
    const { events } = await run(
      messagesOf(
        lines(
          { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Calling.' } } },
          {
            contentBlockStart: {
              contentBlockIndex: 0,
              start: { toolUse: { toolUseId: 'tu-1', name: 'list' } },
            },
          },
          { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '' } } } },
          { contentBlockStop: { contentBlockIndex: 0 } },
          { messageStop: { stopReason: 'tool_use' } },
        ),
      ),
    );
    expectWellFormedStream(events);
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'response-end',
    ]);
    expect(summariseStreamEvents(events).toolCalls).toEqual({
      'tu-1': { name: 'list', input: '{}' },
    });
  });

  it('drops tool input deltas that have no contentBlockStart (no tool name to attach them to)', async () => {
    const { events } = await run(
      messagesOf(
        lines(
          { contentBlockDelta: { contentBlockIndex: 0, delta: { toolUse: { input: '{"a":1}' } } } },
          { messageStop: { stopReason: 'end_turn' } },
        ),
      ),
    );
    expect(events.map((event) => event.type)).toEqual(['response-start', 'response-end']);
  });

  it('carries redacted reasoning and signatures to reasoning-end', async () => {
    const { events } = await run(
      messagesOf(
        lines(
          {
            contentBlockDelta: {
              contentBlockIndex: 0,
              delta: { reasoningContent: { redactedContent: 'AAEC' } },
            },
          },
          { contentBlockStop: { contentBlockIndex: 0 } },
          {
            contentBlockDelta: {
              contentBlockIndex: 1,
              delta: { reasoningContent: { text: 'hmm' } },
            },
          },
          {
            contentBlockDelta: {
              contentBlockIndex: 1,
              delta: { reasoningContent: { signature: 'sig' } },
            },
          },
          { messageStop: { stopReason: 'end_turn' } },
        ),
      ),
    );
    expectWellFormedStream(events);
    expect(events.filter((event) => event.type === 'reasoning-end')).toEqual([
      { type: 'reasoning-end', id: '0-1', redactedData: 'AAEC' },
      { type: 'reasoning-end', id: '1-2', signature: 'sig' },
    ]);
  });

  it('keeps text that precedes a real tool call in JSON mode but drops the preamble of the JSON answer', async () => {
    const { events } = await run(
      messagesOf(
        lines(
          { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Checking.' } } },
          {
            contentBlockStart: {
              contentBlockIndex: 1,
              start: { toolUse: { toolUseId: 't1', name: 'weather' } },
            },
          },
          { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{}' } } } },
          { contentBlockStop: { contentBlockIndex: 1 } },
          { contentBlockDelta: { contentBlockIndex: 2, delta: { text: 'Here is JSON:' } } },
          {
            contentBlockStart: {
              contentBlockIndex: 3,
              start: { toolUse: { toolUseId: 't2', name: 'json' } },
            },
          },
          { contentBlockDelta: { contentBlockIndex: 3, delta: { toolUse: { input: '{"ok":' } } } },
          { contentBlockDelta: { contentBlockIndex: 3, delta: { toolUse: { input: 'true}' } } } },
          { messageStop: { stopReason: 'tool_use' } },
        ),
      ),
      { isJsonMode: true },
    );
    expectWellFormedStream(events);
    const summary = summariseStreamEvents(events);
    expect(summary.text).toBe('Checking.{"ok":true}');
    expect(Object.keys(summary.toolCalls)).toEqual(['t1']);
    expect(summary.end?.finishReason).toBe('tool-calls');
  });

  it('answers JSON mode with the json tool input alone and a stop finish reason', async () => {
    const { events } = await run(
      messagesOf(
        lines(
          { contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Sure!' } } },
          {
            contentBlockStart: {
              contentBlockIndex: 1,
              start: { toolUse: { toolUseId: 't', name: 'json' } },
            },
          },
          { contentBlockDelta: { contentBlockIndex: 1, delta: { toolUse: { input: '{"a":1}' } } } },
          { contentBlockStop: { contentBlockIndex: 1 } },
          { messageStop: { stopReason: 'tool_use' } },
          { metadata: { usage: { inputTokens: 3, outputTokens: 4 } } },
        ),
      ),
      { isJsonMode: true },
    );
    expectWellFormedStream(events);
    expect(summariseStreamEvents(events)).toMatchObject({
      text: '{"a":1}',
      toolCalls: {},
      end: { finishReason: 'stop' },
    });
  });

  it('turns an unreadable event payload into a retryable invalid-response error', async () => {
    const { error } = await run(
      messagesOf(lines({ contentBlockDelta: { contentBlockIndex: 'zero', delta: {} } })),
    );
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
    expect(String(error)).toContain('contentBlockDelta event');
  });

  it('throws the mid-stream exception after the events before it', async () => {
    const { events, error } = await run(
      messagesOf(lines({ contentBlockDelta: { contentBlockIndex: 0, delta: { text: 'Hi' } } }), [
        encodeExceptionFrame({ exceptionType: 'throttlingException', message: 'Too many tokens.' }),
      ]),
    );
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
    ]);
    expect(ProviderCallError.isInstance(error) && error.code).toBe('rate_limited');
    expect(String(error)).toContain('throttlingException: Too many tokens.');
  });
});
