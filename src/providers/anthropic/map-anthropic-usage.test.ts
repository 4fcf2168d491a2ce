import { describe, expect, it } from 'vitest';
import { mapAnthropicUsage, mergeAnthropicUsage } from './map-anthropic-usage.js';

describe('mapAnthropicUsage', () => {
  it('counts cache reads and writes into the canonical input tokens and reports them apart.', () => {
    expect(
      mapAnthropicUsage({
        input_tokens: 12,
        cache_read_input_tokens: 2000,
        cache_creation_input_tokens: 300,
        output_tokens: 45,
      }),
    ).toEqual({
      inputTokens: 2312,
      outputTokens: 45,
      cachedInputTokens: 2000,
      cacheWriteInputTokens: 300,
    });
  });

  it('leaves out cache and reasoning fields that Anthropic did not report.', () => {
    expect(mapAnthropicUsage({ input_tokens: 11, output_tokens: 6 })).toEqual({
      inputTokens: 11,
      outputTokens: 6,
    });
  });

  it('reports thinking tokens as reasoning tokens.', () => {
    expect(
      mapAnthropicUsage({
        input_tokens: 51,
        output_tokens: 1699,
        output_tokens_details: { thinking_tokens: 139 },
      }),
    ).toEqual({ inputTokens: 51, outputTokens: 1699, reasoningTokens: 139 });
  });

  it('treats null fields as absent.', () => {
    expect(
      mapAnthropicUsage({ input_tokens: null, output_tokens: 3, cache_read_input_tokens: null }),
    ).toEqual({ inputTokens: 0, outputTokens: 3 });
  });
});

describe('mergeAnthropicUsage', () => {
  it('lets the cumulative message_delta usage replace the message_start values it carries.', () => {
    const merged = mergeAnthropicUsage(
      { input_tokens: 43, output_tokens: 1, cache_read_input_tokens: 10 },
      { input_tokens: 61, output_tokens: 2 },
    );
    expect(mapAnthropicUsage(merged)).toEqual({
      inputTokens: 71,
      outputTokens: 2,
      cachedInputTokens: 10,
    });
  });

  it('keeps the earlier usage when the later report is missing.', () => {
    expect(mergeAnthropicUsage({ input_tokens: 5 }, undefined)).toEqual({ input_tokens: 5 });
  });
});
