import { createSeededUnitVector } from '../../simulated/simulated-embedding-model.js';

/** A fake reply: a JSON body, or an error in Google's shape. */
export type GoogleFakeEmbeddingsReply =
  | { readonly status: 200; readonly body: unknown }
  | { readonly status: number; readonly googleStatus: string; readonly message: string };

/** `gemini-embedding-001` vectors have 3072 values unless `outputDimensionality` says less. */
const DEFAULT_DIMENSIONS = 3072;

/**
 * Answers `POST models/{model}:batchEmbedContents` as Gemini does: every request must name the
 * same model as the path, at most 100 requests, `{embeddings:[{values}]}` with no usage.
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 */
export function answerGoogleBatchEmbed({
  modelPath,
  body,
}: {
  modelPath: string;
  body: unknown;
}): GoogleFakeEmbeddingsReply {
  const invalid = (message: string): GoogleFakeEmbeddingsReply => ({
    status: 400,
    googleStatus: 'INVALID_ARGUMENT',
    message,
  });
  const requests: unknown =
    typeof body === 'object' && body !== null && 'requests' in body ? body.requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) {
    return invalid('* BatchEmbedContentsRequest.requests: requests must not be empty');
  }
  if (requests.length > 100) {
    return invalid(
      '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch',
    );
  }
  const embeddings: Array<{ values: number[] }> = [];
  for (const [index, item] of requests.entries()) {
    const request = item as {
      model?: unknown;
      content?: { parts?: Array<{ text?: unknown }> };
      outputDimensionality?: unknown;
    };
    if (request.model !== modelPath) {
      return invalid(
        `* BatchEmbedContentsRequest.requests[${index}].model: the model in the request must match the model in the URL`,
      );
    }
    const text = request.content?.parts?.map((part) => part.text).join('');
    if (typeof text !== 'string' || text.length === 0) {
      return invalid(
        `* BatchEmbedContentsRequest.requests[${index}].content: contents must not be empty`,
      );
    }
    if (text.includes('[[scenario:rate-limit]]')) {
      return {
        status: 429,
        googleStatus: 'RESOURCE_EXHAUSTED',
        message: 'Resource has been exhausted (e.g. check quota).',
      };
    }
    const dimensions =
      typeof request.outputDimensionality === 'number'
        ? request.outputDimensionality
        : DEFAULT_DIMENSIONS;
    embeddings.push({ values: createSeededUnitVector({ text, dimensions }) });
  }
  return { status: 200, body: { embeddings } };
}
