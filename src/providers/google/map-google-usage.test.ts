import { describe, expect, it } from 'vitest';
import { mapGoogleUsage, mergeGoogleUsage } from './map-google-usage.js';

describe('mapGoogleUsage', () => {
  it('counts thinking as output and reports it as reasoning tokens.', () => {
    expect(
      mapGoogleUsage({
        promptTokenCount: 29,
        candidatesTokenCount: 15,
        thoughtsTokenCount: 893,
        totalTokenCount: 937,
      }),
    ).toEqual({ inputTokens: 29, outputTokens: 908, reasoningTokens: 893 });
  });

  it('reports cached tokens as a subset of the input, and adds tool-use prompt tokens to it.', () => {
    expect(
      mapGoogleUsage({
        promptTokenCount: 1200,
        cachedContentTokenCount: 1000,
        toolUsePromptTokenCount: 300,
        candidatesTokenCount: 50,
      }),
    ).toEqual({ inputTokens: 1500, outputTokens: 50, cachedInputTokens: 1000 });
  });

  it('reads missing usage as zero.', () => {
    expect(mapGoogleUsage(undefined)).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(mapGoogleUsage({ promptTokenCount: 9 })).toEqual({ inputTokens: 9, outputTokens: 0 });
  });
});

describe('mergeGoogleUsage', () => {
  it('lets each count of a later chunk replace the earlier one, and keeps counts it lacks.', () => {
    expect(
      mergeGoogleUsage(
        { promptTokenCount: 9, candidatesTokenCount: 5, thoughtsTokenCount: 185 },
        { candidatesTokenCount: 23 },
      ),
    ).toEqual({
      promptTokenCount: 9,
      candidatesTokenCount: 23,
      thoughtsTokenCount: 185,
      cachedContentTokenCount: undefined,
      toolUsePromptTokenCount: undefined,
      totalTokenCount: undefined,
    });
    const usage = { promptTokenCount: 1 };
    expect(mergeGoogleUsage(usage, null)).toBe(usage);
  });
});
