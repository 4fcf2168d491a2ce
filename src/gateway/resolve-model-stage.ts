import type { GatewayStage } from './gateway-stage.js';
import type { ModelRegistry } from './model-registry.js';

/**
 * Resolves the requested model name to its configured target, followed by the model's configured
 * fallbacks. The router replaces this stage later.
 */
export function createResolveModelStage({ registry }: { registry: ModelRegistry }): GatewayStage {
  return {
    name: 'resolve-model',
    beforeCall(context) {
      const target = registry.resolve(context.call.requestedModel);
      const fallbacks = registry.fallbacksOf(target.modelId);
      context.targets = fallbacks.length === 0 ? [target] : [target, ...fallbacks];
    },
  };
}
