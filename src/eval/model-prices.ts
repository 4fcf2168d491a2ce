import type { GatewayConfig } from '../config/index.js';
import { buildRouteCandidates } from '../gateway/route-candidates.js';
import type { ModelCatalogueEntry } from '../routing/catalogue/index.js';
import type { Usage } from '../spec/index.js';

/** A model's list prices in US dollars per million tokens, and its vendor. */
export type ModelPrice = {
  readonly vendor: string;
  readonly inputUsdPerMillionTokens: number;
  readonly outputUsdPerMillionTokens: number;
  readonly cachedInputUsdPerMillionTokens?: number;
};

/** Finds the price of a configured model by its id. */
export type PriceLookup = (model: { readonly modelId: string }) => ModelPrice | undefined;

/**
 * The one place the evaluation reads prices: the model catalogue exactly as routing sees it (the
 * built-in table, `catalogue.priceFile`, `catalogue.overrides` and each model's `catalogue:`
 * block). A model routing only assumes a price for has none here (its cost is left out).
 */
export function createPriceLookup({
  config,
  importedPrices,
}: {
  config: GatewayConfig;
  importedPrices?: Readonly<Record<string, ModelCatalogueEntry>> | undefined;
}): PriceLookup {
  const { byId } = buildRouteCandidates({ config, ...(importedPrices ? { importedPrices } : {}) });
  return ({ modelId }) => {
    const candidate = byId.get(modelId);
    if (candidate === undefined || candidate.entrySource === 'assumed') return undefined;
    const { vendor, inputUsdPerMillionTokens, outputUsdPerMillionTokens } = candidate.entry;
    const cached = candidate.entry.cachedInputUsdPerMillionTokens;
    return {
      vendor,
      inputUsdPerMillionTokens,
      outputUsdPerMillionTokens,
      ...(cached === undefined ? {} : { cachedInputUsdPerMillionTokens: cached }),
    };
  };
}

/**
 * Cost of one call in US dollars: uncached input tokens at the input price, cached ones at the
 * cached-input price (the input price when there is none), output tokens at the output price.
 */
export function computeCallCostUsd({ usage, price }: { usage: Usage; price: ModelPrice }): number {
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const cachedPrice = price.cachedInputUsdPerMillionTokens ?? price.inputUsdPerMillionTokens;
  return (
    ((usage.inputTokens - cached) * price.inputUsdPerMillionTokens +
      cached * cachedPrice +
      usage.outputTokens * price.outputUsdPerMillionTokens) /
    1e6
  );
}
