export { checkCascadeAnswer } from './cascade-checks.js';
export type { CascadeAnswer } from './cascade-checks.js';
export {
  EXPECTED_OUTPUT_TOKENS,
  headerValue,
  parseTradeoff,
  profileRequest,
} from './request-profile.js';
export type { RequestHeaders, RequestNeeds, RequestProfile, Tradeoff } from './request-profile.js';
export { computeDatasetPriors, familyOfRecord } from './dataset-priors.js';
export type {
  CandidateFilter,
  CascadeCheck,
  CascadePolicy,
  CascadeRoute,
  CostConstraints,
  CostQualityPreset,
  CostQualityRoute,
  EntrySource,
  LearnedRoute,
  LeastLatencyRoute,
  QualityPrior,
  RouteCandidate,
  RoutePolicy,
  RoutingStats,
  RuleCondition,
  RulesRoute,
  WeightedRoute,
} from './route-policy.js';
export type { CandidateVerdict, RoutingDecision } from './routing-decision.js';
export {
  assumedQuality,
  describeExclusions,
  PRESET_PRICE_WEIGHTS,
  predictCostUsd,
  selectTargets,
} from './select-targets.js';
export type { SelectTargetsInput } from './select-targets.js';
