import type { FastifyInstance } from 'fastify';
import { ModelNotFoundError, InvalidRequestError } from '../spec/index.js';
import type { RequestLogStore } from '../store/index.js';

/**
 * `GET /v1/decisions/{id}`: why a request went where it went. The id is the request id, sent back
 * as `x-switchyard-decision-id`. Shows the decision (task family, candidates with predicted
 * quality, cost and latency, exclusions, the winner's reason) and how the request ended. With
 * gateway keys on, a key sees only its own requests' decisions.
 */
export function registerDecisionsRoute({
  app,
  requestLog,
}: {
  app: FastifyInstance;
  requestLog: RequestLogStore | undefined;
}): void {
  app.get<{ Params: { id: string } }>(
    '/v1/decisions/:id',
    { config: { dialect: 'openai' } },
    async (request) => {
      if (!requestLog) {
        throw new InvalidRequestError({
          message:
            'Decisions are stored with the request log, which is off (requestLog.enabled: false). Turn it on to look decisions up.',
        });
      }
      const { id } = request.params;
      const record = await requestLog.get(id);
      if (
        !record ||
        record.decision === undefined ||
        (request.keyId !== undefined && record.keyId !== request.keyId)
      ) {
        throw new ModelNotFoundError({
          message: `No routing decision with id '${id}'. Use the x-switchyard-decision-id header of a response from this gateway.`,
          param: 'id',
        });
      }
      return {
        id,
        object: 'switchyard.decision',
        created_at: Math.floor(record.startedAtMs / 1000),
        requested_model: record.requestedModel,
        ...record.decision,
        outcome: {
          model: record.modelId ?? null,
          provider: record.provider ?? null,
          status: record.statusCode,
          error_code: record.errorCode ?? null,
          finish_reason: record.finishReason ?? null,
          input_tokens: record.inputTokens ?? null,
          output_tokens: record.outputTokens ?? null,
          latency_ms: record.latencyMs,
          warnings: record.warnings,
        },
      };
    },
  );
}
