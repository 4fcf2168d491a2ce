import { describe, expect, it } from 'vitest';
import { modelCatalogueOverrideSchema } from './model-catalogue-entry.js';

describe('modelCatalogueOverrideSchema', () => {
  it('accepts a partial entry and rejects unknown fields', () => {
    expect(modelCatalogueOverrideSchema.safeParse({ isHouse: true, tags: ['house'] }).success).toBe(
      true,
    );
    expect(modelCatalogueOverrideSchema.safeParse({ inputPrice: 1 }).success).toBe(false);
  });
});
