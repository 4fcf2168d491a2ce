import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGUE, BUILTIN_CATALOGUE_DATE } from './builtin-catalogue.js';
import { importLiteLLMPrices, LiteLLMPriceFileError } from './import-litellm-prices.js';
import { lookupCatalogueEntry } from './lookup-catalogue-entry.js';
import {
  modelCatalogueEntrySchema,
  modelCatalogueOverrideSchema,
} from './model-catalogue-entry.js';
import { resolveCatalogue } from './resolve-catalogue.js';

const sampleText = readFileSync(
  new URL('./__fixtures__/litellm-prices-sample.json', import.meta.url),
  'utf8',
);
const { catalogue: builtinCatalogue } = resolveCatalogue({ builtin: BUILTIN_CATALOGUE });

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

describe('lookupCatalogueEntry', () => {
  it.each([
    ['gpt-5', 'gpt-5'],
    ['GPT-4o-2024-08-06', 'gpt-4o'],
    ['openai/gpt-5-mini', 'gpt-5-mini'],
    ['o3-2025-04-16', 'o3'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-3-5-haiku-latest', 'claude-3-5-haiku'],
    ['vertex_ai/claude-sonnet-4-5@20250929', 'claude-sonnet-4-5'],
    [
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ],
    ['eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0'],
    [
      'bedrock/us.anthropic.claude-opus-4-1-20250805-v1:0',
      'anthropic.claude-opus-4-1-20250805-v1:0',
    ],
    ['us.meta.llama4-scout-17b-instruct-v1:0', 'meta.llama4-scout-17b-instruct-v1:0'],
    ['us.amazon.nova-lite-v1:0', 'amazon.nova-lite-v1:0'],
    ['models/gemini-2.5-flash', 'gemini-2.5-flash'],
    ['mistral-large-latest', 'mistral-large'],
    ['codestral-2508', 'codestral'],
    [
      'together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo',
      'together/meta-llama/llama-3.3-70b-instruct-turbo',
    ],
  ])('matches %s to %s', (modelId, key) => {
    expect(lookupCatalogueEntry({ catalogue: builtinCatalogue, modelId })?.key).toBe(key);
  });

  it('finds hosted models by their bare id when the host is given', () => {
    const match = lookupCatalogueEntry({
      catalogue: builtinCatalogue,
      modelId: 'meta-llama/llama-4-scout-17b-16e-instruct',
      host: 'groq',
    });
    expect(match?.key).toBe('groq/meta-llama/llama-4-scout-17b-16e-instruct');
    expect(match?.entry.inputUsdPerMillionTokens).toBe(0.11);
  });

  it('returns undefined for an unknown model', () => {
    expect(
      lookupCatalogueEntry({ catalogue: builtinCatalogue, modelId: 'my-model' }),
    ).toBeUndefined();
  });
});

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

describe('resolveCatalogue', () => {
  it('layers overrides over imports over the built-in table', () => {
    const { entries } = importLiteLLMPrices({ text: sampleText });
    const { catalogue, issues } = resolveCatalogue({
      builtin: BUILTIN_CATALOGUE,
      imported: {
        ...entries,
        'gpt-5': {
          ...BUILTIN_CATALOGUE['gpt-5']!,
          inputUsdPerMillionTokens: 1,
          tags: ['imported'],
        },
      },
      overrides: {
        'gpt-5': { outputUsdPerMillionTokens: 9 },
        'claude-sonnet-4-5-20250929': { isHouse: true },
        'house-llama': {
          vendor: 'acme',
          contextWindowTokens: 32_000,
          maxOutputTokens: 4_000,
          supportsTools: true,
          supportsVision: false,
          supportsJsonSchema: false,
          supportsReasoning: false,
          inputUsdPerMillionTokens: 0,
          outputUsdPerMillionTokens: 0,
          tags: ['self-hosted'],
          isHouse: true,
        },
      },
    });
    expect(issues).toEqual([]);
    expect(catalogue.get('gpt-5')).toMatchObject({
      inputUsdPerMillionTokens: 1,
      outputUsdPerMillionTokens: 9,
      tags: ['flagship', 'code', 'imported'],
    });
    // The partial override of a dated id is stored under that id, on top of the imported entry.
    expect(catalogue.get('claude-sonnet-4-5-20250929')).toMatchObject({
      isHouse: true,
      vendor: 'anthropic',
    });
    expect(catalogue.get('house-llama')?.isHouse).toBe(true);
    expect(BUILTIN_CATALOGUE['gpt-5']?.outputUsdPerMillionTokens).toBe(10);
  });

  it('reports an incomplete override of an unknown model instead of inventing values', () => {
    const { catalogue, issues } = resolveCatalogue({
      builtin: BUILTIN_CATALOGUE,
      overrides: { 'mystery-model': { inputUsdPerMillionTokens: 1 } },
    });
    expect(catalogue.has('mystery-model')).toBe(false);
    expect(issues[0]?.modelId).toBe('mystery-model');
    expect(issues[0]?.reason).toContain('vendor');
  });

  it('rejects an override with a negative price', () => {
    const { issues } = resolveCatalogue({
      builtin: BUILTIN_CATALOGUE,
      overrides: { 'gpt-5': { inputUsdPerMillionTokens: -1 } },
    });
    expect(issues[0]?.reason).toContain('inputUsdPerMillionTokens');
  });
});

describe('modelCatalogueOverrideSchema', () => {
  it('accepts a partial entry and rejects unknown fields', () => {
    expect(modelCatalogueOverrideSchema.safeParse({ isHouse: true, tags: ['house'] }).success).toBe(
      true,
    );
    expect(modelCatalogueOverrideSchema.safeParse({ inputPrice: 1 }).success).toBe(false);
  });
});
