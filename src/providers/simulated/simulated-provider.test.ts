import { describe, expect, it } from 'vitest';
import { ProviderCallError, type CanonicalRequest } from '../../spec/index.js';
import { expectWellFormedStream } from '../test-utils/language-model-contract.js';
import { createSimulatedProvider } from './simulated-provider.js';
import { collectEvents } from '../test-utils/provider-test-helpers.js';

const hello: CanonicalRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }],
};

describe('createSimulatedProvider', () => {
  const model = createSimulatedProvider({ generateId: () => 'id' }).languageModel('sim');

  it('answers the same prompt with the same marked text', async () => {
    const first = await model.generate(hello, {});
    const second = await model.generate(hello, {});
    expect(first.content).toEqual(second.content);
    expect(first.content[0]?.type === 'text' && first.content[0].text).toMatch(/^\[simulated\] /);
    expect(first.finishReason).toBe('stop');
    expect(first.usage).toEqual({ inputTokens: 2, outputTokens: 24 });
  });

  it('stops at the output-token limit with the length finish reason', async () => {
    const response = await model.generate({ ...hello, maxOutputTokens: 5 }, {});
    expect(response.finishReason).toBe('length');
    expect(response.usage.outputTokens).toBe(5);
  });

  it('streams the same text as it generates, in a well-formed stream', async () => {
    const { stream } = await model.stream(hello, {});
    const events = await collectEvents(stream);
    expectWellFormedStream(events);
    const text = events
      .flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []))
      .join('');
    const generated = await model.generate(hello, {});
    expect(generated.content[0]?.type === 'text' && generated.content[0].text).toBe(text);
  });

  it('calls the first tool with arguments that satisfy its schema', async () => {
    const response = await model.generate(
      {
        ...hello,
        tools: [
          {
            name: 'get_weather',
            inputSchema: {
              type: 'object',
              properties: { city: { type: 'string' }, days: { type: 'integer' } },
              required: ['city', 'days'],
            },
          },
        ],
      },
      {},
    );
    expect(response.finishReason).toBe('tool-calls');
    const call = response.content[0];
    expect(call?.type === 'tool-call' && JSON.parse(call.input)).toEqual({
      city: 'simulated',
      days: 0,
    });
  });

  it('answers in text after a tool result', async () => {
    const response = await model.generate(
      {
        messages: [
          ...hello.messages,
          {
            role: 'assistant',
            content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 't', input: '{}' }],
          },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolCallId: 'c1',
                content: [{ type: 'text', text: 'sunny' }],
                isError: false,
              },
            ],
          },
        ],
        tools: [{ name: 't', inputSchema: { type: 'object' } }],
      },
      {},
    );
    expect(response.finishReason).toBe('stop');
  });

  it('returns JSON matching the requested schema in JSON mode', async () => {
    const response = await model.generate(
      {
        ...hello,
        responseFormat: {
          type: 'json',
          schema: { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] },
        },
      },
      {},
    );
    expect(response.content[0]?.type === 'text' && JSON.parse(response.content[0].text)).toEqual({
      ok: false,
    });
  });

  it('fails with a retryable 503 at the configured rate, reproducibly', async () => {
    const failing = createSimulatedProvider({ failureRate: 0.5, seed: 7 }).languageModel('sim');
    const outcomes: boolean[] = [];
    for (let index = 0; index < 40; index++) {
      outcomes.push(
        await failing.generate(hello, {}).then(
          () => true,
          (error: unknown) => {
            expect(ProviderCallError.isInstance(error) && error.isRetryable && error.code).toBe(
              'upstream_unavailable',
            );
            return false;
          },
        ),
      );
    }
    const failures = outcomes.filter((ok) => !ok).length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
  });

  it('stops when aborted during its latency', async () => {
    const slow = createSimulatedProvider({ latencyMs: 5_000 }).languageModel('sim');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(slow.generate(hello, { abortSignal: controller.signal })).rejects.toThrow();
  });
});
