import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  InternalError,
  InvalidRequestError,
  ProviderCallError,
  type CanonicalRequest,
} from '../../spec/index.js';
import {
  expectWellFormedStream,
  runLanguageModelContract,
} from '../test-utils/language-model-contract.js';
import { scenarioDirective } from '../test-utils/scenarios.js';
import { sharedPath } from '../test-utils/shared-path.js';
import { createOpenAIProvider } from './openai-provider.js';
import {
  startOpenAIFakeUpstream,
  type OpenAIFakeUpstream,
} from './test-utils/openai-fake-upstream.js';
import { validateChatCompletionRequest } from './test-utils/openai-schema-validator.js';
import { joinDeltas, mockId, replayFetch } from './test-utils/openai-test-helpers.js';
import { collectEvents } from '../test-utils/provider-test-helpers.js';

const apiKey = 'sk-test-key';

describe('OpenAILanguageModel', () => {
  runLanguageModelContract({
    startUpstream: () => startOpenAIFakeUpstream({ apiKey }),
    createModel: ({ upstream, timeouts }) =>
      createOpenAIProvider({ apiKey, baseURL: `${upstream.origin}/v1`, timeouts }).languageModel(
        'gpt-4o-mini',
      ),
  });
});

const weatherTool = {
  name: 'get_weather',
  description: 'Get the current weather for a city.',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
  strict: true,
};

const richRequest: CanonicalRequest = {
  messages: [
    { role: 'system', content: 'You are terse.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in these images?' },
        {
          type: 'image',
          source: { type: 'url', url: 'https://example.com/cat.png' },
          detail: 'low',
        },
        { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The user wants weather.' },
        { type: 'text', text: 'Let me check.' },
        {
          type: 'tool-call',
          toolCallId: 'call_1',
          toolName: 'get_weather',
          input: '{"city":"Paris"}',
        },
        {
          type: 'tool-call',
          toolCallId: 'call_2',
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
          toolCallId: 'call_1',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '18°C, sunny' }],
          isError: false,
        },
        {
          type: 'tool-result',
          toolCallId: 'call_2',
          content: [
            { type: 'text', text: 'Unknown city' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/map.png' } },
          ],
          isError: true,
        },
      ],
    },
    { role: 'user', content: [{ type: 'text', text: `Summarise. ${scenarioDirective('text')}` }] },
  ],
  tools: [weatherTool],
  toolChoice: { type: 'tool', toolName: 'get_weather' },
  parallelToolCalls: false,
  responseFormat: {
    type: 'json',
    name: 'summary',
    description: 'A weather summary.',
    schema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
    strict: true,
  },
  maxOutputTokens: 512,
  temperature: 0.2,
  topP: 0.9,
  stopSequences: ['END'],
  seed: 42,
  frequencyPenalty: 0.1,
  presencePenalty: 0.2,
  user: 'user-123',
  providerOptions: { openai: { logprobs: true, top_logprobs: 2, store: false } },
};

