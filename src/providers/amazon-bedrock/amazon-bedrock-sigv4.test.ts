import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJsonOrUndefined } from '../../provider-utils/index.js';
import type { RecordedRequest } from '../test-utils/fake-server.js';
import { sharedPath } from '../test-utils/shared-path.js';
import { signAwsRequest } from './amazon-bedrock-sigv4.js';
import { verifySigV4 } from './test-utils/amazon-bedrock-sigv4-verifier.js';

const vector: any = parseJsonOrUndefined(
  readFileSync(sharedPath('conformance', 'bedrock', 'sigv4.json'), 'utf8'),
);

describe('signAwsRequest', () => {
  it('reproduces the recorded SigV4 test vector byte for byte', async () => {
    const headers = await signAwsRequest({
      method: vector.request.method,
      url: vector.request.url,
      headers: { 'Content-Type': vector.request.contentType },
      body: vector.request.body,
      credentials: vector.credentials,
      region: vector.region,
      service: vector.service,
      signingDate: new Date(vector.signingDate),
    });
    expect(headers['x-amz-date']).toBe(vector.expected.date);
    expect(headers['x-amz-content-sha256']).toBe(vector.expected.payloadHash);
    expect(headers['x-amz-security-token']).toBe(vector.credentials.sessionToken);
    expect(headers.authorization).toBe(vector.expected.authorization);
    expect(headers.host).toBeUndefined();
  });

  it('signs the canonical request whose hash the vector records', async () => {
    const headers = await signAwsRequest({
      method: 'POST',
      url: vector.request.url,
      headers: { 'content-type': vector.request.contentType },
      body: vector.request.body,
      credentials: vector.credentials,
      region: vector.region,
      service: vector.service,
      signingDate: new Date(vector.signingDate),
    });
    const url = new URL(vector.request.url);
    // The canonical request, built by hand from the AWS documentation, from the signed headers.
    const canonicalRequest = [
      'POST',
      url.pathname,
      '',
      `content-type:${vector.request.contentType}`,
      `host:${url.host}`,
      `x-amz-content-sha256:${headers['x-amz-content-sha256']}`,
      `x-amz-date:${headers['x-amz-date']}`,
      `x-amz-security-token:${headers['x-amz-security-token']}`,
      '',
      'content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token',
      vector.expected.payloadHash,
    ].join('\n');
    expect(createHash('sha256').update(canonicalRequest).digest('hex')).toBe(
      vector.expected.canonicalRequestHash,
    );
  });

  it('changes the signature when the body, the date or the secret changes', async () => {
    const sign = (overrides: Record<string, unknown>) =>
      signAwsRequest({
        method: 'POST',
        url: vector.request.url,
        headers: { 'content-type': 'application/json' },
        body: vector.request.body,
        credentials: vector.credentials,
        region: vector.region,
        service: vector.service,
        signingDate: new Date(vector.signingDate),
        ...overrides,
      }).then((headers) => headers.authorization);
    const base = await sign({});
    expect(base).toBe(vector.expected.authorization);
    expect(await sign({ body: '{}' })).not.toBe(base);
    expect(await sign({ signingDate: new Date('2025-01-02T03:04:06.000Z') })).not.toBe(base);
    expect(
      await sign({ credentials: { ...vector.credentials, secretAccessKey: 'other-secret' } }),
    ).not.toBe(base);
  });
});

describe('the fake upstream signature check', () => {
  const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret-for-tests' };
  const modelPath = `/model/${encodeURIComponent('arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0')}/converse`;

  async function signedRequest({
    signWith = credentials,
    region = 'us-east-1',
    body = '{"messages":[]}',
  }: {
    signWith?: typeof credentials;
    region?: string;
    body?: string;
  } = {}): Promise<RecordedRequest> {
    const headers = await signAwsRequest({
      method: 'POST',
      url: `http://127.0.0.1:4010${modelPath}`,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
      credentials: signWith,
      region,
      service: 'bedrock',
      signingDate: new Date('2026-03-04T05:06:07Z'),
    });
    return {
      method: 'POST',
      url: modelPath,
      headers: { ...headers, host: '127.0.0.1:4010', 'user-agent': 'undici' },
      body,
    };
  }

  const verify = (request: RecordedRequest) =>
    verifySigV4({ request, credentials, region: 'us-east-1', service: 'bedrock' });

  it('accepts a request signed with the right key, region and service, ARN path included', async () => {
    expect(await verify(await signedRequest())).toBeUndefined();
  });

  it('refuses a wrong secret, a tampered body, another region and an unknown key', async () => {
    expect(
      await verify(await signedRequest({ signWith: { ...credentials, secretAccessKey: 'x' } })),
    ).toMatchObject({ status: 403, type: 'InvalidSignatureException' });
    const tampered = await signedRequest();
    expect(await verify({ ...tampered, body: '{"messages":[1]}' })).toMatchObject({
      status: 403,
      type: 'InvalidSignatureException',
    });
    expect(await verify(await signedRequest({ region: 'eu-west-1' }))).toMatchObject({
      type: 'InvalidSignatureException',
      message: expect.stringContaining('region'),
    });
    expect(
      await verify(await signedRequest({ signWith: { ...credentials, accessKeyId: 'AKIDOTHER' } })),
    ).toMatchObject({ status: 403, type: 'UnrecognizedClientException' });
  });

  it('refuses a request whose signed header was changed on the way', async () => {
    const request = await signedRequest();
    expect(
      await verify({ ...request, headers: { ...request.headers, accept: 'text/plain' } }),
    ).toMatchObject({ type: 'InvalidSignatureException' });
    expect(
      await verify({ ...request, headers: { ...request.headers, 'user-agent': 'other' } }),
    ).toBeUndefined();
  });
});
