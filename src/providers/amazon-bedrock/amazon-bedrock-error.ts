import { z } from 'zod';
import {
  createJsonErrorResponseHandler,
  type CallTarget,
  type FailedResponseHandler,
} from '../../provider-utils/index.js';
import { ProviderCallError } from '../../spec/index.js';

/**
 * Bedrock's error body: `{"message": "..."}` (`Message` for some authentication errors), the type
 * travelling in the `x-amzn-errortype` header or, rarely, a body `__type`.
 */
export const amazonBedrockErrorSchema = z.object({
  message: z.string().nullish(),
  Message: z.string().nullish(),
  __type: z.string().nullish(),
});

/**
 * Bedrock sends no `Retry-After` with a 429 ThrottlingException. This is the hint the gateway gives
 * the executor instead, in milliseconds: the AWS SDKs' base delay for retrying throttling errors.
 * @see https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
export const AMAZON_BEDROCK_THROTTLING_RETRY_AFTER_MS = 500;

/**
 * Reads the error type of an AWS restJson1 reply: the `x-amzn-errortype` header, e.g.
 * `ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/`, or a body `__type`
 * such as `com.amazon.coral.service#UnrecognizedClientException`. Returns the bare name.
 * @see https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html#operation-error-serialization
 */
export function parseAwsErrorType(raw: string | null | undefined): string | undefined {
  if (!raw) return undefined;
  const withoutUri = raw.split(':')[0] ?? '';
  const name = withoutUri.split('#').at(-1)?.trim();
  return name ? name : undefined;
}

/**
 * Turns a non-2xx Bedrock reply (`{"message": "..."}` plus `x-amzn-errortype`) into a
 * ProviderCallError whose `upstreamType` is the exception name. Retryability follows the status
 * (429 ThrottlingException / ModelNotReadyException, 5xx, 408 ModelTimeoutException retry).
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_Errors
 */
export const amazonBedrockFailedResponseHandler: FailedResponseHandler = (options) => {
  const headerType = parseAwsErrorType(options.response.headers.get('x-amzn-errortype'));
  let bodyType: string | undefined;
  const base = createJsonErrorResponseHandler({
    errorSchema: amazonBedrockErrorSchema,
    errorToMessage: (data) => {
      bodyType = parseAwsErrorType(data.__type);
      const type = headerType ?? bodyType;
      const message = data.message ?? data.Message ?? 'no error message';
      return type ? `${type}: ${message}` : message;
    },
  })(options);
  const upstreamType = headerType ?? bodyType;
  const isThrottled = options.response.status === 429;
  const retryAfterMs =
    base.retryAfterMs ?? (isThrottled ? AMAZON_BEDROCK_THROTTLING_RETRY_AFTER_MS : undefined);
  const { provider } = options.target;
  const hint =
    options.response.status === 403
      ? ` With AWS credentials, check providers.${provider}.credentials, the region, and that the identity may call bedrock:InvokeModel / bedrock:InvokeModelWithResponseStream on this model.`
      : '';
  return new ProviderCallError({
    ...options.target,
    url: options.url,
    statusCode: options.response.status,
    message: `${base.message}${hint}`,
    ...(base.responseBody === undefined ? {} : { responseBody: base.responseBody }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(upstreamType === undefined ? {} : { upstreamType }),
  });
};

/**
 * The HTTP status each ConverseStream exception event stands for (the stream itself is a 200),
 * from the Smithy model's `httpError` traits. `modelStreamErrorException` (424 in the model) is
 * absent on purpose: Bedrock asks callers to retry it, so it maps to a retryable upstream error.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html#API_runtime_ConverseStream_ResponseSyntax
 */
const STATUS_BY_STREAM_EXCEPTION: Readonly<Record<string, number>> = Object.freeze({
  throttlingException: 429,
  serviceUnavailableException: 503,
  internalServerException: 500,
  validationException: 400,
});

/** Maps an `:message-type: exception` (or `error`) frame of a ConverseStream to an error. */
export function createAmazonBedrockStreamError({
  exceptionType,
  message,
  target,
  url,
}: {
  exceptionType: string;
  message: string | undefined;
  target: CallTarget;
  url: string;
}): ProviderCallError {
  const statusCode = STATUS_BY_STREAM_EXCEPTION[exceptionType];
  return new ProviderCallError({
    ...target,
    url,
    statusCode,
    // Unknown exceptions and modelStreamErrorException: an upstream failure worth retrying.
    ...(statusCode === undefined ? { isRetryable: true } : {}),
    ...(statusCode === 429 ? { retryAfterMs: AMAZON_BEDROCK_THROTTLING_RETRY_AFTER_MS } : {}),
    message: `Provider '${target.provider}' (model '${target.modelId}') reported an error in the middle of its stream: ${exceptionType}: ${message ?? 'no error message'}`,
    upstreamType: exceptionType,
  });
}
