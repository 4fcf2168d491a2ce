import { randomBytes } from 'node:crypto';
import {
  callApi,
  createHttpClient,
  DEFAULT_TIMEOUTS,
  readJsonResponse,
  type FetchFunction,
  type HttpClient,
  type TimeoutSettings,
} from '../../provider-utils/index.js';
import {
  InternalError,
  type CallOptions,
  type DiscoveredModel,
  type ProviderV1,
} from '../../spec/index.js';
import { openaiModelListSchema } from './openai-api.js';
import { openaiDialect, type OpenAIChatDialect } from './openai-chat-dialect.js';
import { OpenAIEmbeddingModel, type OpenAIEmbeddingModelConfig } from './openai-embedding-model.js';
import { OpenAILanguageModel } from './openai-language-model.js';
import type { OpenAIModelId } from './openai-options.js';

/** Settings of {@link createOpenAIProvider}. */
export type OpenAIProviderSettings = {
  /** Provider instance id from the config. Defaults to `openai`. */
  readonly id?: string;
  /**
   * The API key, sent as `Authorization: Bearer`. The provider never reads the environment: the
   * caller passes the key (e.g. from `OPENAI_API_KEY`). Checked on each request.
   */
  readonly apiKey?: string;
  /** API root. Defaults to `https://api.openai.com/v1`. */
  readonly baseURL?: string;
  /** Sent as `OpenAI-Organization`. */
  readonly organization?: string;
  /** Sent as `OpenAI-Project`. */
  readonly project?: string;
  /** Extra headers for every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** An injected fetch (tests); when given, no connection pool is created. */
  readonly fetch?: FetchFunction;
  /** Upstream timeouts in milliseconds; unset ones use DEFAULT_TIMEOUTS. */
  readonly timeouts?: Partial<TimeoutSettings>;
  /** Makes ids for tool calls that arrive without one. Defaults to `call_<random hex>`. */
  readonly generateId?: () => string;
};

/** The OpenAI provider: Chat Completions models and model discovery. */
export type OpenAIProvider = ProviderV1 & {
  languageModel(modelId: OpenAIModelId): OpenAILanguageModel;
  /** An embeddings model of `POST /embeddings`, e.g. `text-embedding-3-small`. */
  embeddingModel(modelId: string): OpenAIEmbeddingModel;
  /** Lists the models of `GET /models`. */
  listModels(options: CallOptions): Promise<ReadonlyArray<DiscoveredModel>>;
  /** Closes the connection pool. */
  close(): Promise<void>;
};

/** Generates `call_<24 hex>` tool-call ids. */
export function generateToolCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}

/** Removes trailing slashes so paths can be appended with `/`. */
export function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Creates an OpenAI provider (STYLE.md rule 3).
 *
 * @example createOpenAIProvider({ apiKey: config.apiKey }).languageModel('gpt-4o-mini')
 * @see https://platform.openai.com/docs/api-reference
 */
export function createOpenAIProvider(settings: OpenAIProviderSettings = {}): OpenAIProvider {
  const id = settings.id ?? 'openai';
  return createOpenAIChatProvider({
    id,
    type: 'openai',
    baseURL: settings.baseURL ?? 'https://api.openai.com/v1',
    dialect: openaiDialect,
    http: createHttpClient({
      timeouts: { ...DEFAULT_TIMEOUTS, ...settings.timeouts },
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    }),
    generateId: settings.generateId ?? generateToolCallId,
    headers: () => {
      if (!settings.apiKey) {
        throw new InternalError({
          message: `OpenAI API key is missing for provider '${id}'. Pass it using the 'apiKey' setting or the OPENAI_API_KEY environment variable.`,
        });
      }
      return {
        authorization: `Bearer ${settings.apiKey}`,
        ...(settings.organization ? { 'openai-organization': settings.organization } : {}),
        ...(settings.project ? { 'openai-project': settings.project } : {}),
        ...settings.headers,
      };
    },
  });
}

/** Everything a Chat Completions provider is made of; shared with openai-compatible. */
export type OpenAIChatProviderOptions = {
  readonly id: string;
  readonly type: string;
  readonly baseURL: string;
  readonly dialect: OpenAIChatDialect;
  readonly http: HttpClient;
  readonly generateId: () => string;
  readonly headers: () => Record<string, string>;
  /**
   * Embeddings of `{baseURL}/embeddings`: most inputs per call (OpenAI: 2048) and the server's
   * differences. Defaults to OpenAI's.
   */
  readonly embeddings?: Pick<
    OpenAIEmbeddingModelConfig,
    'maxInputsPerCall' | 'transformRequestBody'
  >;
};

/** Most inputs api.openai.com embeds in one call. */
export const OPENAI_MAX_EMBEDDING_INPUTS = 2048;

/** Assembles a Chat Completions provider from its parts. */
export function createOpenAIChatProvider(options: OpenAIChatProviderOptions): OpenAIProvider {
  const { id, type, dialect, http, generateId, headers } = options;
  const baseURL = withoutTrailingSlash(options.baseURL);
  return {
    id,
    type,
    languageModel: (modelId) =>
      new OpenAILanguageModel(modelId, {
        provider: id,
        baseURL,
        headers,
        http,
        generateId,
        dialect,
      }),
    embeddingModel: (modelId) =>
      new OpenAIEmbeddingModel(modelId, {
        provider: id,
        url: `${baseURL}/embeddings`,
        headers,
        http,
        failedResponseHandler: dialect.errors.failedResponseHandler,
        maxInputsPerCall: options.embeddings?.maxInputsPerCall ?? OPENAI_MAX_EMBEDDING_INPUTS,
        ...(options.embeddings?.transformRequestBody
          ? { transformRequestBody: options.embeddings.transformRequestBody }
          : {}),
      }),
    async listModels(callOptions: CallOptions): Promise<ReadonlyArray<DiscoveredModel>> {
      const url = `${baseURL}/models`;
      const target = { provider: id, modelId: '(model list)' };
      const response = await callApi({
        http,
        url,
        method: 'GET',
        headers: { ...headers(), ...callOptions.headers },
        target,
        abortSignal: callOptions.abortSignal,
        failedResponseHandler: dialect.errors.failedResponseHandler,
      });
      const list = await readJsonResponse({
        response,
        schema: openaiModelListSchema,
        http,
        url,
        target,
        abortSignal: callOptions.abortSignal,
      });
      return list.data.map((model) => ({ id: model.id }));
    },
    close: () => http.close(),
  };
}
