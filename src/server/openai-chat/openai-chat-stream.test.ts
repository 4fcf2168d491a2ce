import { describe, expect, it } from 'vitest';
import { OpenAIChatStreamEncoder } from './openai-chat-stream.js';

function chunks(text: string): unknown[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.startsWith('data: ') && frame !== 'data: [DONE]')
    .map((frame) => JSON.parse(frame.slice(6)) as unknown);
}

describe('OpenAIChatStreamEncoder', () => {
  it('encodes text, parallel tool calls, the finish reason, usage and [DONE]', () => {
    const encoder = new OpenAIChatStreamEncoder({
      id: 'chatcmpl-1',
      model: 'm',
      createdSeconds: 1,
      includeUsage: true,
    });
    const text = [
      encoder.encode({ type: 'response-start', modelId: 'm' }),
      encoder.encode({ type: 'text-start', id: 't' }),
      encoder.encode({ type: 'text-delta', id: 't', delta: 'Hi "there"' }),
      encoder.encode({ type: 'text-end', id: 't' }),
      encoder.encode({ type: 'tool-call-start', id: 'call_a', toolName: 'f' }),
      encoder.encode({ type: 'tool-call-delta', id: 'call_a', delta: '{"x":' }),
      encoder.encode({ type: 'tool-call-start', id: 'call_b', toolName: 'g' }),
      encoder.encode({ type: 'tool-call-delta', id: 'call_a', delta: '1}' }),
      encoder.encode({ type: 'tool-call-end', id: 'call_a' }),
      encoder.encode({ type: 'tool-call-end', id: 'call_b' }),
      encoder.encode({
        type: 'response-end',
        finishReason: 'tool-calls',
        usage: { inputTokens: 5, outputTokens: 7, cachedInputTokens: 2 },
      }),
    ].join('');
    expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
    const parsed = chunks(text) as Array<{
      choices: Array<{ delta: unknown; finish_reason: unknown }>;
      usage: unknown;
    }>;
    expect(parsed.map((chunk) => chunk.choices[0]?.delta ?? null)).toEqual([
      { role: 'assistant', content: '', refusal: null },
      { content: 'Hi "there"' },
      {
        tool_calls: [
          { index: 0, id: 'call_a', type: 'function', function: { name: 'f', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"x":' } }] },
      {
        tool_calls: [
          { index: 1, id: 'call_b', type: 'function', function: { name: 'g', arguments: '' } },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '1}' } }] },
      {},
      null,
    ]);
    expect(parsed.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(parsed.at(-1)?.usage).toMatchObject({
      prompt_tokens: 5,
      completion_tokens: 7,
      total_tokens: 12,
      prompt_tokens_details: { cached_tokens: 2 },
    });
    expect(parsed.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('omits usage entirely when the client did not ask for it', () => {
    const encoder = new OpenAIChatStreamEncoder({
      id: 'c',
      model: 'm',
      createdSeconds: 1,
      includeUsage: false,
    });
    const text = encoder.encode({
      type: 'response-end',
      finishReason: 'length',
      usage: { inputTokens: 1, outputTokens: 1 },
    });
    expect(text).not.toContain('usage');
    expect(chunks(text)).toEqual([
      {
        id: 'c',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'm',
        choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'length' }],
      },
    ]);
  });
});
