import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderCallError, type CanonicalRequest, type LanguageModel } from '../../spec/index.js';
import type { FakeUpstream } from '../test-utils/fake-server.js';
import { parseAwsErrorType } from './amazon-bedrock-error.js';
import { createAmazonBedrockProvider } from './amazon-bedrock-provider.js';
import { bedrockErrorResponse } from './test-utils/amazon-bedrock-test-helpers.js';
import { startBedrockFakeUpstream } from './test-utils/bedrock-fake-upstream.js';
import { collectEvents, createRecordingFetch } from '../test-utils/provider-test-helpers.js';

const hi: CanonicalRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

function modelReplying(reply: () => Response): LanguageModel {
  const { fetch } = createRecordingFetch(reply);
  return createAmazonBedrockProvider({
    region: 'us-east-1',
    apiKey: 'key',
    fetch,
  }).languageModel('anthropic.claude-haiku-4-5-20251001-v1:0');
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderCallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ProviderCallError.isInstance(error))
    throw new Error(`expected a ProviderCallError, got ${String(error)}`);
  return error;
}

describe('parseAwsErrorType', () => {
  it('reads the bare exception name from the header and from a body __type', () => {
    expect(
      parseAwsErrorType('ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/'),
    ).toBe('ThrottlingException');
    expect(parseAwsErrorType('com.amazon.coral.service#UnrecognizedClientException')).toBe(
      'UnrecognizedClientException',
    );
    expect(parseAwsErrorType('ValidationException')).toBe('ValidationException');
    expect(parseAwsErrorType('')).toBeUndefined();
    expect(parseAwsErrorType(null)).toBeUndefined();
  });
});

describe('amazonBedrockFailedResponseHandler', () => {
  it.each([
    { status: 400, type: 'ValidationException', code: 'upstream_rejected', isRetryable: false },
    { status: 403, type: 'AccessDeniedException', code: 'upstream_error', isRetryable: false },
    {
      status: 403,
      type: 'UnrecognizedClientException',
      code: 'upstream_error',
      isRetryable: false,
    },
    {
      status: 404,
      type: 'ResourceNotFoundException',
      code: 'upstream_rejected',
      isRetryable: false,
    },
    { status: 408, type: 'ModelTimeoutException', code: 'upstream_timeout', isRetryable: true },
    { status: 424, type: 'ModelErrorException', code: 'upstream_rejected', isRetryable: false },
    { status: 429, type: 'ThrottlingException', code: 'rate_limited', isRetryable: true },
    { status: 429, type: 'ModelNotReadyException', code: 'rate_limited', isRetryable: true },
    { status: 500, type: 'InternalServerException', code: 'upstream_error', isRetryable: true },
    {
      status: 503,
      type: 'ServiceUnavailableException',
      code: 'upstream_unavailable',
      isRetryable: true,
    },
  ] as const)(
    'maps $status $type to $code (retryable: $isRetryable)',
    async ({ status, type, code, isRetryable }) => {
      const error = await failureOf(
        modelReplying(() =>
          bedrockErrorResponse({ status, type, message: `${type} happened` }),
        ).generate(hi, {}),
      );
      expect(error.upstreamStatusCode).toBe(status);
      expect(error.upstreamType).toBe(type);
      expect(error.code).toBe(code);
      expect(error.isRetryable).toBe(isRetryable);
      expect(error.message).toContain(`returned ${status}: ${type}: ${type} happened`);
    },
  );

  it('gives throttling a default retry hint, and prefers a Retry-After the reply does send', async () => {
    const throttled = await failureOf(
      modelReplying(() =>
        bedrockErrorResponse({
          status: 429,
          type: 'ThrottlingException',
          message: 'Too many tokens',
        }),
      ).generate(hi, {}),
    );
    expect(throttled.retryAfterMs).toBe(500);
    const withHeader = await failureOf(
      modelReplying(() =>
        bedrockErrorResponse({
          status: 429,
          type: 'ThrottlingException',
          message: 'x',
          headers: { 'retry-after': '3' },
        }),
      ).generate(hi, {}),
    );
    expect(withHeader.retryAfterMs).toBe(3000);
  });

  it('explains a refused signature in terms of AWS credentials and permissions', async () => {
    const error = await failureOf(
      modelReplying(() =>
        bedrockErrorResponse({
          status: 403,
          type: 'AccessDeniedException',
          message: 'You do not have access',
        }),
      ).generate(hi, {}),
    );
    expect(error.message).toMatch(/providers\.bedrock\.credentials.*bedrock:InvokeModel/);
  });

  it('reads a capitalised Message, a body __type, and falls back to the status text for a non-JSON body', async () => {
    const capitalised = await failureOf(
      modelReplying(
        () =>
          new Response(
            JSON.stringify({
              __type: 'com.amazon.coral.service#UnrecognizedClientException',
              Message: 'The security token included in the request is invalid.',
            }),
            { status: 403 },
          ),
      ).generate(hi, {}),
    );
    expect(capitalised.upstreamType).toBe('UnrecognizedClientException');
    expect(capitalised.message).toContain(
      'UnrecognizedClientException: The security token included in the request is invalid.',
    );
    const html = await failureOf(
      modelReplying(
        () =>
          new Response('', {
            status: 502,
            statusText: 'Bad Gateway',
            headers: { 'x-amzn-errortype': 'InternalFailure' },
          }),
      ).generate(hi, {}),
    );
    expect(html.message).toContain('Bad Gateway');
    expect(html.upstreamType).toBe('InternalFailure');
    expect(html.isRetryable).toBe(true);
  });
});

