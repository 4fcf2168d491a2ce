import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderCallError, type CanonicalRequest } from '../../../spec/index.js';
import type { FakeUpstream } from '../../test-utils/fake-server.js';
import { AwsEventStreamDecoder } from '../amazon-bedrock-event-stream.js';
import { createAmazonBedrockProvider } from '../amazon-bedrock-provider.js';
import { signAwsRequest } from '../amazon-bedrock-sigv4.js';
import { startBedrockFakeUpstream } from './bedrock-fake-upstream.js';

const credentials = {
  accessKeyId: 'AKIDFAKE',
  secretAccessKey: 'fake-secret',
  sessionToken: 'fake-token',
};
const hi: CanonicalRequest = {
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
};

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startBedrockFakeUpstream({
    credentials,
    apiKey: 'good-key',
    region: 'ap-southeast-2',
  });
});
afterAll(() => upstream.close());

function modelWith(settings: Partial<Parameters<typeof createAmazonBedrockProvider>[0]>) {
  return createAmazonBedrockProvider({
    region: 'ap-southeast-2',
    baseURL: upstream.origin,
    ...settings,
  }).languageModel('apac.anthropic.claude-sonnet-4-5-20250929-v1:0');
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

describe('startBedrockFakeUpstream', () => {
  it('accepts SigV4 with a session token and a bearer API key', async () => {
    await expect(modelWith({ credentials }).generate(hi, {})).resolves.toMatchObject({
      finishReason: 'stop',
    });
    await expect(modelWith({ apiKey: 'good-key' }).generate(hi, {})).resolves.toMatchObject({
      finishReason: 'stop',
    });
  });

  it('refuses a wrong secret with 403 InvalidSignatureException in Bedrock’s shape', async () => {
    const error = await failureOf(
      modelWith({ credentials: { ...credentials, secretAccessKey: 'wrong' } }).generate(hi, {}),
    );
    expect(error.upstreamStatusCode).toBe(403);
    expect(error.upstreamType).toBe('InvalidSignatureException');
    expect(error.isRetryable).toBe(false);
    expect(error.responseBody).toMatch(
      /^\{"message":"The request signature we calculated does not match/,
    );
  });

  it('refuses a signature scoped to another region, an unknown key, a wrong token and a wrong API key', async () => {
    const otherRegion = await failureOf(
      modelWith({ credentials, region: 'us-east-1' }).generate(hi, {}),
    );
    expect(otherRegion.upstreamType).toBe('InvalidSignatureException');
    const unknownKey = await failureOf(
      modelWith({ credentials: { ...credentials, accessKeyId: 'AKIDOTHER' } }).generate(hi, {}),
    );
    expect(unknownKey.upstreamType).toBe('UnrecognizedClientException');
    const wrongToken = await failureOf(
      modelWith({ credentials: { ...credentials, sessionToken: 'stale' } }).generate(hi, {}),
    );
    expect(wrongToken.upstreamType).toBe('UnrecognizedClientException');
    const wrongKey = await failureOf(modelWith({ apiKey: 'bad-key' }).stream(hi, {}));
    expect(wrongKey.upstreamStatusCode).toBe(403);
  });

  it('refuses a body changed after signing', async () => {
    const url = `${upstream.origin}/model/${encodeURIComponent('apac.anthropic.claude-sonnet-4-5-20250929-v1:0')}/converse`;
    const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] });
    const headers = await signAwsRequest({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/json' },
      body,
      credentials,
      region: 'ap-southeast-2',
      service: 'bedrock',
      signingDate: new Date(),
    });
    const tampered = await fetch(url, { method: 'POST', headers, body: body.replace('Hi', 'Ho') });
    expect(tampered.status).toBe(403);
    expect(tampered.headers.get('x-amzn-errortype')).toMatch(/^InvalidSignatureException:/);
    const genuine = await fetch(url, { method: 'POST', headers, body });
    expect(genuine.status).toBe(200);
  });

  it('answers an unsigned request with 403 and an unknown path with 404', async () => {
    const path = `/model/${encodeURIComponent('apac.anthropic.claude-sonnet-4-5-20250929-v1:0')}/converse`;
    const unsigned = await fetch(`${upstream.origin}${path}`, { method: 'POST', body: '{}' });
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toMatch(
      /^MissingAuthenticationTokenException/,
    );
    const unencoded = await fetch(
      `${upstream.origin}/model/arn:aws:bedrock:us-east-1:1:inference-profile/x/converse`,
      {
        method: 'POST',
        body: '{}',
      },
    );
    expect(unencoded.status).toBe(404);
  });

  it('refuses bodies Converse would refuse, with a ValidationException', async () => {
    const model = modelWith({ apiKey: 'good-key' });
    const error = await failureOf(
      model.generate(
        { messages: [{ role: 'assistant', content: [{ type: 'text', text: 'I start.' }] }] },
        {},
      ),
    );
    expect(error.upstreamStatusCode).toBe(400);
    expect(error.upstreamType).toBe('ValidationException');
    expect(error.message).toContain('A conversation must start with a user message');
  });

  it('streams binary frames in pieces that split frames and pieces that hold several', async () => {
    const url = `${upstream.origin}/model/${encodeURIComponent('apac.anthropic.claude-sonnet-4-5-20250929-v1:0')}/converse-stream`;
    const body = JSON.stringify({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] });
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer good-key' },
      body,
    });
    expect(response.headers.get('content-type')).toBe('application/vnd.amazon.eventstream');
    const decoder = new AwsEventStreamDecoder();
    const framesPerChunk: number[] = [];
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      framesPerChunk.push(decoder.feed(chunk).length);
    }
    decoder.end();
    expect(framesPerChunk.length).toBeGreaterThan(5);
    expect(framesPerChunk).toContain(0); // a chunk that only carried part of a frame
    expect(Math.max(...framesPerChunk)).toBeGreaterThan(1); // a chunk that completed several
    expect(framesPerChunk.reduce((total, count) => total + count, 0)).toBe(16);
  });
});
