import type { FastifyInstance } from 'fastify';
import type { Gateway } from '../../gateway/index.js';
import { ProviderCallError, toGatewayError } from '../../spec/index.js';
import { createGatewayCall } from '../call-context.js';
import { gatewayHeaders } from '../gateway-headers.js';
import { renderError } from '../render-error.js';
import { SseWriter } from '../sse-writer.js';
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
        gatewayHeaders({ requestId: request.id, target: result.target, warnings: result.warnings }),
      );
      return renderOpenAIResponsesResponse({
        response: result.response,
        envelope,
        completedSeconds: Math.floor(Date.now() / 1000),
      });
    }
    // Failures up to here (no byte sent yet) go through the normal error handler.
    const result = await gateway.stream(call);
    void reply.hijack();
    const writer = new SseWriter(reply.raw);
    writer.open(
      gatewayHeaders({ requestId: request.id, target: result.target, warnings: result.warnings }),
    );
    const encoder = new OpenAIResponsesStreamEncoder({
      envelope: { ...envelope, model: result.target.vendorModel },
    });
    try {
      for await (const event of result.stream) {
        const text = encoder.encode(event);
        if (text.length > 0) {
          const pending = writer.write(text);
          if (pending) await pending;
        }
        if (writer.isClosed) break;
      }
      if (!encoder.isComplete && !writer.isClosed) {
        throw new ProviderCallError({
          provider: result.target.providerId,
          modelId: result.target.vendorModel,
          url: '',
          statusCode: undefined,
          message: `The stream from provider '${result.target.providerId}' ended before its final event.`,
        });
      }
      writer.end();
    } catch (error) {
      if (!call.abortSignal.aborted) {
        const rendered = renderError({
          error: toGatewayError(error),
          dialect: 'openai',
          requestId: request.id,
        });
        request.log.warn(
          { err: error, requestId: request.id },
          'stream failed after the first byte',
        );
        const body = rendered.body as { error: { message: string; type: string; code: string } };
        writer.end(encoder.encodeFailure(body.error));
      }
    }
    return reply;
  });
}
