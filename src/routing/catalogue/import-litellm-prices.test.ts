import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importLiteLLMPrices, LiteLLMPriceFileError } from './import-litellm-prices.js';

const sampleText = readFileSync(
  new URL('./__fixtures__/litellm-prices-sample.json', import.meta.url),
  'utf8',
);

describe('importLiteLLMPrices', () => {
  const result = importLiteLLMPrices({ text: sampleText });

  it('converts per-token prices to per-million prices and reads limits and capabilities', () => {
    expect(result.entries['gpt-5-mini']).toEqual({
      vendor: 'openai',
      contextWindowTokens: 272_000,
      maxOutputTokens: 128_000,
      supportsTools: true,
      supportsVision: true,
      supportsJsonSchema: true,
      supportsReasoning: true,
      inputUsdPerMillionTokens: 0.25,
      outputUsdPerMillionTokens: 2,
      cachedInputUsdPerMillionTokens: 0.025,
      tags: ['openai'],
      isHouse: false,
    });
    expect(result.entries['gemini/gemini-2.5-flash']?.vendor).toBe('google');
    expect(result.entries['us.anthropic.claude-sonnet-4-5-20250929-v1:0']).toMatchObject({
      vendor: 'anthropic',
      inputUsdPerMillionTokens: 3.3,
    });
    expect(result.entries['groq/llama-3.3-70b-versatile']).toMatchObject({
      vendor: 'meta',
      supportsJsonSchema: false,
    });
  });

  it('lists every skipped key with its reason', () => {
    expect(result.skipped).toEqual([
      { key: 'sample_spec', reason: 'documentation record, not a model' },
      {
        key: 'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
        reason: 'no max_input_tokens or max_tokens',
      },
      { key: 'text-embedding-3-small', reason: 'mode is embedding, not chat' },
      { key: 'broken-record', reason: 'not an object' },
    ]);
  });

  it('falls back to max_tokens when the split limits are absent', () => {
    const text = JSON.stringify({
      legacy: {
        mode: 'chat',
        input_cost_per_token: 1e-6,
        output_cost_per_token: 2e-6,
        max_tokens: 4096,
      },
    });
    expect(importLiteLLMPrices({ text }).entries['legacy']).toMatchObject({
      contextWindowTokens: 4096,
      maxOutputTokens: 4096,
      inputUsdPerMillionTokens: 1,
      outputUsdPerMillionTokens: 2,
      supportsTools: false,
    });
  });

  it('throws a LiteLLMPriceFileError on text that is not a JSON object', () => {
    expect(() => importLiteLLMPrices({ text: '[1, 2' })).toThrow(LiteLLMPriceFileError);
    expect(() => importLiteLLMPrices({ text: '[]' })).toThrow(LiteLLMPriceFileError);
  });
});
