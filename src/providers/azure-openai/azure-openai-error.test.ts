import { describe, expect, it } from 'vitest';
import { ProviderCallError } from '../../spec/index.js';
import { replayFetch } from '../openai/test-utils/openai-test-helpers.js';
import { guessAzureModelFamily } from './azure-openai-dialect.js';
import { createAzureOpenAIProvider } from './azure-openai-provider.js';

async function failWith({ status, body }: { status: number; body: string }) {
  const error: unknown = await createAzureOpenAIProvider({
    resourceName: 'r',
    apiKey: 'k',
    fetch: replayFetch({ body, status, contentType: 'application/json' }),
  })
    .languageModel('gpt-4o')
    .generate({ messages: [] }, {})
    .catch((caught: unknown) => caught);
  if (!ProviderCallError.isInstance(error)) throw new Error(`unexpected ${String(error)}`);
  return error;
}

describe('Azure OpenAI error bodies', () => {
  it('reads the gateway shape sent for a rejected Entra ID token', async () => {
    const error = await failWith({
      status: 401,
      body: '{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}',
    });
    expect(error.message).toContain('returned 401: Unauthorized. Access token is missing');
    expect(error.code).toBe('upstream_error');
  });

  it('says when a content-filter rejection names no category', async () => {
    const error = await failWith({
      status: 400,
      body: '{"error":{"message":"The response was filtered.","code":"content_filter","status":400}}',
    });
    expect(error.message).toContain(
      "The prompt was blocked by Azure OpenAI's content filter (no category named).",
    );
    expect(error.isRetryable).toBe(false);
  });

  it('falls back to the status text for a body that is not JSON', async () => {
    const error = await failWith({ status: 502, body: '' });
    expect(error.message).toContain('returned 502');
    expect(error.isRetryable).toBe(true);
  });
});

describe('guessAzureModelFamily', () => {
  it.each([
    ['gpt-4o-prod', 'gpt-4o-prod'],
    ['prod-o3-mini', 'o3-mini'],
    ['team_gpt-5-mini', 'gpt-5-mini'],
    ['chat', 'chat'],
    ['DeepSeek-R1', 'DeepSeek-R1'],
  ])('reads %s as %s', (deployment, family) => {
    expect(guessAzureModelFamily(deployment)).toBe(family);
  });
});
