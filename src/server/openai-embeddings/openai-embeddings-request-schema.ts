import { z } from 'zod';

/** Most inputs OpenAI accepts in one embeddings request. */
export const MAX_EMBEDDING_INPUTS = 2048;

const tokenArraySchema = z.array(z.number());

/**
 * The inbound `POST /v1/embeddings` body (what `openai` SDK clients send). Loose at the top level
 * so unknown fields become warnings instead of errors (STYLE.md rule 7).
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export const openAIEmbeddingsRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()), tokenArraySchema, z.array(tokenArraySchema)]),
  encoding_format: z.enum(['float', 'base64']).default('float'),
  dimensions: z.int().positive().optional(),
  user: z.string().optional(),
});

export type OpenAIEmbeddingsRequest = z.output<typeof openAIEmbeddingsRequestSchema>;

/** The fields of CreateEmbeddingRequest the gateway reads. */
export const KNOWN_OPENAI_EMBEDDINGS_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'input',
  'encoding_format',
  'dimensions',
  'user',
]);
