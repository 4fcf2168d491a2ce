import type { FastifyInstance, FastifyReply } from 'fastify';
import type { RoutingStage } from '../../gateway/index.js';
import { estimateInputTokens } from '../../provider-utils/index.js';
import type { Warning } from '../../spec/index.js';
import { gatewayHeaders } from '../gateway-headers.js';
import { convertAnthropicCountTokensRequest } from './convert-anthropic-messages-request.js';

/**
 * `POST /v1/messages/count_tokens`: the exact count where the target's vendor offers one (the
 * Anthropic provider), else an estimate, flagged in `x-switchyard-warnings`. Not an upstream
 * generation, so it bypasses the gateway stages and the request log.
 * @see https://docs.anthropic.com/en/api/messages-count-tokens
 */
export function registerAnthropicCountTokensRoute({
  app,
  router,
}: {
  app: FastifyInstance;
  /** Finds the model a request would go to (for a route, its first target). */
  router: Pick<RoutingStage, 'plan'>;
}): void {
  app.post(
    '/v1/messages/count_tokens',
    { config: { dialect: 'anthropic' } },
    async (request, reply) => {
      const converted = convertAnthropicCountTokensRequest(request.body);
      const { targets, decision } = router.plan({
        requestedModel: converted.model,
        request: converted.request,
        headers: request.headers,
        keyId: request.keyId,
        isStream: false,
      });
      const target = targets[0];
      if (!target) throw new Error('routing returned no target');
      const warnings: Warning[] = [...converted.warnings];
      let inputTokens: number;
      let isEstimate: boolean;
      if (target.model.countTokens) {
        const count = await target.model.countTokens(converted.request, {
          abortSignal: abortOnClose(reply),
        });
        inputTokens = count.inputTokens;
        isEstimate = count.isEstimate;
      } else {
        inputTokens = estimateInputTokens(converted.request);
        isEstimate = true;
      }
      if (isEstimate) {
        warnings.push({
          type: 'other',
          message: `input_tokens is an estimate: provider '${target.providerId}' does not count tokens exactly`,
        });
      }
      void reply.headers(
        gatewayHeaders({
          requestId: request.id,
          target,
          warnings,
          ...(decision.route === 'direct' ? {} : { route: decision.route }),
        }),
      );
      return { input_tokens: inputTokens };
    },
  );
}

/** A signal that fires when the client goes away before the answer is sent. */
function abortOnClose(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const raw = reply.raw;
  raw.once('close', () => {
    if (!raw.writableFinished) controller.abort(new Error('The client closed the connection.'));
  });
  return controller.signal;
}
