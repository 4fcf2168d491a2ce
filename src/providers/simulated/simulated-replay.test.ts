import { describe, expect, it } from 'vitest';
import { ProviderCallError, type CanonicalRequest } from '../../spec/index.js';
import { expectWellFormedStream } from '../test-utils/language-model-contract.js';
import { collectEvents } from '../test-utils/provider-test-helpers.js';
import { createSimulatedProvider } from './simulated-provider.js';
import {
  createReplayPromptKey,
  splitReplayText,
  type SimulatedReplayOutcomes,
} from './simulated-replay.js';

const recorded = new Map<string, SimulatedReplayOutcomes>([
  [
    'What is 2 + 2?',
    {
      'gpt-4': { response: 'The answer is 4.', inputTokens: 11, outputTokens: 6, latencyMs: 200 },
      'small-model': { response: 'It is 5.' },
      'no-answer-model': { inputTokens: 3 },
    },
  ],
  ['First turn\n\nSecond turn', { 'gpt-4': { response: 'Both read.' } }],
]);

function userRequest(...turns: string[]): CanonicalRequest {
  return {
    messages: turns.flatMap((text, index) => [
      ...(index > 0
        ? [{ role: 'assistant' as const, content: [{ type: 'text' as const, text: 'ok' }] }]
        : []),
      { role: 'user' as const, content: [{ type: 'text' as const, text }] },
    ]),
  };
}

function replayModel(modelId: string, replay: Record<string, unknown> = {}) {
  return createSimulatedProvider({
    id: 'replay',
    generateId: () => 'id',
    replay: { lookup: (key) => recorded.get(key), description: 'fixture.jsonl', ...replay },
  }).languageModel(modelId);
}

const textOf = (content: ReadonlyArray<{ type: string; text?: string }>) =>
  content.map((part) => part.text ?? '').join('');

describe('simulated replay', () => {
  it('answers a recorded prompt with the recorded response and usage of the same model', async () => {
    const response = await replayModel('gpt-4').generate(userRequest('What is 2 + 2?'), {});
    expect(textOf(response.content)).toBe('The answer is 4.');
    expect(response.usage).toEqual({ inputTokens: 11, outputTokens: 6 });
    expect(response.finishReason).toBe('stop');
    expect(response.warnings).toEqual([]);
  });

  it('estimates usage when the recording has no token counts', async () => {
    const response = await replayModel('small-model').generate(userRequest('What is 2 + 2?'), {});
    expect(textOf(response.content)).toBe('It is 5.');
    // 'What is 2 + 2?' is 14 characters (4 tokens), 'It is 5.' is 8 (2 tokens).
    expect(response.usage).toEqual({ inputTokens: 4, outputTokens: 2 });
  });

  it('keys multi-turn prompts by their user turns joined with blank lines', async () => {
    const request = {
      messages: [
        { role: 'system' as const, content: 'Be brief.' },
        ...userRequest('First turn', 'Second turn').messages,
      ],
    };
    expect(createReplayPromptKey(request)).toBe('First turn\n\nSecond turn');
    const response = await replayModel('gpt-4').generate(request, {});
    expect(textOf(response.content)).toBe('Both read.');
  });

  it('streams the recorded response in pieces that join back exactly', async () => {
    const { stream } = await replayModel('gpt-4').stream(userRequest('What is 2 + 2?'), {});
    const events = await collectEvents(stream);
    expectWellFormedStream(events);
    const deltas = events.flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []));
    expect(deltas).toEqual(['The', ' answer', ' is', ' 4.']);
    expect(events.at(-1)).toEqual({
      type: 'response-end',
      finishReason: 'stop',
      usage: { inputTokens: 11, outputTokens: 6 },
    });
    expect(splitReplayText('a  b\n\nc ')).toEqual(['a', ' ', ' b', '\n', '\nc ']);
  });

  it('falls back to the simulated answer, with a warning, for an unrecorded prompt', async () => {
    const response = await replayModel('gpt-4').generate(userRequest('Unknown prompt'), {});
    expect(textOf(response.content)).toMatch(/^\[simulated\] /);
    expect(response.warnings).toEqual([
      {
        type: 'other',
        message: 'replay: the prompt is not in fixture.jsonl; answered with simulated text',
      },
    ]);
  });

  it('fails with a clear non-retryable error for unrecorded prompts when onMissing is fail', async () => {
    const model = replayModel('gpt-4', { onMissing: 'fail' });
    const error: unknown = await model.generate(userRequest('Unknown prompt'), {}).catch((e) => e);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(false);
    expect((error as Error).message).toContain('the prompt is not in fixture.jsonl');
  });

  it('names the recorded models when the prompt lacks this model, or has no response for it', async () => {
    const missing = replayModel('other-model', { onMissing: 'fail' });
    await expect(missing.generate(userRequest('What is 2 + 2?'), {})).rejects.toThrow(
      "no outcome of model 'other-model' (it has gpt-4, small-model, no-answer-model)",
    );
    const silent = replayModel('no-answer-model', { onMissing: 'fail' });
    await expect(silent.generate(userRequest('What is 2 + 2?'), {})).rejects.toThrow(
      "no recorded response of model 'no-answer-model'",
    );
  });

  it('waits the recorded latency times the scale, and not at all by default', async () => {
    const request = userRequest('What is 2 + 2?');
    const fast = replayModel('gpt-4');
    let started = performance.now();
    await fast.generate(request, {});
    expect(performance.now() - started).toBeLessThan(90);
    const scaled = replayModel('gpt-4', { latencyScale: 0.5 });
    started = performance.now();
    await scaled.generate(request, {});
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
  });

  it('awaits an asynchronous lookup', async () => {
    const model = createSimulatedProvider({
      replay: { lookup: (key) => Promise.resolve(recorded.get(key)) },
    }).languageModel('gpt-4');
    const response = await model.generate(userRequest('  What is 2 + 2?\n'), {});
    expect(textOf(response.content)).toBe('The answer is 4.');
  });
});
