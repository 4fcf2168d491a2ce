import { ConfigError, type GatewayConfig, type ProviderConfig } from '../config/index.js';
import type { FetchFunction } from '../provider-utils/index.js';
import {
  createAmazonBedrockProvider,
  resolveAwsCredentials,
  resolveAwsRegion,
  type AwsCredentialsProvider,
} from '../providers/amazon-bedrock/index.js';
import { createAnthropicProvider } from '../providers/anthropic/index.js';
import { createAzureOpenAIProvider } from '../providers/azure-openai/index.js';
import { createGoogleProvider } from '../providers/google/index.js';
import { createMistralProvider } from '../providers/mistral/index.js';
import { createOpenAICompatibleProvider } from '../providers/openai-compatible/index.js';
import { createOpenAIProvider } from '../providers/openai/index.js';
import { createSimulatedProvider } from '../providers/simulated/index.js';
import { assertNever, type ProviderV1 } from '../spec/index.js';

/** Creates one provider instance per `providers` entry of the config. */
export function createProviders({
  config,
  env,
  fetch,
}: {
  config: GatewayConfig;
  /** Where AWS credentials and regions are read from when the config gives none. */
  env: NodeJS.ProcessEnv;
  /** Injected fetch for tests; production uses each provider's pooled client. */
  fetch?: FetchFunction;
}): Map<string, ProviderV1> {
  const providers = new Map<string, ProviderV1>();
  for (const [id, providerConfig] of Object.entries(config.providers)) {
    providers.set(id, createProvider({ id, providerConfig, env, ...(fetch ? { fetch } : {}) }));
  }
  return providers;
}

function createProvider({
  id,
  providerConfig,
  env,
  fetch,
}: {
  id: string;
  providerConfig: ProviderConfig;
  env: NodeJS.ProcessEnv;
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
    case 'google':
      return createGoogleProvider({
        id,
        timeouts: providerConfig.timeouts,
        ...optional({
          apiKey: providerConfig.apiKey,
          baseURL: providerConfig.baseURL,
          headers: providerConfig.headers,
        }),
        ...io,
      });
    case 'azure-openai':
      return createAzureOpenAIProvider({
        id,
        timeouts: providerConfig.timeouts,
        useV1Api: providerConfig.useV1Api,
        ...optional({
          resourceName: providerConfig.resourceName,
          baseURL: providerConfig.baseURL,
          apiVersion: providerConfig.apiVersion,
          apiKey: providerConfig.apiKey,
          token: providerConfig.token,
          headers: providerConfig.headers,
        }),
        ...io,
      });
    case 'mistral':
      return createMistralProvider({
        id,
        timeouts: providerConfig.timeouts,
        ...optional({
          apiKey: providerConfig.apiKey,
          baseURL: providerConfig.baseURL,
          headers: providerConfig.headers,
        }),
        ...io,
      });
    case 'amazon-bedrock': {
      const region = providerConfig.region ?? resolveAwsRegion(env);
      if (region === undefined) {
        throw new ConfigError({
          message: `providers.${id}.region is not set and neither is AWS_REGION or AWS_DEFAULT_REGION; give the Bedrock region (e.g. "us-east-1").`,
        });
      }
      const { accessKeyId, secretAccessKey, sessionToken } = providerConfig;
      const credentials =
        accessKeyId !== undefined && secretAccessKey !== undefined
          ? {
              accessKeyId,
              secretAccessKey,
              ...(sessionToken === undefined ? {} : { sessionToken }),
            }
          : providerConfig.apiKey === undefined
            ? cachedAwsCredentials(env)
            : undefined;
      return createAmazonBedrockProvider({
        id,
        region,
        timeouts: providerConfig.timeouts,
        ...optional({
          regionByModel: providerConfig.regionByModel,
          apiKey: providerConfig.apiKey,
          baseURL: providerConfig.baseURL,
          headers: providerConfig.headers,
          credentials,
        }),
        ...io,
      });
    }
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

/**
 * Loads AWS credentials from the environment or the shared credentials file on first use and
 * keeps them for five minutes, so rotated files are picked up without a restart.
 */
function cachedAwsCredentials(env: NodeJS.ProcessEnv): AwsCredentialsProvider {
  let cached:
    { loadedAtMs: number; value: Promise<Awaited<ReturnType<AwsCredentialsProvider>>> } | undefined;
  return () => {
    const nowMs = Date.now();
    if (!cached || nowMs - cached.loadedAtMs > 300_000) {
      const value = resolveAwsCredentials({ env }).then((resolved) => resolved.credentials);
      cached = { loadedAtMs: nowMs, value };
      value.catch(() => {
        cached = undefined;
      });
    }
    return cached.value;
  };
}

/** Drops undefined values, for settings objects under exactOptionalPropertyTypes. */
function optional<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) result[key] = value;
  return result as { [K in keyof T]?: Exclude<T[K], undefined> };
}
