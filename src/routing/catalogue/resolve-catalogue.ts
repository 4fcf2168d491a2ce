import { z } from 'zod';
import { lookupCatalogueEntry } from './lookup-catalogue-entry.js';
import {
  modelCatalogueEntrySchema,
  type ModelCatalogue,
  type ModelCatalogueEntry,
  type ModelCatalogueOverride,
} from './model-catalogue-entry.js';

/** Options of {@link resolveCatalogue}. */
export type ResolveCatalogueOptions = {
  /** The built-in table (`BUILTIN_CATALOGUE`). */
  readonly builtin: Readonly<Record<string, ModelCatalogueEntry>>;
  /** Entries imported from a price file (`importLiteLLMPrices`); they replace built-in ones. */
  readonly imported?: Readonly<Record<string, ModelCatalogueEntry>>;
  /**
   * Config overrides keyed by model id; each field replaces the one it layers on. An override of a
   * known model may be partial; it is matched like a lookup (`claude-sonnet-4-5-20250929` layers on
   * `claude-sonnet-4-5`) and stored under its own id.
   */
  readonly overrides?: Readonly<Record<string, ModelCatalogueOverride>>;
};

/** An override that could not be applied, and why. */
export type CatalogueIssue = { readonly modelId: string; readonly reason: string };

/** Result of {@link resolveCatalogue}. */
export type ResolveCatalogueResult = {
  readonly catalogue: ModelCatalogue;
  readonly issues: readonly CatalogueIssue[];
};

/**
 * Lays `override` over `base`. An `undefined` field in an override means "not given", never
 * "erase". The merged value is validated by the caller.
 */
function mergeEntry({
  base,
  override,
}: {
  base: Partial<ModelCatalogueEntry>;
  override: ModelCatalogueOverride;
}): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [field, value] of Object.entries(override)) {
    if (value !== undefined) merged[field] = value;
  }
  return merged;
}

/** Validates a merged entry; drops optional fields that are `undefined`. */
function parseEntry(value: unknown): ModelCatalogueEntry | z.ZodError {
  const result = modelCatalogueEntrySchema.safeParse(value);
  if (!result.success) return result.error;
  const { region, cachedInputUsdPerMillionTokens, ...required } = result.data;
  return {
    ...required,
    ...(region !== undefined && { region }),
    ...(cachedInputUsdPerMillionTokens !== undefined && { cachedInputUsdPerMillionTokens }),
  };
}

/**
 * One override laid over one entry (or over nothing), validated: the merged entry, or the
 * validation error (an incomplete entry for an unknown model). Pure.
 */
export function layerCatalogueEntry({
  base,
  override,
}: {
  base: Partial<ModelCatalogueEntry> | undefined;
  override: ModelCatalogueOverride;
}): ModelCatalogueEntry | z.ZodError {
  return parseEntry(mergeEntry({ base: base ?? {}, override }));
}

/**
 * Layers config overrides over imported entries over the built-in table, and returns the
 * catalogue keyed by lower-cased model id. Imported entries replace built-in ones field by field
 * and add their tags to the built-in tags. Pure: the inputs are not modified. An override of an
 * unknown model that lacks required fields is reported in `issues` and left out.
 */
export function resolveCatalogue({
  builtin,
  imported = {},
  overrides = {},
}: ResolveCatalogueOptions): ResolveCatalogueResult {
  const catalogue = new Map<string, ModelCatalogueEntry>();
  for (const [key, entry] of Object.entries(builtin)) catalogue.set(key.toLowerCase(), entry);
  for (const [rawKey, entry] of Object.entries(imported)) {
    const key = rawKey.toLowerCase();
    const base = catalogue.get(key);
    if (base === undefined) {
      catalogue.set(key, entry);
      continue;
    }
    const tags = [...new Set([...base.tags, ...entry.tags])];
    catalogue.set(key, { ...base, ...entry, tags, isHouse: base.isHouse });
  }
  const issues: CatalogueIssue[] = [];
  for (const [modelId, override] of Object.entries(overrides)) {
    const key = modelId.toLowerCase();
    const match = lookupCatalogueEntry({ catalogue, modelId });
    const result = layerCatalogueEntry({ base: match?.entry, override });
    if (!(result instanceof z.ZodError)) {
      catalogue.set(key, result);
      continue;
    }
    const problems = result.issues
      .map((issue) => `${issue.path.join('.')} (${issue.message})`)
      .join(', ');
    issues.push({
      modelId,
      reason:
        match === undefined
          ? `no built-in or imported entry to layer on, and the override is incomplete: ${problems}`
          : `the override of ${match.key} is invalid: ${problems}`,
    });
  }
  return { catalogue, issues };
}