describe('OpenAILanguageModel requests', () => {
  let upstream: OpenAIFakeUpstream;
  beforeAll(async () => {
    upstream = await startOpenAIFakeUpstream({ apiKey });
  });
  afterAll(async () => {
    await upstream.close();
  });

  const modelFor = (modelId: string, settings: Parameters<typeof createOpenAIProvider>[0] = {}) =>
    createOpenAIProvider({ apiKey, baseURL: upstream.baseURL, ...settings }).languageModel(modelId);

  function lastRequestBody(): unknown {
    const request = upstream.requests.at(-1);
    expect(request).toBeDefined();
    return JSON.parse(request?.body ?? '');
  }

  it('sends a rich request as a Chat Completions body that matches the OpenAPI spec', async () => {
    const response = await modelFor('gpt-4o-mini').generate(richRequest, {});
    const body = lastRequestBody();
    expect(validateChatCompletionRequest(body)).toEqual([]);
    expect(body).toMatchInlineSnapshot(`
      {
        "frequency_penalty": 0.1,
        "logprobs": true,
        "max_completion_tokens": 512,
        "messages": [
          {
            "content": "You are terse.",
            "role": "system",
          },
          {
            "content": [
              {
                "text": "What is in these images?",
                "type": "text",
              },
              {
                "image_url": {
                  "detail": "low",
                  "url": "https://example.com/cat.png",
                },
                "type": "image_url",
              },
              {
                "image_url": {
                  "url": "data:image/png;base64,iVBORw0KGgo=",
                },
                "type": "image_url",
              },
            ],
            "role": "user",
          },
          {
            "content": "Let me check.",
            "role": "assistant",
            "tool_calls": [
              {
                "function": {
                  "arguments": "{"city":"Paris"}",
                  "name": "get_weather",
                },
                "id": "call_1",
                "type": "function",
              },
              {
                "function": {
                  "arguments": "{"city":"Oslo"}",
                  "name": "get_weather",
                },
                "id": "call_2",
                "type": "function",
              },
            ],
          },
          {
            "content": "18°C, sunny",
            "role": "tool",
            "tool_call_id": "call_1",
          },
          {
            "content": "Unknown city",
            "role": "tool",
            "tool_call_id": "call_2",
          },
          {
            "content": "Summarise. [[scenario:text]]",
            "role": "user",
          },
        ],
        "model": "gpt-4o-mini",
        "parallel_tool_calls": false,
        "presence_penalty": 0.2,
        "response_format": {
          "json_schema": {
            "description": "A weather summary.",
            "name": "summary",
            "schema": {
              "properties": {
                "text": {
                  "type": "string",
                },
              },
              "required": [
                "text",
              ],
              "type": "object",
            },
            "strict": true,
          },
          "type": "json_schema",
        },
        "seed": 42,
        "stop": [
          "END",
        ],
        "store": false,
        "temperature": 0.2,
        "tool_choice": {
          "function": {
            "name": "get_weather",
          },
          "type": "function",
        },
        "tools": [
          {
            "function": {
              "description": "Get the current weather for a city.",
              "name": "get_weather",
              "parameters": {
                "additionalProperties": false,
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
              "strict": true,
            },
            "type": "function",
          },
        ],
        "top_logprobs": 2,
        "top_p": 0.9,
        "user": "user-123",
      }
    `);
    expect(response.warnings).toMatchInlineSnapshot(`
      [
        {
          "message": "Reasoning parts of assistant messages cannot be sent to Chat Completions; dropped.",
          "type": "other",
        },
        {
          "message": "Images in tool results are not supported by Chat Completions; omitted.",
          "type": "other",
        },
      ]
    `);
  });

  it('asks for usage at the end of a stream', async () => {
    const { stream } = await modelFor('gpt-4o-mini').stream(
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] },
      {},
    );
    await collectEvents(stream);
    expect(validateChatCompletionRequest(lastRequestBody())).toEqual([]);
    expect(lastRequestBody()).toMatchInlineSnapshot(`
      {
        "messages": [
          {
            "content": "Hi",
            "role": "user",
          },
        ],
        "model": "gpt-4o-mini",
        "stream": true,
        "stream_options": {
          "include_usage": true,
        },
      }
    `);
  });

  it('uses the developer role and reasoning effort for reasoning models, and drops sampling settings', async () => {
    const response = await modelFor('gpt-5-mini').generate(
      {
        messages: [
          { role: 'system', content: 'Think hard.' },
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        ],
        reasoningEffort: 'low',
        temperature: 0.5,
        topP: 0.5,
        maxOutputTokens: 100,
      },
      {},
    );
    expect(validateChatCompletionRequest(lastRequestBody())).toEqual([]);
    expect(lastRequestBody()).toMatchInlineSnapshot(`
      {
        "max_completion_tokens": 100,
        "messages": [
          {
            "content": "Think hard.",
            "role": "developer",
          },
          {
            "content": "Hi",
            "role": "user",
          },
        ],
        "model": "gpt-5-mini",
        "reasoning_effort": "low",
      }
    `);
    expect(response.warnings).toMatchInlineSnapshot(`
      [
        {
          "details": "not supported by OpenAI reasoning models",
          "setting": "temperature",
          "type": "unsupported-setting",
        },
        {
          "details": "not supported by OpenAI reasoning models",
          "setting": "topP",
          "type": "unsupported-setting",
        },
      ]
    `);
  });

  it('warns about settings OpenAI cannot honour instead of sending them', async () => {
    const response = await modelFor('gpt-4o-mini').generate(
      {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        topK: 40,
        reasoningBudgetTokens: 1024,
        reasoningEffort: 'high',
        toolChoice: { type: 'required' },
        providerOptions: { openai: { service_tier: 'flex', not_a_field: 1, stream: false } },
      },
      {},
    );
    expect(lastRequestBody()).toMatchInlineSnapshot(`
      {
        "messages": [
          {
            "content": "Hi",
            "role": "user",
          },
        ],
        "model": "gpt-4o-mini",
        "service_tier": "flex",
      }
    `);
    expect(response.warnings).toMatchInlineSnapshot(`
      [
        {
          "details": "not supported by OpenAI Chat Completions",
          "setting": "topK",
          "type": "unsupported-setting",
        },
        {
          "details": "only OpenAI reasoning models (o-series, gpt-5) take it",
          "setting": "reasoningEffort",
          "type": "unsupported-setting",
        },
        {
          "details": "OpenAI takes reasoningEffort, not a token budget",
          "setting": "reasoningBudgetTokens",
          "type": "unsupported-setting",
        },
        {
          "details": "ignored because the request has no tools",
          "setting": "toolChoice",
          "type": "unsupported-setting",
        },
        {
          "details": "unknown option; not sent",
          "setting": "providerOptions.openai.not_a_field",
          "type": "unsupported-setting",
        },
        {
          "details": "unknown option; not sent",
          "setting": "providerOptions.openai.stream",
          "type": "unsupported-setting",
        },
      ]
    `);
  });

  it('rejects an invalid provider option value as an invalid request', async () => {
    const error: unknown = await modelFor('gpt-4o-mini')
      .generate(
        {
          messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
          providerOptions: { openai: { top_logprobs: 99 } },
        },
        {},
      )
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(InvalidRequestError.isInstance(error) && error.param).toBe(
      'providerOptions.openai.top_logprobs',
    );
  });

  it('sends organization, project and custom headers, resolved on each request', async () => {
    const headers: Record<string, string> = { 'x-team': 'search' };
    const model = modelFor('gpt-4o-mini', {
      organization: 'org-123',
      project: 'proj-456',
      headers,
    });
    await model.generate(
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] },
      { headers: { 'x-call': 'one' } },
    );
    const sent = upstream.requests.at(-1)?.headers;
    expect(sent).toMatchObject({
      authorization: `Bearer ${apiKey}`,
      'openai-organization': 'org-123',
      'openai-project': 'proj-456',
      'x-team': 'search',
      'x-call': 'one',
      'content-type': 'application/json',
    });
  });

  it('names both ways to supply a missing API key, without reading the environment', async () => {
    const error: unknown = await createOpenAIProvider({ baseURL: upstream.baseURL })
      .languageModel('gpt-4o-mini')
      .generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {})
      .catch((caught: unknown) => caught);
    expect(InternalError.isInstance(error)).toBe(true);
    expect(String(error)).toContain("'apiKey' setting or the OPENAI_API_KEY environment variable");
  });

  it('lists the upstream models and closes its pool', async () => {
    const provider = createOpenAIProvider({ apiKey, baseURL: `${upstream.baseURL}/` });
    const models = await provider.listModels({});
    expect(models.map((model) => model.id)).toContain('gpt-4o-mini');
    await provider.close();
  });
});

