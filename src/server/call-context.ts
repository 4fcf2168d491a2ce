import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayCall } from '../gateway/index.js';
import type { CanonicalRequest, Warning } from '../spec/index.js';
import type { Dialect } from '../store/index.js';

/** Builds the gateway call for a request; its abort signal fires if the client disconnects early. */
export function createGatewayCall({
  request,
  reply,
  dialect,
  model,
  canonical,
  warnings,
}: {
  request: FastifyRequest;
  reply: FastifyReply;
  dialect: Dialect;
  model: string;
  canonical: CanonicalRequest;
  warnings: ReadonlyArray<Warning>;
}): GatewayCall {
  const controller = new AbortController();
  const raw = reply.raw;
  raw.once('close', () => {
    if (!raw.writableFinished) controller.abort(new Error('The client closed the connection.'));
  });
  return {
    requestId: request.id,
    dialect,
    requestedModel: model,
    request: canonical,
    warnings,
    keyId: request.keyId,
    headers: request.headers,
    abortSignal: controller.signal,
    startedAtMs: Date.now(),
    startedAtMonotonicMs: request.startedAtMonotonicMs,
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The gateway API key's id, set by the auth hook; undefined when auth is off. */
    keyId: string | undefined;
    /** `performance.now()` when the request arrived. */
    startedAtMonotonicMs: number;
  }
  interface FastifyContextConfig {
    /** The error envelope of the route. */
    dialect?: 'openai' | 'anthropic';
  }
}
