import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGUE } from './builtin-catalogue.js';
import { importLiteLLMPrices } from './import-litellm-prices.js';
import { resolveCatalogue } from './resolve-catalogue.js';

const sampleText = readFileSync(
  new URL('./__fixtures__/litellm-prices-sample.json', import.meta.url),
  'utf8',
);

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
