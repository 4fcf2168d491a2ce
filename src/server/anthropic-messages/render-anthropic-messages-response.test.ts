import { describe, expect, it } from 'vitest';
import type { FinishReason } from '../../spec/index.js';
import {
  mapFinishReasonToAnthropic,
  renderAnthropicMessagesResponse,
} from './render-anthropic-messages-response.js';

describe('renderAnthropicMessagesResponse', () => {
  it('renders text, thinking, redacted thinking and tool calls as Anthropic blocks', () => {
    const rendered = renderAnthropicMessagesResponse({
      id: 'msg_1',
      response: {
        modelId: 'claude-sonnet-4-5-20250929',
        content: [
          { type: 'reasoning', text: 'Hmm.', signature: 'sig' },
          { type: 'reasoning', text: '', redactedData: 'opaque' },
          { type: 'reasoning', text: 'Unsigned (from another vendor).' },
          { type: 'text', text: 'Checking.' },
          {
            type: 'tool-call',
            toolCallId: 'toolu_1',
            toolName: 'get_weather',
            input: '{"city":"Paris"}',
          },
          { type: 'tool-call', toolCallId: 'toolu_2', toolName: 'get_time', input: '' },
          { type: 'tool-call', toolCallId: 'toolu_3', toolName: 'cut_off', input: '{"cit' },
        ],
        finishReason: 'tool-calls',
        usage: {
          inputTokens: 100,
          outputTokens: 20,
          cachedInputTokens: 60,
          cacheWriteInputTokens: 30,
        },
        warnings: [],
      },
    });
    expect(rendered).toEqual({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [
        { type: 'thinking', thinking: 'Hmm.', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'thinking', thinking: 'Unsigned (from another vendor).', signature: '' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
        { type: 'tool_use', id: 'toolu_2', name: 'get_time', input: {} },
        { type: 'tool_use', id: 'toolu_3', name: 'cut_off', input: {} },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 10,
        cache_creation_input_tokens: 30,
        cache_read_input_tokens: 60,
        output_tokens: 20,
      },
    });
  });
});

describe('mapFinishReasonToAnthropic', () => {
  it.each<[FinishReason, string | undefined, string]>([
    ['stop', undefined, 'end_turn'],
    ['stop', 'stop', 'end_turn'],
    ['stop', 'stop_sequence', 'stop_sequence'],
    ['length', undefined, 'max_tokens'],
    ['length', 'model_context_window_exceeded', 'model_context_window_exceeded'],
    ['tool-calls', undefined, 'tool_use'],
    ['content-filter', 'content_filter', 'refusal'],
    ['refusal', 'refusal', 'refusal'],
    ['other', 'pause_turn', 'pause_turn'],
    ['other', undefined, 'end_turn'],
    ['error', undefined, 'end_turn'],
  ])('maps %s (raw %s) to %s', (finishReason, rawFinishReason, expected) => {
    expect(mapFinishReasonToAnthropic({ finishReason, rawFinishReason })).toBe(expected);
  });
});
