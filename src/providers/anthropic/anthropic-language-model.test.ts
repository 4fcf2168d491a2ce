import { describe, expect, it } from 'vitest';
import { InvalidRequestError, ProviderCallError, type CanonicalRequest } from '../../spec/index.js';
import {
  expectWellFormedStream,
  runLanguageModelContract,
} from '../test-utils/language-model-contract.js';
import { createAnthropicProvider } from './anthropic-provider.js';
import { startAnthropicFakeUpstream } from './test-utils/anthropic-fake-upstream.js';
import {
  chunksToServerSentEvents,
  readConformanceText,
} from './test-utils/anthropic-recordings.js';
import { jsonResponse, sseResponse } from './test-utils/anthropic-test-helpers.js';
import {
  collectEvents,
  createRecordingFetch,
  summariseStreamEvents,
} from '../test-utils/provider-test-helpers.js';

describe('AnthropicLanguageModel', () => {
  runLanguageModelContract({
    startUpstream: () => startAnthropicFakeUpstream({ apiKey: 'test-key' }),
    createModel: ({ upstream, timeouts }) =>
      createAnthropicProvider({
        apiKey: 'test-key',
        baseURL: `${upstream.origin}/v1`,
        timeouts,
      }).languageModel('claude-sonnet-4-5'),
  });
});

const textBody = readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-text.json');

function createModel(reply: () => Response = () => new Response(textBody, { status: 200 })) {
  const recording = createRecordingFetch(reply);
  const provider = createAnthropicProvider({
    apiKey: 'sk-ant-test',
    fetch: recording.fetch,
    headers: { 'X-Custom': 'custom-value' },
  });
  return { model: provider.languageModel('claude-sonnet-4-5'), requests: recording.requests };
}

const weatherTool = {
  name: 'get_weather',
  description: 'Get the current weather for a city.',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

const richRequest: CanonicalRequest = {
  messages: [
    { role: 'system', content: 'You are a weather assistant.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is the weather in these places?' },
        { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        {
          type: 'image',
          source: { type: 'url', url: 'https://example.com/paris.jpg' },
          detail: 'high',
        },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Two cities: two calls.', signature: 'sig-1' },
        { type: 'reasoning', text: '', redactedData: 'cmVkYWN0ZWQ=' },
        { type: 'text', text: 'Let me check.' },
        {
          type: 'tool-call',
          toolCallId: 'toolu_1',
          toolName: 'get_weather',
          input: '{"city":"Paris"}',
        },
        {
          type: 'tool-call',
          toolCallId: 'toolu_2',
          toolName: 'get_weather',
          input: '{"city":"Oslo"}',
        },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'toolu_1',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '18°C and sunny' }],
          isError: false,
        },
        {
          type: 'tool-result',
          toolCallId: 'toolu_2',
          content: [
            { type: 'text', text: 'Weather service unavailable' },
            { type: 'image', source: { type: 'url', url: 'data:image/gif;base64,R0lGOD==' } },
          ],
          isError: true,
        },
      ],
    },
    { role: 'system', content: 'Answer with JSON.' },
    { role: 'user', content: [{ type: 'text', text: 'Summarise, please.' }] },
  ],
  tools: [{ ...weatherTool, strict: true }],
  toolChoice: { type: 'auto' },
  parallelToolCalls: false,
  responseFormat: {
    type: 'json',
    schema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] },
  },
  maxOutputTokens: 1000,
  temperature: 1.4,
  topP: 0.9,
  topK: 40,
  stopSequences: ['END'],
  seed: 42,
  presencePenalty: 0.5,
  user: 'user-123',
  providerOptions: {
    anthropic: {
      betas: ['token-efficient-tools-2025-02-19'],
      systemCacheControl: { type: 'ephemeral' },
      futureOption: true,
    },
  },
};

