import {
  createHttpClient,
  type CallTarget,
  type FetchFunction,
  type TimeoutSettings,
} from '../../provider-utils/index.js';
import { ProviderCallError, type ProviderV1 } from '../../spec/index.js';
import {
  awsCredentialsSchema,
  missingCredentialsMessage,
  type AwsCredentials,
  type AwsCredentialsProvider,
} from './amazon-bedrock-credentials.js';
import { AmazonBedrockEmbeddingModel } from './amazon-bedrock-embedding-model.js';
import {
  AmazonBedrockLanguageModel,
  type AmazonBedrockModelConfig,
} from './amazon-bedrock-language-model.js';
import type { AmazonBedrockModelId } from './amazon-bedrock-options.js';
import { AMAZON_BEDROCK_SIGNING_SERVICE, signAwsRequest } from './amazon-bedrock-sigv4.js';

/** Settings of `createAmazonBedrockProvider` (STYLE.md rule 4). */
export type AmazonBedrockProviderSettings = {
  /** Provider instance id, used in errors and logs. Defaults to `bedrock`. */
  readonly id?: string;
  /** The AWS region models are called in by default, e.g. `us-east-1`. */
  readonly region: string;
  /**
   * Per-model region overrides, keyed by model id exactly as passed to `languageModel()`, e.g.
   * `{ "eu.anthropic.claude-sonnet-4-5-20250929-v1:0": "eu-central-1" }`. Such a model is called
   * at that region's endpoint and signed for that region.
   */
  readonly regionByModel?: Readonly<Record<string, string>>;
  /**
   * AWS credentials for SigV4 signing: static keys, or a function called before every request
   * (cache inside it if loading is expensive). The provider never reads the environment itself:
   * use `resolveAwsCredentials({ env: process.env })` to load the standard sources.
   */
  readonly credentials?: AwsCredentials | AwsCredentialsProvider;
  /**
   * A Bedrock API key, sent as `Authorization: Bearer`. The alternative to SigV4: when set, it
   * wins over `credentials`.
   * @see https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html
   */
  readonly apiKey?: string;
  /**
   * The runtime endpoint. Defaults to `https://bedrock-runtime.{region}.amazonaws.com`; a
   * `{region}` placeholder is replaced by each model's region (e.g. for VPC endpoints).
   */
  readonly baseURL?: string;
  /** Extra headers on every request (signed with SigV4); they override the defaults, not the per-call headers. */
  readonly headers?: Readonly<Record<string, string>>;
  /** A fetch to use instead of the pooled undici client (tests, proxies). */
  readonly fetch?: FetchFunction;
  /** Connect / first-byte / idle timeouts in milliseconds. Defaults to `DEFAULT_TIMEOUTS`. */
  readonly timeouts?: TimeoutSettings;
  /** The clock SigV4 signs with. Defaults to `() => new Date()`. */
  readonly now?: () => Date;
};

const DEFAULT_BASE_URL = 'https://bedrock-runtime.{region}.amazonaws.com';

const regionPattern = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/**
 * Creates a provider for Amazon Bedrock's Converse API. Each request is signed with SigV4 (service
 * `bedrock`) or carries a Bedrock API key; both are resolved per request, so missing credentials
 * only fail the calls that need them.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference.html
 */
export function createAmazonBedrockProvider(settings: AmazonBedrockProviderSettings): ProviderV1 {
  const provider = settings.id ?? 'bedrock';
  for (const [modelId, region] of [
    ['(default)', settings.region],
    ...Object.entries(settings.regionByModel ?? {}),
  ]) {
    if (!regionPattern.test(region ?? '')) {
      throw new Error(
        `Provider '${provider}' has an invalid AWS region '${region ?? ''}' for model ${modelId}. Use a region code such as 'us-east-1'.`,
      );
    }
  }
  const http = createHttpClient({
    ...(settings.timeouts ? { timeouts: settings.timeouts } : {}),
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
  });
  const baseURLTemplate = (settings.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const createModelConfig = (modelId: string): AmazonBedrockModelConfig => {
    const region = settings.regionByModel?.[modelId] ?? settings.region;
    return {
      provider,
      baseURL: baseURLTemplate.replaceAll('{region}', region),
      http,
      createHeaders: (options) => createAmazonBedrockHeaders({ settings, region, ...options }),
    };
  };

  return {
    id: provider,
    type: 'amazon-bedrock',
    languageModel: (modelId: AmazonBedrockModelId) =>
      new AmazonBedrockLanguageModel({ modelId, config: createModelConfig(modelId) }),
    embeddingModel: (modelId: string) =>
      new AmazonBedrockEmbeddingModel({ modelId, config: createModelConfig(modelId) }),
    close: () => http.close(),
  };
}

async function createAmazonBedrockHeaders({
  settings,
  region,
  url,
  body,
  accept,
  callHeaders,
  target,
}: {
  settings: AmazonBedrockProviderSettings;
  region: string;
  url: string;
  body: string;
  accept: string;
  callHeaders: Readonly<Record<string, string>> | undefined;
  target: CallTarget;
}): Promise<Record<string, string>> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept,
    ...lowerCaseKeys(settings.headers),
    ...lowerCaseKeys(callHeaders),
  };
  if (settings.apiKey) {
    return { ...headers, authorization: `Bearer ${settings.apiKey}` };
  }
  if (settings.credentials !== undefined) {
    const credentials = await loadCredentials({ credentials: settings.credentials, target, url });
    // A custom authorization header would only be overwritten by the signature.
    delete headers.authorization;
    return signAwsRequest({
      method: 'POST',
      url,
      headers,
      body,
      credentials,
      region,
      service: AMAZON_BEDROCK_SIGNING_SERVICE,
      signingDate: settings.now?.() ?? new Date(),
    });
  }
  if (headers.authorization !== undefined) return headers;
  throw new ProviderCallError({
    ...target,
    url,
    statusCode: undefined,
    isRetryable: false,
    message: `Provider '${target.provider}' cannot call Bedrock: ${missingCredentialsMessage()}`,
  });
}

async function loadCredentials({
  credentials,
  target,
  url,
}: {
  credentials: AwsCredentials | AwsCredentialsProvider;
  target: CallTarget;
  url: string;
}): Promise<AwsCredentials> {
  let loaded: unknown;
  try {
    loaded = typeof credentials === 'function' ? await credentials() : credentials;
  } catch (error) {
    // The loader's own message may quote what it read, so it stays in `cause` only.
    throw new ProviderCallError({
      ...target,
      url,
      statusCode: undefined,
      isRetryable: false,
      message: `Provider '${target.provider}' could not load its AWS credentials: the 'credentials' function failed (${error instanceof Error ? error.name : 'error'}).`,
      cause: error,
    });
  }
  const parsed = awsCredentialsSchema.safeParse(loaded);
  if (parsed.success) {
    const { accessKeyId, secretAccessKey, sessionToken } = parsed.data;
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  }
  throw new ProviderCallError({
    ...target,
    url,
    statusCode: undefined,
    isRetryable: false,
    message: `Provider '${target.provider}' has unusable AWS credentials: ${parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ')} missing or empty. ${missingCredentialsMessage()}`,
  });
}

function lowerCaseKeys(
  headers: Readonly<Record<string, string>> | undefined,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) result[name.toLowerCase()] = value;
  return result;
}
