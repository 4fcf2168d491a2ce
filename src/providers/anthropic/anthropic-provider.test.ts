import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderCallError, type ProviderV1 } from '../../spec/index.js';
import type { FakeUpstream } from '../test-utils/fake-server.js';
import { scenarioDirective } from '../test-utils/scenarios.js';
import { createAnthropicProvider } from './anthropic-provider.js';
import {
  FAKE_ANTHROPIC_MODELS,
  startAnthropicFakeUpstream,
} from './test-utils/anthropic-fake-upstream.js';
import { jsonResponse } from './test-utils/anthropic-test-helpers.js';
import { createRecordingFetch } from '../test-utils/provider-test-helpers.js';

describe('createAnthropicProvider against the fake upstream', () => {
  let upstream: FakeUpstream;
  let provider: ProviderV1;
  beforeAll(async () => {
    upstream = await startAnthropicFakeUpstream({ apiKey: 'test-key' });
    provider = createAnthropicProvider({
      id: 'claude-direct',
      apiKey: 'test-key',
      baseURL: `${upstream.origin}/v1/`,
    });
  });
  afterAll(async () => {
    await provider.close?.();
    await upstream.close();
  });

  it('identifies itself with its instance id and the anthropic type.', () => {
    expect(provider.id).toBe('claude-direct');
    expect(provider.type).toBe('anthropic');
    expect(provider.languageModel('claude-haiku-4-5')).toMatchObject({
      provider: 'claude-direct',
      modelId: 'claude-haiku-4-5',
    });
  });

  it('lists the upstream models.', async () => {
    const models = await provider.listModels?.({});
    expect(models).toEqual(FAKE_ANTHROPIC_MODELS.map((model) => ({ id: model.id })));
    const request = upstream.requests.at(-1);
    expect(request?.url).toBe('/v1/models?limit=1000');
    expect(request?.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('counts tokens through count_tokens.', async () => {
    const count = await provider
      .languageModel('claude-sonnet-4-5')
      .countTokens?.(
        { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }] },
        {},
      );
    expect(count?.isEstimate).toBe(false);
    expect(count?.inputTokens).toBeGreaterThan(0);
    expect(upstream.requests.at(-1)?.url).toBe('/v1/messages/count_tokens');
  });

  it('maps a count_tokens failure like any other upstream failure.', async () => {
    const error: unknown = await provider
      .languageModel('claude-sonnet-4-5')
      .countTokens?.(
        {
          messages: [
            { role: 'user', content: [{ type: 'text', text: scenarioDirective('error-503') }] },
          ],
        },
        {},
      )
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error) && error.upstreamType).toBe('overloaded_error');
  });

  it('reports a refused key as an upstream error that names the setting to fix.', async () => {
    const wrongKey = createAnthropicProvider({ apiKey: 'wrong', baseURL: `${upstream.origin}/v1` });
    const error: unknown = await wrongKey.listModels?.({}).catch((caught: unknown) => caught);
    await wrongKey.close?.();
    expect(ProviderCallError.isInstance(error)).toBe(true);
    if (!ProviderCallError.isInstance(error)) return;
    expect(error.upstreamStatusCode).toBe(401);
    expect(error.upstreamType).toBe('authentication_error');
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('providers.anthropic.apiKey');
  });
});

describe('createAnthropicProvider listModels paging', () => {
  it('follows has_more with after_id until the last page.', async () => {
    const pages = [
      { data: [{ id: 'a' }, { id: 'b' }], has_more: true, first_id: 'a', last_id: 'b' },
      { data: [{ id: 'c' }], has_more: false, first_id: 'c', last_id: 'c' },
    ];
    const recording = createRecordingFetch(() => jsonResponse(pages.shift()));
    const provider = createAnthropicProvider({ apiKey: 'k', fetch: recording.fetch });
    expect(await provider.listModels?.({})).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
    expect(recording.requests.map((request) => request.url)).toEqual([
      'https://api.anthropic.com/v1/models?limit=1000',
      'https://api.anthropic.com/v1/models?limit=1000&after_id=b',
    ]);
  });

  it('fails listing models without a key before calling out.', async () => {
    const recording = createRecordingFetch(() => jsonResponse({}));
    const provider = createAnthropicProvider({ fetch: recording.fetch });
    await expect(provider.listModels?.({})).rejects.toThrow(/ANTHROPIC_API_KEY/);
    expect(recording.requests).toHaveLength(0);
  });
});