describe('AnthropicLanguageModel outgoing requests', () => {
  it('sends a rich request as the Messages body Anthropic documents, with warnings.', async () => {
    const { model, requests } = createModel(() =>
      jsonResponse(
        JSON.parse(
          readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-json-tool.1.json'),
        ),
      ),
    );
    const response = await model.generate(richRequest, {});
    expect(requests[0]?.url).toBe('https://api.anthropic.com/v1/messages');
    expect(requests[0]?.body).toMatchInlineSnapshot(`
      {
        "max_tokens": 1000,
        "messages": [
          {
            "content": [
              {
                "text": "What is the weather in these places?",
                "type": "text",
              },
              {
                "source": {
                  "data": "iVBORw0KGgo=",
                  "media_type": "image/png",
                  "type": "base64",
                },
                "type": "image",
              },
              {
                "source": {
                  "type": "url",
                  "url": "https://example.com/paris.jpg",
                },
                "type": "image",
              },
            ],
            "role": "user",
          },
          {
            "content": [
              {
                "signature": "sig-1",
                "thinking": "Two cities: two calls.",
                "type": "thinking",
              },
              {
                "data": "cmVkYWN0ZWQ=",
                "type": "redacted_thinking",
              },
              {
                "text": "Let me check.",
                "type": "text",
              },
              {
                "id": "toolu_1",
                "input": {
                  "city": "Paris",
                },
                "name": "get_weather",
                "type": "tool_use",
              },
              {
                "id": "toolu_2",
                "input": {
                  "city": "Oslo",
                },
                "name": "get_weather",
                "type": "tool_use",
              },
            ],
            "role": "assistant",
          },
          {
            "content": [
              {
                "content": [
                  {
                    "text": "18°C and sunny",
                    "type": "text",
                  },
                ],
                "tool_use_id": "toolu_1",
                "type": "tool_result",
              },
              {
                "content": [
                  {
                    "text": "Weather service unavailable",
                    "type": "text",
                  },
                  {
                    "source": {
                      "data": "R0lGOD==",
                      "media_type": "image/gif",
                      "type": "base64",
                    },
                    "type": "image",
                  },
                ],
                "is_error": true,
                "tool_use_id": "toolu_2",
                "type": "tool_result",
              },
              {
                "text": "Summarise, please.",
                "type": "text",
              },
            ],
            "role": "user",
          },
        ],
        "metadata": {
          "user_id": "user-123",
        },
        "model": "claude-sonnet-4-5",
        "stop_sequences": [
          "END",
        ],
        "system": [
          {
            "text": "You are a weather assistant.",
            "type": "text",
          },
          {
            "cache_control": {
              "type": "ephemeral",
            },
            "text": "Answer with JSON.",
            "type": "text",
          },
        ],
        "temperature": 1,
        "tool_choice": {
          "disable_parallel_tool_use": true,
          "type": "any",
        },
        "tools": [
          {
            "description": "Get the current weather for a city.",
            "input_schema": {
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
            "name": "get_weather",
          },
          {
            "description": "Respond with a JSON object.",
            "input_schema": {
              "properties": {
                "summary": {
                  "type": "string",
                },
              },
              "required": [
                "summary",
              ],
              "type": "object",
            },
            "name": "json",
          },
        ],
        "top_k": 40,
        "top_p": 0.9,
      }
    `);
    expect(response.warnings).toMatchInlineSnapshot(`
      [
        {
          "details": "unknown anthropic option, ignored",
          "setting": "providerOptions.anthropic.futureOption",
          "type": "unsupported-setting",
        },
        {
          "message": "The system message at messages[4] was moved into the system prompt: Anthropic accepts system text only ahead of the conversation.",
          "type": "other",
        },
        {
          "details": "ignored by anthropic",
          "setting": "tools[0].strict",
          "type": "unsupported-setting",
        },
        {
          "details": "1.4 clamped to 1, the highest anthropic accepts",
          "setting": "temperature",
          "type": "unsupported-setting",
        },
        {
          "details": "ignored by anthropic",
          "setting": "seed",
          "type": "unsupported-setting",
        },
        {
          "details": "ignored by anthropic",
          "setting": "presencePenalty",
          "type": "unsupported-setting",
        },
      ]
    `);
  });

  it('sends the key, version, beta and custom headers.', async () => {
    const { model, requests } = createModel();
    await model.generate(richRequest, { headers: { 'anthropic-beta': 'files-api-2025-04-14' } });
    expect(requests[0]?.headers).toMatchInlineSnapshot(`
      {
        "anthropic-beta": "files-api-2025-04-14,token-efficient-tools-2025-02-19",
        "anthropic-version": "2023-06-01",
        "content-type": "application/json",
        "x-api-key": "sk-ant-test",
        "x-custom": "custom-value",
      }
    `);
  });

  it('enables thinking from the reasoning effort and drops the sampling settings it forbids.', async () => {
    const { model, requests } = createModel();
    const response = await model.generate(
      {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Prove it.' }] }],
        reasoningEffort: 'low',
        temperature: 0.2,
        topK: 5,
      },
      {},
    );
    expect(requests[0]?.body).toMatchInlineSnapshot(`
      {
        "max_tokens": 8192,
        "messages": [
          {
            "content": [
              {
                "text": "Prove it.",
                "type": "text",
              },
            ],
            "role": "user",
          },
        ],
        "model": "claude-sonnet-4-5",
        "thinking": {
          "budget_tokens": 4096,
          "type": "enabled",
        },
      }
    `);
    expect(
      response.warnings.map((warning) => warning.type === 'unsupported-setting' && warning.setting),
    ).toEqual(['temperature', 'topK']);
  });

  it('uses the default output budget and maps required tool choice to any.', async () => {
    const { model, requests } = createModel();
    await model.generate(
      {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather?' }] }],
        tools: [weatherTool],
        toolChoice: { type: 'required' },
        stopSequences: [],
      },
      {},
    );
    expect(requests[0]?.body).toMatchInlineSnapshot(`
      {
        "max_tokens": 4096,
        "messages": [
          {
            "content": [
              {
                "text": "Weather?",
                "type": "text",
              },
            ],
            "role": "user",
          },
        ],
        "model": "claude-sonnet-4-5",
        "tool_choice": {
          "type": "any",
        },
        "tools": [
          {
            "description": "Get the current weather for a city.",
            "input_schema": {
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
            "name": "get_weather",
          },
        ],
      }
    `);
  });

  it('asks for a stream with stream: true and the same body otherwise.', async () => {
    const { model, requests } = createModel(() =>
      sseResponse(readConformanceText('anthropic', 'sdk-lib-fixtures', 'basic_response.txt')),
    );
    const { stream, warnings } = await model.stream(
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }], seed: 1 },
      {},
    );
    expect(warnings).toEqual([
      { type: 'unsupported-setting', setting: 'seed', details: 'ignored by anthropic' },
    ]);
    expect(summariseStreamEvents(await collectEvents(stream)).text).toBe('Hello there!');
    expect(requests[0]?.body).toMatchInlineSnapshot(`
      {
        "max_tokens": 4096,
        "messages": [
          {
            "content": [
              {
                "text": "Hi",
                "type": "text",
              },
            ],
            "role": "user",
          },
        ],
        "model": "claude-sonnet-4-5",
        "stream": true,
      }
    `);
  });

  it('counts tokens with only the prompt fields of the body.', async () => {
    const { model, requests } = createModel(() => jsonResponse({ input_tokens: 1234 }));
    const count = await model.countTokens?.({ ...richRequest, reasoningBudgetTokens: 2048 }, {});
    expect(count).toEqual({ inputTokens: 1234, isEstimate: false });
    expect(requests[0]?.url).toBe('https://api.anthropic.com/v1/messages/count_tokens');
    expect(Object.keys(requests[0]?.body ?? {})).toEqual([
      'model',
      'system',
      'messages',
      'tools',
      'tool_choice',
      'thinking',
    ]);
    expect(requests[0]?.body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
  });

  it('merges providerOptions.anthropic.extraBody over the computed body.', async () => {
    const { model, requests } = createModel();
    await model.generate(
      {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        providerOptions: {
          anthropic: { extraBody: { container: 'container_1' }, serviceTier: 'auto' },
        },
      },
      {},
    );
    expect(requests[0]?.body).toMatchObject({ container: 'container_1', service_tier: 'auto' });
  });
});

