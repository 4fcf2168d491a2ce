import { z } from 'zod';
import {
  callApi,
  readJsonResponse,
  type FailedResponseHandler,
  type HttpClient,
} from '../../provider-utils/index.js';
import type {
  CallOptions,
  EmbeddingModel,
  EmbeddingRequest,
  EmbeddingResponse,
  Warning,
} from '../../spec/index.js';

/**
 * The fields of CreateEmbeddingResponse the gateway reads.
 * @see https://platform.openai.com/docs/api-reference/embeddings/object
 */
export const openaiEmbeddingResponseSchema = z.object({
  data: z.array(z.object({ index: z.number().int().nullish(), embedding: z.array(z.number()) })),
  model: z.string().nullish(),
  usage: z.object({ prompt_tokens: z.number().nullish() }).nullish(),
});

/** The body of `POST /embeddings`. */
export type OpenAIEmbeddingRequestBody = {
  model: string;
  input: string[];
  dimensions?: number;
  user?: string;
  [field: string]: unknown;
};

/** Arguments of {@link OpenAIEmbeddingModelConfig.transformRequestBody}. */
export type TransformEmbeddingBodyOptions = {
  readonly body: OpenAIEmbeddingRequestBody;
  readonly request: EmbeddingRequest;
  readonly modelId: string;
  /** Collects warnings about settings the server cannot honour. */
  readonly warnings: Warning[];
};

/** What an {@link OpenAIEmbeddingModel} needs from its provider. */
export type OpenAIEmbeddingModelConfig = {
  /** Provider instance id from the config. */
  readonly provider: string;
  /** The full URL of the embeddings endpoint, e.g. `https://api.openai.com/v1/embeddings`. */
  readonly url: string;
  /** Resolves the provider's headers on every request (STYLE.md rule 4). */
  readonly headers: () => Record<string, string> | Promise<Record<string, string>>;
  readonly http: HttpClient;
  readonly failedResponseHandler: FailedResponseHandler;
  /** Most inputs the server takes in one call. */
  readonly maxInputsPerCall: number;
  /** Last change to the body before it is sent (fields a server names differently or lacks). */
  readonly transformRequestBody?: (
    options: TransformEmbeddingBodyOptions,
  ) => OpenAIEmbeddingRequestBody;
};

/** Rough tokens of texts, for servers that report no usage: about four characters a token. */
export function estimateTokens(texts: ReadonlyArray<string>): number {
  return texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
}

/**
 * An embeddings model behind `POST /embeddings`, for OpenAI and every server that copies it
 * (Azure OpenAI, Mistral, vLLM, Ollama, ...).
 * @see https://platform.openai.com/docs/api-reference/embeddings/create
 */
export class OpenAIEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxInputsPerCall: number;
  private readonly config: OpenAIEmbeddingModelConfig;

  constructor(modelId: string, config: OpenAIEmbeddingModelConfig) {
    this.provider = config.provider;
    this.modelId = modelId;
    this.maxInputsPerCall = config.maxInputsPerCall;
    this.config = config;
  }

  async embed(request: EmbeddingRequest, options: CallOptions): Promise<EmbeddingResponse> {
    const warnings: Warning[] = [];
    const inputs = [...request.inputs];
    const plain: OpenAIEmbeddingRequestBody = {
      model: this.modelId,
      input: inputs,
      ...(request.dimensions === undefined ? {} : { dimensions: request.dimensions }),
      ...(request.user === undefined ? {} : { user: request.user }),
    };
    const body =
      this.config.transformRequestBody?.({
        body: plain,
        request,
        modelId: this.modelId,
        warnings,
      }) ?? plain;
    const target = { provider: this.provider, modelId: this.modelId };
    const { url, http } = this.config;
    const response = await callApi({
      http,
      url,
      headers: {
        'content-type': 'application/json',
        ...(await this.config.headers()),
        ...options.headers,
      },
      body: JSON.stringify(body),
      target,
      abortSignal: options.abortSignal,
      failedResponseHandler: this.config.failedResponseHandler,
    });
    const data = await readJsonResponse({
      response,
      schema: openaiEmbeddingResponseSchema,
      http,
      url,
      target,
      abortSignal: options.abortSignal,
    });
    const ordered = [...data.data].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    let inputTokens = data.usage?.prompt_tokens;
    if (inputTokens == null) {
      inputTokens = estimateTokens(inputs);
      warnings.push({
        type: 'other',
        message: `provider '${this.provider}' reported no token usage for embeddings; input tokens are estimated`,
      });
    }
    return {
      embeddings: ordered.map((item) => item.embedding),
      modelId: data.model ?? this.modelId,
      usage: { inputTokens },
      warnings,
    };
  }
}
