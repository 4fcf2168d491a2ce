import type { GatewayConfig, RouteConfig } from '../config/index.js';
import type { TaskFamily } from '../routing/classifier/index.js';
import type {
  QualityPrior,
  RouteCandidate,
  RoutePolicy,
  RuleCondition,
} from '../routing/policy/index.js';
import type { RoutingResources } from './routing-resources.js';

/** The route every gateway has unless the config defines its own `auto`. */
export const DEFAULT_ROUTE_NAME = 'auto';

function uniqueIds(ids: Iterable<string>): string[] {
  return [...new Set(ids)];
}

/** Config priors (a number, or `{ default, <family>: n }`) over dataset priors, per model. */
function mergePriors({
  configured,
  fromDataset,
  configPath,
}: {
  configured: Readonly<Record<string, number | Record<string, number | undefined>>>;
  fromDataset: ReadonlyMap<string, QualityPrior> | undefined;
  configPath: string;
}): Map<string, QualityPrior> {
  const priors = new Map<string, QualityPrior>(fromDataset ?? []);
  for (const [modelId, value] of Object.entries(configured)) {
    const base = priors.get(modelId);
    const source = `${configPath}.qualityPriors`;
    if (typeof value === 'number') {
      priors.set(modelId, { default: value, byFamily: {}, source });
      continue;
    }
    const { default: fallback, ...families } = value;
    const byFamily: Partial<Record<TaskFamily, number>> = { ...(base?.byFamily ?? {}) };
    for (const [family, score] of Object.entries(families))
      if (score !== undefined) byFamily[family as TaskFamily] = score;
    priors.set(modelId, {
      default: fallback ?? base?.default,
      byFamily,
      source: base ? `${source} over ${base.source}` : source,
    });
  }
  return priors;
}

function compileRoute({
  route,
  index,
  chatIds,
  resources,
}: {
  route: RouteConfig;
  index: number;
  chatIds: ReadonlyArray<string>;
  resources: RoutingResources;
}): RoutePolicy {
  const configPath = `routes[${index}]`;
  const base = { name: route.name, configPath, maxTargets: route.maxTargets };
  switch (route.strategy) {
    case 'rules': {
      const listed = uniqueIds([
        ...route.rules.flatMap((rule) => rule.models),
        ...(route.default ?? []),
      ]);
      return {
        ...base,
        strategy: 'rules',
        candidateIds:
          route.candidates ?? (route.default ? listed : uniqueIds([...listed, ...chatIds])),
        rules: route.rules.map((rule) => ({
          when: rule.when as RuleCondition,
          models: rule.models,
        })),
        defaultModels: route.default,
      };
    }
    case 'cost-quality':
      if (route.qualityPriorsFrom !== undefined && !resources.datasetPriors.has(index))
        throw new Error(
          `${configPath}.qualityPriorsFrom was not loaded: build the server with createGatewayServer (it loads routing files).`,
        );
      return {
        ...base,
        strategy: 'cost-quality',
        candidateIds: route.candidates ?? chatIds,
        preset: route.preset,
        priceWeight: route.priceWeight,
        constraints: route.constraints,
        priors: mergePriors({
          configured: route.qualityPriors,
          fromDataset: resources.datasetPriors.get(index),
          configPath,
        }),
      };
    case 'cascade':
      return {
        ...base,
        strategy: 'cascade',
        candidateIds: route.candidates ?? route.models,
        models: route.models,
        cascade: {
          checks: route.checks,
          ...(route.verifier
            ? {
                verifier: {
                  minCharacters: route.verifier.minCharacters,
                  ...(route.verifier.pattern === undefined
                    ? {}
                    : { pattern: new RegExp(route.verifier.pattern) }),
                },
              }
            : {}),
        },
      };
    case 'least-latency':
      return { ...base, strategy: 'least-latency', candidateIds: route.candidates ?? chatIds };
    case 'weighted':
      return {
        ...base,
        strategy: 'weighted',
        candidateIds: route.candidates ?? Object.keys(route.weights),
        weights: new Map(Object.entries(route.weights)),
      };
    case 'learned': {
      const watched = resources.learnedRouters.get(index);
      if (!watched)
        throw new Error(
          `${configPath}.artifact was not loaded: build the server with createGatewayServer (it loads routing files).`,
        );
      const artifactNames = new Map<string, string>();
      for (const [artifactName, modelId] of Object.entries(route.modelMap))
        artifactNames.set(modelId, artifactName);
      return {
        ...base,
        strategy: 'learned',
        candidateIds: route.candidates ?? chatIds,
        router: () => watched.current(),
        artifactPath: route.artifact,
        objective: route.objective,
        lambda: route.lambda,
        artifactNames,
      };
    }
  }
}

/**
 * Compiles the configured routes into the policies `selectTargets` decides with, and adds the
 * default `auto` route (cost-quality, balanced, over every chat model) unless the config has one.
 */
export function compileRoutes({
  config,
  candidates,
  resources,
}: {
  config: GatewayConfig;
  candidates: ReadonlyMap<string, RouteCandidate>;
  resources: RoutingResources;
}): Map<string, RoutePolicy> {
  const chatIds = [...candidates.keys()];
  const routes = new Map<string, RoutePolicy>();
  config.routes.forEach((route, index) => {
    routes.set(route.name, compileRoute({ route, index, chatIds, resources }));
  });
  if (!routes.has(DEFAULT_ROUTE_NAME)) {
    routes.set(DEFAULT_ROUTE_NAME, {
      name: DEFAULT_ROUTE_NAME,
      configPath: 'built-in',
      strategy: 'cost-quality',
      candidateIds: chatIds,
      maxTargets: 3,
      preset: 'balanced',
      priceWeight: undefined,
      constraints: {},
      priors: new Map(),
    });
  }
  return routes;
}
