import type { GatewayStage } from './gateway-stage.js';
import type { ModelRegistry } from './model-registry.js';

/** Resolves the requested model name to its configured target. The router replaces this later. */
export function createResolveModelStage({ registry }: { registry: ModelRegistry }): GatewayStage {
  return {
    name: 'resolve-model',
    beforeCall(context) {
      context.targets = [registry.resolve(context.call.requestedModel)];
    },
  };
}
