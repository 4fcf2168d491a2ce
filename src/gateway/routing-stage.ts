import { parseTaskFamily, TASK_FAMILIES } from '../routing/classifier/index.js';
import {
  describeExclusions,
  headerValue,
  profileRequest,
  selectTargets,
  type CandidateFilter,
  type RouteCandidate,
  type RoutePolicy,
  type RoutingDecision,
  type RoutingStats,
} from '../routing/policy/index.js';
import type { GatewayConfig } from '../config/index.js';
import { InvalidRequestError } from '../spec/index.js';
import { compileRoutes } from './compile-routes.js';
import { buildRouteCandidates } from './route-candidates.js';
import { NO_ROUTING_RESOURCES, type RoutingResources } from './routing-resources.js';
import { circuitKey, type CircuitBreakers } from './circuit-breakers.js';
import type { GatewayStage, StageContext } from './gateway-stage.js';
import type { LatencyTracker } from './latency-tracker.js';
import type { ModelRegistry, ResolvedTarget } from './model-registry.js';

/** Everything routing decides with; built once at startup. */
export type RoutingTable = {
  readonly routes: ReadonlyMap<string, RoutePolicy>;
  readonly candidates: ReadonlyMap<string, RouteCandidate>;
  /** Team of each gateway key id, for rules on teams. */
  readonly teamsByKeyId: ReadonlyMap<string, string>;
};

/** Builds the routing table from config and the files routes loaded. */
export function buildRoutingTable({
  config,
  resources = NO_ROUTING_RESOURCES,
}: {
  config: GatewayConfig;
  resources?: RoutingResources;
}): { table: RoutingTable; warnings: string[] } {
  const candidates = buildRouteCandidates({
    config,
    ...(resources.importedPrices ? { importedPrices: resources.importedPrices } : {}),
  });
  return {
    table: {
      routes: compileRoutes({ config, candidates: candidates.byId, resources }),
      candidates: candidates.byId,
      teamsByKeyId: new Map(
        config.auth.keys.flatMap((key) => (key.team === undefined ? [] : [[key.id, key.team]])),
      ),
    },
    warnings: [...resources.warnings, ...candidates.warnings],
  };
}

/** A decision for a request that named a model: that model, then its configured fallbacks. */
function directDecision(targets: ReadonlyArray<ResolvedTarget>): RoutingDecision {
  const first = targets[0];
  return {
    route: 'direct',
    strategy: 'direct',
    configPath: first?.configPath ?? '',
    task: undefined,
    request: undefined,
    objective: undefined,
    candidates: [],
    targets: targets.map((target) => target.modelId),
    reason:
      targets.length > 1
        ? `the client named '${first?.modelId}'; its configured fallbacks follow`
        : `the client named '${first?.modelId}'`,
    cascadeChecks: undefined,
  };
}

/**
 * The routing stage: a route name (`auto`, `auto-cheap`, `coding`) is decided by the route's
 * strategy over its eligible candidates; a model name resolves to that model and its configured
 * fallbacks. Either way it sets the targets and the decision that explains them. Refuses with a
 * 400 naming what excluded each model when no model can serve the request.
 */
export function createRoutingStage({
  registry,
  table,
  breakers,
  latency,
  filters = [],
  random = Math.random,
}: {
  registry: ModelRegistry;
  table: RoutingTable;
  breakers: CircuitBreakers;
  latency: LatencyTracker;
  /** Extra eligibility checks (governance, budgets) every route applies. */
  filters?: ReadonlyArray<CandidateFilter>;
  random?: () => number;
}): GatewayStage {
  return {
    name: 'routing',
    beforeCall(context) {
      const name = context.call.requestedModel;
      const route = table.routes.get(name);
      if (!route) {
        const target = registry.resolve(name);
        const fallbacks = registry.fallbacksOf(target.modelId);
        context.targets = fallbacks.length === 0 ? [target] : [target, ...fallbacks];
        context.decision = directDecision(context.targets);
        return;
      }
      decideRoute({ context, route, registry, table, breakers, latency, filters, random });
    },
  };
}

/** Routing hints the client sent that cannot be used are ignored, with a warning. */
function warnAboutHints(context: StageContext): void {
  const tradeoff = headerValue(context.call.headers, 'x-switchyard-tradeoff');
  if (tradeoff !== undefined) {
    const value = tradeoff.trim().toLowerCase();
    const number = Number(value);
    const isValid =
      value === 'quality' ||
      value === 'balanced' ||
      value === 'cost' ||
      (value !== '' && Number.isFinite(number) && number >= 0);
    if (!isValid) {
      context.warnings.push({
        type: 'other',
        message: `ignored x-switchyard-tradeoff '${tradeoff.slice(0, 40)}': use quality, balanced, cost or a price weight >= 0`,
      });
    }
  }
  const task = headerValue(context.call.headers, 'x-switchyard-task');
  if (task !== undefined && parseTaskFamily(task) === undefined) {
    context.warnings.push({
      type: 'other',
      message: `ignored x-switchyard-task '${task.slice(0, 40)}': use one of ${TASK_FAMILIES.join(', ')}`,
    });
  }
}

function decideRoute({
  context,
  route,
  registry,
  table,
  breakers,
  latency,
  filters,
  random,
}: {
  context: StageContext;
  route: RoutePolicy;
  registry: ModelRegistry;
  table: RoutingTable;
  breakers: CircuitBreakers;
  latency: LatencyTracker;
  filters: ReadonlyArray<CandidateFilter>;
  random: () => number;
}): void {
  const { call, isStream } = context;
  const stats: RoutingStats = {
    latencyMs: (modelId) => latency.latencyMs(modelId, isStream),
    isCircuitOpen: (modelId) => {
      const candidate = table.candidates.get(modelId);
      if (!candidate) return false;
      return breakers.isOpen(circuitKey(registry.resolve(modelId)));
    },
  };
  warnAboutHints(context);
  const request = profileRequest({
    request: call.request,
    headers: call.headers,
    keyId: call.keyId,
    team: call.keyId === undefined ? undefined : table.teamsByKeyId.get(call.keyId),
  });
  const decision = selectTargets({
    route,
    request,
    candidates: table.candidates,
    stats,
    random: random(),
    filters,
  });
  context.decision = decision;
  if (decision.targets.length === 0) {
    throw new InvalidRequestError({
      message: `No model of route '${route.name}' can serve this request: ${describeExclusions(decision)}. Remove what the request needs that no model offers, or add a model that offers it to the route.`,
      param: 'model',
    });
  }
  context.targets = decision.targets.map((modelId) => registry.resolve(modelId));
  if (route.strategy === 'cascade') context.cascade = route.cascade;
}
