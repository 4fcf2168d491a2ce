import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGUE, BUILTIN_CATALOGUE_DATE } from './builtin-catalogue.js';
import { modelCatalogueEntrySchema } from './model-catalogue-entry.js';

describe('BUILTIN_CATALOGUE', () => {
  it('is dated and every entry passes the entry schema', () => {
    expect(BUILTIN_CATALOGUE_DATE).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const [modelId, entry] of Object.entries(BUILTIN_CATALOGUE)) {
      expect(modelCatalogueEntrySchema.safeParse(entry).success, modelId).toBe(true);
      expect(modelId, 'keys are lower case').toBe(modelId.toLowerCase());
      expect(entry.isHouse).toBe(false);
    }
  });

  it('covers the major models of every vendor in the issue', () => {
    const required = [
      'gpt-5',
      'gpt-5-mini',
      'gpt-5-nano',
      'gpt-4.1',
      'gpt-4.1-mini',
      'gpt-4.1-nano',
      'gpt-4o',
      'gpt-4o-mini',
      'o3',
      'o4-mini',
      'claude-opus-4-1',
      'claude-sonnet-4-5',
      'claude-haiku-4-5',
      'claude-3-5-haiku',
      'gemini-2.5-pro',
      'gemini-2.5-flash',
      'gemini-2.5-flash-lite',
      'mistral-large',
      'mistral-medium',
      'mistral-small',
      'codestral',
      'ministral-8b',
      'deepseek-chat',
      'deepseek-reasoner',
      'amazon.nova-pro-v1:0',
      'meta.llama3-3-70b-instruct-v1:0',
      'groq/llama-3.3-70b-versatile',
      'together/meta-llama/llama-3.3-70b-instruct-turbo',
    ];
    for (const modelId of required) expect(BUILTIN_CATALOGUE[modelId], modelId).toBeDefined();
  });

  it('keeps the list prices of a few well-known models', () => {
    expect(BUILTIN_CATALOGUE['gpt-5']).toMatchObject({
      inputUsdPerMillionTokens: 1.25,
      outputUsdPerMillionTokens: 10,
      cachedInputUsdPerMillionTokens: 0.125,
    });
    expect(BUILTIN_CATALOGUE['claude-sonnet-4-5']).toMatchObject({
      vendor: 'anthropic',
      contextWindowTokens: 200_000,
      inputUsdPerMillionTokens: 3,
      outputUsdPerMillionTokens: 15,
    });
  });
});
