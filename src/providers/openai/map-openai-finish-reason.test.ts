import { describe, expect, it } from 'vitest';
import { mapOpenAIFinishReason, resolveOpenAIFinishReason } from './map-openai-finish-reason.js';

describe('mapOpenAIFinishReason', () => {
  it.each([
    ['stop', 'stop'],
    ['eos', 'stop'],
    ['length', 'length'],
    ['model_length', 'length'],
    ['content_filter', 'content-filter'],
    ['tool_calls', 'tool-calls'],
    ['function_call', 'tool-calls'],
    ['insufficient_system_resource', 'error'],
    ['something_new', 'other'],
    [null, 'other'],
    [undefined, 'other'],
  ] as const)('maps %s to %s', (raw, expected) => {
    expect(mapOpenAIFinishReason(raw)).toBe(expected);
  });

  it('lets a refusal win over the wire value and turns stop with tool calls into tool-calls', () => {
    expect(
      resolveOpenAIFinishReason({ rawFinishReason: 'stop', hasRefusal: true, hasToolCalls: false }),
    ).toBe('refusal');
    expect(
      resolveOpenAIFinishReason({ rawFinishReason: 'stop', hasRefusal: false, hasToolCalls: true }),
    ).toBe('tool-calls');
    expect(
      resolveOpenAIFinishReason({
        rawFinishReason: 'length',
        hasRefusal: false,
        hasToolCalls: true,
      }),
    ).toBe('length');
  });
});
