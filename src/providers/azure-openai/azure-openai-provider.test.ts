import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InternalError,
  ProviderCallError,
  type CanonicalRequest,
  type StreamEvent,
} from '../../spec/index.js';
import {
  framedAsServerSentEvents,
  joinDeltas,
  replayFetch,
} from '../openai/test-utils/openai-test-helpers.js';
import {
  expectWellFormedStream,
  runLanguageModelContract,
} from '../test-utils/language-model-contract.js';
import { sharedPath } from '../test-utils/shared-path.js';
import { createAzureOpenAIProvider } from './azure-openai-provider.js';
import {
  azureScenarioDirective,
  type AzureFakeScenario,
} from './test-utils/azure-fake-scenarios.js';
import {
  startAzureOpenAIFakeUpstream,
  type AzureOpenAIFakeUpstream,
} from './test-utils/azure-fake-upstream.js';
import { collectEvents } from '../test-utils/provider-test-helpers.js';

const apiKey = 'azure-test-key';

describe('Azure OpenAI language model', () => {
  runLanguageModelContract({
    startUpstream: () => startAzureOpenAIFakeUpstream({ apiKey }),
    createModel: ({ upstream, timeouts }) =>
      createAzureOpenAIProvider({
        apiKey,
        baseURL: `${upstream.origin}/openai`,
        timeouts,
      }).languageModel('gpt-4o-prod'),
  });
});

describe('Azure OpenAI language model on the v1 API with an Entra ID token', () => {
  runLanguageModelContract({
    startUpstream: () => startAzureOpenAIFakeUpstream({ token: 'entra-token' }),
    createModel: ({ upstream, timeouts }) =>
      createAzureOpenAIProvider({
        token: () => Promise.resolve('entra-token'),
        baseURL: `${upstream.origin}/openai`,
        useV1Api: true,
        timeouts,
      }).languageModel('gpt-4o-prod'),
  });
});

const completionBody = JSON.stringify({
  id: 'chatcmpl-1',
  model: 'gpt-4o-2024-11-20',
  choices: [{ index: 0, message: { content: 'Hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1 },
});

const weatherTool = {
  name: 'get_weather',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const request: CanonicalRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'Weather in Oslo?' }] },
  ],
  tools: [weatherTool],
  toolChoice: { type: 'required' },
  maxOutputTokens: 100,
  temperature: 0.3,
  seed: 7,
  user: 'user-1',
  providerOptions: { azure: { logprobs: true } },
};

async function sendThrough({
  deploymentName,
  settings = {},
}: {
  deploymentName: string;
  settings?: Partial<Parameters<typeof createAzureOpenAIProvider>[0]>;
}) {
  const fetch = replayFetch({ body: completionBody, contentType: 'application/json' });
  const response = await createAzureOpenAIProvider({
    resourceName: 'my-resource',
    ...(settings.token === undefined ? { apiKey: 'key' } : {}),
    fetch,
    ...settings,
  })
    .languageModel(deploymentName)
    .generate(request, {});
  const call = fetch.calls[0];
  return {
    url: call?.url,
    headers: new Headers(call?.init.headers),
    body: JSON.parse(typeof call?.init.body === 'string' ? call.init.body : '{}'),
    warnings: response.warnings,
  };
}