describe('AnthropicLanguageModel request errors', () => {
  it('names both ways to supply a missing API key and sends nothing.', async () => {
    const recording = createRecordingFetch(() => jsonResponse({}));
    const model = createAnthropicProvider({ fetch: recording.fetch }).languageModel(
      'claude-sonnet-4-5',
    );
    const error: unknown = await model.generate(richRequest, {}).catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(String(error)).toContain(
      "'apiKey' setting or the ANTHROPIC_API_KEY environment variable",
    );
    expect(recording.requests).toHaveLength(0);
  });

  it('accepts an authorization header instead of an API key.', async () => {
    const recording = createRecordingFetch(() => new Response(textBody));
    const model = createAnthropicProvider({
      fetch: recording.fetch,
      headers: { Authorization: 'Bearer oauth-token' },
    }).languageModel('claude-sonnet-4-5');
    await model.generate(
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] },
      {},
    );
    expect(recording.requests[0]?.headers.authorization).toBe('Bearer oauth-token');
    expect(recording.requests[0]?.headers['x-api-key']).toBeUndefined();
  });

  it('rejects tool-call input that is not JSON, naming the message and part.', async () => {
    const { model, requests } = createModel();
    const error: unknown = await model
      .generate(
        {
          messages: [
            { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
            {
              role: 'assistant',
              content: [
                { type: 'tool-call', toolCallId: 't1', toolName: 'get_weather', input: '{city:' },
              ],
            },
          ],
        },
        {},
      )
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(InvalidRequestError.isInstance(error) && error.param).toBe('messages[1].content[0]');
    expect(String(error)).toContain("tool 'get_weather' at messages[1].content[0]");
    expect(requests).toHaveLength(0);
  });

  it('rejects invalid providerOptions.anthropic with the offending path.', async () => {
    const { model } = createModel();
    const error: unknown = await model
      .generate(
        {
          messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
          providerOptions: { anthropic: { betas: 'not-a-list' } },
        },
        {},
      )
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(String(error)).toContain('betas');
  });
});

