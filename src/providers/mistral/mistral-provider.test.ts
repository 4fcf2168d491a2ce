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
  mockId,
  replayFetch,
} from '../openai/test-utils/openai-test-helpers.js';
import {
  expectWellFormedStream,
  runLanguageModelContract,
} from '../test-utils/language-model-contract.js';
import { scenarioDirective } from '../test-utils/scenarios.js';
import { sharedPath } from '../test-utils/shared-path.js';
import { createMistralProvider } from './mistral-provider.js';
import { isMistralToolCallId, toMistralToolCallId } from './mistral-tool-call-id.js';
import {
  mistralScenarioDirective,
  type MistralFakeScenario,
} from './test-utils/mistral-fake-scenarios.js';
import {
  startMistralFakeUpstream,
  type MistralFakeUpstream,
} from './test-utils/mistral-fake-upstream.js';
import { collectEvents } from '../test-utils/provider-test-helpers.js';

const apiKey = 'mistral-test-key';

describe('Mistral language model', () => {
  runLanguageModelContract({
    startUpstream: () => startMistralFakeUpstream({ apiKey }),
    createModel: ({ upstream, timeouts }) =>
      createMistralProvider({ apiKey, baseURL: `${upstream.origin}/v1`, timeouts }).languageModel(
        'mistral-small-latest',
      ),
  });
});

const weatherTool = {
  name: 'get_weather',
  description: 'Get the weather.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const everySetting: CanonicalRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: [{ type: 'text', text: 'Weather in Paris?' }] },
    {
      role: 'assistant',
      content: [
        {
          type: 'tool-call',
          toolCallId: 'call_abc123',
          toolName: 'get_weather',
          input: '{"city":"Paris"}',
        },
        {
          type: 'tool-call',
          toolCallId: 'gSIMJiOkT',
          toolName: 'get_weather',
          input: '{"city":"Nice"}',
        },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_abc123',
          content: [{ type: 'text', text: '18°C' }],
          isError: false,
        },
        {
          type: 'tool-result',
          toolCallId: 'gSIMJiOkT',
          content: [{ type: 'text', text: '21°C' }],
          isError: false,
        },
      ],
    },
  ],
  tools: [weatherTool],
  toolChoice: { type: 'required' },
  parallelToolCalls: false,
  responseFormat: { type: 'json', name: 'weather', schema: { type: 'object' }, strict: true },
  maxOutputTokens: 100,
  temperature: 0.3,
  topP: 0.9,
  topK: 5,
  stopSequences: ['END'],
  seed: 42,
  frequencyPenalty: 0.1,
  presencePenalty: 0.2,
  reasoningEffort: 'high',
  user: 'user-1',
  providerOptions: { mistral: { safe_prompt: true, unknown_option: 1 } },
};

