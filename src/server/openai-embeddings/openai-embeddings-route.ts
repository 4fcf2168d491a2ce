import type { FastifyInstance } from 'fastify';
import type { EmbeddingGateway } from '../../gateway/embedding-gateway.js';
import { createGatewayCall } from '../call-context.js';
import { gatewayHeaders } from '../gateway-headers.js';
import { convertOpenAIEmbeddingsRequest } from './convert-openai-embeddings-request.js';
import { renderOpenAIEmbeddingsResponse } from './render-openai-embeddings-response.js';

/** `POST /v1/embeddings`: the OpenAI embeddings surface, served by any embedding model. */
export function registerOpenAIEmbeddingsRoute({
  app,
  gateway,
}: {
  app: FastifyInstance;
  gateway: EmbeddingGateway;
}): void {
  app.post('/v1/embeddings', { config: { dialect: 'openai' } }, async (request, reply) => {
    const converted = convertOpenAIEmbeddingsRequest(request.body);
    const call = createGatewayCall({
      request,
      reply,
      dialect: 'openai-embeddings',
      model: converted.model,
      canonical: converted.canonical,
      warnings: converted.warnings,
    });
    const result = await gateway.embed({ call, request: converted.request });
    void reply.headers(
      gatewayHeaders({ requestId: request.id, target: result.target, warnings: result.warnings }),
    );
    return renderOpenAIEmbeddingsResponse({
      response: result.response,
      model: result.response.modelId || result.target.vendorModel,
      encodingFormat: converted.encodingFormat,
    });
  });
}
