import {
  createHttpClient,
  DEFAULT_TIMEOUTS,
  type FetchFunction,
  type TimeoutSettings,
} from '../../provider-utils/index.js';
import { InternalError, type ProviderV1 } from '../../spec/index.js';
import { OpenAIEmbeddingModel } from '../openai/openai-embedding-model.js';
import { OpenAILanguageModel } from '../openai/openai-language-model.js';
import {
  generateToolCallId,
  OPENAI_MAX_EMBEDDING_INPUTS,
  withoutTrailingSlash,
} from '../openai/openai-provider.js';
import { createAzureOpenAIDialect } from './azure-openai-dialect.js';
import { azureOpenAIErrorHandling } from './azure-openai-error.js';

/** The api-version sent by default: the latest GA version of the dated inference API. */
export const AZURE_OPENAI_DEFAULT_API_VERSION = '2024-10-21';

/** Settings of {@link createAzureOpenAIProvider}. */
export type AzureOpenAIProviderSettings = {
  /** Provider instance id from the config. Defaults to `azure`. */
  readonly id?: string;
  /** The Azure resource name; the base URL becomes `https://{resourceName}.openai.azure.com/openai`. */
  readonly resourceName?: string;
  /** API root ending in `/openai`, e.g. `https://my-resource.openai.azure.com/openai`. Wins over `resourceName`. */
  readonly baseURL?: string;
  /**
   * The `api-version` query parameter. Defaults to {@link AZURE_OPENAI_DEFAULT_API_VERSION}
   * (`2024-10-21`). With `useV1Api` it is sent only when set.
   */
  readonly apiVersion?: string;
  /**
   * Use the v1 API (`{baseURL}/v1/chat/completions`, the deployment name in `model`) instead of
   * the dated one (`{baseURL}/deployments/{deployment}/chat/completions?api-version=...`).
   * Defaults to false.
   */
  readonly useV1Api?: boolean;
  /** The resource key, sent as `api-key`. The caller reads it, e.g. from `AZURE_OPENAI_API_KEY`. */
  readonly apiKey?: string;
  /**
   * A Microsoft Entra ID access token (scope `https://cognitiveservices.azure.com/.default`), sent
   * as `Authorization: Bearer`; the alternative to `apiKey`. A function is called on every
   * request, so it should cache and refresh the token itself.
   */
  readonly token?: string | (() => Promise<string>);
  /** Extra headers for every request. */
  readonly headers?: Readonly<Record<string, string>>;
  /** An injected fetch (tests); when given, no connection pool is created. */
  readonly fetch?: FetchFunction;
  /** Upstream timeouts in milliseconds; unset ones use DEFAULT_TIMEOUTS. */
  readonly timeouts?: Partial<TimeoutSettings>;
  /** Makes ids for tool calls that arrive without one. Defaults to `call_<random hex>`. */
  readonly generateId?: () => string;
};

/** The Azure OpenAI provider: one Chat Completions model per deployment. */
export type AzureOpenAIProvider = ProviderV1 & {
  /** The model of one deployment; `deploymentName` is the deployment, not the OpenAI model. */
  languageModel(deploymentName: string): OpenAILanguageModel;
  /** The embeddings model of one deployment (e.g. of `text-embedding-3-small`). */
  embeddingModel(deploymentName: string): OpenAIEmbeddingModel;
  /** Closes the connection pool. */
  close(): Promise<void>;
};

/**
 * Creates an Azure OpenAI provider (STYLE.md rule 3): the OpenAI model class with Azure's URLs,
 * `api-key` or Entra ID authentication, and Azure's error bodies (content filter verdicts).
 *
 * @example createAzureOpenAIProvider({ resourceName: 'my-resource', apiKey }).languageModel('gpt-4o-prod')
 * @see https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference
 */
export function createAzureOpenAIProvider(
  settings: AzureOpenAIProviderSettings,
): AzureOpenAIProvider {
  const id = settings.id ?? 'azure';
  const baseURL = resolveBaseURL({ id, settings });
  if (settings.apiKey && settings.token !== undefined) {
    throw new InternalError({
      message: `Provider '${id}' has both an API key and an Entra ID token. Set either providers.${id}.apiKey or providers.${id}.token, not both.`,
    });
  }
  const http = createHttpClient({
    timeouts: { ...DEFAULT_TIMEOUTS, ...settings.timeouts },
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const headers = async (): Promise<Record<string, string>> => ({
    ...(await resolveCredentials({ id, settings })),
    ...settings.headers,
  });
  return {
    id,
    type: 'azure-openai',
    languageModel: (deploymentName) =>
      new OpenAILanguageModel(deploymentName, {
        provider: id,
        baseURL,
        chatCompletionsURL: createOperationURL({
          baseURL,
          deploymentName,
          settings,
          operation: 'chat/completions',
        }),
        headers,
        http,
        generateId: settings.generateId ?? generateToolCallId,
        dialect: createAzureOpenAIDialect(deploymentName),
      }),
    embeddingModel: (deploymentName) =>
      new OpenAIEmbeddingModel(deploymentName, {
        provider: id,
        url: createOperationURL({ baseURL, deploymentName, settings, operation: 'embeddings' }),
        headers,
        http,
        failedResponseHandler: azureOpenAIErrorHandling.failedResponseHandler,
        maxInputsPerCall: OPENAI_MAX_EMBEDDING_INPUTS,
      }),
    close: () => http.close(),
  };
}

function resolveBaseURL({
  id,
  settings,
}: {
  id: string;
  settings: AzureOpenAIProviderSettings;
}): string {
  if (settings.baseURL) return withoutTrailingSlash(settings.baseURL);
  if (settings.resourceName) return `https://${settings.resourceName}.openai.azure.com/openai`;
  throw new InternalError({
    message: `Provider '${id}' has no Azure endpoint. Set providers.${id}.resourceName (the resource of https://{resourceName}.openai.azure.com) or providers.${id}.baseURL.`,
  });
}

/**
 * The URL of one operation of a deployment: `{base}/deployments/{deployment}/{operation}?api-version=`
 * or, with the v1 API, `{base}/v1/{operation}` (the deployment goes in `model`).
 * @see https://learn.microsoft.com/en-us/azure/ai-foundry/openai/reference#embeddings
 */
function createOperationURL({
  baseURL,
  deploymentName,
  settings,
  operation,
}: {
  baseURL: string;
  deploymentName: string;
  settings: AzureOpenAIProviderSettings;
  operation: 'chat/completions' | 'embeddings';
}): string {
  if (settings.useV1Api) {
    const query = settings.apiVersion
      ? `?api-version=${encodeURIComponent(settings.apiVersion)}`
      : '';
    return `${baseURL}/v1/${operation}${query}`;
  }
  const apiVersion = encodeURIComponent(settings.apiVersion ?? AZURE_OPENAI_DEFAULT_API_VERSION);
  return `${baseURL}/deployments/${encodeURIComponent(deploymentName)}/${operation}?api-version=${apiVersion}`;
}

async function resolveCredentials({
  id,
  settings,
}: {
  id: string;
  settings: AzureOpenAIProviderSettings;
}): Promise<Record<string, string>> {
  const { apiKey, token } = settings;
  if (apiKey) return { 'api-key': apiKey };
  const value = typeof token === 'function' ? await token() : token;
  if (value) return { authorization: `Bearer ${value}` };
  throw new InternalError({
    message: `Azure OpenAI credentials are missing for provider '${id}'. Pass a key using the 'apiKey' setting or the AZURE_OPENAI_API_KEY environment variable, or an Entra ID access token using the 'token' setting.`,
  });
}
