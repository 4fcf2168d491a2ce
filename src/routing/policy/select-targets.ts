import type { ModelCatalogueEntry } from '../catalogue/model-catalogue-entry.js';
import { scoreTradeOff, type LearnedRouter } from '../learned/learned-router.js';
import type { RouterObjective } from '../learned/operating-points.js';
import type { TaskFamily } from '../classifier/task-family.js';
import { headerValue, type RequestProfile, type Tradeoff } from './request-profile.js';
import type {
  CandidateFilter,
  CascadeRoute,
  CostQualityPreset,
  CostQualityRoute,
  LearnedRoute,
  LeastLatencyRoute,
  RouteCandidate,
  RoutePolicy,
  RoutingStats,
  RuleCondition,
  RulesRoute,
  WeightedRoute,
} from './route-policy.js';
import type { CandidateVerdict, RoutingDecision } from './routing-decision.js';

/** Input of {@link selectTargets}. Everything the decision depends on is passed in. */
export type SelectTargetsInput = {
  readonly route: RoutePolicy;
  readonly request: RequestProfile;
  /** Every configured chat model by id. */
  readonly candidates: ReadonlyMap<string, RouteCandidate>;
  readonly stats: RoutingStats;
  /** A uniform draw in [0, 1) for weighted splitting. */
  readonly random: number;
  /** Extra eligibility checks (governance, budgets), run after the capability checks. */
  readonly filters?: ReadonlyArray<CandidateFilter>;
};

/** Quality points given up per tenfold price difference, per preset. */
export const PRESET_PRICE_WEIGHTS: Readonly<Record<CostQualityPreset, number>> = {
  quality: 0,
  balanced: 0.05,
  cost: 1,
};

/** Cost floor for log-price comparisons, in US dollars (free local models). */
const MIN_COST_USD = 1e-7;

/**
 * How much the price-derived quality guess spreads models apart per task family, for routes with
 * no measured priors: hard tasks separate strong and small models more than easy ones.
 */
const ASSUMED_QUALITY_SPREAD: Readonly<Record<TaskFamily, number>> = {
  math: 1,
  reasoning: 1,
  'code-generation': 1,
  'knowledge-qa': 0.5,
  summarization: 0.5,
  translation: 0.5,
  'creative-writing': 0.5,
  'multiple-choice': 0.3,
  extraction: 0.3,
  'code-completion': 0.3,
  chat: 0.3,
};

/** Predicted cost of the request on a model, in US dollars. */
export function predictCostUsd(entry: ModelCatalogueEntry, request: RequestProfile): number {
  return (
    (request.estimatedInputTokens * entry.inputUsdPerMillionTokens +
      request.expectedOutputTokens * entry.outputUsdPerMillionTokens) /
    1e6
  );
}

/**
 * A quality guess from price alone, for models without measured priors: pricier models are
 * assumed better, by more on hard task families. Only a starting point; measured priors
 * (`qualityPriors`, `qualityPriorsFrom`) or a learned router replace it.
 */
export function assumedQuality(entry: ModelCatalogueEntry, family: TaskFamily): number {
  const blendedPrice = (entry.inputUsdPerMillionTokens + 3 * entry.outputUsdPerMillionTokens) / 4;
  const quality = 0.55 + ASSUMED_QUALITY_SPREAD[family] * 0.12 * Math.log10(1 + blendedPrice);
  return Math.min(0.95, Math.max(0.3, quality));
}

/** A cost for explanations: 4 decimals from a cent up, 2 significant digits below. */
export function formatUsd(value: number): string {
  if (value === 0) return '$0';
  return value >= 0.01 ? `$${value.toFixed(4)}` : `$${value.toPrecision(2)}`;
}