describe('createAzureOpenAIProvider', () => {
  it('posts to the deployment path with the default GA api-version', async () => {
    const { url, body } = await sendThrough({ deploymentName: 'gpt-4o-prod' });
    expect(url).toBe(
      'https://my-resource.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21',
    );
    expect(body).toMatchInlineSnapshot(`
      {
        "logprobs": true,
        "max_tokens": 100,
        "messages": [
          {
            "content": "Be brief.",
            "role": "system",
          },
          {
            "content": "Weather in Oslo?",
            "role": "user",
          },
        ],
        "model": "gpt-4o-prod",
        "seed": 7,
        "temperature": 0.3,
        "tool_choice": "required",
        "tools": [
          {
            "function": {
              "name": "get_weather",
              "parameters": {
                "properties": {
                  "city": {
                    "type": "string",
                  },
                },
                "required": [
                  "city",
                ],
                "type": "object",
              },
            },
            "type": "function",
          },
        ],
        "user": "user-1",
      }
    `);
  });

  it('sends max_completion_tokens and the developer role to reasoning deployments, without sampling settings', async () => {
    const { body, warnings } = await sendThrough({ deploymentName: 'prod-o3-mini' });
    expect(body.max_completion_tokens).toBe(100);
    expect(body.max_tokens).toBeUndefined();
    expect(body.temperature).toBeUndefined();
    expect(body.messages[0].role).toBe('developer');
    expect(warnings).toMatchInlineSnapshot(`
      [
        {
          "details": "not supported by OpenAI reasoning models",
          "setting": "temperature",
          "type": "unsupported-setting",
        },
      ]
    `);
  });

  it('honours baseURL, apiVersion and the v1 path style', async () => {
    const custom = await sendThrough({
      deploymentName: 'chat',
      settings: { baseURL: 'https://gw.example.com/openai/', apiVersion: '2025-04-01-preview' },
    });
    expect(custom.url).toBe(
      'https://gw.example.com/openai/deployments/chat/chat/completions?api-version=2025-04-01-preview',
    );
    const v1 = await sendThrough({ deploymentName: 'gpt-5-mini', settings: { useV1Api: true } });
    expect(v1.url).toBe('https://my-resource.openai.azure.com/openai/v1/chat/completions');
    expect(v1.body.model).toBe('gpt-5-mini');
  });

  it('sends the key as api-key, or an Entra ID token as a bearer token', async () => {
    const keyed = await sendThrough({ deploymentName: 'chat' });
    expect(keyed.headers.get('api-key')).toBe('key');
    expect(keyed.headers.has('authorization')).toBe(false);
    let calls = 0;
    const tokenProvider = () => Promise.resolve(`token-${++calls}`);
    const withToken = await sendThrough({
      deploymentName: 'chat',
      settings: { token: tokenProvider },
    });
    expect(withToken.headers.get('authorization')).toBe('Bearer token-1');
    expect(withToken.headers.has('api-key')).toBe(false);
    const fixed = await sendThrough({
      deploymentName: 'chat',
      settings: { token: 'static' },
    });
    expect(fixed.headers.get('authorization')).toBe('Bearer static');
  });

  it('names both ways to authenticate when neither a key nor a token is set', async () => {
    const error: unknown = await createAzureOpenAIProvider({
      resourceName: 'r',
      fetch: replayFetch({ body: completionBody }),
    })
      .languageModel('chat')
      .generate(request, {})
      .catch((caught: unknown) => caught);
    expect(InternalError.isInstance(error)).toBe(true);
    expect(String(error)).toContain(
      "'apiKey' setting or the AZURE_OPENAI_API_KEY environment variable, or an Entra ID access token using the 'token' setting",
    );
  });

  it('rejects settings without an endpoint, or with both a key and a token', () => {
    expect(() => createAzureOpenAIProvider({ id: 'az', apiKey: 'k' })).toThrow(
      'Set providers.az.resourceName',
    );
    expect(() => createAzureOpenAIProvider({ resourceName: 'r', apiKey: 'k', token: 't' })).toThrow(
      'not both',
    );
  });
});

