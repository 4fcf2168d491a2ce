import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUpstream } from '../../test-utils/fake-server.js';
import { FAKE_SCENARIOS, scenarioDirective } from '../../test-utils/scenarios.js';
import { startGoogleFakeUpstream } from './google-fake-upstream.js';
import { readGoogleChunks } from './google-recordings.js';

let upstream: FakeUpstream;
beforeAll(async () => {
  upstream = await startGoogleFakeUpstream({ apiKey: 'test-key' });
});
afterAll(async () => {
  await upstream.close();
});

const bodyFor = (text: string, extra: Record<string, unknown> = {}) => ({
  contents: [{ role: 'user', parts: [{ text }] }],
  ...extra,
});

function post(
  path: string,
  body: unknown,
  headers: Record<string, string> = { 'x-goog-api-key': 'test-key' },
) {
  return fetch(`${upstream.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const generatePath = '/v1beta/models/gemini-2.5-flash:generateContent';

describe('startGoogleFakeUpstream', () => {
  it('answers every scenario but hang-headers with the status Google would send.', async () => {
    const expected: Record<string, number> = {
      'error-400': 400,
      'error-401': 401,
      'error-429': 429,
      'error-500': 500,
      'error-503': 503,
    };
    for (const scenario of FAKE_SCENARIOS) {
      if (scenario === 'hang-headers' || scenario === 'stall-stream' || scenario === 'cut-stream')
        continue;
      const response = await post(generatePath, bodyFor(scenarioDirective(scenario)));
      expect(response.status, scenario).toBe(expected[scenario] ?? 200);
      const body: any = await response.json();
      if (response.status !== 200) {
        expect(body.error.code, scenario).toBe(response.status);
        expect(typeof body.error.status, scenario).toBe('string');
      }
    }
  });

  it('streams the recorded chunks as data: lines framed with CRLF with alt=sse.', async () => {
    const response = await post(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
      bodyFor('Hi'),
    );
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const text = await response.text();
    expect(text).toBe(
      readGoogleChunks('google-text.chunks.txt')
        .map((chunk) => `data: ${chunk}\r\n\r\n`)
        .join(''),
    );
  });

  it('streams a JSON array without alt=sse.', async () => {
    const response = await post(
      '/v1beta/models/gemini-2.5-flash:streamGenerateContent',
      bodyFor('Hi'),
    );
    const chunks = (await response.json()) as unknown[];
    expect(chunks).toEqual(
      readGoogleChunks('google-text.chunks.txt').map((chunk) => JSON.parse(chunk)),
    );
  });

  it('refuses a request without a key (403) or with a wrong one (400 API_KEY_INVALID), and takes ?key=.', async () => {
    const missing = await post(generatePath, bodyFor('Hi'), {});
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as any).error.status).toBe('PERMISSION_DENIED');
    const wrong = await post(generatePath, bodyFor('Hi'), { 'x-goog-api-key': 'nope' });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as any).error.details[0].reason).toBe('API_KEY_INVALID');
    expect((await post(`${generatePath}?key=test-key`, bodyFor('Hi'), {})).status).toBe(200);
  });

  it('validates bodies as Google does.', async () => {
    const problem = async (body: unknown) => {
      const response = await post(generatePath, body);
      expect(response.status).toBe(400);
      return ((await response.json()) as any).error.message as string;
    };
    expect(await problem(bodyFor('Hi', { temperatur: 1 }))).toBe(
      'Invalid JSON payload received. Unknown name "temperatur": Cannot find field.',
    );
    expect(await problem({ contents: [] })).toContain('contents is not specified');
    expect(await problem({ contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] })).toBe(
      'Please use a valid role: user, model.',
    );
    expect(
      await problem({
        contents: [{ role: 'model', parts: [{ text: 'x', thoughtSignature: 'gemini:abc' }] }],
      }),
    ).toContain('Base64 decoding failed');
    expect(
      await problem(
        bodyFor('Hi', {
          tools: [
            {
              functionDeclarations: [
                {
                  name: 'f',
                  parameters: {
                    type: 'object',
                    properties: { a: { type: 'string' } },
                    additionalProperties: false,
                  },
                },
              ],
            },
          ],
        }),
      ),
    ).toContain('Unknown name "additionalProperties"');
    expect(
      await problem(
        bodyFor('Hi', {
          tools: [
            {
              functionDeclarations: [{ name: 'f', parameters: { type: 'object', properties: {} } }],
            },
          ],
        }),
      ),
    ).toContain('should be non-empty for OBJECT type');
    expect(
      await problem(
        bodyFor('Hi', {
          generationConfig: {
            responseMimeType: 'application/json',
            responseSchema: { type: 'string', format: 'email' },
          },
        }),
      ),
    ).toContain("only 'enum' and 'date-time' are supported");
    expect(
      await problem(
        bodyFor('Hi', {
          toolConfig: { functionCallingConfig: { mode: 'AUTO', allowedFunctionNames: ['f'] } },
        }),
      ),
    ).toContain('only allowed when mode is ANY');
  });

  it('lists models in pages and serves single models.', async () => {
    const get = (path: string) =>
      fetch(`${upstream.origin}${path}`, { headers: { 'x-goog-api-key': 'test-key' } });
    const first: any = await (await get('/v1beta/models?pageSize=2')).json();
    expect(first.models.map((model: any) => model.name)).toEqual([
      'models/gemini-2.5-flash',
      'models/gemini-2.5-pro',
    ]);
    const second: any = await (
      await get(`/v1beta/models?pageSize=2&pageToken=${first.nextPageToken}`)
    ).json();
    expect(second.nextPageToken).toBeUndefined();
    expect(((await (await get('/v1beta/models/gemini-2.5-pro')).json()) as any).displayName).toBe(
      'Gemini 2.5 Pro',
    );
    expect((await get('/v1beta/models/gemini-9')).status).toBe(404);
  });

  it('answers unknown paths with Google’s HTML 404.', async () => {
    const response = await post('/v1/chat/completions', {});
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(await response.text()).toContain('Error 404 (Not Found)!!1');
  });
});
