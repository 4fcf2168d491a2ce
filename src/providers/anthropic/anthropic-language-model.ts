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
  anthropicCountTokensResponseSchema,
  anthropicMessageResponseSchema,
} from './anthropic-api.js';
import { anthropicFailedResponseHandler } from './anthropic-error.js';
import type { AnthropicModelId } from './anthropic-options.js';
import { parseAnthropicStream } from './anthropic-stream-parser.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';
import {
  createAnthropicRequestBody,
  toCountTokensBody,
  type AnthropicRequestPlan,
} from './create-anthropic-request-body.js';

/** What a model needs from its provider. */
export type AnthropicModelConfig = {
  /** Provider instance id, e.g. `anthropic`. */
  readonly provider: string;
  /** Base URL ending in the API version, e.g. `https://api.anthropic.com/v1`. */
  readonly baseURL: string;
  readonly http: HttpClient;
  /** Resolves the request headers (key, version, custom headers) on each call. */
  readonly resolveHeaders: (options: {
    callHeaders: Readonly<Record<string, string>> | undefined;
    betas: ReadonlyArray<string>;
    target: CallTarget;
    url: string;
  }) => Record<string, string>;
  /** `max_tokens` when a request sets no `maxOutputTokens`. */
  readonly defaultMaxOutputTokens: number;
};

/**
 * One Anthropic model behind the Messages API (`POST /v1/messages`), speaking canonical requests,
 * responses and streams. Exact token counts come from `POST /v1/messages/count_tokens`.
 * @see https://docs.anthropic.com/en/api/messages
 */
export class AnthropicLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: AnthropicModelId;
  private readonly config: AnthropicModelConfig;
  private readonly target: CallTarget;

  constructor({ modelId, config }: { modelId: AnthropicModelId; config: AnthropicModelConfig }) {
    this.provider = config.provider;
    this.modelId = modelId;
    this.config = config;
    this.target = { provider: config.provider, modelId };
  }

  /** Sends a non-streaming request and converts the reply. */
  async generate(request: CanonicalRequest, options: CallOptions): Promise<CanonicalResponse> {
    const plan = this.createPlan(request);
    const url = `${this.config.baseURL}/messages`;
    const response = await this.post({ url, plan, body: serialise(plan), options });
    const message = await readJsonResponse({
      response,
      schema: anthropicMessageResponseSchema,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
    return convertAnthropicResponse({
      response: message,
      modelId: this.modelId,
      isJsonMode: plan.isJsonMode,
      warnings: plan.warnings,
    });
  }

  /** Starts a streaming request; resolves once Anthropic accepted it (2xx headers received). */
  async stream(request: CanonicalRequest, options: CallOptions): Promise<StreamResult> {
    const plan = this.createPlan(request);
    const url = `${this.config.baseURL}/messages`;
    const body = serialise(plan, { stream: true });
    const response = await this.post({ url, plan, body, options });
    const chunks = readBody({
      response,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
    return {
      stream: parseAnthropicStream({
        chunks,
        modelId: this.modelId,
        isJsonMode: plan.isJsonMode,
        target: this.target,
        url,
      }),
      warnings: plan.warnings,
    };
  }

  /** Counts the request's input tokens exactly, with Anthropic's own tokenizer. */
  async countTokens(request: CanonicalRequest, options: CallOptions): Promise<TokenCount> {
    const plan = this.createPlan(request);
    const url = `${this.config.baseURL}/messages/count_tokens`;
    const body = JSON.stringify(toCountTokensBody(plan.body));
    const response = await this.post({ url, plan, body, options });
    const count = await readJsonResponse({
      response,
      schema: anthropicCountTokensResponseSchema,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
    return { inputTokens: count.input_tokens, isEstimate: false };
  }

  private createPlan(request: CanonicalRequest): AnthropicRequestPlan {
    return createAnthropicRequestBody({
      request,
      modelId: this.modelId,
      defaultMaxOutputTokens: this.config.defaultMaxOutputTokens,
    });
  }

  private post({
    url,
    plan,
    body,
    options,
  }: {
    url: string;
    plan: AnthropicRequestPlan;
    body: string;
    options: CallOptions;
  }): Promise<HttpResponse> {
    return callApi({
      http: this.config.http,
      url,
      headers: this.config.resolveHeaders({
        callHeaders: options.headers,
        betas: plan.betas,
        target: this.target,
        url,
      }),
      body,
      target: this.target,
      abortSignal: options.abortSignal,
      failedResponseHandler: anthropicFailedResponseHandler,
    });
  }
}

function serialise(plan: AnthropicRequestPlan, { stream = false } = {}): string {
  const body = stream ? { ...plan.body, stream: true } : plan.body;
  return JSON.stringify(plan.extraBody ? { ...body, ...plan.extraBody } : body);
}
