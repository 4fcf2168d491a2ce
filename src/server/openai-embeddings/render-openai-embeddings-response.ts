import type { EmbeddingResponse } from '../../spec/index.js';

/** One item of an OpenAI embeddings list. */
export type OpenAIEmbeddingItem = {
  readonly object: 'embedding';
  readonly index: number;
  /** The vector, or its little-endian float32 bytes in base64. */
  readonly embedding: ReadonlyArray<number> | string;
};

/** The body of `POST /v1/embeddings` (CreateEmbeddingResponse). */
export type OpenAIEmbeddingsResponseBody = {
  readonly object: 'list';
  readonly data: ReadonlyArray<OpenAIEmbeddingItem>;
  readonly model: string;
  readonly usage: { readonly prompt_tokens: number; readonly total_tokens: number };
};

/**
 * Renders embeddings in OpenAI's list shape. `base64` encodes each vector as little-endian
 * float32 bytes, as api.openai.com does (and as the `openai` SDK decodes).
 * @see https://platform.openai.com/docs/api-reference/embeddings/object
 */
export function renderOpenAIEmbeddingsResponse({
  response,
  model,
  encodingFormat,
}: {
  response: EmbeddingResponse;
  model: string;
  encodingFormat: 'float' | 'base64';
}): OpenAIEmbeddingsResponseBody {
  return {
    object: 'list',
    data: response.embeddings.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: encodingFormat === 'base64' ? encodeFloat32Base64(vector) : vector,
    })),
    model,
    usage: { prompt_tokens: response.usage.inputTokens, total_tokens: response.usage.inputTokens },
  };
}

/** A vector as base64 of its little-endian float32 bytes. */
export function encodeFloat32Base64(vector: ReadonlyArray<number>): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}