describe('AnthropicLanguageModel JSON mode', () => {
  const jsonRequest: CanonicalRequest = {
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Weather as JSON.' }] }],
    responseFormat: { type: 'json' },
  };

  it('forces the json tool and returns its input as the text answer when generating.', async () => {
    const { model, requests } = createModel(
      () =>
        new Response(
          readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-json-tool.1.json'),
        ),
    );
    const response = await model.generate(jsonRequest, {});
    expect(requests[0]?.body.tools).toEqual([
      {
        name: 'json',
        description: 'Respond with a JSON object.',
        input_schema: { type: 'object' },
      },
    ]);
    expect(requests[0]?.body.tool_choice).toEqual({ type: 'tool', name: 'json' });
    expect(response.content).toHaveLength(1);
    const part = response.content[0];
    expect(part?.type === 'text' && JSON.parse(part.text)).toMatchObject({
      elements: [{ location: 'San Francisco', temperature: -5, condition: 'snowy' }, {}, {}, {}],
    });
    expect(response.finishReason).toBe('stop');
  });

  it('streams the json tool input as text events when streaming.', async () => {
    const { model } = createModel(() =>
      sseResponse(
        chunksToServerSentEvents(
          readConformanceText('ai-sdk-fixtures', 'anthropic', 'anthropic-json-tool.2.chunks.txt'),
        ),
      ),
    );
    const { stream } = await model.stream(jsonRequest, {});
    const events = await collectEvents(stream);
    expectWellFormedStream(events);
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      'text-delta',
      'text-delta',
      'text-end',
      'response-end',
    ]);
    const summary = summariseStreamEvents(events);
    expect(JSON.parse(summary.text)).toEqual({
      elements: [{ location: 'San Francisco', temperature: 58, condition: 'sunny' }],
    });
    expect(summary.end?.finishReason).toBe('stop');
  });
});
