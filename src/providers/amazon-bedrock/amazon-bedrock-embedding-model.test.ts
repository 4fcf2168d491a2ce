import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../test-utils/fake-server.js';
import { createAmazonBedrockProvider } from './amazon-bedrock-provider.js';
import { startBedrockFakeUpstream } from './test-utils/bedrock-fake-upstream.js';

const credentials = { accessKeyId: 'AKIAFAKEFAKEFAKE', secretAccessKey: 'fake/secret/key' };
let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startBedrockFakeUpstream({ credentials, region: 'us-east-1' });
});

afterAll(async () => {
  await upstream.close();
});

function createModel(modelId: string) {
  return createAmazonBedrockProvider({
    region: 'us-east-1',
    credentials,
    baseURL: upstream.origin,
  }).embeddingModel?.(modelId);
}

describe('AmazonBedrockEmbeddingModel', () => {
  it('sends one signed Titan v2 InvokeModel call with dimensions and normalize', async () => {
    const model = createModel('amazon.titan-embed-text-v2:0');
    expect(model?.maxInputsPerCall).toBe(1);
    const result = await model?.embed({ inputs: ['hello world'], dimensions: 256 }, {});
    const request = upstream.requests.at(-1);
    expect(request?.url).toBe('/model/amazon.titan-embed-text-v2%3A0/invoke');
    expect(request?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(JSON.parse(request?.body ?? '')).toMatchInlineSnapshot(`
      {
        "dimensions": 256,
        "inputText": "hello world",
        "normalize": true,
      }
    `);
    expect(result?.embeddings[0]).toHaveLength(256);
    expect(result?.usage.inputTokens).toBe(3);
  });

  it('warns and keeps the default size for a Titan size it lacks', async () => {
    const result = await createModel('amazon.titan-embed-text-v2:0')?.embed(
      { inputs: ['hello'], dimensions: 100 },
      {},
    );
    expect(result?.embeddings[0]).toHaveLength(1024);
    expect(result?.warnings[0]).toMatchObject({
      type: 'unsupported-setting',
      setting: 'dimensions',
    });
  });

  it('sends Cohere texts with an input type and reads the token count header', async () => {
    const model = createModel('cohere.embed-english-v3');
    expect(model?.maxInputsPerCall).toBe(96);
    const result = await model?.embed({ inputs: ['one', 'two'] }, {});
    expect(JSON.parse(upstream.requests.at(-1)?.body ?? '')).toMatchInlineSnapshot(`
      {
        "input_type": "search_document",
        "texts": [
          "one",
          "two",
        ],
      }
    `);
    expect(result?.embeddings).toHaveLength(2);
    expect(result?.usage.inputTokens).toBe(2);
    expect(result?.warnings).toEqual([]);
  });

  it('maps a throttling exception to a retryable 429', async () => {
    const error: unknown = await createModel('amazon.titan-embed-text-v2:0')
      ?.embed({ inputs: ['[[scenario:rate-limit]]'] }, {})
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 429, isRetryable: true });
  });

  it('refuses models without embeddings when created', () => {
    expect(() => createModel('anthropic.claude-3-haiku')).toThrow(
      /not a supported embedding model/,
    );
  });
});
