import { randomUUID } from 'node:crypto';
import type { GatewayConfig } from '../config/index.js';
import { loadReplayLookups } from '../gateway/create-providers.js';
import {
  createProviders,
  Gateway,
  ModelRegistry,
  type GatewayCall,
  type GatewayStage,
} from '../gateway/index.js';
import type { FetchFunction } from '../provider-utils/index.js';
import type { CanonicalRequest } from '../spec/index.js';
import type { CallModel } from './run-eval.js';

/** What the evaluation needs from the gateway core. */
export type EvalGateway = {
  readonly registry: ModelRegistry;
  /** Runs one request through the gateway core (model resolution, retries, fallbacks). */
  readonly callModel: CallModel;
  /** Releases upstream connection pools. */
  close(): Promise<void>;
};

/**
 * Builds the gateway core from a config, as `switchyard serve` does but without HTTP and without
 * the request log: providers (replay datasets loaded first, so a bad one stops here with a
 * ConfigError), the model registry, a model-resolution stage and the retrying executor.
 */
export async function createEvalGateway({
  config,
  env,
  fetch,
  now = () => performance.now(),
}: {
  config: GatewayConfig;
  env: NodeJS.ProcessEnv;
  fetch?: FetchFunction;
  now?: () => number;
}): Promise<EvalGateway & { readonly gateway: Gateway }> {
  const replayLookups = await loadReplayLookups({ config });
  const providers = createProviders({ config, env, replayLookups, ...(fetch ? { fetch } : {}) });
  const registry = new ModelRegistry({ config, providers });
  const gateway = new Gateway({
    stages: [createEvalTargetStage(registry)],
    retryPolicy: config.retries,
    deadlineMs: config.retries.deadlineMs,
  });
  return {
    gateway,
    registry,
    callModel: async ({ model, request, abortSignal }) => {
      const startedAtMonotonicMs = now();
      const result = await gateway.generate(
        createEvalCall({ model, request, abortSignal, startedAtMonotonicMs }),
      );
      return { response: result.response, latencyMs: now() - startedAtMonotonicMs };
    },
    async close() {
      await Promise.all(
        [...providers.values()].map((provider) => provider.close?.() ?? Promise.resolve()),
      );
    },
  };
}

/**
 * Resolves the requested model to its configured target, without its fallbacks: an evaluation
 * measures the named model, so another model's answer must never be recorded as its own.
 */
function createEvalTargetStage(registry: ModelRegistry): GatewayStage {
  return {
    name: 'eval-target',
    beforeCall(context) {
      const target = registry.resolve(context.call.requestedModel);
      context.targets = [target];
    },
  };
}

/** A gateway call for one evaluation request, as the OpenAI surface would build it. */
export function createEvalCall({
  model,
  request,
  abortSignal,
  startedAtMonotonicMs,
}: {
  model: string;
  request: CanonicalRequest;
  abortSignal: AbortSignal;
  startedAtMonotonicMs: number;
}): GatewayCall {
  return {
    requestId: `eval-${randomUUID()}`,
    dialect: 'openai-chat',
    requestedModel: model,
    request,
    warnings: [],
    keyId: undefined,
    // No HTTP request, so no headers: routing hints never apply to evaluation calls.
    headers: {},
    abortSignal,
    startedAtMs: Date.now(),
    startedAtMonotonicMs,
  };
}