function round(value: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Capability and size checks: why `candidate` cannot serve `request` (empty when it can). */
function capabilityExclusions(candidate: RouteCandidate, request: RequestProfile): string[] {
  const { entry } = candidate;
  const reasons: string[] = [];
  const { needs } = request;
  if (needs.tools && !entry.supportsTools) reasons.push('does not support tools');
  if (needs.images && !entry.supportsVision) reasons.push('does not accept images');
  if (needs.jsonSchema && !entry.supportsJsonSchema)
    reasons.push('cannot follow a JSON schema (response_format json_schema)');
  const needed = request.estimatedInputTokens + (request.requestedOutputTokens ?? 0);
  if (needed > entry.contextWindowTokens) {
    reasons.push(
      `context window of ${entry.contextWindowTokens} tokens is smaller than ~${request.estimatedInputTokens} prompt tokens${request.requestedOutputTokens === undefined ? '' : ` + ${request.requestedOutputTokens} output tokens`}`,
    );
  }
  if (
    request.requestedOutputTokens !== undefined &&
    request.requestedOutputTokens > entry.maxOutputTokens
  ) {
    reasons.push(
      `max output of ${entry.maxOutputTokens} tokens is below the requested ${request.requestedOutputTokens}`,
    );
  }
  return reasons;
}

function createVerdict({
  candidate,
  input,
}: {
  candidate: RouteCandidate;
  input: SelectTargetsInput;
}): CandidateVerdict {
  const { request, stats, filters } = input;
  const excludedBy = capabilityExclusions(candidate, request);
  if (filters) {
    for (const filter of filters) {
      const reason = filter({ candidate, request });
      if (reason !== undefined) excludedBy.push(reason);
    }
  }
  const notes: string[] = [];
  if (candidate.entrySource === 'assumed')
    notes.push('not in the catalogue: capabilities assumed, price taken as $0');
  return {
    modelId: candidate.modelId,
    providerId: candidate.providerId,
    configPath: candidate.configPath,
    excludedBy,
    notes,
    predictedQuality: undefined,
    qualitySource: undefined,
    predictedCostUsd: predictCostUsd(candidate.entry, request),
    predictedLatencyMs: stats.latencyMs(candidate.modelId),
    score: undefined,
    rank: undefined,
  };
}

type Ranking = {
  /** Eligible verdicts in the order to try them. */
  readonly order: CandidateVerdict[];
  readonly reason: string;
  readonly objective: string | undefined;
};

function matchesRule(when: RuleCondition, request: RequestProfile): boolean {
  if (when.task && !when.task.includes(request.task.family)) return false;
  if (when.minInputTokens !== undefined && request.estimatedInputTokens < when.minInputTokens)
    return false;
  if (when.maxInputTokens !== undefined && request.estimatedInputTokens > when.maxInputTokens)
    return false;
  if (when.tools !== undefined && when.tools !== request.needs.tools) return false;
  if (when.images !== undefined && when.images !== request.needs.images) return false;
  if (when.json !== undefined && when.json !== request.needs.json) return false;
  if (when.keys && (request.keyId === undefined || !when.keys.includes(request.keyId)))
    return false;
  if (when.teams && (request.team === undefined || !when.teams.includes(request.team)))
    return false;
  if (when.headers) {
    for (const [name, expected] of Object.entries(when.headers)) {
      const actual = headerValue(request.headers, name.toLowerCase());
      if (actual === undefined) return false;
      if (typeof expected === 'string' ? actual !== expected : !expected.includes(actual))
        return false;
    }
  }
  return true;
}

function describeRule(when: RuleCondition): string {
  const parts: string[] = [];
  if (when.task) parts.push(`task ${when.task.join('|')}`);
  if (when.minInputTokens !== undefined) parts.push(`≥${when.minInputTokens} tokens`);
  if (when.maxInputTokens !== undefined) parts.push(`≤${when.maxInputTokens} tokens`);
  if (when.tools !== undefined) parts.push(when.tools ? 'tools' : 'no tools');
  if (when.images !== undefined) parts.push(when.images ? 'images' : 'no images');
  if (when.json !== undefined) parts.push(when.json ? 'JSON' : 'not JSON');
  if (when.headers) parts.push(`headers ${Object.keys(when.headers).join(', ')}`);
  if (when.keys) parts.push(`key ${when.keys.join('|')}`);
  if (when.teams) parts.push(`team ${when.teams.join('|')}`);
  return parts.join(', ') || 'always';
}

/** Orders `verdicts` as `ids` lists them, leaving out the excluded and the unlisted. */
function inListedOrder(
  ids: ReadonlyArray<string>,
  verdicts: ReadonlyMap<string, CandidateVerdict>,
): CandidateVerdict[] {
  const order: CandidateVerdict[] = [];
  for (const id of ids) {
    const verdict = verdicts.get(id);
    if (verdict && verdict.excludedBy.length === 0 && !order.includes(verdict)) order.push(verdict);
  }
  return order;
}

function rankRules(
  route: RulesRoute,
  input: SelectTargetsInput,
  verdicts: Map<string, CandidateVerdict>,
): Ranking {
  const index = route.rules.findIndex((rule) => matchesRule(rule.when, input.request));
  const rule = route.rules[index];
  const listed = rule ? rule.models : (route.defaultModels ?? route.candidateIds);
  for (const verdict of verdicts.values()) {
    if (!listed.includes(verdict.modelId)) verdict.notes.push('not listed by the matching rule');
  }
  const order = inListedOrder(listed, verdicts);
  const because = rule
    ? `rule ${index + 1} (${describeRule(rule.when)}) of ${route.configPath} matched`
    : `no rule matched, so the ${route.defaultModels ? 'default list' : 'candidates in config order'} applied`;
  return {
    order,
    reason: order[0] ? `${because}; '${order[0].modelId}' is its first eligible model` : because,
    objective: undefined,
  };
}

/** The price weight of a cost-quality route, or the client's `x-switchyard-tradeoff`. */
function resolvePriceWeight(
  route: CostQualityRoute,
  tradeoff: Tradeoff | undefined,
): { weight: number; label: string } {
  if (tradeoff !== undefined) {
    return 'preset' in tradeoff
      ? {
          weight: PRESET_PRICE_WEIGHTS[tradeoff.preset],
          label: `${tradeoff.preset} (x-switchyard-tradeoff)`,
        }
      : {
          weight: tradeoff.weight,
          label: `price weight ${tradeoff.weight} (x-switchyard-tradeoff)`,
        };
  }
  if (route.priceWeight !== undefined)
    return { weight: route.priceWeight, label: `price weight ${route.priceWeight}` };
  return { weight: PRESET_PRICE_WEIGHTS[route.preset], label: route.preset };
}

function rankCostQuality(
  route: CostQualityRoute,
  input: SelectTargetsInput,
  verdicts: Map<string, CandidateVerdict>,
): Ranking {
  const { request } = input;
  const family = request.task.family;
  const { weight, label } = resolvePriceWeight(route, request.tradeoff);
  const { constraints } = route;
  const eligible: CandidateVerdict[] = [];
  for (const verdict of verdicts.values()) {
    const prior = route.priors.get(verdict.modelId);
    const measured = prior?.byFamily[family] ?? prior?.default;
    const candidate = input.candidates.get(verdict.modelId);
    if (measured !== undefined && prior) {
      verdict.predictedQuality = measured;
      verdict.qualitySource =
        prior.byFamily[family] !== undefined
          ? `${prior.source} (${family})`
          : `${prior.source} (default)`;
    } else if (candidate) {
      verdict.predictedQuality = round(assumedQuality(candidate.entry, family));
      verdict.qualitySource = 'assumed from price (no measured prior)';
    }
    const quality = verdict.predictedQuality ?? 0;
    if (constraints.minQuality !== undefined && quality < constraints.minQuality)
      verdict.excludedBy.push(
        `predicted quality ${round(quality)} is below minQuality ${constraints.minQuality}`,
      );
    if (constraints.maxCostUsd !== undefined && verdict.predictedCostUsd > constraints.maxCostUsd)
      verdict.excludedBy.push(
        `predicted cost ${formatUsd(verdict.predictedCostUsd)} is above maxCostUsd ${formatUsd(constraints.maxCostUsd)}`,
      );
    if (
      constraints.maxLatencyMs !== undefined &&
      verdict.predictedLatencyMs !== undefined &&
      verdict.predictedLatencyMs > constraints.maxLatencyMs
    )
      verdict.excludedBy.push(
        `observed latency ${Math.round(verdict.predictedLatencyMs)} ms is above maxLatencyMs ${constraints.maxLatencyMs}`,
      );
    if (verdict.excludedBy.length === 0) eligible.push(verdict);
  }
  let cheapest = Infinity;
  for (const verdict of eligible) cheapest = Math.min(cheapest, verdict.predictedCostUsd);
  const floor = Math.max(cheapest, MIN_COST_USD);
  for (const verdict of eligible) {
    const decades = Math.log10(Math.max(verdict.predictedCostUsd, MIN_COST_USD) / floor);
    verdict.score = round((verdict.predictedQuality ?? 0) - weight * Math.max(0, decades), 4);
  }
  eligible.sort(
    (a, b) =>
      (b.score ?? 0) - (a.score ?? 0) ||
      a.predictedCostUsd - b.predictedCostUsd ||
      route.candidateIds.indexOf(a.modelId) - route.candidateIds.indexOf(b.modelId),
  );
  const [first, second] = eligible;
  const objective = `${label}: predicted quality − ${weight} × decades of price above the cheapest eligible model`;
  if (!first) return { order: eligible, reason: 'no eligible model', objective };
  const versus = second
    ? ` vs ${second.score} for '${second.modelId}' (quality ${second.predictedQuality}, ${formatUsd(second.predictedCostUsd)})`
    : ' (the only eligible model)';
  return {
    order: eligible,
    reason: `'${first.modelId}' scored highest for ${family}: ${first.score} (quality ${first.predictedQuality}, ${formatUsd(first.predictedCostUsd)})${versus}`,
    objective,
  };
}

function rankCascade(route: CascadeRoute, verdicts: Map<string, CandidateVerdict>): Ranking {
  const order = inListedOrder(route.models, verdicts);
  const [first, next] = order;
  return {
    order,
    reason: first
      ? `cascade: '${first.modelId}' answers first${next ? `; '${next.modelId}' is asked if a check fails` : ''}`
      : 'no eligible model',
    objective: undefined,
  };
}

function rankLeastLatency(
  route: LeastLatencyRoute,
  verdicts: Map<string, CandidateVerdict>,
): Ranking {
  const order = inListedOrder(route.candidateIds, verdicts);
  // Unmeasured models first, in config order, so each gets measured; then fastest first.
  order.sort((a, b) => {
    const left = a.predictedLatencyMs ?? -1;
    const right = b.predictedLatencyMs ?? -1;
    return left - right;
  });
  const first = order[0];
  const reason = !first
    ? 'no eligible model'
    : first.predictedLatencyMs === undefined
      ? `'${first.modelId}' has no latency measured yet, so it is tried to measure it`
      : `'${first.modelId}' has the lowest observed latency (${Math.round(first.predictedLatencyMs)} ms moving average)`;
  return { order, reason, objective: 'lowest observed latency (moving average)' };
}

function rankWeighted(
  route: WeightedRoute,
  input: SelectTargetsInput,
  verdicts: Map<string, CandidateVerdict>,
): Ranking {
  const eligible = inListedOrder([...route.weights.keys()], verdicts);
  let total = 0;
  for (const verdict of eligible) total += route.weights.get(verdict.modelId) ?? 0;
  for (const verdict of eligible)
    verdict.score = round((route.weights.get(verdict.modelId) ?? 0) / total, 4);
  let draw = input.random * total;
  let picked = eligible[eligible.length - 1];
  for (const verdict of eligible) {
    draw -= route.weights.get(verdict.modelId) ?? 0;
    if (draw < 0) {
      picked = verdict;
      break;
    }
  }
  if (!picked) return { order: [], reason: 'no eligible model', objective: undefined };
  const rest = eligible
    .filter((verdict) => verdict !== picked)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  return {
    order: [picked, ...rest],
    reason: `'${picked.modelId}' drawn with probability ${picked.score} by weight`,
    objective: 'weighted split',
  };
}

/** The first 12 hex digits of an artifact's content hash (`sha256:…`). */
function shortHash(contentHash: string): string {
  return contentHash.replace(/^sha256:/, '').slice(0, 12);
}

/**
 * The trade-off of a learned route: the client's `x-switchyard-tradeoff` (`quality`, `cost`,
 * `balanced` = the route's own, or a number = lambda), else the route's `lambda`, else its
 * objective's operating point chosen on train. `Infinity` means the cheapest.
 */
function resolveLearnedTradeoff(
  route: LearnedRoute,
  router: LearnedRouter,
  tradeoff: Tradeoff | undefined,
): { objective: RouterObjective; lambda: number; label: string } {
  const fromObjective = (objective: RouterObjective, label: string) => ({
    objective,
    lambda: router.operatingPoints[objective].lambda ?? Infinity,
    label,
  });
  if (tradeoff !== undefined && 'weight' in tradeoff)
    return {
      objective: route.objective,
      lambda: tradeoff.weight,
      label: 'lambda (x-switchyard-tradeoff)',
    };
  if (tradeoff?.preset === 'quality')
    return fromObjective('max-quality', 'max-quality (x-switchyard-tradeoff)');
  if (tradeoff?.preset === 'cost')
    return fromObjective('min-cost', 'min-cost (x-switchyard-tradeoff)');
  if (route.lambda !== undefined)
    return { objective: route.objective, lambda: route.lambda, label: 'lambda' };
  return fromObjective(route.objective, route.objective);
}

function rankLearned(
  route: LearnedRoute,
  input: SelectTargetsInput,
  verdicts: Map<string, CandidateVerdict>,
): Ranking {
  const router = route.router();
  if (!router) {
    const order = inListedOrder(route.candidateIds, verdicts);
    return {
      order,
      reason: `the learned router (${route.artifactPath}) is not loaded; candidates in config order`,
      objective: undefined,
    };
  }
  const names: string[] = [];
  const byName = new Map<string, CandidateVerdict>();
  for (const verdict of verdicts.values()) {
    if (verdict.excludedBy.length > 0) continue;
    const vendorModel = input.candidates.get(verdict.modelId)?.vendorModel;
    const name =
      route.artifactNames.get(verdict.modelId) ??
      (router.modelIds.includes(verdict.modelId) ? verdict.modelId : vendorModel);
    if (name === undefined || !router.modelIds.includes(name)) {
      verdict.excludedBy.push(
        `not in the learned router's training outcomes (artifact ${shortHash(router.contentHash)})`,
      );
      continue;
    }
    names.push(name);
    byName.set(name, verdict);
  }
  const { lambda, label } = resolveLearnedTradeoff(route, router, input.request.tradeoff);
  const { predictions } = router.predict({ prompt: input.request.promptText(), candidates: names });
  const order: CandidateVerdict[] = [];
  for (const prediction of predictions) {
    const verdict = byName.get(prediction.modelId);
    if (!verdict) continue;
    verdict.predictedQuality = round(prediction.predictedQuality);
    verdict.qualitySource = `learned router ${shortHash(router.contentHash)}`;
    verdict.score = round(
      scoreTradeOff({ prediction, lambda, costScaleUsd: router.costScaleUsd }),
      6,
    );
    order.push(verdict);
  }
  order.sort(
    (a, b) =>
      (b.score ?? 0) - (a.score ?? 0) ||
      a.predictedCostUsd - b.predictedCostUsd ||
      (b.predictedQuality ?? 0) - (a.predictedQuality ?? 0),
  );
  const first = order[0];
  const objectiveText = Number.isFinite(lambda)
    ? `${label}: predicted quality − ${round(lambda, 4)} × cost / $${router.costScaleUsd.toPrecision(3)}`
    : `${label}: cheapest predicted cost`;
  return {
    order,
    reason: first
      ? `'${first.modelId}' has the best learned trade-off (predicted quality ${first.predictedQuality}, score ${first.score})`
      : 'no eligible model',
    objective: objectiveText,
  };
}

function rank(
  route: RoutePolicy,
  input: SelectTargetsInput,
  verdicts: Map<string, CandidateVerdict>,
): Ranking {
  switch (route.strategy) {
    case 'rules':
      return rankRules(route, input, verdicts);
    case 'cost-quality':
      return rankCostQuality(route, input, verdicts);
    case 'cascade':
      return rankCascade(route, verdicts);
    case 'least-latency':
      return rankLeastLatency(route, verdicts);
    case 'weighted':
      return rankWeighted(route, input, verdicts);
    case 'learned':
      return rankLearned(route, input, verdicts);
  }
}

function describeNeeds(request: RequestProfile): string[] {
  const needs: string[] = [];
  if (request.needs.tools) needs.push('tools');
  if (request.needs.images) needs.push('images');
  if (request.needs.jsonSchema) needs.push('json-schema');
  else if (request.needs.json) needs.push('json');
  return needs;
}

/**
 * Decides which models serve a request through a route, in order, and why (STYLE.md rule 12).
 * Checks every candidate's eligibility (capabilities, context length, extra filters), ranks the
 * eligible ones by the route's strategy, moves models whose circuit is open to the end, and keeps
 * `route.maxTargets`. Pure: no I/O, no clock, no `Math.random()`; the same input gives the same
 * decision. When nothing is eligible, `targets` is empty and every candidate says why.
 */
export function selectTargets(input: SelectTargetsInput): RoutingDecision {
  const { route, request, candidates, stats } = input;
  const verdicts = new Map<string, CandidateVerdict>();
  for (const id of route.candidateIds) {
    const candidate = candidates.get(id);
    if (candidate) verdicts.set(id, createVerdict({ candidate, input }));
  }
  const ranking = rank(route, input, verdicts);
  const healthy: CandidateVerdict[] = [];
  const unwell: CandidateVerdict[] = [];
  for (const verdict of ranking.order) {
    if (stats.isCircuitOpen(verdict.modelId)) {
      verdict.notes.push('circuit open after repeated failures: moved to the end');
      unwell.push(verdict);
    } else healthy.push(verdict);
  }
  const chosen = [...healthy, ...unwell].slice(0, route.maxTargets);
  chosen.forEach((verdict, index) => {
    verdict.rank = index + 1;
  });
  const first = chosen[0];
  const reason =
    first && first !== ranking.order[0]
      ? `${ranking.reason}; but its circuit is open, so '${first.modelId}' is tried first`
      : ranking.reason;
  return {
    route: route.name,
    strategy: route.strategy,
    configPath: route.configPath,
    task: {
      family: request.task.family,
      confidence: request.task.confidence,
      signals: request.task.signals,
    },
    request: {
      estimatedInputTokens: request.estimatedInputTokens,
      expectedOutputTokens: request.expectedOutputTokens,
      needs: describeNeeds(request),
    },
    objective: ranking.objective,
    candidates: [...verdicts.values()],
    targets: chosen.map((verdict) => verdict.modelId),
    reason: chosen.length === 0 ? 'no candidate model can serve this request' : reason,
    cascadeChecks: route.strategy === 'cascade' ? route.cascade.checks : undefined,
  };
}

/** One line per excluded candidate, for the error a client gets when nothing is eligible. */
export function describeExclusions(decision: RoutingDecision): string {
  const lines = decision.candidates.map((verdict) =>
    verdict.excludedBy.length > 0
      ? `'${verdict.modelId}': ${verdict.excludedBy.join('; ')}`
      : `'${verdict.modelId}': ${verdict.notes.join('; ') || 'not chosen'}`,
  );
  return lines.join(' | ') || 'the route has no candidate models';
}
