import { describe, expect, it } from 'vitest';
import type { CanonicalMessage } from '../../spec/index.js';
import { convertToAmazonBedrockMessages } from './convert-to-amazon-bedrock-messages.js';
import { mapAmazonBedrockFinishReason } from './map-amazon-bedrock-finish-reason.js';
import { mapAmazonBedrockUsage } from './map-amazon-bedrock-usage.js';

const convert = (messages: CanonicalMessage[], isAnthropicModel = true) =>
  convertToAmazonBedrockMessages({ messages, isAnthropicModel });

describe('convertToAmazonBedrockMessages', () => {
  it('merges consecutive turns of one role and puts tool results first in a user turn', () => {
    const prompt = convert([
      { role: 'user', content: [{ type: 'text', text: 'a' }] },
      { role: 'user', content: [{ type: 'text', text: 'b' }] },
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 't', toolName: 'f', input: '{}' }],
      },
      { role: 'user', content: [{ type: 'text', text: 'also this' }] },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 't', content: [], isError: false }],
      },
    ]);
    expect(prompt.messages).toEqual([
      { role: 'user', content: [{ text: 'a' }, { text: 'b' }] },
      { role: 'assistant', content: [{ toolUse: { toolUseId: 't', name: 'f', input: {} } }] },
      {
        role: 'user',
        content: [{ toolResult: { toolUseId: 't', content: [] } }, { text: 'also this' }],
      },
    ]);
  });

  it('skips empty text, trims a trailing-whitespace prefill and drops an emptied final turn', () => {
    expect(
      convert([
        {
          role: 'user',
          content: [
            { type: 'text', text: '' },
            { type: 'text', text: 'Hi' },
          ],
        },
        { role: 'assistant', content: [{ type: 'text', text: 'Sure:  \n' }] },
      ]).messages,
    ).toEqual([
      { role: 'user', content: [{ text: 'Hi' }] },
      { role: 'assistant', content: [{ text: 'Sure:' }] },
    ]);
    expect(
      convert([
        { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        { role: 'assistant', content: [{ type: 'text', text: '   ' }] },
      ]).messages,
    ).toEqual([{ role: 'user', content: [{ text: 'Hi' }] }]);
  });

  it('maps image media types to formats, inlines data URLs and warns about what it drops', () => {
    const prompt = convert([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', mediaType: 'image/webp', data: 'UklG' } },
          { type: 'image', source: { type: 'base64', mediaType: 'image/JPEG', data: '/9j/' } },
          { type: 'image', source: { type: 'base64', mediaType: 'image/tiff', data: 'SUkq' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
          { type: 'image', source: { type: 'url', url: 'data:image/gif;base64,R0lG' } },
        ],
      },
    ]);
    expect(prompt.messages[0]?.content).toEqual([
      { image: { format: 'webp', source: { bytes: 'UklG' } } },
      { image: { format: 'jpeg', source: { bytes: '/9j/' } } },
      { image: { format: 'gif', source: { bytes: 'R0lG' } } },
    ]);
    expect(prompt.warnings.map((warning) => warning.type === 'other' && warning.message)).toEqual([
      "The image at messages[0].content[2] was dropped: Bedrock accepts png, jpeg, gif and webp images, not 'image/tiff'.",
      'The image at messages[0].content[3] was dropped: Bedrock needs image bytes and does not fetch URLs. Send it as base64 data instead.',
    ]);
  });

  it('sends unsigned reasoning as plain reasoningText to non-Anthropic models only', () => {
    const messages: CanonicalMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'thinking' },
          { type: 'text', text: 'Hello' },
        ],
      },
    ];
    expect(convert(messages, false).messages[1]?.content[0]).toEqual({
      reasoningContent: { reasoningText: { text: 'thinking' } },
    });
    const anthropic = convert(messages, true);
    expect(anthropic.messages[1]?.content).toEqual([{ text: 'Hello' }]);
    expect(anthropic.warnings).toHaveLength(1);
  });
});

describe('mapAmazonBedrockFinishReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['guardrail_intervened', 'content-filter'],
    ['content_filtered', 'content-filter'],
    ['malformed_model_output', 'other'],
    ['malformed_tool_use', 'other'],
    ['something_new', 'other'],
    [undefined, 'other'],
  ])('maps %s to %s', (stopReason, finishReason) => {
    expect(mapAmazonBedrockFinishReason({ stopReason })).toBe(finishReason);
  });

  it('maps tool_use to stop when the JSON-mode tool gave the answer', () => {
    expect(
      mapAmazonBedrockFinishReason({ stopReason: 'tool_use', isJsonResponseFromTool: true }),
    ).toBe('stop');
  });
});

describe('mapAmazonBedrockUsage', () => {
  it('adds cache reads and writes to inputTokens, as Bedrock reports them apart', () => {
    expect(
      mapAmazonBedrockUsage({
        inputTokens: 10,
        outputTokens: 20,
        totalTokens: 1530,
        cacheReadInputTokens: 1000,
        cacheWriteInputTokens: 500,
      }),
    ).toEqual({
      inputTokens: 1510,
      outputTokens: 20,
      cachedInputTokens: 1000,
      cacheWriteInputTokens: 500,
    });
  });

  it('leaves the cache fields out when Bedrock does not report them, and counts nothing for no usage', () => {
    expect(mapAmazonBedrockUsage({ inputTokens: 3, outputTokens: 4 })).toEqual({
      inputTokens: 3,
      outputTokens: 4,
    });
    expect(mapAmazonBedrockUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
  });
});
