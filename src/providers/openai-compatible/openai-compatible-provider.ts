import {
  createHttpClient,
  DEFAULT_TIMEOUTS,
  type FetchFunction,
  type TimeoutSettings,
} from '../../provider-utils/index.js';
import { InternalError } from '../../spec/index.js';
import type { OpenAIChatDialect } from '../openai/openai-chat-dialect.js';
import {
  createOpenAIChatProvider,
  generateToolCallId,
  type OpenAIProvider,
} from '../openai/openai-provider.js';
import { openaiCompatibleErrorHandling } from './openai-compatible-error.js';
import {
  OPENAI_COMPATIBLE_FLAVORS,
  type OpenAICompatibleFlavor,
  type OpenAICompatibleFlavorDefinition,
} from './openai-compatible-flavors.js';

/** Settings of {@link createOpenAICompatibleProvider}. */
export type OpenAICompatibleProviderSettings = {
  /** Provider instance id from the config, e.g. `local-ollama`. */
  readonly id: string;
  /** Which server it is: selects the default base URL and the known quirks. */
  readonly flavor: OpenAICompatibleFlavor;
  /** API root, e.g. `http://127.0.0.1:8000/v1`. Defaults per flavor; `generic` requires it. */
  readonly baseURL?: string;
  /** Sent as `Authorization: Bearer`. Optional for local servers, required for hosted ones. */
  readonly apiKey?: string;
  /** Extra headers for every request (e.g. OpenRouter's `HTTP-Referer` and `X-Title`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** An injected fetch (tests); when given, no connection pool is created. */
  readonly fetch?: FetchFunction;
  /** Upstream timeouts in milliseconds; unset ones use DEFAULT_TIMEOUTS. */
  readonly timeouts?: Partial<TimeoutSettings>;
  /** Makes ids for tool calls that arrive without one. */
  readonly generateId?: () => string;
};

/**
 * Most inputs sent to a compatible server in one embeddings call. Servers differ (llama.cpp and
 * Ollama batch in memory), so this stays below OpenAI's 2048.
 */
export const OPENAI_COMPATIBLE_MAX_EMBEDDING_INPUTS = 256;

/** The `providerOptions` key whose entries are sent as extra body fields, e.g. vLLM's `min_p`. */
export const OPENAI_COMPATIBLE_OPTIONS_KEY = 'openai-compatible';

/**
 * Creates a provider for an OpenAI-compatible server (vLLM, Ollama, llama.cpp, Together, Groq,
 * DeepSeek, OpenRouter or any other). It is the OpenAI provider with the flavor's dialect:
 * `max_tokens`, lenient error bodies, and the settings each server cannot honour as warnings.
 */
export function createOpenAICompatibleProvider(
  settings: OpenAICompatibleProviderSettings,
): OpenAIProvider {
  const { id } = settings;
  const flavor = OPENAI_COMPATIBLE_FLAVORS[settings.flavor];
  const baseURL = settings.baseURL ?? flavor.defaultBaseURL;
  if (baseURL === undefined) {
    throw new InternalError({
      message: `Provider '${id}' (flavor '${settings.flavor}') has no base URL. Set providers.${id}.baseURL to the server's API root, e.g. http://127.0.0.1:8000/v1.`,
    });
  }
  return createOpenAIChatProvider({
    id,
    type: 'openai-compatible',
    baseURL,
    dialect: createCompatibleDialect(flavor),
    http: createHttpClient({
      timeouts: { ...DEFAULT_TIMEOUTS, ...settings.timeouts },
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    }),
    generateId: settings.generateId ?? generateToolCallId,
    embeddings: { maxInputsPerCall: OPENAI_COMPATIBLE_MAX_EMBEDDING_INPUTS },
    headers: () => {
      if (!settings.apiKey && flavor.apiKeyVariable !== undefined) {
        throw new InternalError({
          message: `${flavor.name} API key is missing for provider '${id}'. Pass it using the 'apiKey' setting or the ${flavor.apiKeyVariable} environment variable.`,
        });
      }
      return {
        ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
        ...settings.headers,
      };
    },
  });
}

function createCompatibleDialect(flavor: OpenAICompatibleFlavorDefinition): OpenAIChatDialect {
  return {
    providerOptionsKey: OPENAI_COMPATIBLE_OPTIONS_KEY,
    // Servers take fields of their own (vLLM `min_p`, Ollama `options`): forwarded as given.
    parseProviderOptions: (options) => ({ values: { ...options }, warnings: [] }),
    maxTokensField: flavor.maxTokensField,
    supportsJsonSchema: flavor.supportsJsonSchema,
    supportsStreamUsage: true,
    modelQuirks: (modelId) => ({
      systemMessageRole: 'system',
      imageInput: flavor.imageInput,
      unsupportedSettings: {
        ...flavor.unsupportedSettings,
        ...flavor.modelUnsupportedSettings?.(modelId),
      },
    }),
    ...(flavor.transformRequestBody ? { transformRequestBody: flavor.transformRequestBody } : {}),
    errors: openaiCompatibleErrorHandling,
  };
}
