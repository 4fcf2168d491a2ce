import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  validateEmbeddingRequest,
  validateEmbeddingResponse,
  validateErrorResponse,
} from '../src/providers/openai/test-utils/openai-schema-validator.js';
import { createSeededUnitVector } from '../src/providers/simulated/simulated-embedding-model.js';
import {
  EMBEDDING_MODELS,
  startGatewayHarness,
  type GatewayHarness,
} from './harness/gateway-harness.js';

// Black-box: the official `openai` client's embeddings.create against the real gateway in front
// of every vendor that has embeddings. Raw bodies are checked against OpenAI's OpenAPI spec.

let harness: GatewayHarness;
let client: OpenAI;

beforeAll(async () => {
  harness = await startGatewayHarness();
  client = new OpenAI({
    baseURL: `${harness.origin}/v1`,
    apiKey: 'client-key',
    maxRetries: 0,
    timeout: 10_000,
  });
});

afterAll(async () => {
  await harness.close();
});

async function postEmbeddings(
  body: unknown,
): Promise<{ status: number; json: any; headers: Headers }> {
  const response = await fetch(`${harness.origin}/v1/embeddings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json(), headers: response.headers };
}

/** Sizes each model can shorten its vectors to, and the size it gives without `dimensions`. */
const SIZES: Record<string, { requested: number; returned: number }> = {
  'gpt-embed': { requested: 64, returned: 64 },
  'azure-embed': { requested: 64, returned: 64 },
  'local-embed': { requested: 64, returned: 64 },
  'mistral-embed': { requested: 64, returned: 64 },
  'gemini-embed': { requested: 64, returned: 64 },
  'titan-embed': { requested: 256, returned: 256 },
  'cohere-embed': { requested: 64, returned: 1024 },
  'sim-embed': { requested: 64, returned: 64 },
};

describe.each(EMBEDDING_MODELS)('openai SDK embeddings → gateway → $id ($vendor)', ({ id }) => {
  const size = SIZES[id] ?? { requested: 64, returned: 64 };
  const inputs = ['The food was delicious.', 'The waiter was friendly.', 'A third sentence.'];

  it('returns one float vector per input, in order, with usage', async () => {
    const result = await client.embeddings.create({
      model: id,
      input: inputs,
      encoding_format: 'float',
      dimensions: size.requested,
    });
    expect(result.object).toBe('list');
    expect(result.data.map((item) => item.index)).toEqual([0, 1, 2]);
    for (const item of result.data) {
      expect(item.object).toBe('embedding');
      expect(item.embedding).toHaveLength(size.returned);
      expect(item.embedding.every((value) => Number.isFinite(value))).toBe(true);
    }
    expect(result.data[0]?.embedding).not.toEqual(result.data[1]?.embedding);
    expect(result.usage.prompt_tokens).toBeGreaterThan(0);
    expect(result.usage.total_tokens).toBe(result.usage.prompt_tokens);
  });

  it('answers bodies that match the OpenAPI schema, and base64 as float32 bytes', async () => {
    const body = { model: id, input: inputs, dimensions: size.requested };
    const float = await postEmbeddings({ ...body, encoding_format: 'float' });
    expect(validateEmbeddingRequest(body)).toEqual([]);
    expect(float.status).toBe(200);
    expect(validateEmbeddingResponse(float.json)).toEqual([]);
    expect(float.headers.get('x-switchyard-model')).toBe(id);
    // The spec types `embedding` as numbers only; base64 is a string of little-endian float32s.
    const base64 = await postEmbeddings({ ...body, encoding_format: 'base64' });
    expect(base64.status).toBe(200);
    for (const [index, item] of (base64.json.data as Array<{ embedding: string }>).entries()) {
      const bytes = Buffer.from(item.embedding, 'base64');
      const decoded = Array.from({ length: bytes.length / 4 }, (_, at) =>
        bytes.readFloatLE(at * 4),
      );
      expect(decoded).toEqual(
        (float.json.data[index].embedding as number[]).map((value) => Math.fround(value)),
      );
    }
  });

  it('decodes the base64 default of the SDK to the same vectors as float', async () => {
    const floats = await client.embeddings.create({
      model: id,
      input: inputs,
      encoding_format: 'float',
      dimensions: size.requested,
    });
    // Without encoding_format the SDK asks for base64 and decodes the float32 bytes itself.
    const decoded = await client.embeddings.create({
      model: id,
      input: inputs,
      dimensions: size.requested,
    });
    expect(decoded.data.map((item) => item.embedding)).toEqual(
      floats.data.map((item) => item.embedding.map((value) => Math.fround(value))),
    );
  });

  it('embeds a single string input', async () => {
    const result = await client.embeddings.create({
      model: id,
      input: 'one text',
      encoding_format: 'float',
    });
    expect(result.data).toHaveLength(1);
  });
});

describe('embeddings errors and batching', () => {
  it('refuses a chat model and lists the embedding models', async () => {
    const error: unknown = await client.embeddings
      .create({ model: 'gpt', input: 'hello' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toMatch(
      /'gpt' is a chat model.*'gpt-embed'/,
    );
  });

  it('refuses chat completions on an embedding model', async () => {
    const error: unknown = await client.chat.completions
      .create({ model: 'gpt-embed', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toMatch(
      /embedding model/,
    );
  });

  it.each([
    ['token arrays', [1, 2, 3], /token input is not supported/],
    ['nested token arrays', [[1, 2]], /token input is not supported/],
    ['an empty string', '', /empty string/],
    ['an empty array', [], /empty array/],
    ['an empty item', ['a', ''], /input\[1\]/],
    ['too many inputs', Array.from({ length: 2049 }, () => 'x'), /at most 2048/],
  ])('answers %s with a 400 naming input', async (_name, input, message) => {
    const { status, json } = await postEmbeddings({ model: 'sim-embed', input });
    expect(status).toBe(400);
    expect(validateErrorResponse(json)).toEqual([]);
    expect(json.error.param).toBe('input');
    expect(json.error.message).toMatch(message);
  });

  it('warns about unknown fields in the warnings header', async () => {
    const { status, headers } = await postEmbeddings({
      model: 'sim-embed',
      input: 'hello',
      extra_thing: true,
    });
    expect(status).toBe(200);
    expect(headers.get('x-switchyard-warnings')).toMatch(/extra_thing/);
  });

  it('maps an upstream rate limit to a 429', async () => {
    const error: unknown = await client.embeddings
      .create({ model: 'gpt-embed', input: ['[[scenario:rate-limit]]'] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('splits large requests into batches and keeps the order', async () => {
    const texts = Array.from({ length: 40 }, (_, index) => `text number ${index}`);
    const result = await client.embeddings.create({
      model: 'sim-embed',
      input: texts,
      encoding_format: 'float',
      dimensions: 8,
    });
    expect(result.data.map((item) => item.embedding)).toEqual(
      texts.map((text) => createSeededUnitVector({ text, dimensions: 8 })),
    );
  });

  it('calls Titan once per input', async () => {
    const before = harness.upstreams.bedrock.requests.length;
    const result = await client.embeddings.create({
      model: 'titan-embed',
      input: ['one', 'two', 'three'],
      encoding_format: 'float',
    });
    expect(result.data).toHaveLength(3);
    const invokes = harness.upstreams.bedrock.requests
      .slice(before)
      .filter((request) => request.url.endsWith('/invoke'));
    expect(invokes).toHaveLength(3);
  });

  it('records embedding calls in the request log', async () => {
    await client.embeddings.create({ model: 'gpt-embed', input: ['log me'] });
    await harness.server.requestLog?.flush();
    const records = (await harness.server.requestLog?.list({ limit: 50 })) ?? [];
    const record = records.find(
      (entry) => entry.dialect === 'openai-embeddings' && entry.modelId === 'gpt-embed',
    );
    expect(record).toMatchObject({
      provider: 'openai',
      vendorModel: 'text-embedding-3-small',
      statusCode: 200,
      isStream: false,
    });
    expect(record?.inputTokens).toBeGreaterThan(0);
    expect(record?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('lists embedding models with their kind', async () => {
    const response = await fetch(`${harness.origin}/v1/models`);
    const body = (await response.json()) as {
      data: Array<{ id: string; switchyard: { kind: string } }>;
    };
    expect(body.data.find((model) => model.id === 'gpt-embed')?.switchyard.kind).toBe('embedding');
    expect(body.data.find((model) => model.id === 'gpt')?.switchyard.kind).toBe('chat');
  });
});
