import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../config/index.js';
import {
  createProviders,
  createRequestLogStage,
  createResolveModelStage,
  Gateway,
  ModelRegistry,
  type GatewayStage,
} from '../gateway/index.js';
import type { FetchFunction } from '../provider-utils/index.js';
import { createSqliteRequestLogStore, type RequestLogStore } from '../store/index.js';
import { registerAnthropicRoutes } from './anthropic-messages/anthropic-messages-route.js';
import { createApp } from './create-app.js';
import { EmbeddingGateway } from '../gateway/embedding-gateway.js';
import { registerOpenAIEmbeddingsRoute } from './openai-embeddings/openai-embeddings-route.js';
import { registerOpenAIResponsesRoute } from './openai-responses/openai-responses-route.js';

/** A ready-to-listen gateway and everything it owns. */
export type GatewayServer = {
  readonly app: FastifyInstance;
  readonly gateway: Gateway;
  readonly registry: ModelRegistry;
  readonly requestLog: RequestLogStore | undefined;
  /** Stops accepting requests, finishes the log and closes upstream pools. */
  close(): Promise<void>;
};

/** Wires config → providers → registry → stages → gateway → HTTP app. The composition root. */
export function buildGatewayServer({
  config,
  logger = false,
  fetch,
  requestLogPath,
  env = process.env,
}: {
  config: GatewayConfig;
  logger?: boolean | { level: string };
  /** Injected upstream fetch (tests). */
  fetch?: FetchFunction;
  /** Overrides `<dataDir>/switchyard.db` (tests use ':memory:'). */
  requestLogPath?: string;
  /** Environment for credentials the config leaves out (AWS). Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}): GatewayServer {
  const providers = createProviders({ config, env, ...(fetch ? { fetch } : {}) });
  const registry = new ModelRegistry({ config, providers });
  const requestLog = config.requestLog.enabled
    ? createSqliteRequestLogStore({ path: requestLogPath ?? join(config.dataDir, 'switchyard.db') })
    : undefined;
  const stages: GatewayStage[] = [createResolveModelStage({ registry })];
  if (requestLog) {
    stages.push(
      createRequestLogStage({
        store: requestLog,
        storeContent: config.requestLog.storeContent,
        maxContentBytes: config.requestLog.maxContentBytes,
      }),
    );
  }
  const gateway = new Gateway({ stages, retryPolicy: config.retries });
  const app = createApp({
    config,
    gateway,
    registry,
    logger,
    routes: [
      (instance) => registerAnthropicRoutes({ app: instance, gateway, registry }),
      (instance) => registerOpenAIResponsesRoute({ app: instance, gateway }),
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
    async close() {
      await app.close();
      await requestLog?.close();
      await Promise.all(
        [...providers.values()].map((provider) => provider.close?.() ?? Promise.resolve()),
      );
    },
  };
}
