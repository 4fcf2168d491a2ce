import { parseTaskFamily, TASK_FAMILIES } from '../routing/classifier/index.js';
import {
  describeExclusions,
  headerValue,
  parseTradeoff,
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
import type { GatewayCall, GatewayStage, StageContext } from './gateway-stage.js';
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

/** Where a request would go, decided without calling anything. */
export type RoutingPlan = {
  readonly targets: ResolvedTarget[];
  readonly decision: RoutingDecision;
};

/** The routing stage, which can also plan a request without running it (token counting). */
export type RoutingStage = GatewayStage & {
  /** The targets and decision for a request; throws like the stage when nothing can serve it. */
  plan(input: {
    readonly requestedModel: string;
    readonly request: GatewayCall['request'];
    readonly headers: GatewayCall['headers'];
    readonly keyId: string | undefined;
    readonly isStream: boolean;
  }): RoutingPlan;
};

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
}): RoutingStage {
  const plan: RoutingStage['plan'] = (input) => {
    const route = table.routes.get(input.requestedModel);
    if (!route) {
      const target = registry.resolve(input.requestedModel);
      const fallbacks = registry.fallbacksOf(target.modelId);
      const targets = fallbacks.length === 0 ? [target] : [target, ...fallbacks];
      return { targets, decision: directDecision(targets) };
    }
    const stats: RoutingStats = {
      latencyMs: (modelId) => latency.latencyMs(modelId, input.isStream),
      isCircuitOpen: (modelId) =>
        table.candidates.has(modelId) && breakers.isOpen(circuitKey(registry.resolve(modelId))),
    };
    const decision = selectTargets({
      route,
      request: profileRequest({
        request: input.request,
        headers: input.headers,
        keyId: input.keyId,
        team: input.keyId === undefined ? undefined : table.teamsByKeyId.get(input.keyId),
      }),
      candidates: table.candidates,
      stats,
      random: random(),
      filters,
    });
    if (decision.targets.length === 0) {
      throw new NoEligibleModelError({ decision });
    }
    return { targets: decision.targets.map((modelId) => registry.resolve(modelId)), decision };
  };
  return {
    name: 'routing',
    plan,
    beforeCall(context) {
      const { call } = context;
      const route = table.routes.get(call.requestedModel);
      if (route) warnAboutHints(context);
      try {
        const planned = plan({
          requestedModel: call.requestedModel,
          request: call.request,
          headers: call.headers,
          keyId: call.keyId,
          isStream: context.isStream,
        });
        context.targets = planned.targets;
        context.decision = planned.decision;
      } catch (error) {
        // The refusal is explained too: the decision lists what excluded each model.
        if (error instanceof NoEligibleModelError) context.decision = error.decision;
        throw error;
      }
      if (route?.strategy === 'cascade') context.cascade = route.cascade;
    },
  };
}

/** No candidate of a route can serve the request; the message names what excluded each. */
class NoEligibleModelError extends InvalidRequestError {
  readonly decision: RoutingDecision;
  constructor({ decision }: { decision: RoutingDecision }) {
    super({
      message: `No model of route '${decision.route}' can serve this request: ${describeExclusions(decision)}. Remove what the request needs that no model offers, or add a model that offers it to the route.`,
      param: 'model',
    });
    this.decision = decision;
  }
}

/** Routing hints the client sent that cannot be used are ignored, with a warning. */
function warnAboutHints(context: StageContext): void {
  const tradeoff = headerValue(context.call.headers, 'x-switchyard-tradeoff');
  if (tradeoff !== undefined && parseTradeoff(tradeoff) === undefined) {
    context.warnings.push({
      type: 'other',
      message: `ignored x-switchyard-tradeoff '${tradeoff.slice(0, 40)}': use quality, balanced, cost or a price weight >= 0`,
    });
  }
  const task = headerValue(context.call.headers, 'x-switchyard-task');
  if (task !== undefined && parseTaskFamily(task) === undefined) {
    context.warnings.push({
      type: 'other',
      message: `ignored x-switchyard-task '${task.slice(0, 40)}': use one of ${TASK_FAMILIES.join(', ')}`,
    });
  }
}
