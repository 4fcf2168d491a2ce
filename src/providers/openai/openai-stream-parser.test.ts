import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '../../spec/index.js';
import { expectWellFormedStream } from '../test-utils/language-model-contract.js';
import { sharedPath } from '../test-utils/shared-path.js';
import { openaiChatChunkSchema } from './openai-api.js';
import { OpenAIStreamParser } from './openai-stream-parser.js';
import { createOpenAIProvider } from './openai-provider.js';
import {
  framedAsServerSentEvents,
  joinDeltas,
  mockId,
  replayFetch,
} from './test-utils/openai-test-helpers.js';
import { collectEvents } from '../test-utils/provider-test-helpers.js';

/** Runs chunk objects through a parser and returns every event. */
function parse(chunks: ReadonlyArray<unknown>): StreamEvent[] {
  const parser = new OpenAIStreamParser({
    modelId: 'requested-model',
    generateId: mockId('call'),
    createError: (message) => new Error(message),
  });
  const events: StreamEvent[] = [];
  for (const chunk of chunks) {
    parser.processChunk(openaiChatChunkSchema.parse(chunk));
    events.push(...parser.events);
    parser.events.length = 0;
  }
  parser.end();
  events.push(...parser.events);
  return events;
}

const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
  id: 'chatcmpl-1',
  model: 'm',
  choices: [{ index: 0, delta, finish_reason: finishReason }],
});

function fixtureLines(...segments: string[]): string[] {
  return readFileSync(sharedPath('conformance', 'ai-sdk-fixtures', ...segments), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0);
}

