import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import type { GatewayConfig } from '../config/index.js';
import type { Gateway, ModelRegistry } from '../gateway/index.js';
import {
  InvalidRequestError,
  ModelNotFoundError,
  RequestTooLargeError,
  toGatewayError,
  type GatewayError,
} from '../spec/index.js';
import { ApiKeyVerifier } from './auth.js';
import { registerModelsRoute } from './models-route.js';
import { registerOpenAIChatRoute } from './openai-chat/openai-chat-route.js';
import { renderError, type ErrorDialect } from './render-error.js';

export type CreateAppOptions = {
  readonly config: GatewayConfig;
  readonly gateway: Gateway;
  readonly registry: ModelRegistry;
  /** A pino-compatible logger, or false for none. */
  readonly logger?: boolean | { level: string };
  /** Registers more route groups (the Anthropic surface, later the dashboard API). */
  readonly routes?: ReadonlyArray<(app: FastifyInstance) => void>;
  /** Readiness check; defaults to "has at least one model". */
  readonly isReady?: () => boolean;
};

let requestCounter = 0;
const requestIdPrefix = `req_${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}_`;

/** Builds the HTTP server: body parsing and limits, auth, routes, and the one error renderer. */
export function createApp({
  config,
  gateway,
  registry,
  logger = false,
  routes = [],
  isReady,
}: CreateAppOptions): FastifyInstance {
  const app = Fastify({
    logger:
      logger === false
        ? false
        : {
            ...(typeof logger === 'object' ? logger : {}),
            redact: [
              'req.headers.authorization',
              'req.headers["x-api-key"]',
              'req.headers["api-key"]',
              '*.apiKey',
            ],
          },
    // Per-request lines would cost on the hot path; the request log records every request instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: config.server.bodyLimitBytes,
    genReqId: () => `${requestIdPrefix}${(requestCounter++).toString(36)}`,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  const verifier = new ApiKeyVerifier(config.auth.keys);
  app.decorateRequest('keyId', undefined);
  app.decorateRequest('startedAtMonotonicMs', 0);

  // Clients that forget the Content-Type (curl -d sends form encoding, fetch sends text/plain)
  // still get their JSON read.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    try {
      done(null, text.length === 0 ? undefined : JSON.parse(text));
    } catch (error) {
      done(
        new InvalidRequestError({
          message: `The request body is not valid JSON: ${(error as Error).message}`,
          cause: error,
        }),
        undefined,
      );
    }
  });

  app.addHook('onRequest', (request, reply, done) => {
    request.startedAtMonotonicMs = performance.now();
    reply.header('x-request-id', request.id);
    if (verifier.isEnabled && request.url.startsWith('/v1/')) {
      try {
        request.keyId = verifier.verify(request);
      } catch (error) {
        done(error as Error);
        return;
      }
    }
    done();
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const gatewayError = normaliseError({ error, bodyLimitBytes: config.server.bodyLimitBytes });
    const status = gatewayError.statusCode;
    if (status >= 500) request.log.error({ err: error, requestId: request.id }, 'request failed');
    else
      request.log.debug({ code: gatewayError.code, requestId: request.id }, gatewayError.message);
    const rendered = renderError({
      error: gatewayError,
      dialect: dialectOf(request.routeOptions.config.dialect, request.url),
      requestId: request.id,
    });
    return reply.code(rendered.statusCode).headers(rendered.headers).send(rendered.body);
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new ModelNotFoundError({
      message: `No route ${request.method} ${request.url.split('?')[0]}. The gateway serves POST /v1/chat/completions, POST /v1/responses, POST /v1/embeddings, POST /v1/messages, POST /v1/messages/count_tokens, GET /v1/models and GET /v1/decisions/{id}.`,
    });
    const rendered = renderError({
      error,
      dialect: dialectOf(undefined, request.url),
      requestId: request.id,
    });
    return reply.code(404).send(rendered.body);
  });

  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', (_request, reply) => {
    const ready = isReady ? isReady() : registry.list().length > 0;
    return reply.code(ready ? 200 : 503).send({
      status: ready ? 'ready' : 'not-ready',
      models: registry.list().length,
      stages: gateway.stageNames,
    });
  });
  registerModelsRoute({ app, registry, startedAtSeconds: Math.floor(Date.now() / 1000) });
  registerOpenAIChatRoute({ app, gateway });
  for (const register of routes) register(app);
  return app;
}

function dialectOf(configured: ErrorDialect | undefined, url: string): ErrorDialect {
  return configured ?? (url.startsWith('/v1/messages') ? 'anthropic' : 'openai');
}

/** Maps framework errors (body parsing, limits) to gateway errors with clear messages. */
function normaliseError({
  error,
  bodyLimitBytes,
}: {
  error: FastifyError;
  bodyLimitBytes: number;
}): GatewayError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new RequestTooLargeError({
        message: `The request body is larger than this gateway's limit of ${bodyLimitBytes} bytes. Send a smaller request, or raise server.bodyLimitBytes in the config.`,
      });
    case 'FST_ERR_CTP_INVALID_JSON':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new InvalidRequestError({
        message:
          error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
            ? 'The request body is empty; send a JSON object.'
            : `The request body is not valid JSON: ${error.message}`,
        cause: error,
      });
    default:
      break;
  }
  if (error instanceof SyntaxError && error.statusCode === 400) {
    return new InvalidRequestError({
      message: `The request body is not valid JSON: ${error.message}`,
      cause: error,
    });
  }
  if (
    typeof error.code === 'string' &&
    error.code.startsWith('FST_') &&
    error.statusCode !== undefined &&
    error.statusCode < 500
  ) {
    return new InvalidRequestError({ message: error.message, cause: error });
  }
  return toGatewayError(error);
}
