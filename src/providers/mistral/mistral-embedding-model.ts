import type {
  OpenAIEmbeddingRequestBody,
  TransformEmbeddingBodyOptions,
} from '../openai/openai-embedding-model.js';

/** Most inputs sent to Mistral in one embeddings call. */
export const MISTRAL_MAX_EMBEDDING_INPUTS = 128;

/**
 * Mistral's `POST /v1/embeddings` takes OpenAI's body with two differences: the vector size is
 * `output_dimension` and only `codestral-embed` can change it (`mistral-embed` is fixed at 1024),
 * and there is no `user` field.
 * @see https://docs.mistral.ai/api/#tag/embeddings
 */
export function transformMistralEmbeddingBody({
  body,
  modelId,
  warnings,
}: TransformEmbeddingBodyOptions): OpenAIEmbeddingRequestBody {
  const { dimensions, user, ...rest } = body;
  if (user !== undefined) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'user',
      details: 'Mistral takes no user',
    });
  }
  if (dimensions === undefined) return rest;
  if (modelId.startsWith('codestral-embed')) return { ...rest, output_dimension: dimensions };
  warnings.push({
    type: 'unsupported-setting',
    setting: 'dimensions',
    details: `Mistral's ${modelId} has a fixed vector size (1024); only codestral-embed takes output_dimension`,
  });
  return rest;
}
