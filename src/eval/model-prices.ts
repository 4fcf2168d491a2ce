import {
  BUILTIN_CATALOGUE,
  lookupCatalogueEntry,
  resolveCatalogue,
} from '../routing/catalogue/index.js';
import type { Usage } from '../spec/index.js';

/** A model's list prices in US dollars per million tokens, and its vendor. */
export type ModelPrice = {
  readonly vendor: string;
  readonly inputUsdPerMillionTokens: number;
  readonly outputUsdPerMillionTokens: number;
  readonly cachedInputUsdPerMillionTokens?: number;
};

/** Finds the price of a configured model by its vendor model name, then its configured id. */
export type PriceLookup = (model: {
  readonly modelId: string;
  readonly vendorModel: string;
}) => ModelPrice | undefined;

/**
 * The one place the evaluation reads prices: the built-in model catalogue. Config-level catalogue
 * overrides will be layered in here (pass them to `resolveCatalogue`).
 */
export function createPriceLookup(): PriceLookup {
  const { catalogue } = resolveCatalogue({ builtin: BUILTIN_CATALOGUE });
  return ({ modelId, vendorModel }) => {
    const match =
      lookupCatalogueEntry({ catalogue, modelId: vendorModel }) ??
      lookupCatalogueEntry({ catalogue, modelId });
    if (match === undefined) return undefined;
    const { vendor, inputUsdPerMillionTokens, outputUsdPerMillionTokens } = match.entry;
    const cached = match.entry.cachedInputUsdPerMillionTokens;
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
