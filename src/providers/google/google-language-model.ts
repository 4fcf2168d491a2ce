import {
  callApi,
  readBody,
  readJsonResponse,
  readServerSentEvents,
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
import { convertGoogleResponse } from './convert-google-response.js';
import {
  createGoogleRequestBody,
  toCountTokensBody,
  type GoogleRequestPlan,
} from './create-google-request-body.js';
import {
  googleCountTokensResponseSchema,
  googleGenerateContentResponseSchema,
} from './google-api.js';
import { googleFailedResponseHandler } from './google-error.js';
import type { GoogleModelId } from './google-options.js';
import { parseGoogleStream } from './google-stream-parser.js';

/** What a model needs from its provider. */
export type GoogleModelConfig = {
  /** Provider instance id, e.g. `google`. */
  readonly provider: string;
  /** Base URL ending in the API version, e.g. `https://generativelanguage.googleapis.com/v1beta`. */
  readonly baseURL: string;
  readonly http: HttpClient;
  /** Resolves the request headers (key, custom headers) on each call. */
  readonly resolveHeaders: (options: {
    callHeaders: Readonly<Record<string, string>> | undefined;
    target: CallTarget;
    url: string;
  }) => Record<string, string>;
  /** Makes ids for function calls, which Gemini usually sends without one. */
  readonly generateId: () => string;
};

/**
 * The resource path of a model: `models/{id}` for a bare id, the id itself when it is already a
 * resource name (`models/...`, `tunedModels/...`). Each segment is URL-encoded.
 */
export function toModelPath(modelId: string): string {
  const path = modelId.includes('/') ? modelId : `models/${modelId}`;
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * One Gemini model behind the Generative Language API, speaking canonical requests, responses
 * and streams: `models/{model}:generateContent`, `:streamGenerateContent?alt=sse` and exact
 * token counts from `:countTokens`. The API key travels in the `x-goog-api-key` header, never in
 * the URL, so URLs in errors and logs hold no secret.
 * @see https://ai.google.dev/api/generate-content
 */
export class GoogleLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: GoogleModelId;
  private readonly config: GoogleModelConfig;
  private readonly target: CallTarget;
  private readonly modelPath: string;

  constructor({ modelId, config }: { modelId: GoogleModelId; config: GoogleModelConfig }) {
    this.provider = config.provider;
    this.modelId = modelId;
    this.config = config;
    this.target = { provider: config.provider, modelId };
    this.modelPath = toModelPath(modelId);
  }

  /** Sends a non-streaming request and converts the reply. */
  async generate(request: CanonicalRequest, options: CallOptions): Promise<CanonicalResponse> {
    const plan = this.createPlan(request);
    const url = `${this.config.baseURL}/${this.modelPath}:generateContent`;
    const response = await this.post({ url, body: JSON.stringify(plan.body), options });
    const reply = await readJsonResponse({
      response,
      schema: googleGenerateContentResponseSchema,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
    return convertGoogleResponse({
      response: reply,
      modelId: this.modelId,
      warnings: plan.warnings,
      generateId: this.config.generateId,
    });
  }

  /** Starts a streaming request; resolves once Gemini accepted it (2xx headers received). */
  async stream(request: CanonicalRequest, options: CallOptions): Promise<StreamResult> {
    const plan = this.createPlan(request);
    const url = `${this.config.baseURL}/${this.modelPath}:streamGenerateContent?alt=sse`;
    const response = await this.post({ url, body: JSON.stringify(plan.body), options });
    const chunks = readBody({
      response,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
    return {
      stream: parseGoogleStream({
        events: readServerSentEvents(chunks),
        modelId: this.modelId,
        target: this.target,
        url,
        generateId: this.config.generateId,
      }),
      warnings: plan.warnings,
    };
  }

  /** Counts the request's input tokens exactly (system instruction and tools included). */
  async countTokens(request: CanonicalRequest, options: CallOptions): Promise<TokenCount> {
    const plan = this.createPlan(request);
    const url = `${this.config.baseURL}/${this.modelPath}:countTokens`;
    const body = JSON.stringify(toCountTokensBody({ body: plan.body, modelPath: this.modelPath }));
    const response = await this.post({ url, body, options });
    const count = await readJsonResponse({
      response,
      schema: googleCountTokensResponseSchema,
      http: this.config.http,
      url,
      target: this.target,
      abortSignal: options.abortSignal,
    });
    return { inputTokens: count.totalTokens, isEstimate: false };
  }

  private createPlan(request: CanonicalRequest): GoogleRequestPlan {
    return createGoogleRequestBody({ request, modelId: this.modelId });
  }

  private post({
    url,
    body,
    options,
  }: {
    url: string;
    body: string;
    options: CallOptions;
  }): Promise<HttpResponse> {
    return callApi({
      http: this.config.http,
      url,
      headers: this.config.resolveHeaders({
        callHeaders: options.headers,
        target: this.target,
        url,
      }),
      body,
      target: this.target,
      abortSignal: options.abortSignal,
      failedResponseHandler: googleFailedResponseHandler,
    });
  }
}
