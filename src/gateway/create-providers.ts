import { join } from 'node:path';
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
import {
  createSimulatedProvider,
  normaliseReplayPromptKey,
  type SimulatedReplayLookup,
  type SimulatedReplayOutcome,
} from '../providers/simulated/index.js';
import {
  DatasetError,
  formatDatasetIssues,
  readOutcomeLines,
  type DatasetLineIssue,
} from '../routing/datasets/index.js';
import { assertNever, type ProviderV1 } from '../spec/index.js';

/** Creates one provider instance per `providers` entry of the config. */
export function createProviders({
  config,
  env,
  fetch,
  replayLookups,
}: {
  config: GatewayConfig;
  /** Where AWS credentials and regions are read from when the config gives none. */
  env: NodeJS.ProcessEnv;
  /** Injected fetch for tests; production uses each provider's pooled client. */
  fetch?: FetchFunction;
  /**
   * Replay datasets already loaded by {@link loadReplayLookups}, by provider id. A simulated
   * provider with `replay` that is missing here starts loading its dataset at once and answers
   * once it is loaded; a bad dataset then fails each call instead of the start-up.
   */
  replayLookups?: ReadonlyMap<string, SimulatedReplayLookup>;
}): Map<string, ProviderV1> {
  const providers = new Map<string, ProviderV1>();
  for (const [id, providerConfig] of Object.entries(config.providers)) {
    const replayLookup = replayLookups?.get(id);
    providers.set(
      id,
      createProvider({
        id,
        providerConfig,
        env,
        ...(fetch ? { fetch } : {}),
        ...(replayLookup ? { replayLookup } : {}),
      }),
    );
  }
  return providers;
}

type ReplayConfig = NonNullable<Extract<ProviderConfig, { type: 'simulated' }>['replay']>;

/**
 * Loads the replay dataset of every simulated provider that has `replay`, streaming
 * `outcomes.jsonl` through the dataset loader. Throws a ConfigError naming the file and every bad
 * line (with its number and reason), so a bad dataset stops the start-up.
 */
export async function loadReplayLookups({
  config,
}: {
  config: GatewayConfig;
}): Promise<Map<string, SimulatedReplayLookup>> {
  const lookups = new Map<string, SimulatedReplayLookup>();
  for (const [id, providerConfig] of Object.entries(config.providers)) {
    if (providerConfig.type !== 'simulated' || providerConfig.replay === undefined) continue;
    const table = await loadReplayTable({ providerId: id, replay: providerConfig.replay });
    lookups.set(id, (promptKey) => table.get(promptKey));
  }
  return lookups;
}

/** Recorded outcomes by normalised prompt; a prompt recorded twice keeps each model's first outcome. */
async function loadReplayTable({
  providerId,
  replay,
}: {
  providerId: string;
  replay: ReplayConfig;
}): Promise<Map<string, Record<string, SimulatedReplayOutcome>>> {
  const path = join(replay.data, 'outcomes.jsonl');
  const where = `providers.${providerId}.replay.data`;
  const table = new Map<string, Record<string, SimulatedReplayOutcome>>();
  const issues: DatasetLineIssue[] = [];
  try {
    for await (const line of readOutcomeLines({ path })) {
      if (line.type === 'issue') {
        issues.push({ lineNumber: line.lineNumber, reason: line.reason });
        continue;
      }
      const { record } = line;
      if (replay.split !== undefined && record.split !== replay.split) continue;
      const key = normaliseReplayPromptKey(record.prompt);
      const outcomes = table.get(key) ?? {};
      for (const [modelId, outcome] of Object.entries(record.outcomes)) {
        const { response, inputTokens, outputTokens, latencyMs } = outcome;
        outcomes[modelId] ??= optional({ response, inputTokens, outputTokens, latencyMs });
      }
      table.set(key, outcomes);
    }
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    throw new ConfigError({ message: `${where}: ${error.message}`, cause: error });
  }
  if (issues.length > 0) {
    throw new ConfigError({
      message: `${where}: ${issues.length} invalid line(s) in ${path}:\n${formatDatasetIssues({ issues })}\nFix those lines (see shared/data/FORMAT.md) or point replay.data at another dataset.`,
    });
  }
  if (table.size === 0) {
    throw new ConfigError({
      message: `${where}: ${path} has no ${replay.split === undefined ? '' : `'${replay.split}' `}prompts to replay; check the path and replay.split.`,
    });
  }
  return table;
}

/** A lookup that waits for its dataset, which starts loading at once. */
function createLazyReplayLookup({
  providerId,
  replay,
}: {
  providerId: string;
  replay: ReplayConfig;
}): SimulatedReplayLookup {
  const loading = loadReplayTable({ providerId, replay });
  // A load failure is reported by each call, not as an unhandled rejection.
  loading.catch(() => undefined);
  return async (promptKey) => (await loading).get(promptKey);
}

function createProvider({
  id,
  providerConfig,
  env,
  fetch,
  replayLookup,
}: {
  id: string;
  providerConfig: ProviderConfig;
  env: NodeJS.ProcessEnv;
  fetch?: FetchFunction;
  replayLookup?: SimulatedReplayLookup;
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
    case 'simulated': {
      const { replay } = providerConfig;
      return createSimulatedProvider({
        id,
        latencyMs: providerConfig.latencyMs,
        tokensPerSecond: providerConfig.tokensPerSecond,
        outputTokens: providerConfig.outputTokens,
        failureRate: providerConfig.failureRate,
        seed: providerConfig.seed,
        ...(replay === undefined
          ? {}
          : {
              replay: {
                lookup: replayLookup ?? createLazyReplayLookup({ providerId: id, replay }),
                latencyScale: replay.latencyScale,
                onMissing: replay.onMissing,
                description: join(replay.data, 'outcomes.jsonl'),
              },
            }),
      });
    }
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
