import {
  callApi,
  invalidResponseError,
  parseJsonOrUndefined,
  readBody,
  readJsonResponse,
  readServerSentEvents,
  type CallTarget,
  type HttpClient,
  type HttpResponse,
} from '../../provider-utils/index.js';
import { z } from 'zod';
import {
  ProviderCallError,
  type AssistantContentPart,
  type CallOptions,
  type CanonicalRequest,
  type CanonicalResponse,
  type LanguageModel,
  type StreamEvent,
  type StreamResult,
} from '../../spec/index.js';
import {
  openaiChatChunkSchema,
  openaiChatResponseSchema,
  type OpenAIChatResponse,
} from './openai-api.js';
import type { OpenAIChatDialect } from './openai-chat-dialect.js';
import { resolveOpenAIFinishReason } from './map-openai-finish-reason.js';
import { buildOpenAIRequestBody } from './openai-request-body.js';
import { OpenAIStreamParser } from './openai-stream-parser.js';
import { convertOpenAIUsage } from './openai-usage.js';

/** What an {@link OpenAILanguageModel} needs from its provider. */
export type OpenAILanguageModelConfig = {
  /** Provider instance id from the config, e.g. `openai` or `local-ollama`. */
  readonly provider: string;
  /** API root without a trailing slash, e.g. `https://api.openai.com/v1`. */
  readonly baseURL: string;
  /**
   * Resolves the provider's headers; called on every request (STYLE.md rule 4). May be async, for
   * credentials that are fetched or refreshed (Azure Entra ID tokens).
   */
  readonly headers: () => Record<string, string> | Promise<Record<string, string>>;
  /**
   * The full URL of the chat completions endpoint, for servers whose path or query does not follow
   * `{baseURL}/chat/completions` (Azure's deployment paths and `api-version`). Defaults to that.
   */
  readonly chatCompletionsURL?: string;
  readonly http: HttpClient;
  /** Makes ids for tool calls that a server returns without one. */
  readonly generateId: () => string;
  readonly dialect: OpenAIChatDialect;
};

/** Where a call went, for error messages. */
type CallSite = { readonly url: string; readonly target: CallTarget };

/**
 * A Chat Completions model (`POST /chat/completions`), for OpenAI and, through its dialect, for
 * every OpenAI-compatible server.
 *
 * @see https://platform.openai.com/docs/api-reference/chat
 */
