export {
  BUILTIN_CATALOGUE,
  BUILTIN_CATALOGUE_DATE,
  BUILTIN_CATALOGUE_SOURCE,
} from './builtin-catalogue.js';
export { importLiteLLMPrices, LiteLLMPriceFileError } from './import-litellm-prices.js';
export type { ImportLiteLLMPricesResult, SkippedPriceKey } from './import-litellm-prices.js';
export { listCandidateModelIds, lookupCatalogueEntry } from './lookup-catalogue-entry.js';
export type { CatalogueMatch, LookupCatalogueEntryOptions } from './lookup-catalogue-entry.js';
export {
  modelCatalogueEntrySchema,
  modelCatalogueOverrideSchema,
} from './model-catalogue-entry.js';
export type {
  ModelCatalogue,
  ModelCatalogueEntry,
  ModelCatalogueOverride,
} from './model-catalogue-entry.js';
export { layerCatalogueEntry, resolveCatalogue } from './resolve-catalogue.js';
export type {
  CatalogueIssue,
  ResolveCatalogueOptions,
  ResolveCatalogueResult,
} from './resolve-catalogue.js';
