import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../test-utils/fake-server.js';
import { createGoogleProvider } from './google-provider.js';
import { startGoogleFakeUpstream } from './test-utils/google-fake-upstream.js';

let upstream: FakeUpstream;

beforeAll(async () => {
  upstream = await startGoogleFakeUpstream({ apiKey: 'fake-key' });
});

afterAll(async () => {
  await upstream.close();
});

const createModel = () =>
  createGoogleProvider({ apiKey: 'fake-key', baseURL: `${upstream.origin}/v1beta` }).embeddingModel(
    'gemini-embedding-001',
  );

describe('GoogleEmbeddingModel', () => {
  it('sends batchEmbedContents with outputDimensionality and estimates usage with a warning', async () => {
    const result = await createModel().embed({ inputs: ['a cat', 'a dog'], dimensions: 16 }, {});
    const request = upstream.requests.at(-1);
    expect(request?.url).toBe('/v1beta/models/gemini-embedding-001:batchEmbedContents');
    expect(JSON.parse(request?.body ?? '')).toMatchInlineSnapshot(`
      {
        "requests": [
          {
            "content": {
              "parts": [
                {
                  "text": "a cat",
                },
              ],
            },
            "model": "models/gemini-embedding-001",
            "outputDimensionality": 16,
          },
          {
            "content": {
              "parts": [
                {
                  "text": "a dog",
                },
              ],
            },
            "model": "models/gemini-embedding-001",
            "outputDimensionality": 16,
          },
        ],
      }
    `);
    expect(result.embeddings.map((vector) => vector.length)).toEqual([16, 16]);
    expect(result.usage.inputTokens).toBe(4);
    expect(result.warnings).toEqual([
      {
        type: 'other',
        message: 'Gemini reports no token usage for embeddings; input tokens are estimated',
      },
    ]);
  });

  it('maps RESOURCE_EXHAUSTED to a retryable 429', async () => {
    const error: unknown = await createModel()
      .embed({ inputs: ['[[scenario:rate-limit]]'] }, {})
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 429, isRetryable: true });
  });
});
