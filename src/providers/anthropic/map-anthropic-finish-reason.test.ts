import { describe, expect, it } from 'vitest';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';

describe('mapAnthropicFinishReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'refusal'],
    ['pause_turn', 'other'],
    ['a_future_reason', 'other'],
    [null, 'other'],
    [undefined, 'other'],
  ])('maps stop reason %s to %s.', (stopReason, finishReason) => {
    expect(mapAnthropicFinishReason({ stopReason })).toBe(finishReason);
  });

  it('maps tool_use to stop when the call was the JSON-mode answer.', () => {
    expect(mapAnthropicFinishReason({ stopReason: 'tool_use', isJsonResponseFromTool: true })).toBe(
      'stop',
    );
  });
});