export class OpenAILanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  private readonly config: OpenAILanguageModelConfig;
  private readonly responseSchema: z.ZodType<OpenAIChatResponse>;

  constructor(modelId: string, config: OpenAILanguageModelConfig) {
    this.provider = config.provider;
    this.modelId = modelId;
    this.config = config;
    const normalize = config.dialect.normalizeResponseJson;
    this.responseSchema = normalize
      ? z.preprocess(normalize, openaiChatResponseSchema)
      : openaiChatResponseSchema;
  }

  /** Sends one non-streaming request. */
  async generate(request: CanonicalRequest, options: CallOptions): Promise<CanonicalResponse> {
    const { body, warnings } = buildOpenAIRequestBody({
      request,
      modelId: this.modelId,
      dialect: this.config.dialect,
      isStreaming: false,
    });
    const site = this.callSite();
    const response = await this.post({ site, body, options });
    const data = await readJsonResponse({
      response,
      schema: this.responseSchema,
      http: this.config.http,
      ...site,
      abortSignal: options.abortSignal,
    });
    return { ...this.convertResponse({ data, site }), warnings };
  }

  /** Starts a streaming request; resolves once the server accepted it. */
  async stream(request: CanonicalRequest, options: CallOptions): Promise<StreamResult> {
    const { body, warnings } = buildOpenAIRequestBody({
      request,
      modelId: this.modelId,
      dialect: this.config.dialect,
      isStreaming: true,
    });
    const site = this.callSite();
    const response = await this.post({ site, body, options });
    return {
      stream: this.readStream({ response, site, abortSignal: options.abortSignal }),
      warnings,
    };
  }

  private callSite(): CallSite {
    return {
      url: this.config.chatCompletionsURL ?? `${this.config.baseURL}/chat/completions`,
      target: { provider: this.provider, modelId: this.modelId },
    };
  }

  private async post({
    site,
    body,
    options,
  }: {
    site: CallSite;
    body: unknown;
    options: CallOptions;
  }): Promise<HttpResponse> {
    return callApi({
      http: this.config.http,
      ...site,
      headers: {
        'content-type': 'application/json',
        ...(await this.config.headers()),
        ...options.headers,
      },
      body: JSON.stringify(body),
      abortSignal: options.abortSignal,
      failedResponseHandler: this.config.dialect.errors.failedResponseHandler,
    });
  }

  private convertResponse({
    data,
    site,
  }: {
    data: OpenAIChatResponse;
    site: CallSite;
  }): Omit<CanonicalResponse, 'warnings'> {
    const choice = data.choices[0];
    if (choice === undefined) {
      throw invalidResponseError({ ...site, text: '', detail: 'the response has no choices' });
    }
    const { message } = choice;
    const content: AssistantContentPart[] = [];
    const reasoning = message.reasoning_content || message.reasoning;
    if (reasoning) content.push({ type: 'reasoning', text: reasoning });
    if (message.content) content.push({ type: 'text', text: message.content });
    if (message.refusal) content.push({ type: 'text', text: message.refusal });
    for (const call of message.tool_calls ?? []) {
      const input = call.function.arguments;
      const text = typeof input === 'string' ? input : input == null ? '' : JSON.stringify(input);
      content.push({
        type: 'tool-call',
        toolCallId: call.id || this.config.generateId(),
        toolName: call.function.name,
        // Some servers send "" for a call without arguments; the canonical input is JSON.
        input: text.length > 0 ? text : '{}',
      });
    }
    const rawFinishReason = choice.finish_reason ?? undefined;
    return {
      ...(data.id ? { id: data.id } : {}),
      modelId: data.model || this.modelId,
      content,
      finishReason: resolveOpenAIFinishReason({
        rawFinishReason,
        hasRefusal: Boolean(message.refusal),
        hasToolCalls: (message.tool_calls?.length ?? 0) > 0,
      }),
      ...(rawFinishReason === undefined ? {} : { rawFinishReason }),
      usage: convertOpenAIUsage(data.usage),
    };
  }

  private async *readStream({
    response,
    site,
    abortSignal,
  }: {
    response: HttpResponse;
    site: CallSite;
    abortSignal: AbortSignal | undefined;
  }): AsyncGenerator<StreamEvent> {
    const createError = (message: string) =>
      new ProviderCallError({
        ...site.target,
        url: site.url,
        statusCode: undefined,
        message: `Provider '${this.provider}' (model '${this.modelId}') broke off its stream: ${message}.`,
      });
    const parser = new OpenAIStreamParser({
      modelId: this.modelId,
      generateId: this.config.generateId,
      createError,
    });
    const normalize = this.config.dialect.normalizeResponseJson;
    const body = readBody({ response, http: this.config.http, ...site, abortSignal });
    for await (const event of readServerSentEvents(body)) {
      // Keep reading after [DONE] so the connection is released whole, back to the pool.
      if (parser.isEnded || event.data.length === 0) continue;
      if (event.data === '[DONE]') {
        parser.end();
      } else {
        const parsed = parseJsonOrUndefined(event.data);
        const value = normalize ? normalize(parsed) : parsed;
        const chunk = openaiChatChunkSchema.safeParse(value);
        if (!chunk.success) {
          const detail = chunk.error.issues[0]?.message ?? 'not JSON';
          throw invalidResponseError({
            ...site,
            text: event.data,
            detail: `stream chunk: ${detail}`,
          });
        }
        if (event.event === 'error' || chunk.data.error != null || chunk.data.object === 'error') {
          throw this.streamError({ value, text: event.data, site });
        }
        parser.processChunk(chunk.data);
      }
      const events = parser.events;
      for (const streamEvent of events) yield streamEvent;
      events.length = 0;
    }
    parser.end();
    for (const streamEvent of parser.events) yield streamEvent;
    parser.events.length = 0;
  }

  /** An error object inside a 200 stream (OpenAI sends these when generation fails mid-way). */
  private streamError({
    value,
    text,
    site,
  }: {
    value: unknown;
    text: string;
    site: CallSite;
  }): ProviderCallError {
    const error = this.config.dialect.errors.readError(value);
    return new ProviderCallError({
      ...site.target,
      url: site.url,
      statusCode: undefined,
      message: `Provider '${this.provider}' (model '${this.modelId}') reported an error in the middle of its stream: ${error?.message ?? text.slice(0, 500)}`,
      responseBody: text.slice(0, 2000),
      ...(error?.type === undefined ? {} : { upstreamType: error.type }),
    });
  }
}
