import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioDirective } from '../src/providers/test-utils/scenarios.js';
import { startGatewayHarness, type GatewayHarness } from './harness/gateway-harness.js';

// Raw HTTP against the real server: what no SDK would send, and what happens on the wire.

let harness: GatewayHarness;
beforeAll(async () => {
  harness = await startGatewayHarness({
    auth: [{ id: 'team-a', key: 'sk-switchyard-team-a-0001' }],
  });
});
afterAll(async () => {
  await harness.close();
});

const authorized = { authorization: 'Bearer sk-switchyard-team-a-0001' };

async function post(
  path: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json', ...authorized },
) {
  const response = await fetch(`${harness.origin}${path}`, { method: 'POST', headers, body });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, any>,
  };
}

describe('HTTP surface', () => {
  it('rejects malformed JSON with a 400 in each dialect', async () => {
    const openai = await post('/v1/chat/completions', '{"model": "gpt", "messages": [');
    expect(openai.status).toBe(400);
    expect(openai.body.error.type).toBe('invalid_request_error');
    expect(openai.body.error.message).toMatch(/not valid JSON/);
    const anthropic = await post('/v1/messages', '{nope');
    expect(anthropic.status).toBe(400);
    expect(anthropic.body).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
  });

  it('reads JSON sent without a content type', async () => {
    const response = await post(
      '/v1/chat/completions',
      JSON.stringify({ model: 'sim', messages: [{ role: 'user', content: 'hi' }] }),
      { ...authorized },
    );
    expect(response.status).toBe(200);
  });

  it('answers 413 for a body over the limit', async () => {
    const big = JSON.stringify({
      model: 'sim',
      messages: [{ role: 'user', content: 'x'.repeat(300 * 1024) }],
    });
    const openai = await post('/v1/chat/completions', big);
    expect(openai.status).toBe(413);
    expect(openai.body.error.message).toMatch(/server\.bodyLimitBytes/);
    const anthropic = await post('/v1/messages', big);
    expect(anthropic.status).toBe(413);
    expect(anthropic.body.error.type).toBe('request_too_large');
  });

  it('requires a gateway key when keys are configured, in either header', async () => {
    const body = JSON.stringify({ model: 'sim', messages: [{ role: 'user', content: 'hi' }] });
    expect(
      (await post('/v1/chat/completions', body, { 'content-type': 'application/json' })).status,
    ).toBe(401);
    expect(
      (
        await post('/v1/chat/completions', body, {
          'content-type': 'application/json',
          authorization: 'Bearer wrong-key-wrong-key',
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await post('/v1/chat/completions', body, {
          'content-type': 'application/json',
          'x-api-key': 'sk-switchyard-team-a-0001',
        })
      ).status,
    ).toBe(200);
    const health = await fetch(`${harness.origin}/healthz`);
    expect(health.status).toBe(200);
  });

  it('answers unknown paths with a 404 in the OpenAI shape', async () => {
    const response = await fetch(`${harness.origin}/v1/nope`, { headers: authorized });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /POST \/v1\/chat\/completions/,
    );
  });

  it('reports readiness with the number of models', async () => {
    const response = await fetch(`${harness.origin}/readyz`);
    expect(await response.json()).toMatchObject({
      status: 'ready',
      models: 16,
      stages: ['routing', 'latency-tracker', 'request-log'],
    });
  });

  it('records each request in the request log with its key id, model and tokens', async () => {
    const response = await post(
      '/v1/chat/completions',
      JSON.stringify({
        model: 'gpt',
        messages: [{ role: 'user', content: 'hi' }],
        seed: 1,
        logprobs: true,
      }),
    );
    const requestId = response.headers.get('x-request-id') ?? '';
    expect(response.headers.get('x-switchyard-warnings')).toMatch(/logprobs/);
    const record = await harness.server.requestLog?.get(requestId);
    expect(record).toMatchObject({
      keyId: 'team-a',
      dialect: 'openai-chat',
      requestedModel: 'gpt',
      modelId: 'gpt',
      provider: 'openai',
      statusCode: 200,
      finishReason: 'stop',
    });
    expect(record?.inputTokens).toBeGreaterThan(0);
    expect(record?.content).toBeUndefined();
  });

  it('aborts the upstream call when the client disconnects mid-stream', async () => {
    const body = JSON.stringify({
      model: 'gpt',
      stream: true,
      messages: [{ role: 'user', content: `hi ${scenarioDirective('stall-stream')}` }],
    });
    const requestId = await new Promise<string>((resolve, reject) => {
      const request = httpRequest(
        `${harness.origin}/v1/chat/completions`,
        { method: 'POST', headers: { 'content-type': 'application/json', ...authorized } },
        (response) => {
          response.once('data', () => {
            request.destroy();
            resolve(String(response.headers['x-request-id']));
          });
        },
      );
      request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
      request.end(body);
    });
    // The stall would last until the 1 s idle timeout; the abort ends it at once.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const record = await harness.server.requestLog?.get(requestId);
    expect(record?.statusCode).toBe(499);
    expect(record?.latencyMs).toBeLessThan(900);
  });
});