describe('Mistral requests', () => {
  let upstream: MistralFakeUpstream;
  beforeAll(async () => {
    upstream = await startMistralFakeUpstream({ apiKey });
  });
  afterAll(async () => {
    await upstream.close();
  });
  const model = (id = 'mistral-small-latest') =>
    createMistralProvider({
      apiKey,
      baseURL: upstream.baseURL,
      generateId: mockId(),
    }).languageModel(id);
  const lastBody = () => JSON.parse(upstream.requests.at(-1)?.body ?? '{}');
  const ask = (
    scenario: MistralFakeScenario,
    extra: Partial<CanonicalRequest> = {},
  ): CanonicalRequest => ({
    messages: [
      { role: 'user', content: [{ type: 'text', text: mistralScenarioDirective(scenario) }] },
    ],
    ...extra,
  });

  it('maps every canonical setting to Mistral wire fields, which the fake accepts', async () => {
    const response = await model().generate(everySetting, {});
    expect(lastBody()).toMatchInlineSnapshot(`
      {
        "frequency_penalty": 0.1,
        "max_tokens": 100,
        "messages": [
          {
            "content": "Be brief.",
            "role": "system",
          },
          {
            "content": "Weather in Paris?",
            "role": "user",
          },
          {
            "content": null,
            "role": "assistant",
            "tool_calls": [
              {
                "function": {
                  "arguments": "{"city":"Paris"}",
                  "name": "get_weather",
                },
                "id": "9ktDH4IsY",
                "type": "function",
              },
              {
                "function": {
                  "arguments": "{"city":"Nice"}",
                  "name": "get_weather",
                },
                "id": "gSIMJiOkT",
                "type": "function",
              },
            ],
          },
          {
            "content": "18°C",
            "role": "tool",
            "tool_call_id": "9ktDH4IsY",
          },
          {
            "content": "21°C",
            "role": "tool",
            "tool_call_id": "gSIMJiOkT",
          },
        ],
        "model": "mistral-small-latest",
        "parallel_tool_calls": false,
        "presence_penalty": 0.2,
        "random_seed": 42,
        "response_format": {
          "json_schema": {
            "name": "weather",
            "schema": {
              "type": "object",
            },
            "strict": true,
          },
          "type": "json_schema",
        },
        "safe_prompt": true,
        "stop": [
          "END",
        ],
        "temperature": 0.3,
        "tool_choice": "any",
        "tools": [
          {
            "function": {
              "description": "Get the weather.",
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
        "top_p": 0.9,
      }
    `);
    expect(response.warnings).toMatchInlineSnapshot(`
      [
        {
          "details": "not supported by Mistral",
          "setting": "topK",
          "type": "unsupported-setting",
        },
        {
          "details": "Mistral takes no reasoning effort; Magistral models always reason (see providerOptions.mistral.prompt_mode)",
          "setting": "reasoningEffort",
          "type": "unsupported-setting",
        },
        {
          "details": "Mistral has no end-user field",
          "setting": "user",
          "type": "unsupported-setting",
        },
        {
          "details": "unknown option; not sent",
          "setting": "providerOptions.mistral.unknown_option",
          "type": "unsupported-setting",
        },
      ]
    `);
  });

  it('sends a streaming request without stream_options and reads usage from the last chunk', async () => {
    const { stream } = await model().stream(
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] },
      {},
    );
    const events = await collectEvents(stream);
    expect(lastBody()).toMatchInlineSnapshot(`
      {
        "messages": [
          {
            "content": "Hi",
            "role": "user",
          },
        ],
        "model": "mistral-small-latest",
        "stream": true,
      }
    `);
    expect(events.at(-1)).toEqual({
      type: 'response-end',
      finishReason: 'stop',
      rawFinishReason: 'stop',
      usage: { inputTokens: 13, outputTokens: 8 },
    });
  });

  it('sends a named tool choice as a function object', async () => {
    await model().generate(
      {
        ...ask('recorded-tool-call'),
        tools: [weatherTool],
        toolChoice: { type: 'tool', toolName: 'get_weather' },
      },
      {},
    );
    expect(lastBody().tool_choice).toEqual({ type: 'function', function: { name: 'get_weather' } });
  });

  it('returns the 9-character tool call ids Mistral makes', async () => {
    const response = await model().generate(
      ask('recorded-tool-call', { tools: [weatherTool] }),
      {},
    );
    expect(response.content).toEqual([
      {
        type: 'tool-call',
        toolCallId: 'gSIMJiOkT',
        toolName: 'weather',
        input: '{"location": "San Francisco"}',
      },
    ]);
    expect(response.finishReason).toBe('tool-calls');
    const { stream } = await model().stream(
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: scenarioDirective('tool-call') }] },
        ],
        tools: [weatherTool],
      },
      {},
    );
    const events = await collectEvents(stream);
    const start = events.find((event) => event.type === 'tool-call-start');
    expect(start?.type === 'tool-call-start' && isMistralToolCallId(start.id)).toBe(true);
  });

  it("replays an incremental tool call streamed on Mistral's endpoint", async () => {
    const { stream } = await model('zai-glm-5-2').stream(
      ask('incremental-tool-call', { tools: [weatherTool] }),
      {},
    );
    const events = await collectEvents(stream);
    expectWellFormedStream(events);
    expect(events).toMatchInlineSnapshot(`
      [
        {
          "id": "735e434874a24f68a2390b3cab149242",
          "modelId": "zai-glm-5-2",
          "type": "response-start",
        },
        {
          "id": "chatcmpl-tool-9f149c74c42f265b",
          "toolName": "webSearchTool",
          "type": "tool-call-start",
        },
        {
          "delta": "{"query": "current Berlin weather"}",
          "id": "chatcmpl-tool-9f149c74c42f265b",
          "type": "tool-call-delta",
        },
        {
          "id": "chatcmpl-tool-9f149c74c42f265b",
          "type": "tool-call-end",
        },
        {
          "finishReason": "tool-calls",
          "rawFinishReason": "tool_calls",
          "type": "response-end",
          "usage": {
            "cachedInputTokens": 128,
            "inputTokens": 171,
            "outputTokens": 14,
          },
        },
      ]
    `);
  });

  it('reads Magistral thinking chunks as reasoning, in completions and streams', async () => {
    const response = await model('magistral-medium-latest').generate(ask('reasoning'), {});
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.' },
      { type: 'text', text: '2 + 2 = 4' },
    ]);
    const { stream } = await model('magistral-medium-latest').stream(ask('reasoning'), {});
    const events = await collectEvents(stream);
    expectWellFormedStream(events);
    expect(joinDeltas(events, 'reasoning-delta')).toBe(
      'The user is asking for 2+2. This is basic arithmetic. 2+2=4.',
    );
    expect(joinDeltas(events, 'text-delta')).toBe('2 + 2 = 4');
  });

  it('names the apiKey setting and MISTRAL_API_KEY when the key is missing', async () => {
    const error: unknown = await createMistralProvider({ fetch: replayFetch({ body: '{}' }) })
      .languageModel('mistral-small-latest')
      .generate(ask('reasoning'), {})
      .catch((caught: unknown) => caught);
    expect(InternalError.isInstance(error)).toBe(true);
    expect(String(error)).toContain("'apiKey' setting or the MISTRAL_API_KEY environment variable");
  });

  it('is checked by a fake that rejects what Mistral rejects', async () => {
    const post = (body: Record<string, unknown>) =>
      fetch(`${upstream.baseURL}/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'mistral-small-latest',
          messages: [{ role: 'user', content: 'Hi' }],
          ...body,
        }),
      });
    const extra = await post({ seed: 1, stream_options: { include_usage: true } });
    expect(extra.status).toBe(422);
    expect(await extra.text()).toContain('"loc":["body","seed"]');
    const badId = await post({
      messages: [
        { role: 'user', content: 'Hi' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'ok' },
      ],
    });
    expect(badId.status).toBe(400);
    expect(await badId.text()).toContain('must be a-z, A-Z, 0-9, with a length of 9');
  });

  it('lists the models of the account', async () => {
    const provider = createMistralProvider({ apiKey, baseURL: upstream.baseURL });
    expect(await provider.listModels({})).toEqual([
      { id: 'mistral-small-latest' },
      { id: 'magistral-medium-latest' },
    ]);
  });
});

describe('Mistral tool call ids', () => {
  it('keeps valid ids and maps others to stable 9-character ids', () => {
    expect(toMistralToolCallId('gSIMJiOkT')).toBe('gSIMJiOkT');
    const mapped = toMistralToolCallId('call_abc123');
    expect(isMistralToolCallId(mapped)).toBe(true);
    expect(toMistralToolCallId('call_abc123')).toBe(mapped);
    expect(toMistralToolCallId('toolu_01')).not.toBe(mapped);
  });
});

describe('Mistral error bodies', () => {
  it.each([
    {
      shape: 'object error',
      status: 400,
      body: '{"object":"error","message":"Invalid model: foo","type":"invalid_model","param":null,"code":"1500"}',
      message: 'returned 400: Invalid model: foo',
      type: 'invalid_model',
    },
    {
      shape: 'validation detail inside message',
      status: 422,
      body: '{"object":"error","message":{"detail":[{"type":"extra_forbidden","loc":["body","seed"],"msg":"Extra inputs are not permitted","input":7}]},"type":"invalid_request_message_error","param":null,"code":null}',
      message: 'returned 422: body.seed: Extra inputs are not permitted',
      type: 'invalid_request_message_error',
    },
    {
      shape: 'gateway message',
      status: 401,
      body: '{"message":"Unauthorized","request_id":"abc"}',
      message: 'returned 401: Unauthorized',
      type: undefined,
    },
    {
      shape: 'FastAPI detail',
      status: 404,
      body: '{"detail":"Not Found"}',
      message: 'returned 404: Not Found',
      type: undefined,
    },
  ])('reads the $shape shape', async ({ status, body, message, type }) => {
    const error: unknown = await createMistralProvider({
      apiKey: 'k',
      fetch: replayFetch({ body, status, contentType: 'application/json' }),
    })
      .languageModel('mistral-small-latest')
      .generate({ messages: [] }, {})
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    if (!ProviderCallError.isInstance(error)) return;
    expect(error.message).toContain(message);
    expect(error.upstreamType).toBe(type);
    expect(error.upstreamStatusCode).toBe(status);
  });
});

function readFixture(name: string): string {
  return readFileSync(sharedPath('conformance', 'ai-sdk-fixtures', 'mistral', name), 'utf8');
}

async function replayStream(name: string): Promise<StreamEvent[]> {
  const lines = readFixture(name)
    .split('\n')
    .filter((line) => line.trim().length > 0);
  const fetch = replayFetch({ body: framedAsServerSentEvents(lines) });
  const { stream } = await createMistralProvider({ apiKey: 'k', fetch, generateId: mockId() })
    .languageModel('mistral-small-latest')
    .stream({ messages: [] }, {});
  return collectEvents(stream);
}

describe('replay of recorded Mistral chat traffic', () => {
  it('replays the text stream', async () => {
    const events = await replayStream('mistral-text.chunks.txt');
    expectWellFormedStream(events);
    expect(joinDeltas(events, 'text-delta')).toBe('Hello, world! This is a test response.');
    expect(events.at(-1)).toMatchObject({
      finishReason: 'stop',
      usage: { inputTokens: 13, outputTokens: 8 },
    });
  });

  it('replays the tool-call stream, whose call arrives whole in one chunk', async () => {
    const events = await replayStream('mistral-tool-call.chunks.txt');
    expectWellFormedStream(events);
    expect(events.slice(1)).toMatchInlineSnapshot(`
      [
        {
          "id": "gSIMJiOkT",
          "toolName": "weather",
          "type": "tool-call-start",
        },
        {
          "delta": "{"location": "San Francisco"}",
          "id": "gSIMJiOkT",
          "type": "tool-call-delta",
        },
        {
          "id": "gSIMJiOkT",
          "type": "tool-call-end",
        },
        {
          "finishReason": "tool-calls",
          "rawFinishReason": "tool_calls",
          "type": "response-end",
          "usage": {
            "inputTokens": 124,
            "outputTokens": 22,
          },
        },
      ]
    `);
  });

  it('replays the incremental tool-call stream', async () => {
    const events = await replayStream('mistral-incremental-tool-call.chunks.txt');
    expectWellFormedStream(events);
    expect(joinDeltas(events, 'tool-call-delta')).toBe('{"query": "current Berlin weather"}');
    expect(events.at(-1)).toMatchObject({
      finishReason: 'tool-calls',
      usage: { inputTokens: 171, outputTokens: 14, cachedInputTokens: 128 },
    });
  });

  it('replays the Magistral reasoning stream', async () => {
    const events = await replayStream('mistral-reasoning.chunks.txt');
    expectWellFormedStream(events);
    expect(events.map((event) => event.type)).toMatchInlineSnapshot(`
      [
        "response-start",
        "reasoning-start",
        "reasoning-delta",
        "reasoning-delta",
        "reasoning-end",
        "text-start",
        "text-delta",
        "text-end",
        "response-end",
      ]
    `);
  });

  it.each(['mistral-text.json', 'mistral-tool-call.json', 'mistral-reasoning.json'])(
    'reads the recorded completion %s',
    async (name) => {
      const fetch = replayFetch({ body: readFixture(name), contentType: 'application/json' });
      const response = await createMistralProvider({ apiKey: 'k', fetch })
        .languageModel('mistral-small-latest')
        .generate({ messages: [] }, {});
      expect(response.content.length).toBeGreaterThan(0);
      expect(response.usage.inputTokens).toBeGreaterThan(0);
    },
  );
});
