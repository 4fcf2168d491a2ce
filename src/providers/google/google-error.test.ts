import { describe, expect, it } from 'vitest';
import type { ProviderCallError } from '../../spec/index.js';
import {
  createGoogleStreamError,
  googleFailedResponseHandler,
  parseGoogleDurationMs,
} from './google-error.js';
import { readGoogleFixture } from './test-utils/google-recordings.js';

const target = { provider: 'google', modelId: 'gemini-2.5-flash' };
const url =
  'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent';

function fail(
  status: number,
  text: string,
  headers: Record<string, string> = {},
): ProviderCallError {
  return googleFailedResponseHandler({
    response: new Response(text, { status, statusText: 'Status Text', headers }),
    text,
    url,
    target,
  });
}

describe('googleFailedResponseHandler', () => {
  it('reads the wait of the recorded 429 from its RetryInfo detail.', () => {
    const error = fail(429, readGoogleFixture('google-429-retry-info.json'));
    expect(error.code).toBe('rate_limited');
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterMs).toBe(34_400);
    expect(error.upstreamType).toBe('RESOURCE_EXHAUSTED');
    expect(error.message).toBe(
      "Provider 'google' (model 'gemini-2.5-flash') returned 429: RESOURCE_EXHAUSTED: You exceeded your current quota, please check your plan.",
    );
  });

  it('prefers a retry-after header to the retryDelay detail.', () => {
    const error = fail(429, readGoogleFixture('google-429-retry-info.json'), {
      'retry-after': '2',
    });
    expect(error.retryAfterMs).toBe(2000);
  });

  it('maps Google statuses to the canonical error codes.', () => {
    const body = (code: number, status: string) =>
      JSON.stringify({ error: { code, message: 'm', status } });
    expect(fail(400, body(400, 'INVALID_ARGUMENT')).code).toBe('upstream_rejected');
    expect(fail(403, body(403, 'PERMISSION_DENIED')).code).toBe('upstream_error');
    expect(fail(404, body(404, 'NOT_FOUND')).code).toBe('upstream_rejected');
    expect(fail(500, body(500, 'INTERNAL')).isRetryable).toBe(true);
    expect(fail(503, body(503, 'UNAVAILABLE')).code).toBe('upstream_unavailable');
    expect(fail(504, body(504, 'DEADLINE_EXCEEDED')).code).toBe('upstream_timeout');
  });

  it('reports 400 API_KEY_INVALID as a 401, the gateway’s own credentials being refused.', () => {
    const error = fail(
      400,
      JSON.stringify({
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [
            { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' },
          ],
        },
      }),
    );
    expect(error.upstreamStatusCode).toBe(401);
    expect(error.code).toBe('upstream_error');
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('check providers.google.apiKey');
  });

  it('reads an error wrapped in an array, as streamGenerateContent without alt=sse sends it.', () => {
    const error = fail(
      503,
      JSON.stringify([
        { error: { code: 503, message: 'The model is overloaded.', status: 'UNAVAILABLE' } },
      ]),
    );
    expect(error.message).toContain('UNAVAILABLE: The model is overloaded.');
    expect(error.upstreamType).toBe('UNAVAILABLE');
  });

  it('falls back to the text or the status text for bodies that are not Google errors.', () => {
    expect(fail(404, '<!DOCTYPE html><title>Error 404 (Not Found)!!1</title>').message).toContain(
      'returned 404: <!DOCTYPE html>',
    );
    expect(fail(502, '').message).toContain('returned 502: Status Text');
  });
});

describe('createGoogleStreamError', () => {
  it('takes the status from the code, else from the Google status name.', () => {
    const withCode = createGoogleStreamError({
      error: { code: 500, message: 'Internal error encountered.', status: 'INTERNAL' },
      target,
      url,
    });
    expect(withCode.upstreamStatusCode).toBe(500);
    expect(withCode.isRetryable).toBe(true);
    const withStatus = createGoogleStreamError({
      error: { status: 'INVALID_ARGUMENT', message: 'bad' },
      target,
      url,
    });
    expect(withStatus.upstreamStatusCode).toBe(400);
    expect(withStatus.isRetryable).toBe(false);
    expect(createGoogleStreamError({ error: {}, target, url }).upstreamStatusCode).toBe(500);
  });
});

describe('parseGoogleDurationMs', () => {
  it('reads protobuf JSON durations in milliseconds.', () => {
    expect(parseGoogleDurationMs('13s')).toBe(13_000);
    expect(parseGoogleDurationMs('34.4s')).toBe(34_400);
    expect(parseGoogleDurationMs('0.000500s')).toBe(1);
    expect(parseGoogleDurationMs('13')).toBeUndefined();
    expect(parseGoogleDurationMs('-1s')).toBeUndefined();
  });
});
