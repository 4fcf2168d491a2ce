import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../spec/index.js';
import { expectWellFormedStream } from '../test-utils/language-model-contract.js';
import { readGoogleChunks } from './test-utils/google-recordings.js';
import {
  replayGoogleStream,
  summariseStreamEvents,
  summariseWireChunks,
} from './test-utils/google-test-helpers.js';

/** Every recorded `streamGenerateContent` fixture (the `interactions/` API is another protocol). */
const STREAM_FIXTURES = [
  'google-text.chunks.txt',
  'google-reasoning.chunks.txt',
  'google-reasoning-gemini3.chunks.txt',
  'google-tool-call.chunks.txt',
  'google-tool-call-gemini3.chunks.txt',
  'google-stream-no-args-tool-call.chunks.txt',
  'google-stream-tool-call-arguments.chunks.txt',
  'google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt',
  'google-vertex-stream-tool-call-arguments-nested.1.chunks.txt',
];

async function replayFixture(name: string) {
  const chunks = readGoogleChunks(name);
  const { events, error } = await replayGoogleStream({ chunks });
  expect(error).toBeUndefined();
  expectWellFormedStream(events);
  return { events, summary: summariseStreamEvents(events), wire: summariseWireChunks(chunks) };
}

describe('GoogleStreamParser on the recorded streams', () => {
  for (const name of STREAM_FIXTURES) {
    it(`replays ${name} into a well-formed stream that carries all its text, thoughts, signatures and usage.`, async () => {
      const { summary, wire } = await replayFixture(name);
      expect(summary.text).toBe(wire.text);
      expect(summary.reasoning).toBe(wire.reasoning);
      expect(summary.signatures).toEqual(wire.signatures);
      expect(summary.end?.rawFinishReason).toBe(wire.finishReason);
      expect(summary.end?.usage).toEqual({
        inputTokens: wire.usage.promptTokenCount ?? 0,
        outputTokens: (wire.usage.candidatesTokenCount ?? 0) + (wire.usage.thoughtsTokenCount ?? 0),
        ...(wire.usage.thoughtsTokenCount === undefined
          ? {}
          : { reasoningTokens: wire.usage.thoughtsTokenCount }),
      });
      for (const call of summary.toolCalls) expect(typeof JSON.parse(call.input)).toBe('object');
      expect(summary.end?.finishReason).toBe(summary.toolCalls.length > 0 ? 'tool-calls' : 'stop');
    });
  }

  it('replays a text answer as one text block followed by the signature that came last.', async () => {
    const { events } = await replayFixture('google-text.chunks.txt');
    expect(events).toEqual([
      { type: 'response-start', id: 'bH6LaZW8Fp_3nsEPqtaSwQ4', modelId: 'gemini-3-pro-preview' },
      { type: 'text-start', id: '0' },
      { type: 'text-delta', id: '0', delta: 'There are **3**' },
      { type: 'text-delta', id: '0', delta: ' "r"s in strawberry.\n\nst**r**awbe**rr**y' },
      { type: 'text-end', id: '0' },
      { type: 'reasoning-start', id: '1' },
      { type: 'reasoning-end', id: '1', signature: expect.stringMatching(/^gemini:EqsFCqgF/) },
      {
        type: 'response-end',
        finishReason: 'stop',
        rawFinishReason: 'STOP',
        usage: { inputTokens: 9, outputTokens: 208, reasoningTokens: 185 },
      },
    ]);
  });

  it('replays a whole function call as start, one JSON delta and end, then its signature.', async () => {
    const { events } = await replayFixture('google-tool-call.chunks.txt');
    expect(events.slice(1, 6)).toEqual([
      { type: 'tool-call-start', id: 'call_1', toolName: 'weather' },
      { type: 'tool-call-delta', id: 'call_1', delta: '{"location":"San Francisco"}' },
      { type: 'tool-call-end', id: 'call_1' },
      { type: 'reasoning-start', id: '0' },
      { type: 'reasoning-end', id: '0', signature: expect.stringMatching(/^gemini:EqUCCqIC/) },
    ]);
    expect(events.at(-1)).toMatchObject({ finishReason: 'tool-calls', rawFinishReason: 'STOP' });
  });

  it('replays thought parts as reasoning and a call without args as an empty object.', async () => {
    const { summary, events } = await replayFixture('google-stream-no-args-tool-call.chunks.txt');
    expect(events[1]).toEqual({ type: 'reasoning-start', id: '0' });
    expect(summary.reasoning).toContain('**Processing User Requests**');
    expect(summary.toolCalls).toEqual([
      { id: 'call_1', name: 'read_theme', input: '{}' },
      { id: 'call_2', name: 'read_screen', input: '{"id":"A"}' },
      { id: 'call_3', name: 'read_screen', input: '{"id":"B"}' },
      { id: 'call_4', name: 'read_screen', input: '{"id":"C"}' },
    ]);
  });

  it('assembles arguments streamed in pieces (partialArgs, willContinue) per call.', async () => {
    const { summary } = await replayFixture('google-stream-tool-call-arguments.chunks.txt');
    expect(summary.toolCalls).toEqual([
      { id: 'call_1', name: 'getWeather', input: '{"location":"Boston"}' },
      { id: 'call_2', name: 'getWeather', input: '{"location":"San Francisco"}' },
    ]);
  });

  it('ends a streamed call at the piece without willContinue when no empty terminal call follows.', async () => {
    const { summary } = await replayFixture(
      'google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt',
    );
    expect(summary.toolCalls).toHaveLength(1);
    expect(JSON.parse(summary.toolCalls[0]?.input ?? '')).toEqual({
      operations: [
        { action: 'add', description: 'Fresh red apple', itemid: 'apple_001', price: 0.5 },
        { action: 'add', description: 'Ripe yellow banana', itemid: 'banana_001', price: 0.3 },
      ],
    });
  });

  it('assembles nested objects and arrays streamed over 75 chunks.', async () => {
    const { summary } = await replayFixture(
      'google-vertex-stream-tool-call-arguments-nested.1.chunks.txt',
    );
    expect(summary.toolCalls.map((call) => call.name)).toEqual(['cookRecipe']);
    const args = JSON.parse(summary.toolCalls[0]?.input ?? '');
    expect(args.recipe.name).toBe('Lasagna');
    expect(args.recipe.ingredients).toHaveLength(10);
    expect(args.recipe.ingredients[0]).toEqual({ amount: '16 oz', name: 'Lasagna noodles' });
    expect(args.recipe.ingredients[7]).toEqual({ amount: '2 cloves', name: 'Garlic' });
    expect(args.recipe.steps).toHaveLength(10);
    expect(args.recipe.steps[1]).toBe(
      'Cook lasagna noodles according to package directions, drain and set aside.',
    );
    expect(args.recipe.steps[4]).toBe('In a 9x13 baking dish, spread a thin layer of meat sauce.');
  });
});

