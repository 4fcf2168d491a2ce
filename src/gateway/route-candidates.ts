import type { GatewayConfig } from '../config/index.js';
import {
  BUILTIN_CATALOGUE,
  lookupCatalogueEntry,
  layerCatalogueEntry,
  resolveCatalogue,
  type ModelCatalogue,
  type ModelCatalogueEntry,
  type ModelCatalogueOverride,
} from '../routing/catalogue/index.js';
import type { EntrySource, RouteCandidate } from '../routing/policy/index.js';

/** What the router assumes of a model nobody describes: capable, free, large context. */
const ASSUMED_ENTRY: ModelCatalogueEntry = Object.freeze({
  vendor: 'unknown',
  contextWindowTokens: 128_000,
  maxOutputTokens: 16_384,
  supportsTools: true,
  supportsVision: true,
  supportsJsonSchema: true,
  supportsReasoning: false,
  inputUsdPerMillionTokens: 0,
  outputUsdPerMillionTokens: 0,
  tags: [],
  isHouse: false,
});

/** Providers that host other vendors' open models and are keyed `<host>/<model>` in price files. */
function hostOf(config: GatewayConfig, providerId: string): string | undefined {
  const provider = config.providers[providerId];
  if (provider?.type === 'openai-compatible' && provider.flavor !== 'generic')
    return provider.flavor;
  return undefined;
}

/** The route candidates built from config, and what could not be resolved. */
export type RouteCandidates = {
  readonly byId: ReadonlyMap<string, RouteCandidate>;
  /** Startup warnings: models with no catalogue entry, overrides that did not apply. */
  readonly warnings: ReadonlyArray<string>;
};

/**
 * Every configured chat model with its catalogue entry: the built-in table, under an imported
 * price file, under `catalogue.overrides`, under the model's own `catalogue` block. A model
 * nothing describes gets assumed capabilities and a zero price, with a startup warning.
 */
export function buildRouteCandidates({
  config,
  importedPrices,
}: {
  config: GatewayConfig;
  /** Entries of `catalogue.priceFile`, already imported. */
  importedPrices?: Readonly<Record<string, ModelCatalogueEntry>>;
}): RouteCandidates {
  const { catalogue, issues } = resolveCatalogue({
    builtin: BUILTIN_CATALOGUE,
    ...(importedPrices ? { imported: importedPrices } : {}),
    overrides: config.catalogue.overrides,
  });
  const warnings = issues.map((issue) => `catalogue.overrides.${issue.modelId}: ${issue.reason}`);
  const byId = new Map<string, RouteCandidate>();
  config.models.forEach((model, index) => {
    if (model.kind !== 'chat') return;
    const configPath = `models[${index}]`;
    const resolved = resolveEntry({
      catalogue,
      vendorModel: model.model ?? model.id,
      host: hostOf(config, model.provider),
      inline: model.catalogue,
    });
    if (resolved.problem) warnings.push(`${configPath} ('${model.id}'): ${resolved.problem}`);
    byId.set(model.id, {
      modelId: model.id,
      providerId: model.provider,
      vendorModel: model.model ?? model.id,
      configPath,
      entry: resolved.entry,
      entrySource: resolved.source,
    });
  });
  return { byId, warnings };
}

function resolveEntry({
  catalogue,
  vendorModel,
  host,
  inline,
}: {
  catalogue: ModelCatalogue;
  vendorModel: string;
  host: string | undefined;
  inline: ModelCatalogueOverride | undefined;
}): { entry: ModelCatalogueEntry; source: EntrySource; problem?: string } {
  const match = lookupCatalogueEntry({
    catalogue,
    modelId: vendorModel,
    ...(host === undefined ? {} : { host }),
  });
  if (!inline) {
    if (match) return { entry: match.entry, source: 'catalogue' };
    return {
      entry: ASSUMED_ENTRY,
      source: 'assumed',
      problem: `no catalogue entry for '${vendorModel}': routing assumes every capability and a $0 price. Add its prices and capabilities under the model's catalogue: block.`,
    };
  }
  const layered = layerCatalogueEntry({ base: match?.entry, override: inline });
  if (!(layered instanceof Error)) return { entry: layered, source: 'config' };
  const missing = layered.issues.map((issue) => issue.path.join('.')).join(', ');
  const given = Object.fromEntries(
    Object.entries(inline).filter(([, value]) => value !== undefined),
  ) as Partial<ModelCatalogueEntry>;
  return {
    entry: { ...ASSUMED_ENTRY, ...match?.entry, ...given },
    source: 'assumed',
    problem: `no catalogue entry for '${vendorModel}' and its catalogue: block lacks ${missing}; the missing fields are assumed (every capability, $0).`,
  };
}