describe('ConverseStream exception events', () => {
  let upstream: FakeUpstream;
  let model: LanguageModel;
  beforeAll(async () => {
    upstream = await startBedrockFakeUpstream();
    model = createAmazonBedrockProvider({
      region: 'us-east-1',
      apiKey: 'k',
      baseURL: upstream.origin,
    }).languageModel('anthropic.claude-haiku-4-5-20251001-v1:0');
  });
  afterAll(() => upstream.close());

  it.each([
    { exceptionType: 'throttlingException', status: 429, code: 'rate_limited', isRetryable: true },
    {
      exceptionType: 'serviceUnavailableException',
      status: 503,
      code: 'upstream_unavailable',
      isRetryable: true,
    },
    {
      exceptionType: 'internalServerException',
      status: 500,
      code: 'upstream_error',
      isRetryable: true,
    },
    {
      exceptionType: 'validationException',
      status: 400,
      code: 'upstream_rejected',
      isRetryable: false,
    },
    {
      exceptionType: 'modelStreamErrorException',
      status: undefined,
      code: 'upstream_error',
      isRetryable: true,
    },
    {
      exceptionType: 'someFutureException',
      status: undefined,
      code: 'upstream_error',
      isRetryable: true,
    },
  ] as const)(
    'maps a mid-stream $exceptionType frame to $code semantics',
    async ({ exceptionType, status, code, isRetryable }) => {
      const { stream } = await model.stream(
        {
          messages: [
            {
              role: 'user',
              content: [{ type: 'text', text: `Go [[bedrock-exception:${exceptionType}]]` }],
            },
          ],
        },
        {},
      );
      const seen: string[] = [];
      const error = await failureOf(
        (async () => {
          for await (const event of stream) seen.push(event.type);
        })(),
      );
      expect(seen).toContain('text-delta');
      expect(error.upstreamType).toBe(exceptionType);
      expect(error.upstreamStatusCode).toBe(status);
      expect(error.code).toBe(code);
      expect(error.isRetryable).toBe(isRetryable);
      expect(error.message).toContain('in the middle of its stream');
      if (status === 429) expect(error.retryAfterMs).toBeGreaterThan(0);
    },
  );

  it('refuses a stream that is not event-stream frames as retryable', async () => {
    const { stream } = await model.stream(
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'Go [[scenario:malformed]]' }] },
        ],
      },
      {},
    );
    const error = await failureOf(collectEvents(stream));
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('corrupted event-stream frame');
  });
});
