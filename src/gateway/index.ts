export { createProviders } from './create-providers.js';
export { CLIENT_CLOSED_STATUS, Gateway } from './gateway.js';
export type { GatewayResult, GatewayStreamResult } from './gateway.js';
export type { CallOutcome, GatewayCall, GatewayStage, StageContext } from './gateway-stage.js';
export { isRouteName, ModelRegistry } from './model-registry.js';
export type { ListedModel, ResolvedTarget } from './model-registry.js';
export { createRequestLogStage } from './request-log-stage.js';
export { createResolveModelStage } from './resolve-model-stage.js';
