import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../config/index.js';
import {
  buildRoutingTable,
  CircuitBreakers,
  createProviders,
  createRequestLogStage,
  createRoutingStage,
  Gateway,
  LatencyTracker,
  loadReplayLookups,
  loadRoutingResources,
  ModelRegistry,
  NO_ROUTING_RESOURCES,
  type GatewayStage,
  type RoutingResources,
  type RoutingTable,
} from '../gateway/index.js';
import type { FetchFunction } from '../provider-utils/index.js';
import { createSqliteRequestLogStore, type RequestLogStore } from '../store/index.js';
import { registerAnthropicRoutes } from './anthropic-messages/anthropic-messages-route.js';
import { createApp } from './create-app.js';
import { registerDecisionsRoute } from './decisions-route.js';
import { EmbeddingGateway } from '../gateway/embedding-gateway.js';
import { registerOpenAIEmbeddingsRoute } from './openai-embeddings/openai-embeddings-route.js';
import { registerOpenAIResponsesRoute } from './openai-responses/openai-responses-route.js';

/** A ready-to-listen gateway and everything it owns. */
export type GatewayServer = {
  readonly app: FastifyInstance;
  readonly gateway: Gateway;
  readonly registry: ModelRegistry;
  readonly requestLog: RequestLogStore | undefined;
  /** Routes, candidates and teams: what routing decides with. */
  readonly routing: RoutingTable;
  /** Problems worth logging at startup (models the catalogue does not know, ...). */
  readonly startupWarnings: ReadonlyArray<string>;
  /** Stops accepting requests, finishes the log and closes upstream pools. */
  close(): Promise<void>;
};

/** Loads the files routes need (price file, prior datasets, learned routers), then builds the server. */
export async function createGatewayServer(
  options: Omit<Parameters<typeof buildGatewayServer>[0], 'routingResources'> & {
    /** Where relative paths in `catalogue` and `routes` are resolved from; the working directory by default. */
    baseDir?: string;
  },
): Promise<GatewayServer> {
  // A bad replay dataset stops the start-up instead of failing every call.
  const replayLookups = await loadReplayLookups({ config: options.config });
  const resources = await loadRoutingResources({
    config: options.config,
    ...(options.baseDir === undefined ? {} : { baseDir: options.baseDir }),
  });
  try {
    return buildGatewayServer({ ...options, routingResources: resources, replayLookups });
  } catch (error) {
    resources.close();
    throw error;
  }
}

/** Wires config → providers → registry → stages → gateway → HTTP app. The composition root. */
export function buildGatewayServer({
  config,
  logger = false,
  fetch,
  requestLogPath,
  env = process.env,
  routingResources = NO_ROUTING_RESOURCES,
  replayLookups,
  random,
}: {
  config: GatewayConfig;
  logger?: boolean | { level: string };
  /** Injected upstream fetch (tests). */
  fetch?: FetchFunction;
  /** Overrides `<dataDir>/switchyard.db` (tests use ':memory:'). */
  requestLogPath?: string;
  /** Environment for credentials the config leaves out (AWS). Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Files routes need, loaded by {@link createGatewayServer}; none by default. */
  routingResources?: RoutingResources;
  /** Replay datasets of simulated providers, loaded up front by {@link createGatewayServer}. */
  replayLookups?: Parameters<typeof createProviders>[0]['replayLookups'];
  /** Draws for weighted routes (tests pin it). */
  random?: () => number;
}): GatewayServer {
  const providers = createProviders({
    config,
    env,
    ...(fetch ? { fetch } : {}),
    ...(replayLookups ? { replayLookups } : {}),
  });
  const registry = new ModelRegistry({ config, providers });
  const { table: routing, warnings: startupWarnings } = buildRoutingTable({
    config,
    resources: routingResources,
  });
  const breakers = new CircuitBreakers({
    settings: {
      failureThreshold: config.retries.circuitFailureThreshold,
      cooldownMs: config.retries.circuitCooldownMs,
    },
  });
  const latency = new LatencyTracker();
  const requestLog = config.requestLog.enabled
    ? createSqliteRequestLogStore({ path: requestLogPath ?? join(config.dataDir, 'switchyard.db') })
    : undefined;
  const router = createRoutingStage({
    registry,
    table: routing,
    breakers,
    latency,
    ...(random ? { random } : {}),
  });
  const stages: GatewayStage[] = [router, latency.stage];
  if (requestLog) {
    stages.push(
      createRequestLogStage({
        store: requestLog,
        storeContent: config.requestLog.storeContent,
        maxContentBytes: config.requestLog.maxContentBytes,
      }),
    );
  }
  const gateway = new Gateway({
    stages,
    retryPolicy: config.retries,
    breakers,
    deadlineMs: config.retries.deadlineMs,
  });
  const app = createApp({
    config,
    gateway,
    registry,
    logger,
    routes: [
      (instance) => registerAnthropicRoutes({ app: instance, gateway, router }),
      (instance) => registerOpenAIResponsesRoute({ app: instance, gateway }),
      (instance) => registerDecisionsRoute({ app: instance, requestLog }),
      (instance) =>
        registerOpenAIEmbeddingsRoute({
          app: instance,
          gateway: new EmbeddingGateway({ registry, stages }),
        }),
    ],
  });
  return {
    app,
    gateway,
    registry,
    requestLog,
    routing,
    startupWarnings,
    async close() {
      routingResources.close();
      await app.close();
      await requestLog?.close();
      await Promise.all(
        [...providers.values()].map((provider) => provider.close?.() ?? Promise.resolve()),
      );
    },
  };
}