const chunk = (value: Record<string, unknown>) => JSON.stringify(value);

describe('GoogleStreamParser edge cases', () => {
  it('reports a stream that ends without a finish reason as a retryable upstream error.', async () => {
    const chunks = readGoogleChunks('google-text.chunks.txt').slice(0, 2);
    const { events, error } = await replayGoogleStream({ chunks });
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-delta',
    ]);
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
    expect(String(error)).toContain('before a finish reason');
  });

  it('maps an error chunk in the middle of the stream to a ProviderCallError with its status and wait.', async () => {
    const { error } = await replayGoogleStream({
      chunks: [
        readGoogleChunks('google-text.chunks.txt')[0] ?? '',
        chunk({
          error: {
            code: 429,
            message: 'Resource has been exhausted (e.g. check quota).',
            status: 'RESOURCE_EXHAUSTED',
            details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '13s' }],
          },
        }),
      ],
    });
    expect(ProviderCallError.isInstance(error)).toBe(true);
    if (!ProviderCallError.isInstance(error)) return;
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(13_000);
    expect(error.upstreamType).toBe('RESOURCE_EXHAUSTED');
  });

  it('turns a chunk that is not Gemini’s into a retryable unreadable-response error.', async () => {
    const { error } = await replayGoogleStream({
      chunks: ['{"choices":[{"delta":{"content":"Hi"}}]}'],
    });
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
    expect(String(error)).toContain('could not read');
  });

  it('ends a blocked prompt with content-filter and no content.', async () => {
    const { events, error } = await replayGoogleStream({
      chunks: [
        chunk({
          promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
          usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 },
          modelVersion: 'gemini-2.5-flash',
          responseId: 'blocked-1',
        }),
      ],
    });
    expect(error).toBeUndefined();
    expect(events).toEqual([
      { type: 'response-start', id: 'blocked-1', modelId: 'gemini-2.5-flash' },
      {
        type: 'response-end',
        finishReason: 'content-filter',
        rawFinishReason: 'PROHIBITED_CONTENT',
        usage: { inputTokens: 9, outputTokens: 0 },
      },
    ]);
  });

  it('keeps thought summaries in one reasoning block that ends with their signature.', async () => {
    const { events } = await replayGoogleStream({
      chunks: [
        chunk({
          candidates: [
            { content: { role: 'model', parts: [{ text: 'Thinking', thought: true }] } },
          ],
        }),
        chunk({
          candidates: [
            {
              content: {
                role: 'model',
                parts: [{ text: ' harder.', thought: true, thoughtSignature: 'c2ln' }],
              },
            },
          ],
        }),
        chunk({
          candidates: [
            {
              content: { role: 'model', parts: [{ text: 'Answer.' }] },
              finishReason: 'MAX_TOKENS',
            },
          ],
        }),
      ],
    });
    expectWellFormedStream(events);
    expect(events.slice(1, -1)).toEqual([
      { type: 'reasoning-start', id: '0' },
      { type: 'reasoning-delta', id: '0', delta: 'Thinking' },
      { type: 'reasoning-delta', id: '0', delta: ' harder.' },
      { type: 'reasoning-end', id: '0', signature: 'gemini:c2ln' },
      { type: 'text-start', id: '1' },
      { type: 'text-delta', id: '1', delta: 'Answer.' },
      { type: 'text-end', id: '1' },
    ]);
    expect(events.at(-1)).toMatchObject({ finishReason: 'length', rawFinishReason: 'MAX_TOKENS' });
  });

  it('uses the id Gemini gives a function call, and reads usage from the last chunk that has it.', async () => {
    const { events } = await replayGoogleStream({
      chunks: [
        chunk({
          candidates: [
            {
              content: {
                parts: [{ functionCall: { id: 'fc-7', name: 'lookup', args: { q: 'x' } } }],
              },
            },
          ],
          usageMetadata: { promptTokenCount: 5 },
        }),
        chunk({
          candidates: [{ content: { parts: [{ text: '' }] }, finishReason: 'STOP' }],
          usageMetadata: {
            promptTokenCount: 5,
            candidatesTokenCount: 3,
            cachedContentTokenCount: 2,
            toolUsePromptTokenCount: 4,
          },
        }),
      ],
    });
    expect(events[1]).toEqual({ type: 'tool-call-start', id: 'fc-7', toolName: 'lookup' });
    expect(events.at(-1)).toEqual({
      type: 'response-end',
      finishReason: 'tool-calls',
      rawFinishReason: 'STOP',
      usage: { inputTokens: 9, outputTokens: 3, cachedInputTokens: 2 },
    });
  });

  it('reads chunks framed with LF instead of CRLF just as well.', async () => {
    const chunks = readGoogleChunks('google-text.chunks.txt');
    const { events, error } = await replayGoogleStream({
      chunks,
      sse: chunks.map((line) => `data: ${line}\n\n`).join(''),
    });
    expect(error).toBeUndefined();
    expect(summariseStreamEvents(events).text).toBe(summariseWireChunks(chunks).text);
  });
});