describe('OpenAILanguageModel responses', () => {
  const chatFixtures = sharedPath('conformance', 'ai-sdk-fixtures', 'openai', 'chat');

  it('maps a recorded text completion with usage details', async () => {
    const fetch = replayFetch({
      body: readFileSync(join(chatFixtures, 'openai-text.json'), 'utf8'),
      contentType: 'application/json',
    });
    const response = await createOpenAIProvider({ apiKey, fetch })
      .languageModel('gpt-4.1-nano')
      .generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {});
    expect({
      ...response,
      content: response.content.map((part) => part.type),
    }).toMatchInlineSnapshot(`
      {
        "content": [
          "text",
        ],
        "finishReason": "stop",
        "id": "chatcmpl-D8Z5f52zQqikDBEKQMQoYcWMcWPeU",
        "modelId": "gpt-4.1-nano-2025-04-14",
        "rawFinishReason": "stop",
        "usage": {
          "cachedInputTokens": 0,
          "inputTokens": 16,
          "outputTokens": 363,
          "reasoningTokens": 0,
        },
        "warnings": [],
      }
    `);
  });

  it('maps a refusal to the refusal finish reason with the refusal as text', async () => {
    const fetch = replayFetch({
      contentType: 'application/json',
      body: JSON.stringify({
        id: 'chatcmpl-refusal',
        model: 'gpt-4o-2024-08-06',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: null, refusal: "I'm sorry, I can't help." },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
      }),
    });
    const response = await createOpenAIProvider({ apiKey, fetch })
      .languageModel('gpt-4o')
      .generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {});
    expect(response.finishReason).toBe('refusal');
    expect(response.rawFinishReason).toBe('stop');
    expect(response.content).toEqual([{ type: 'text', text: "I'm sorry, I can't help." }]);
  });

  it('returns tool calls, generating ids the server left out', async () => {
    const fetch = replayFetch({
      contentType: 'application/json',
      body: JSON.stringify({
        choices: [
          {
            message: {
              content: null,
              tool_calls: [
                {
                  id: 'call_a',
                  type: 'function',
                  function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
                },
                { function: { name: 'get_time', arguments: { city: 'Oslo' } } },
                { function: { name: 'get_date', arguments: '' } },
              ],
            },
            finish_reason: 'tool_calls',
          },
        ],
      }),
    });
    const response = await createOpenAIProvider({ apiKey, fetch, generateId: mockId('call') })
      .languageModel('gpt-4o')
      .generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {});
    expect(response.content).toMatchInlineSnapshot(`
      [
        {
          "input": "{"city":"Paris"}",
          "toolCallId": "call_a",
          "toolName": "get_weather",
          "type": "tool-call",
        },
        {
          "input": "{"city":"Oslo"}",
          "toolCallId": "call-0",
          "toolName": "get_time",
          "type": "tool-call",
        },
        {
          "input": "{}",
          "toolCallId": "call-1",
          "toolName": "get_date",
          "type": "tool-call",
        },
      ]
    `);
    expect(response.usage).toEqual({ inputTokens: 0, outputTokens: 0 });
    expect(response.modelId).toBe('gpt-4o');
  });

  const streamFolder = sharedPath('conformance', 'openai-streams', 'chat-completions');
  for (const file of readdirSync(streamFolder)) {
    it(`replays the recorded stream ${file} into the canonical events`, async () => {
      const body = readFileSync(join(streamFolder, file), 'utf8');
      const chunks = body
        .split('\n')
        .filter((line) => line.startsWith('data: {'))
        .map((line) => JSON.parse(line.slice('data: '.length)));
      const { stream, warnings } = await createOpenAIProvider({
        apiKey,
        fetch: replayFetch({ body }),
      })
        .languageModel('gpt-4o-2024-08-06')
        .stream({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {});
      const events = await collectEvents(stream);
      expect(warnings).toEqual([]);
      expectWellFormedStream(events);
      const recordedText = chunks
        .map(
          (chunk) =>
            `${chunk.choices[0]?.delta.content ?? ''}${chunk.choices[0]?.delta.refusal ?? ''}`,
        )
        .join('');
      expect(joinDeltas(events, 'text-delta')).toBe(recordedText);
      const start = events[0];
      expect(start).toEqual({ type: 'response-start', id: chunks[0].id, modelId: chunks[0].model });
      const usage = chunks.at(-1).usage;
      expect(events.at(-1)).toEqual({
        type: 'response-end',
        finishReason: file.startsWith('refusal') ? 'refusal' : 'stop',
        rawFinishReason: 'stop',
        usage: { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens },
      });
      if (!file.startsWith('refusal'))
        expect(typeof JSON.parse(recordedText.trim())).toBe('object');
    });
  }

  it('turns an error object in the middle of a stream into a provider call error', async () => {
    const body =
      'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}\n\n' +
      'data: {"error":{"message":"The server had an error while processing your request.","type":"server_error","param":null,"code":null}}\n\n';
    const { stream } = await createOpenAIProvider({ apiKey, fetch: replayFetch({ body }) })
      .languageModel('gpt-4o')
      .stream({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {});
    const error: unknown = await collectEvents(stream).catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(ProviderCallError.isInstance(error) && error.upstreamType).toBe('server_error');
    expect(String(error)).toContain('The server had an error while processing your request.');
  });

  it('reports a stream that ends without a finish reason as a retryable cut', async () => {
    const body =
      'data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"Hel"},"finish_reason":null}]}\n\n';
    const { stream } = await createOpenAIProvider({ apiKey, fetch: replayFetch({ body }) })
      .languageModel('gpt-4o')
      .stream({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {});
    const error: unknown = await collectEvents(stream).catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
    expect(String(error)).toContain('ended before the model finished');
  });
});
