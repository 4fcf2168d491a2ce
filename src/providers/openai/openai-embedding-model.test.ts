import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../spec/index.js';
import {
  startOpenAIFakeUpstream,
  type OpenAIFakeUpstream,
} from './test-utils/openai-fake-upstream.js';
import { createOpenAIProvider } from './openai-provider.js';

let upstream: OpenAIFakeUpstream;

beforeAll(async () => {
  upstream = await startOpenAIFakeUpstream({ apiKey: 'sk-test' });
});

afterAll(async () => {
  await upstream.close();
});

function createModel(modelId = 'text-embedding-3-small') {
  return createOpenAIProvider({ apiKey: 'sk-test', baseURL: upstream.baseURL }).embeddingModel(
    modelId,
  );
}

describe('OpenAIEmbeddingModel', () => {
  it('sends the inputs, dimensions and user to /embeddings and maps the recorded answer', async () => {
    const result = await createModel().embed(
      { inputs: ['sunny day at the beach', 'rainy day in the city'], dimensions: 5, user: 'u-1' },
      {},
    );
    const request = upstream.requests.at(-1);
    expect(request?.url).toBe('/v1/embeddings');
    expect(JSON.parse(request?.body ?? '')).toMatchInlineSnapshot(`
      {
        "dimensions": 5,
        "input": [
          "sunny day at the beach",
          "rainy day in the city",
        ],
        "model": "text-embedding-3-small",
        "user": "u-1",
      }
    `);
    expect(result).toEqual({
      embeddings: [
        [0.0057293195, -0.012727811, 0.020042092, -0.013437585, 0.022833068],
        [-0.037104916, -0.05178114, -0.008340587, 0.001164541, -0.0035253682],
      ],
      modelId: 'text-embedding-3-small',
      usage: { inputTokens: 12 },
      warnings: [],
    });
  });

  it('returns vectors of the requested size', async () => {
    const result = await createModel().embed({ inputs: ['a'], dimensions: 32 }, {});
    expect(result.embeddings[0]).toHaveLength(32);
  });

  it('maps a 429 to a retryable ProviderCallError', async () => {
    const error: unknown = await createModel()
      .embed({ inputs: ['[[scenario:rate-limit]]'] }, {})
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ statusCode: 429, isRetryable: true });
  });

  it('maps a 400 for dimensions on ada-002 to a non-retryable error', async () => {
    const error: unknown = await createModel('text-embedding-ada-002')
      .embed({ inputs: ['a'], dimensions: 8 }, {})
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ statusCode: 400, isRetryable: false });
    expect((error as Error).message).toMatch(/does not support specifying dimensions/);
  });
});
