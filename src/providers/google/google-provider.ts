import { randomBytes } from 'node:crypto';
import {
  callApi,
  createHttpClient,
  DEFAULT_TIMEOUTS,
  readJsonResponse,
  type CallTarget,
  type FetchFunction,
  type TimeoutSettings,
} from '../../provider-utils/index.js';
import {
  ProviderCallError,
  type CallOptions,
  type DiscoveredModel,
  type ProviderV1,
} from '../../spec/index.js';
import { googleModelsPageSchema } from './google-api.js';
import { googleFailedResponseHandler } from './google-error.js';
import { GoogleEmbeddingModel } from './google-embedding-model.js';
import { GoogleLanguageModel, type GoogleModelConfig } from './google-language-model.js';
import type { GoogleModelId } from './google-options.js';

/** Settings of `createGoogleProvider` (STYLE.md rule 4). */
export type GoogleProviderSettings = {
  /** Provider instance id, used in errors and logs. Defaults to `google`. */
  readonly id?: string;
  /**
   * Sent as `x-goog-api-key` (never in the URL). The provider never reads the environment
   * itself: pass `process.env.GOOGLE_GENERATIVE_AI_API_KEY` or `GEMINI_API_KEY` here if that is
   * where the key lives.
   */
  readonly apiKey?: string;
  /**
   * Base URL including the version path. Defaults to
   * `https://generativelanguage.googleapis.com/v1beta`.
   */
  readonly baseURL?: string;
  /** Extra headers on every request; they override the defaults (not the per-call headers). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A fetch to use instead of the pooled undici client (tests, proxies). */
  readonly fetch?: FetchFunction;
  /** Connect / first-byte / idle timeouts in milliseconds; unset ones use `DEFAULT_TIMEOUTS`. */
  readonly timeouts?: Partial<TimeoutSettings>;
  /** Makes ids for function calls that Gemini returns without one. Defaults to `call_<24 hex>`. */
  readonly generateId?: () => string;
};

/** The Google provider: Gemini models of the Generative Language API, and model discovery. */
export type GoogleProvider = Omit<ProviderV1, 'languageModel'> & {
  languageModel(modelId: GoogleModelId): GoogleLanguageModel;
  /** A Gemini embedding model, e.g. `gemini-embedding-001`. */
  embeddingModel(modelId: string): GoogleEmbeddingModel;
};

const DEFAULT_BASE_URL = 'https://generativelanguage.googleapis.com/v1beta';

/** Largest page `GET models` serves. */
const MODELS_PAGE_SIZE = 1000;

/** Generates `call_<24 hex>` ids for function calls. */
export function generateGoogleToolCallId(): string {
  return `call_${randomBytes(12).toString('hex')}`;
}

/**
 * Creates a provider for Google's Generative Language API (Gemini). Headers are resolved on each
 * request, so a missing key only fails the calls that need it.
 * @see https://ai.google.dev/api
 */
export function createGoogleProvider(settings: GoogleProviderSettings = {}): GoogleProvider {
  const provider = settings.id ?? 'google';
  const baseURL = (settings.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const http = createHttpClient({
    timeouts: { ...DEFAULT_TIMEOUTS, ...settings.timeouts },
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const resolveHeaders: GoogleModelConfig['resolveHeaders'] = (options) =>
    createGoogleHeaders({ settings, ...options });
  const config: GoogleModelConfig = {
    provider,
    baseURL,
    http,
    resolveHeaders,
    generateId: settings.generateId ?? generateGoogleToolCallId,
  };

  return {
    id: provider,
    type: 'google',
    languageModel: (modelId: GoogleModelId) => new GoogleLanguageModel({ modelId, config }),
    embeddingModel: (modelId: string) => new GoogleEmbeddingModel({ modelId, config }),
    listModels: async (options: CallOptions): Promise<ReadonlyArray<DiscoveredModel>> => {
      const models: DiscoveredModel[] = [];
      let pageToken: string | undefined;
      for (;;) {
        const query = new URLSearchParams({ pageSize: String(MODELS_PAGE_SIZE) });
        if (pageToken !== undefined) query.set('pageToken', pageToken);
        const url = `${baseURL}/models?${query.toString()}`;
        const target = { provider, modelId: '(model list)' };
        const response = await callApi({
          http,
          url,
          method: 'GET',
          headers: resolveHeaders({ callHeaders: options.headers, target, url }),
          target,
          abortSignal: options.abortSignal,
          failedResponseHandler: googleFailedResponseHandler,
        });
        const page = await readJsonResponse({
          response,
          schema: googleModelsPageSchema,
          http,
          url,
          target,
          abortSignal: options.abortSignal,
        });
        for (const model of page.models ?? []) {
          // Embedding and other non-chat models do not offer generateContent.
          const methods = model.supportedGenerationMethods;
          if (methods && !methods.includes('generateContent')) continue;
          models.push({ id: model.name.replace(/^models\//, '') });
        }
        if (!page.nextPageToken || page.nextPageToken === pageToken) return models;
        pageToken = page.nextPageToken;
      }
    },
    close: () => http.close(),
  };
}

function createGoogleHeaders({
  settings,
  callHeaders,
  target,
  url,
}: {
  settings: GoogleProviderSettings;
  callHeaders: Readonly<Record<string, string>> | undefined;
  target: CallTarget;
  url: string;
}): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(settings.apiKey === undefined ? {} : { 'x-goog-api-key': settings.apiKey }),
    ...lowerCaseKeys(settings.headers),
    ...lowerCaseKeys(callHeaders),
  };
  // A bearer token (OAuth, or a proxy in front of Google) is an alternative to the key.
  if (!headers['x-goog-api-key'] && headers.authorization === undefined) {
    throw new ProviderCallError({
      ...target,
      url,
      statusCode: undefined,
      isRetryable: false,
      message: `Google Generative AI API key is missing for provider '${target.provider}'. Pass it using the 'apiKey' setting or the GOOGLE_GENERATIVE_AI_API_KEY (or GEMINI_API_KEY) environment variable.`,
    });
  }
  return headers;
}

function lowerCaseKeys(
  headers: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}
