import { z } from 'zod';
import {
  callApi,
  readJsonResponse,
  type CallTarget,
  type HttpResponse,
} from '../../provider-utils/index.js';
import type {
  CallOptions,
  EmbeddingModel,
  EmbeddingRequest,
  EmbeddingResponse,
  Warning,
} from '../../spec/index.js';
import { amazonBedrockFailedResponseHandler } from './amazon-bedrock-error.js';
import type { AmazonBedrockModelConfig } from './amazon-bedrock-language-model.js';

/** Vector sizes Titan Text Embeddings v2 can return. */
const TITAN_DIMENSIONS = new Set([256, 512, 1024]);

/** Most texts Cohere Embed on Bedrock takes in one call. */
export const COHERE_MAX_EMBEDDING_INPUTS = 96;

/** The embedding model families Bedrock's InvokeModel serves, each with its own body. */
export type AmazonBedrockEmbeddingFamily = 'titan' | 'cohere';

/**
 * Titan Text Embeddings reply: one vector per call.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
 */
const titanResponseSchema = z.object({
  embedding: z.array(z.number()),
  inputTextTokenCount: z.number().nullish(),
});

/**
 * Cohere Embed reply (float vectors when no `embedding_types` is sent).
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
 */
const cohereResponseSchema = z.object({ embeddings: z.array(z.array(z.number())) });

/** Cohere's `input_type` for Bedrock; set with `providerOptions['amazon-bedrock'].inputType`. */
const cohereOptionsSchema = z.object({
  inputType: z
    .enum(['search_document', 'search_query', 'classification', 'clustering'])
    .default('search_document'),
});

/** Which family a Bedrock model id belongs to; undefined for models without embeddings. */
export function findAmazonBedrockEmbeddingFamily(
  modelId: string,
): AmazonBedrockEmbeddingFamily | undefined {
  if (/amazon\.titan-embed-text/.test(modelId)) return 'titan';
  if (/cohere\.embed-/.test(modelId)) return 'cohere';
  return undefined;
}

/**
 * A Bedrock embedding model behind InvokeModel (`POST /model/{modelId}/invoke`), signed with
 * SigV4 like Converse: Titan Text Embeddings v2 (one text per call) and Cohere Embed v3 (up to
 * 96 texts per call).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html
 */
export class AmazonBedrockEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxInputsPerCall: number;
  private readonly family: AmazonBedrockEmbeddingFamily;
  private readonly config: AmazonBedrockModelConfig;
  private readonly target: CallTarget;

  constructor({ modelId, config }: { modelId: string; config: AmazonBedrockModelConfig }) {
    const family = findAmazonBedrockEmbeddingFamily(modelId);
    if (family === undefined) {
      throw new Error(
        `Bedrock model '${modelId}' is not a supported embedding model; use amazon.titan-embed-text-v2:0 or cohere.embed-english-v3 / cohere.embed-multilingual-v3.`,
      );
    }
    this.provider = config.provider;
    this.modelId = modelId;
    this.family = family;
    this.maxInputsPerCall = family === 'titan' ? 1 : COHERE_MAX_EMBEDDING_INPUTS;
    this.config = config;
    this.target = { provider: config.provider, modelId };
  }

  async embed(request: EmbeddingRequest, options: CallOptions): Promise<EmbeddingResponse> {
    const warnings: Warning[] = [];
    if (request.user !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'user',
        details: 'Bedrock takes no user',
      });
    }
    if (request.inputs.length > this.maxInputsPerCall) {
      throw new Error(
        `Bedrock model '${this.modelId}' takes at most ${this.maxInputsPerCall} inputs per call.`,
      );
    }
    return this.family === 'titan'
      ? this.embedWithTitan({ request, options, warnings })
      : this.embedWithCohere({ request, options, warnings });
  }

  private async embedWithTitan({
    request,
    options,
    warnings,
  }: {
    request: EmbeddingRequest;
    options: CallOptions;
    warnings: Warning[];
  }): Promise<EmbeddingResponse> {
    const { dimensions } = request;
    const isSupportedSize = dimensions === undefined || TITAN_DIMENSIONS.has(dimensions);
    if (!isSupportedSize) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'dimensions',
        details: `Titan v2 returns 256, 512 or 1024 dimensions, not ${dimensions}; the default 1024 is used`,
      });
    }
    const body = {
      inputText: request.inputs[0] ?? '',
      ...(dimensions !== undefined && isSupportedSize ? { dimensions } : {}),
      normalize: true,
    };
    const { response, url } = await this.invoke({ body, options });
    const data = await this.read({ response, url, options, schema: titanResponseSchema });
    return {
      embeddings: [data.embedding],
      modelId: this.modelId,
      usage: {
        inputTokens: readTokenCount(response) ?? data.inputTextTokenCount ?? 0,
      },
      warnings,
    };
  }

  private async embedWithCohere({
    request,
    options,
    warnings,
  }: {
    request: EmbeddingRequest;
    options: CallOptions;
    warnings: Warning[];
  }): Promise<EmbeddingResponse> {
    if (request.dimensions !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'dimensions',
        details: 'Cohere Embed v3 on Bedrock has a fixed vector size (1024)',
      });
    }
    const parsedOptions = cohereOptionsSchema.safeParse(
      request.providerOptions?.['amazon-bedrock'] ?? {},
    );
    const inputType = parsedOptions.success ? parsedOptions.data.inputType : 'search_document';
    const body = { texts: [...request.inputs], input_type: inputType };
    const { response, url } = await this.invoke({ body, options });
    const data = await this.read({ response, url, options, schema: cohereResponseSchema });
    const counted = readTokenCount(response);
    if (counted === undefined) {
      warnings.push({
        type: 'other',
        message: 'Bedrock sent no input token count for Cohere Embed; input tokens are estimated',
      });
    }
    return {
      embeddings: data.embeddings,
      modelId: this.modelId,
      usage: {
        inputTokens:
          counted ?? request.inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0),
      },
      warnings,
    };
  }

  private async invoke({
    body,
    options,
  }: {
    body: unknown;
    options: CallOptions;
  }): Promise<{ response: HttpResponse; url: string }> {
    const url = `${this.config.baseURL}/model/${encodeURIComponent(this.modelId)}/invoke`;
    const text = JSON.stringify(body);
    const headers = await this.config.createHeaders({
      url,
      body: text,
      accept: 'application/json',
      callHeaders: options.headers,
      target: this.target,
    });
    const response = await callApi({
      http: this.config.http,
      url,
      headers,
      body: text,
      target: this.target,
      abortSignal: options.abortSignal,
      failedResponseHandler: amazonBedrockFailedResponseHandler,
    });
    return { response, url };
  }

  private read<TSchema extends z.ZodType>({
    response,
    url,
    options,
    schema,
  }: {
    response: HttpResponse;
    url: string;
    options: CallOptions;
    schema: TSchema;
  }): Promise<z.output<TSchema>> {
    return readJsonResponse({
      response,
      schema,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
  }
}

/** InvokeModel's `X-Amzn-Bedrock-Input-Token-Count` header, when Bedrock sends it. */
function readTokenCount(response: HttpResponse): number | undefined {
  const value = Number(response.headers.get('x-amzn-bedrock-input-token-count') ?? Number.NaN);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}
