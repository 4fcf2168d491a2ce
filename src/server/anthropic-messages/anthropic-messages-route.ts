import type { FastifyInstance } from 'fastify';
import type { Gateway, RoutingStage } from '../../gateway/index.js';
import { estimateInputTokens } from '../../provider-utils/index.js';
import { createGatewayCall } from '../call-context.js';
import { gatewayHeaders } from '../gateway-headers.js';
import { renderAnthropicErrorBody } from '../render-error.js';
import { sendEventStream } from '../send-event-stream.js';
import { registerAnthropicCountTokensRoute } from './anthropic-count-tokens-route.js';
import {
  AnthropicMessagesStreamEncoder,
  encodeAnthropicStreamError,
} from './anthropic-messages-stream.js';
import { convertAnthropicMessagesRequest } from './convert-anthropic-messages-request.js';
import { renderAnthropicMessagesResponse } from './render-anthropic-messages-response.js';

/**
 * The Anthropic-compatible surface, served by any provider: `POST /v1/messages` (plain and
 * streamed) and `POST /v1/messages/count_tokens`. Errors render in Anthropic's envelope.
 */
export function registerAnthropicRoutes({
  app,
  gateway,
  router,
}: {
  app: FastifyInstance;
  gateway: Gateway;
  /** For token counting: where a request would go. */
  router: Pick<RoutingStage, 'plan'>;
}): void {
  registerAnthropicMessagesRoute({ app, gateway });
  registerAnthropicCountTokensRoute({ app, router });
}

/** `POST /v1/messages`: the Anthropic Messages API. */
function registerAnthropicMessagesRoute({
  app,
  gateway,
}: {
  app: FastifyInstance;
  gateway: Gateway;
}): void {
  app.post('/v1/messages', { config: { dialect: 'anthropic' } }, async (request, reply) => {
    const converted = convertAnthropicMessagesRequest(request.body);
    const call = createGatewayCall({
      request,
      reply,
      dialect: 'anthropic-messages',
      model: converted.model,
      canonical: converted.request,
      warnings: converted.warnings,
    });
    const id = `msg_${request.id}`;
    if (!converted.isStream) {
      const result = await gateway.generate(call);
      void reply.headers(
        gatewayHeaders({
          requestId: request.id,
          target: result.target,
          warnings: result.warnings,
          decision: result.decision,
        }),
      );
      return renderAnthropicMessagesResponse({ response: result.response, id });
    }
    // Failures up to here (no byte sent yet) go through the normal error handler.
    const result = await gateway.stream(call);
    await sendEventStream({
      request,
      reply,
      call,
      result,
      encoder: new AnthropicMessagesStreamEncoder({
        id,
        model: result.target.vendorModel,
        estimatedInputTokens: estimateInputTokens(call.request, { measureToolSchemas: false }),
      }),
      encodeFailure: (error) =>
        encodeAnthropicStreamError(renderAnthropicErrorBody({ error, requestId: request.id })),
    });
    return reply;
  });
}