describe('Azure OpenAI against the fake resource', () => {
  let upstream: AzureOpenAIFakeUpstream;
  beforeAll(async () => {
    upstream = await startAzureOpenAIFakeUpstream({ apiKey, deployments: ['gpt-4o-prod'] });
  });
  afterAll(async () => {
    await upstream.close();
  });

  const model = (deploymentName = 'gpt-4o-prod', key = apiKey) =>
    createAzureOpenAIProvider({ apiKey: key, baseURL: upstream.baseURL }).languageModel(
      deploymentName,
    );
  const ask = (scenario: AzureFakeScenario): CanonicalRequest => ({
    messages: [
      { role: 'user', content: [{ type: 'text', text: azureScenarioDirective(scenario) }] },
    ],
  });

  it('turns a prompt blocked by the content filter into a non-retryable rejection naming the categories', async () => {
    for (const call of ['generate', 'stream'] as const) {
      const azure = model();
      const error: unknown = await azure[call](ask('content-filter-prompt'), {}).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(ProviderCallError.isInstance(error)).toBe(true);
      if (!ProviderCallError.isInstance(error)) return;
      expect(error.code).toBe('upstream_rejected');
      expect(error.isRetryable).toBe(false);
      expect(error.upstreamType).toBe('content_filter');
      expect(error.message).toContain(
        "The prompt was blocked by Azure OpenAI's content filter (sexual (medium), jailbreak).",
      );
    }
  });

  it('maps a completion cut by the content filter to the content-filter finish reason', async () => {
    const response = await model().generate(ask('content-filter-completion'), {});
    expect(response.finishReason).toBe('content-filter');
    expect(response.rawFinishReason).toBe('content_filter');
    const { stream } = await model().stream(ask('content-filter-completion'), {});
    const events = await collectEvents(stream);
    expectWellFormedStream(events);
    expect(events.at(-1)).toMatchObject({ type: 'response-end', finishReason: 'content-filter' });
    expect(joinDeltas(events, 'text-delta')).toBe('The first step is');
  });

  it('sends the deployment path, api-version and api-key header that Azure checks', async () => {
    await model().generate(ask('reasoning'), {});
    const recorded = upstream.requests.at(-1);
    expect(recorded?.url).toBe(
      '/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21',
    );
    expect(recorded?.headers['api-key']).toBe(apiKey);
  });

  it('reports an unknown deployment and a refused key with Azure messages', async () => {
    const missing: unknown = await model('nope')
      .generate(ask('reasoning'), {})
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(missing) && missing.upstreamStatusCode).toBe(404);
    expect(String(missing)).toContain('The API deployment for this resource does not exist');
    const refused: unknown = await model('gpt-4o-prod', 'wrong')
      .generate(ask('reasoning'), {})
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(refused) && refused.code).toBe('upstream_error');
    expect(String(refused)).toContain('Access denied due to invalid subscription key');
  });

  it('answers a request without api-version with 404 and an unknown version with 400', async () => {
    const post = (query: string) =>
      fetch(`${upstream.baseURL}/deployments/gpt-4o-prod/chat/completions${query}`, {
        method: 'POST',
        headers: { 'api-key': apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
      });
    expect((await post('')).status).toBe(404);
    const unknown = await post('?api-version=2020-01-01');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('API version not supported');
  });
});

function readFixture(...segments: string[]): string {
  return readFileSync(sharedPath('conformance', 'ai-sdk-fixtures', ...segments), 'utf8');
}

function chunkLines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim().length > 0);
}

async function replayStream(lines: ReadonlyArray<string>): Promise<StreamEvent[]> {
  const fetch = replayFetch({ body: framedAsServerSentEvents(lines) });
  const { stream } = await createAzureOpenAIProvider({ resourceName: 'r', apiKey: 'k', fetch })
    .languageModel('deployment')
    .stream({ messages: [] }, {});
  return collectEvents(stream);
}

describe('replay of recorded Azure Chat Completions traffic', () => {
  it('replays the model-router stream, skipping its prompt_filter_results preamble', async () => {
    const events = await replayStream(
      chunkLines(readFixture('openai', 'chat', 'azure-model-router.1.chunks.txt')),
    );
    expectWellFormedStream(events);
    expect(events[0]).toEqual({
      type: 'response-start',
      id: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt',
      modelId: 'gpt-5-nano-2025-08-07',
    });
    expect(joinDeltas(events, 'text-delta')).toBe('Capital of Denmark.');
    expect(events.at(-1)).toEqual({
      type: 'response-end',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 15, outputTokens: 78, cachedInputTokens: 0, reasoningTokens: 64 },
    });
  });

  it('replays the DeepSeek reasoning stream with reasoning before text', async () => {
    const events = await replayStream(
      chunkLines(readFixture('azure', 'azure-deepseek-reasoning.1.chunks.txt')),
    );
    expectWellFormedStream(events);
    expect(
      events.filter((event) => event.type.endsWith('-start')).map((event) => event.type),
    ).toEqual(['response-start', 'reasoning-start', 'text-start']);
    expect(joinDeltas(events, 'reasoning-delta')).toMatch(/^We need to invent a new holiday/);
    expect(joinDeltas(events, 'text-delta')).toMatch(/🧡💙$/);
    expect(events.at(-1)).toMatchObject({ usage: { inputTokens: 19, outputTokens: 1720 } });
  });

  it('reads the DeepSeek reasoning completion', async () => {
    const fetch = replayFetch({
      body: readFixture('azure', 'azure-deepseek-reasoning.1.json'),
      contentType: 'application/json',
    });
    const response = await createAzureOpenAIProvider({ resourceName: 'r', apiKey: 'k', fetch })
      .languageModel('deepseek')
      .generate({ messages: [] }, {});
    expect(response.content.map((part) => part.type)).toEqual(['reasoning', 'text']);
    expect(response).toMatchObject({
      id: 'd1d4c43a0e854cbc9a14f9099a8afb81',
      modelId: 'deepseek-v4-pro',
      finishReason: 'stop',
      usage: { inputTokens: 19, outputTokens: 1969 },
    });
  });
});
