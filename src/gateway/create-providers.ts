import type { GatewayConfig, ProviderConfig } from '../config/index.js';
import type { FetchFunction } from '../provider-utils/index.js';
import { createAnthropicProvider } from '../providers/anthropic/index.js';
import { createOpenAICompatibleProvider } from '../providers/openai-compatible/index.js';
import { createOpenAIProvider } from '../providers/openai/index.js';
import { createSimulatedProvider } from '../providers/simulated/index.js';
import { assertNever, type ProviderV1 } from '../spec/index.js';

/** Creates one provider instance per `providers` entry of the config. */
export function createProviders({
  config,
  fetch,
}: {
  config: GatewayConfig;
  /** Injected fetch for tests; production uses each provider's pooled client. */
  fetch?: FetchFunction;
}): Map<string, ProviderV1> {
  const providers = new Map<string, ProviderV1>();
  for (const [id, providerConfig] of Object.entries(config.providers)) {
    providers.set(id, createProvider({ id, providerConfig, ...(fetch ? { fetch } : {}) }));
  }
  return providers;
}

function createProvider({
  id,
  providerConfig,
  fetch,
}: {
  id: string;
  providerConfig: ProviderConfig;
  fetch?: FetchFunction;
}): ProviderV1 {
  const io = { ...(fetch ? { fetch } : {}) };
  switch (providerConfig.type) {
    case 'openai':
      return createOpenAIProvider({
        id,
        timeouts: providerConfig.timeouts,
        ...optional({
          apiKey: providerConfig.apiKey,
          baseURL: providerConfig.baseURL,
          organization: providerConfig.organization,
          project: providerConfig.project,
          headers: providerConfig.headers,
        }),
        ...io,
      });
    case 'anthropic':
      return createAnthropicProvider({
        id,
        timeouts: providerConfig.timeouts,
        defaultMaxOutputTokens: providerConfig.defaultMaxOutputTokens,
        ...optional({
          apiKey: providerConfig.apiKey,
          baseURL: providerConfig.baseURL,
          headers: providerConfig.headers,
        }),
        ...io,
      });
    case 'openai-compatible':
      return createOpenAICompatibleProvider({
        id,
        flavor: providerConfig.flavor,
        timeouts: providerConfig.timeouts,
        ...optional({
          apiKey: providerConfig.apiKey,
          baseURL: providerConfig.baseURL,
          headers: providerConfig.headers,
        }),
        ...io,
      });
    case 'simulated':
      return createSimulatedProvider({
        id,
        latencyMs: providerConfig.latencyMs,
        tokensPerSecond: providerConfig.tokensPerSecond,
        outputTokens: providerConfig.outputTokens,
        failureRate: providerConfig.failureRate,
        seed: providerConfig.seed,
      });
    default:
      return assertNever(providerConfig);
  }
}

/** Drops undefined values, for settings objects under exactOptionalPropertyTypes. */
function optional<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) result[key] = value;
  return result as { [K in keyof T]?: Exclude<T[K], undefined> };
}
