import type { FastifyInstance } from 'fastify';
import type { Gateway } from '../../gateway/index.js';
import { createGatewayCall } from '../call-context.js';
import { gatewayHeaders } from '../gateway-headers.js';
import { renderOpenAIErrorBody } from '../render-error.js';
import { sendEventStream } from '../send-event-stream.js';
import { convertOpenAIChatRequest } from './convert-openai-chat-request.js';
import { encodeOpenAIStreamError, OpenAIChatStreamEncoder } from './openai-chat-stream.js';
import { renderOpenAIChatResponse } from './render-openai-chat-response.js';

/** `POST /v1/chat/completions`: the OpenAI Chat Completions surface, served by any provider. */
export function registerOpenAIChatRoute({
  app,
  gateway,
}: {
  app: FastifyInstance;
  gateway: Gateway;
}): void {
  app.post('/v1/chat/completions', { config: { dialect: 'openai' } }, async (request, reply) => {
    const converted = convertOpenAIChatRequest(request.body);
    const call = createGatewayCall({
      request,
      reply,
      dialect: 'openai-chat',
      model: converted.model,
      canonical: converted.request,
      warnings: converted.warnings,
    });
    const id = `chatcmpl-${request.id}`;
    const createdSeconds = Math.floor(call.startedAtMs / 1000);
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
      return renderOpenAIChatResponse({ response: result.response, id, createdSeconds });
    }
    // Failures up to here (no byte sent yet) go through the normal error handler.
    const result = await gateway.stream(call);
    await sendEventStream({
      request,
      reply,
      call,
      result,
      encoder: new OpenAIChatStreamEncoder({
        id,
        model: result.target.vendorModel,
        createdSeconds,
        includeUsage: converted.includeUsage,
      }),
      encodeFailure: (error) =>
        encodeOpenAIStreamError(renderOpenAIErrorBody({ error, requestId: request.id }).error),
    });
    return reply;
  });
}