async function replayChunkLines(lines: string[]): Promise<StreamEvent[]> {
  const body = framedAsServerSentEvents(lines);
  const { stream } = await createOpenAIProvider({
    apiKey: 'sk-test',
    fetch: replayFetch({ body }),
    generateId: mockId('call'),
  })
    .languageModel('requested-model')
    .stream({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {});
  const events = await collectEvents(stream);
  expectWellFormedStream(events);
  return events;
}

describe('OpenAIStreamParser', () => {
  it('closes text before a tool call starts and keys tool calls by index', () => {
    const events = parse([
      chunk({ role: 'assistant', content: 'Let me look.' }),
      chunk({
        tool_calls: [
          { index: 0, id: 'call_a', type: 'function', function: { name: 'a', arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] }),
      chunk({
        tool_calls: [
          { index: 1, id: 'call_b', type: 'function', function: { name: 'b', arguments: '{}' } },
        ],
      }),
      chunk({}, 'tool_calls'),
    ]);
    expectWellFormedStream(events);
    expect(events.map((event) => event.type)).toMatchInlineSnapshot(`
      [
        "response-start",
        "text-start",
        "text-delta",
        "text-end",
        "tool-call-start",
        "tool-call-delta",
        "tool-call-delta",
        "tool-call-end",
        "tool-call-start",
        "tool-call-delta",
        "tool-call-end",
        "response-end",
      ]
    `);
    expect(events.filter((event) => event.type === 'tool-call-delta')).toMatchInlineSnapshot(`
      [
        {
          "delta": "{"x":",
          "id": "call_a",
          "type": "tool-call-delta",
        },
        {
          "delta": "1}",
          "id": "call_a",
          "type": "tool-call-delta",
        },
        {
          "delta": "{}",
          "id": "call_b",
          "type": "tool-call-delta",
        },
      ]
    `);
  });

  it('accepts a whole parallel call set in one chunk', () => {
    const events = parse([
      chunk(
        {
          tool_calls: [
            { index: 0, id: 'call_a', function: { name: 'a', arguments: '{"q":1}' } },
            { index: 1, id: 'call_b', function: { name: 'b', arguments: '{"q":2}' } },
          ],
        },
        'tool_calls',
      ),
    ]);
    expectWellFormedStream(events);
    const starts = events.filter((event) => event.type === 'tool-call-start');
    expect(starts).toEqual([
      { type: 'tool-call-start', id: 'call_a', toolName: 'a' },
      { type: 'tool-call-start', id: 'call_b', toolName: 'b' },
    ]);
    expect(events.at(-1)).toMatchObject({ finishReason: 'tool-calls' });
  });

  it('holds back arguments that arrive before the function name', () => {
    const events = parse([
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a"' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { name: 'late', arguments: ':1}' } }] }),
      chunk({}, 'stop'),
    ]);
    expectWellFormedStream(events);
    expect(events.filter((event) => event.type.startsWith('tool-call'))).toEqual([
      { type: 'tool-call-start', id: 'call-0', toolName: 'late' },
      { type: 'tool-call-delta', id: 'call-0', delta: '{"a":1}' },
      { type: 'tool-call-end', id: 'call-0' },
    ]);
    // OpenAI answers `stop` when tool_choice names a function; tool calls still mean tool-calls.
    expect(events.at(-1)).toMatchObject({ finishReason: 'tool-calls', rawFinishReason: 'stop' });
  });

  it('reads reasoning from reasoning_content or reasoning, once, before the answer', () => {
    const events = parse([
      chunk({ reasoning_content: 'Think', reasoning: 'Think' }),
      chunk({ reasoning: ' more.' }),
      chunk({ content: 'Answer.' }),
      chunk({}, 'stop'),
    ]);
    expectWellFormedStream(events);
    expect(joinDeltas(events, 'reasoning-delta')).toBe('Think more.');
    expect(events.map((event) => event.type)).toMatchInlineSnapshot(`
      [
        "response-start",
        "reasoning-start",
        "reasoning-delta",
        "reasoning-delta",
        "reasoning-end",
        "text-start",
        "text-delta",
        "text-end",
        "response-end",
      ]
    `);
  });

  it('waits for the usage chunk after the finish reason', () => {
    const events = parse([
      chunk({ content: 'Hi' }),
      chunk({}, 'length'),
      {
        id: 'chatcmpl-1',
        model: 'm',
        choices: [],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 3,
          prompt_tokens_details: { cached_tokens: 4 },
          completion_tokens_details: { reasoning_tokens: 1 },
        },
      },
    ]);
    expect(events.at(-1)).toEqual({
      type: 'response-end',
      finishReason: 'length',
      rawFinishReason: 'length',
      usage: { inputTokens: 10, outputTokens: 3, cachedInputTokens: 4, reasoningTokens: 1 },
    });
  });

  it('throws when a stream ends without a finish reason', () => {
    expect(() => parse([chunk({ content: 'Hi' })])).toThrow('ended before the model finished');
  });

  it('throws when a tool call never gets a name', () => {
    expect(() =>
      parse([
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{}' } }] }),
        chunk({}, 'tool_calls'),
      ]),
    ).toThrow('without a function name');
  });

  it('ignores choices other than the first', () => {
    const events = parse([
      {
        id: 'c',
        model: 'm',
        choices: [{ index: 1, delta: { content: 'other' }, finish_reason: null }],
      },
      chunk({ content: 'first' }, 'stop'),
    ]);
    expect(joinDeltas(events, 'text-delta')).toBe('first');
  });
});

describe('OpenAILanguageModel stream replays of other recorded servers', () => {
  it('replays the 303-chunk OpenAI text stream with usage details', async () => {
    const lines = fixtureLines('openai', 'chat', 'openai-text.chunks.txt');
    const events = await replayChunkLines(lines);
    const recorded = lines.map((line) => JSON.parse(line).choices[0]?.delta.content ?? '').join('');
    expect(joinDeltas(events, 'text-delta')).toBe(recorded);
    expect(events.at(-1)).toMatchInlineSnapshot(`
      {
        "finishReason": "stop",
        "rawFinishReason": "stop",
        "type": "response-end",
        "usage": {
          "cachedInputTokens": 0,
          "inputTokens": 16,
          "outputTokens": 300,
          "reasoningTokens": 0,
        },
      }
    `);
  });

  it('skips the Azure model-router preamble and reads reasoning tokens', async () => {
    const events = await replayChunkLines(
      fixtureLines('openai', 'chat', 'azure-model-router.1.chunks.txt'),
    );
    expect(events[0]).toEqual({
      type: 'response-start',
      id: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt',
      modelId: 'gpt-5-nano-2025-08-07',
    });
    expect(joinDeltas(events, 'text-delta')).toBe('Capital of Denmark.');
    expect(events.at(-1)).toMatchInlineSnapshot(`
      {
        "finishReason": "stop",
        "rawFinishReason": "stop",
        "type": "response-end",
        "usage": {
          "cachedInputTokens": 0,
          "inputTokens": 15,
          "outputTokens": 78,
          "reasoningTokens": 64,
        },
      }
    `);
  });

  it('turns DeepSeek reasoning_content deltas into a reasoning block before the text', async () => {
    const lines = fixtureLines('azure', 'azure-deepseek-reasoning.1.chunks.txt');
    const events = await replayChunkLines(lines);
    const types = events.map((event) => event.type).filter((type) => !type.endsWith('-delta'));
    expect(types).toEqual([
      'response-start',
      'reasoning-start',
      'reasoning-end',
      'text-start',
      'text-end',
      'response-end',
    ]);
    const reasoning = lines
      .map((line) => JSON.parse(line).choices[0]?.delta.reasoning_content ?? '')
      .join('');
    expect(joinDeltas(events, 'reasoning-delta')).toBe(reasoning);
    expect(events.at(-1)).toMatchObject({ usage: { inputTokens: 19, outputTokens: 1720 } });
  });

  it('reads an incremental tool call whose later chunks repeat an empty name', async () => {
    const events = await replayChunkLines(
      fixtureLines('mistral', 'mistral-incremental-tool-call.chunks.txt'),
    );
    expect(events.filter((event) => event.type.startsWith('tool-call'))).toMatchInlineSnapshot(`
      [
        {
          "id": "chatcmpl-tool-9f149c74c42f265b",
          "toolName": "webSearchTool",
          "type": "tool-call-start",
        },
        {
          "delta": "{"query": "current Berlin weather"}",
          "id": "chatcmpl-tool-9f149c74c42f265b",
          "type": "tool-call-delta",
        },
        {
          "id": "chatcmpl-tool-9f149c74c42f265b",
          "type": "tool-call-end",
        },
      ]
    `);
    expect(events.at(-1)).toMatchInlineSnapshot(`
      {
        "finishReason": "tool-calls",
        "rawFinishReason": "tool_calls",
        "type": "response-end",
        "usage": {
          "cachedInputTokens": 128,
          "inputTokens": 171,
          "outputTokens": 14,
        },
      }
    `);
  });

  it('reads a tool call sent whole without an index', async () => {
    const events = await replayChunkLines(fixtureLines('mistral', 'mistral-tool-call.chunks.txt'));
    expect(events.filter((event) => event.type.startsWith('tool-call'))).toMatchInlineSnapshot(`
      [
        {
          "id": "gSIMJiOkT",
          "toolName": "weather",
          "type": "tool-call-start",
        },
        {
          "delta": "{"location": "San Francisco"}",
          "id": "gSIMJiOkT",
          "type": "tool-call-delta",
        },
        {
          "id": "gSIMJiOkT",
          "type": "tool-call-end",
        },
      ]
    `);
  });
});
