import {
  createHttpClient,
  DEFAULT_TIMEOUTS,
  type FetchFunction,
  type TimeoutSettings,
} from '../../provider-utils/index.js';
import { InternalError } from '../../spec/index.js';
import { createOpenAIChatProvider, type OpenAIProvider } from '../openai/openai-provider.js';
import { mistralDialect } from './mistral-dialect.js';
import {
  MISTRAL_MAX_EMBEDDING_INPUTS,
  transformMistralEmbeddingBody,
} from './mistral-embedding-model.js';
import { generateMistralToolCallId } from './mistral-tool-call-id.js';

/** Settings of {@link createMistralProvider}. */
export type MistralProviderSettings = {
  /** Provider instance id from the config. Defaults to `mistral`. */
  readonly id?: string;
  /** Sent as `Authorization: Bearer`. The caller reads it, e.g. from `MISTRAL_API_KEY`. */
  readonly apiKey?: string;
  /** API root. Defaults to `https://api.mistral.ai/v1`. */
  readonly baseURL?: string;
  /** Extra headers for every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** An injected fetch (tests); when given, no connection pool is created. */
  readonly fetch?: FetchFunction;
  /** Upstream timeouts in milliseconds; unset ones use DEFAULT_TIMEOUTS. */
  readonly timeouts?: Partial<TimeoutSettings>;
  /** Makes ids for tool calls that arrive without one. Defaults to 9 random letters and digits. */
  readonly generateId?: () => string;
};

/**
 * Creates a provider for Mistral's native chat API (STYLE.md rule 3): the OpenAI model class with
 * Mistral's dialect, and model discovery through `GET /models`.
 *
 * @example createMistralProvider({ apiKey }).languageModel('mistral-small-latest')
 * @see https://docs.mistral.ai/api/
 */
export function createMistralProvider(settings: MistralProviderSettings = {}): OpenAIProvider {
  const id = settings.id ?? 'mistral';
  return createOpenAIChatProvider({
    id,
    type: 'mistral',
    baseURL: settings.baseURL ?? 'https://api.mistral.ai/v1',
    dialect: mistralDialect,
    http: createHttpClient({
      timeouts: { ...DEFAULT_TIMEOUTS, ...settings.timeouts },
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    }),
    generateId: settings.generateId ?? generateMistralToolCallId,
    embeddings: {
      maxInputsPerCall: MISTRAL_MAX_EMBEDDING_INPUTS,
      transformRequestBody: transformMistralEmbeddingBody,
    },
    headers: () => {
      if (!settings.apiKey) {
        throw new InternalError({
          message: `Mistral API key is missing for provider '${id}'. Pass it using the 'apiKey' setting or the MISTRAL_API_KEY environment variable.`,
        });
      }
      return { authorization: `Bearer ${settings.apiKey}`, ...settings.headers };
    },
  });
}
