import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { ConfigError, type GatewayConfig } from '../config/index.js';
import { importLiteLLMPrices, type ModelCatalogueEntry } from '../routing/catalogue/index.js';
import { loadDataset } from '../routing/datasets/index.js';
import { watchLearnedRouter, type WatchedLearnedRouter } from '../routing/learned/index.js';
import { computeDatasetPriors } from '../routing/policy/dataset-priors.js';
import type { QualityPrior } from '../routing/policy/index.js';

/** Files routes depend on, loaded before the gateway starts. */
export type RoutingResources = {
  /** `catalogue.priceFile`, imported. */
  readonly importedPrices: Readonly<Record<string, ModelCatalogueEntry>> | undefined;
  /** Per route index: priors from its `qualityPriorsFrom` dataset. */
  readonly datasetPriors: ReadonlyMap<number, ReadonlyMap<string, QualityPrior>>;
  /** Per route index: its learned router, reloaded when the artifact changes. */
  readonly learnedRouters: ReadonlyMap<number, WatchedLearnedRouter>;
  /** Non-fatal problems to log at startup. */
  readonly warnings: ReadonlyArray<string>;
  /** Stops watching artifact files. */
  close(): void;
};

export const NO_ROUTING_RESOURCES: RoutingResources = Object.freeze({
  importedPrices: undefined,
  datasetPriors: new Map(),
  learnedRouters: new Map(),
  warnings: [],
  close() {},
});

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loads what routes read from files: the LiteLLM price file, datasets of quality priors and
 * learned router artifacts (watched for changes). Relative paths are resolved from `baseDir`.
 * Any file that cannot be read or is invalid is a ConfigError naming the config key.
 */
export async function loadRoutingResources({
  config,
  baseDir = process.cwd(),
  onLearnedRouterReload,
  onLearnedRouterError,
}: {
  config: GatewayConfig;
  baseDir?: string;
  onLearnedRouterReload?: (routeName: string, contentHash: string) => void;
  onLearnedRouterError?: (routeName: string, error: unknown) => void;
}): Promise<RoutingResources> {
  const warnings: string[] = [];
  const prices = await loadImportedPrices({ config, baseDir });
  const importedPrices = prices?.entries;
  if (prices && prices.skipped > 0)
    warnings.push(
      `catalogue.priceFile: skipped ${prices.skipped} entries that are not chat models or lack prices`,
    );
  const datasetPriors = new Map<number, ReadonlyMap<string, QualityPrior>>();
  const learnedRouters = new Map<number, WatchedLearnedRouter>();
  const close = () => {
    for (const watched of learnedRouters.values()) watched.close();
  };
  try {
    for (const [index, route] of config.routes.entries()) {
      if (route.strategy === 'cost-quality' && route.qualityPriorsFrom !== undefined) {
        const dataDir = resolve(baseDir, route.qualityPriorsFrom);
        let dataset;
        try {
          dataset = await loadDataset({ dataDir });
        } catch (error) {
          throw new ConfigError({
            message: `routes[${index}].qualityPriorsFrom: ${describe(error)}`,
            cause: error,
          });
        }
        datasetPriors.set(
          index,
          computeDatasetPriors({
            records: dataset.records,
            datasetName: basename(dataDir),
            modelIds: datasetModelMap(config, dataset.modelIds),
          }),
        );
      }
      if (route.strategy === 'learned') {
        const path = resolve(baseDir, route.artifact);
        try {
          learnedRouters.set(
            index,
            await watchLearnedRouter({
              path,
              onReload: (router) => onLearnedRouterReload?.(route.name, router.contentHash),
              onError: (error) => onLearnedRouterError?.(route.name, error),
            }),
          );
        } catch (error) {
          throw new ConfigError({
            message: `routes[${index}].artifact: cannot load the learned router ${path}: ${describe(error)}. Train one with: switchyard router train --data DIR --out ${route.artifact}`,
            cause: error,
          });
        }
      }
    }
  } catch (error) {
    close();
    throw error;
  }
  return { importedPrices, datasetPriors, learnedRouters, warnings, close };
}

/**
 * Imports `catalogue.priceFile` (a LiteLLM price file), or undefined when the config has none.
 * A file that cannot be read or parsed is a ConfigError naming the key.
 */
export async function loadImportedPrices({
  config,
  baseDir = process.cwd(),
}: {
  config: GatewayConfig;
  baseDir?: string;
}): Promise<{ entries: Record<string, ModelCatalogueEntry>; skipped: number } | undefined> {
  if (config.catalogue.priceFile === undefined) return undefined;
  const path = resolve(baseDir, config.catalogue.priceFile);
  try {
    const result = importLiteLLMPrices({ text: await readFile(path, 'utf8') });
    return { entries: { ...result.entries }, skipped: result.skipped.length };
  } catch (error) {
    throw new ConfigError({
      message: `catalogue.priceFile: cannot import ${path}: ${describe(error)}. Give a LiteLLM model_prices_and_context_window.json file.`,
      cause: error,
    });
  }
}

/** Dataset model names matched to configured chat models, by model id or vendor model name. */
function datasetModelMap(
  config: GatewayConfig,
  datasetModelIds: ReadonlyArray<string>,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const name of datasetModelIds) {
    const match =
      config.models.find((model) => model.kind === 'chat' && model.id === name) ??
      config.models.find((model) => model.kind === 'chat' && (model.model ?? model.id) === name);
    if (match) map.set(name, match.id);
  }
  return map;
}
