import {
  callApi,
  createHttpClient,
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
import { anthropicModelsPageSchema } from './anthropic-api.js';
import { anthropicFailedResponseHandler } from './anthropic-error.js';
import { AnthropicLanguageModel, type AnthropicModelConfig } from './anthropic-language-model.js';
import type { AnthropicModelId } from './anthropic-options.js';

/** Settings of `createAnthropicProvider` (STYLE.md rule 4). */
export type AnthropicProviderSettings = {
  /** Provider instance id, used in errors and logs. Defaults to `anthropic`. */
  readonly id?: string;
  /**
   * Sent as `x-api-key`. The provider never reads the environment itself: pass
   * `process.env.ANTHROPIC_API_KEY` here if that is where the key lives.
   */
  readonly apiKey?: string;
  /** Base URL including the version path. Defaults to `https://api.anthropic.com/v1`. */
  readonly baseURL?: string;
  /** Extra headers on every request; they override the defaults (not the per-call headers). */
  readonly headers?: Readonly<Record<string, string>>;
  /** A fetch to use instead of the pooled undici client (tests, proxies). */
  readonly fetch?: FetchFunction;
  /** Connect / first-byte / idle timeouts in milliseconds. Defaults to `DEFAULT_TIMEOUTS`. */
  readonly timeouts?: TimeoutSettings;
  /** `max_tokens` for requests without `maxOutputTokens` (Anthropic requires it). Defaults to 4096. */
  readonly defaultMaxOutputTokens?: number;
};

/** The `anthropic-version` this provider speaks. */
export const ANTHROPIC_VERSION = '2023-06-01';

const DEFAULT_BASE_URL = 'https://api.anthropic.com/v1';

/** Largest page `GET /v1/models` serves. */
const MODELS_PAGE_LIMIT = 1000;

/**
 * Creates a provider for Anthropic's Messages API. Headers are resolved on each request, so a
 * missing key only fails the calls that need it.
 * @see https://docs.anthropic.com/en/api/getting-started
 */
export function createAnthropicProvider(settings: AnthropicProviderSettings = {}): ProviderV1 {
  const provider = settings.id ?? 'anthropic';
  const baseURL = (settings.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const http = createHttpClient({
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const resolveHeaders: AnthropicModelConfig['resolveHeaders'] = (options) =>
    createAnthropicHeaders({ settings, ...options });
  const config: AnthropicModelConfig = {
    provider,
    baseURL,
    http,
    resolveHeaders,
    defaultMaxOutputTokens: settings.defaultMaxOutputTokens ?? 4096,
  };

  return {
    id: provider,
    type: 'anthropic',
    languageModel: (modelId: AnthropicModelId) => new AnthropicLanguageModel({ modelId, config }),
    listModels: async (options: CallOptions): Promise<ReadonlyArray<DiscoveredModel>> => {
      const models: DiscoveredModel[] = [];
      let afterId: string | undefined;
      for (;;) {
        const query = new URLSearchParams({ limit: String(MODELS_PAGE_LIMIT) });
        if (afterId !== undefined) query.set('after_id', afterId);
        const url = `${baseURL}/models?${query.toString()}`;
        const target = { provider, modelId: '(model list)' };
        const response = await callApi({
          http,
          url,
          method: 'GET',
          headers: resolveHeaders({ callHeaders: options.headers, betas: [], target, url }),
          target,
          abortSignal: options.abortSignal,
          failedResponseHandler: anthropicFailedResponseHandler,
        });
        const page = await readJsonResponse({
          response,
          schema: anthropicModelsPageSchema,
          http,
          url,
          target,
          abortSignal: options.abortSignal,
        });
        models.push(...page.data.map((model) => ({ id: model.id })));
        if (!page.has_more || !page.last_id || page.last_id === afterId) return models;
        afterId = page.last_id;
      }
    },
    close: () => http.close(),
  };
}

function createAnthropicHeaders({
  settings,
  callHeaders,
  betas,
  target,
  url,
}: {
  settings: AnthropicProviderSettings;
  callHeaders: Readonly<Record<string, string>> | undefined;
  betas: ReadonlyArray<string>;
  target: CallTarget;
  url: string;
}): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'anthropic-version': ANTHROPIC_VERSION,
    ...(settings.apiKey === undefined ? {} : { 'x-api-key': settings.apiKey }),
    ...lowerCaseKeys(settings.headers),
    ...lowerCaseKeys(callHeaders),
  };
  if (headers['x-api-key'] === undefined && headers.authorization === undefined) {
    throw new ProviderCallError({
      ...target,
      url,
      statusCode: undefined,
      isRetryable: false,
      message: `Anthropic API key is missing for provider '${target.provider}'. Pass it using the 'apiKey' setting or the ANTHROPIC_API_KEY environment variable.`,
    });
  }
  if (betas.length > 0) {
    const existing = headers['anthropic-beta']?.split(',').map((beta) => beta.trim()) ?? [];
    headers['anthropic-beta'] = [...new Set([...existing, ...betas])].filter(Boolean).join(',');
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
