import { describe, expect, it } from 'vitest';
import { convertOpenAIUsage } from './openai-usage.js';

describe('convertOpenAIUsage', () => {
  it('maps cached and reasoning token details to subsets of input and output', () => {
    expect(
      convertOpenAIUsage({
        prompt_tokens: 1200,
        completion_tokens: 300,
        prompt_tokens_details: { cached_tokens: 1024 },
        completion_tokens_details: { reasoning_tokens: 256 },
      }),
    ).toEqual({
      inputTokens: 1200,
      outputTokens: 300,
      cachedInputTokens: 1024,
      reasoningTokens: 256,
    });
  });

  it('reads DeepSeek cache hits and leaves out details a server did not report', () => {
    expect(
      convertOpenAIUsage({ prompt_tokens: 50, completion_tokens: 5, prompt_cache_hit_tokens: 32 }),
    ).toEqual({
      inputTokens: 50,
      outputTokens: 5,
      cachedInputTokens: 32,
    });
    expect(
      convertOpenAIUsage({ prompt_tokens: 7, completion_tokens: 3, prompt_tokens_details: null }),
    ).toEqual({
      inputTokens: 7,
      outputTokens: 3,
    });
  });

  it('reports zero usage when the server sent none', () => {
    expect(convertOpenAIUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
  });
});
