import {
  callApi,
  readBody,
  readJsonResponse,
  type CallTarget,
  type HttpClient,
  type HttpResponse,
} from '../../provider-utils/index.js';
import type {
  CallOptions,
  CanonicalRequest,
  CanonicalResponse,
  LanguageModel,
  StreamResult,
  TokenCount,
} from '../../spec/index.js';
import {
  amazonBedrockConverseResponseSchema,
  amazonBedrockCountTokensResponseSchema,
} from './amazon-bedrock-api.js';
import { amazonBedrockFailedResponseHandler } from './amazon-bedrock-error.js';
import { readAwsEventStream } from './amazon-bedrock-event-stream.js';
import type { AmazonBedrockModelId } from './amazon-bedrock-options.js';
import { parseAmazonBedrockStream } from './amazon-bedrock-stream-parser.js';
import { convertAmazonBedrockResponse } from './convert-amazon-bedrock-response.js';
import {
  createAmazonBedrockRequestBody,
  toCountTokensBody,
  type AmazonBedrockRequestPlan,
} from './create-amazon-bedrock-request-body.js';

/** The media type of ConverseStream replies. */
export const AWS_EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

/** What a model needs from its provider. */
export type AmazonBedrockModelConfig = {
  /** Provider instance id, e.g. `bedrock`. */
  readonly provider: string;
  /** The runtime endpoint of the model's region, e.g. `https://bedrock-runtime.us-east-1.amazonaws.com`. */
  readonly baseURL: string;
  readonly http: HttpClient;
  /**
   * Builds the headers of one request, authentication included (SigV4 signs the exact URL and
   * body, so it runs once both are known).
   */
  readonly createHeaders: (options: {
    url: string;
    body: string;
    accept: string;
    callHeaders: Readonly<Record<string, string>> | undefined;
    target: CallTarget;
  }) => Promise<Record<string, string>>;
};

/**
 * One Bedrock model behind the Converse API, speaking canonical requests, responses and streams:
 * `POST /model/{modelId}/converse`, `/converse-stream` (binary event stream) and `/count-tokens`.
 * The model id goes URL-encoded into the path, so inference-profile ids and ARNs work as they are.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 */
export class AmazonBedrockLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: AmazonBedrockModelId;
  private readonly config: AmazonBedrockModelConfig;
  private readonly target: CallTarget;

  constructor({
    modelId,
    config,
  }: {
    modelId: AmazonBedrockModelId;
    config: AmazonBedrockModelConfig;
  }) {
    this.provider = config.provider;
    this.modelId = modelId;
    this.config = config;
    this.target = { provider: config.provider, modelId };
  }

  /** Sends a Converse request and converts the reply. */
  async generate(request: CanonicalRequest, options: CallOptions): Promise<CanonicalResponse> {
    const plan = this.createPlan(request);
    const url = this.operationUrl('converse');
    const body = JSON.stringify(plan.body);
    const response = await this.post({ url, body, accept: 'application/json', options });
    const converse = await readJsonResponse({
      response,
      schema: amazonBedrockConverseResponseSchema,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
    return convertAmazonBedrockResponse({
      response: converse,
      modelId: this.modelId,
      responseId: response.headers.get('x-amzn-requestid') ?? undefined,
      isJsonMode: plan.isJsonMode,
      warnings: plan.warnings,
    });
  }

  /** Starts a ConverseStream request; resolves once Bedrock accepted it (2xx headers received). */
  async stream(request: CanonicalRequest, options: CallOptions): Promise<StreamResult> {
    const plan = this.createPlan(request, { isStream: true });
    const url = this.operationUrl('converse-stream');
    const body = JSON.stringify(plan.body);
    const response = await this.post({
      url,
      body,
      accept: AWS_EVENT_STREAM_CONTENT_TYPE,
      options,
    });
    const chunks = readBody({
      response,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
    return {
      stream: parseAmazonBedrockStream({
        messages: readAwsEventStream({ chunks, target: this.target, url }),
        modelId: this.modelId,
        responseId: response.headers.get('x-amzn-requestid') ?? undefined,
        isJsonMode: plan.isJsonMode,
        target: this.target,
        url,
      }),
      warnings: plan.warnings,
    };
  }

  /**
   * Counts the request's input tokens exactly with Bedrock's CountTokens (foundation models that
   * support it; Bedrock rejects the others).
   * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html
   */
  async countTokens(request: CanonicalRequest, options: CallOptions): Promise<TokenCount> {
    const plan = this.createPlan(request);
    const url = this.operationUrl('count-tokens');
    const body = JSON.stringify(toCountTokensBody(plan.body));
    const response = await this.post({ url, body, accept: 'application/json', options });
    const count = await readJsonResponse({
      response,
      schema: amazonBedrockCountTokensResponseSchema,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
    return { inputTokens: count.inputTokens, isEstimate: false };
  }

  /** The URL of one operation for this model; the id may hold `:` and `/` (ARNs), so it is encoded. */
  private operationUrl(operation: 'converse' | 'converse-stream' | 'count-tokens'): string {
    return `${this.config.baseURL}/model/${encodeURIComponent(this.modelId)}/${operation}`;
  }

  private createPlan(
    request: CanonicalRequest,
    { isStream = false } = {},
  ): AmazonBedrockRequestPlan {
    return createAmazonBedrockRequestBody({ request, modelId: this.modelId, isStream });
  }

  private async post({
    url,
    body,
    accept,
    options,
  }: {
    url: string;
    body: string;
    accept: string;
    options: CallOptions;
  }): Promise<HttpResponse> {
    const headers = await this.config.createHeaders({
      url,
      body,
      accept,
      callHeaders: options.headers,
      target: this.target,
    });
    return callApi({
      http: this.config.http,
      url,
      headers,
      body,
      target: this.target,
      abortSignal: options.abortSignal,
      failedResponseHandler: amazonBedrockFailedResponseHandler,
    });
  }
}
