import { z } from 'zod';
import { callApi, readJsonResponse, type CallTarget } from '../../provider-utils/index.js';
import type {
  CallOptions,
  EmbeddingModel,
  EmbeddingRequest,
  EmbeddingResponse,
  Warning,
} from '../../spec/index.js';
import { googleFailedResponseHandler } from './google-error.js';
import { toModelPath, type GoogleModelConfig } from './google-language-model.js';

/** Most requests `batchEmbedContents` takes in one call. */
export const GOOGLE_MAX_EMBEDDING_INPUTS = 100;

/**
 * The fields of `BatchEmbedContentsResponse` the gateway reads.
 * @see https://ai.google.dev/api/embeddings#method:-models.batchembedcontents
 */
export const googleBatchEmbedResponseSchema = z.object({
  embeddings: z.array(z.object({ values: z.array(z.number()) })),
});

/** What a Google embedding model needs from its provider. */
export type GoogleEmbeddingModelConfig = Pick<
  GoogleModelConfig,
  'provider' | 'baseURL' | 'http' | 'resolveHeaders'
>;

/** Rough tokens of texts (Gemini reports none for embeddings): about four characters a token. */
function estimateTokens(texts: ReadonlyArray<string>): number {
  return texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
}

/**
 * A Gemini embedding model (`gemini-embedding-001`, `text-embedding-004`) behind
 * `POST models/{model}:batchEmbedContents`. `dimensions` becomes `outputDimensionality`.
 * @see https://ai.google.dev/gemini-api/docs/embeddings
 */
export class GoogleEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxInputsPerCall = GOOGLE_MAX_EMBEDDING_INPUTS;
  private readonly config: GoogleEmbeddingModelConfig;
  private readonly target: CallTarget;

  constructor({ modelId, config }: { modelId: string; config: GoogleEmbeddingModelConfig }) {
    this.provider = config.provider;
    this.modelId = modelId;
    this.config = config;
    this.target = { provider: config.provider, modelId };
  }

  async embed(request: EmbeddingRequest, options: CallOptions): Promise<EmbeddingResponse> {
    const modelPath = toModelPath(this.modelId);
    const url = `${this.config.baseURL}/${modelPath}:batchEmbedContents`;
    const warnings: Warning[] = [];
    if (request.user !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'user',
        details: 'Gemini takes no user',
      });
    }
    const body = {
      requests: request.inputs.map((text) => ({
        model: modelPath,
        content: { parts: [{ text }] },
        ...(request.dimensions === undefined ? {} : { outputDimensionality: request.dimensions }),
      })),
    };
    const response = await callApi({
      http: this.config.http,
      url,
      headers: this.config.resolveHeaders({
        callHeaders: options.headers,
        target: this.target,
        url,
      }),
      body: JSON.stringify(body),
      target: this.target,
      abortSignal: options.abortSignal,
      failedResponseHandler: googleFailedResponseHandler,
    });
    const data = await readJsonResponse({
      response,
      schema: googleBatchEmbedResponseSchema,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
    warnings.push({
      type: 'other',
      message: 'Gemini reports no token usage for embeddings; input tokens are estimated',
    });
    return {
      embeddings: data.embeddings.map((embedding) => embedding.values),
      modelId: this.modelId,
      usage: { inputTokens: estimateTokens(request.inputs) },
      warnings,
    };
  }
}
