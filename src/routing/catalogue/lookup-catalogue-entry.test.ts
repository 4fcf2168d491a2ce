import { describe, expect, it } from 'vitest';
import { BUILTIN_CATALOGUE } from './builtin-catalogue.js';
import { lookupCatalogueEntry } from './lookup-catalogue-entry.js';
import { resolveCatalogue } from './resolve-catalogue.js';

const { catalogue: builtinCatalogue } = resolveCatalogue({ builtin: BUILTIN_CATALOGUE });

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
