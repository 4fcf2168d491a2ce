export { createProviders, loadReplayLookups } from './create-providers.js';
export { CLIENT_CLOSED_STATUS, Gateway } from './gateway.js';
export type { GatewayResult, GatewayStreamResult } from './gateway.js';
export type { CallOutcome, GatewayCall, GatewayStage, StageContext } from './gateway-stage.js';
export { isRouteName, ModelRegistry } from './model-registry.js';
export type {
  ListedModel,
  ResolvedEmbeddingTarget,
  ResolvedTarget,
  TargetInfo,
} from './model-registry.js';
export { createRequestLogStage } from './request-log-stage.js';
export { CircuitBreakers } from './circuit-breakers.js';
export { compileRoutes, DEFAULT_ROUTE_NAME } from './compile-routes.js';
export { LatencyTracker } from './latency-tracker.js';
export { buildRouteCandidates } from './route-candidates.js';
export type { RouteCandidates } from './route-candidates.js';
export {
  loadImportedPrices,
  loadRoutingResources,
  NO_ROUTING_RESOURCES,
} from './routing-resources.js';
export type { RoutingResources } from './routing-resources.js';
export { buildRoutingTable, createRoutingStage } from './routing-stage.js';
export type { RoutingPlan, RoutingStage, RoutingTable } from './routing-stage.js';
