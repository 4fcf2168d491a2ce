import type { FastifyInstance } from 'fastify';
import type { Gateway } from '../../gateway/index.js';
import { createGatewayCall } from '../call-context.js';
import { gatewayHeaders } from '../gateway-headers.js';
import { renderOpenAIErrorBody } from '../render-error.js';
import { sendEventStream } from '../send-event-stream.js';
import { convertOpenAIResponsesRequest } from './convert-openai-responses-request.js';
import { OpenAIResponsesStreamEncoder } from './openai-responses-stream.js';
import { renderOpenAIResponsesResponse } from './render-openai-responses-response.js';

/**
 * `POST /v1/responses`: the OpenAI Responses API, served by any provider through the canonical
 * model. Stateless: the client sends the whole conversation each time. Errors render in OpenAI's
 * envelope.
 */
export function registerOpenAIResponsesRoute({
  app,
  gateway,
}: {
  app: FastifyInstance;
  gateway: Gateway;
}): void {
  app.post('/v1/responses', { config: { dialect: 'openai' } }, async (request, reply) => {
    const converted = convertOpenAIResponsesRequest(request.body);
    const call = createGatewayCall({
      request,
      reply,
      dialect: 'openai-responses',
      model: converted.model,
      canonical: converted.request,
      warnings: converted.warnings,
    });
    const envelope = {
      id: `resp_${request.id}`,
      createdSeconds: Math.floor(call.startedAtMs / 1000),
      model: converted.model,
      echo: converted.echo,
    };
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
      return renderOpenAIResponsesResponse({
        response: result.response,
        envelope,
        completedSeconds: Math.floor(Date.now() / 1000),
      });
    }
    // Failures up to here (no byte sent yet) go through the normal error handler.
    const result = await gateway.stream(call);
    const encoder = new OpenAIResponsesStreamEncoder({
      envelope: { ...envelope, model: result.target.vendorModel },
    });
    await sendEventStream({
      request,
      reply,
      call,
      result,
      encoder,
      encodeFailure: (error) =>
        encoder.encodeFailure(renderOpenAIErrorBody({ error, requestId: request.id }).error),
    });
    return reply;
  });
}
