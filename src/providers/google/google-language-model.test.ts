import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidRequestError, ProviderCallError, type CanonicalRequest } from '../../spec/index.js';
import type { FakeUpstream } from '../test-utils/fake-server.js';
import {
  expectWellFormedStream,
  runLanguageModelContract,
} from '../test-utils/language-model-contract.js';
import { createGoogleProvider } from './google-provider.js';
import { startGoogleFakeUpstream } from './test-utils/google-fake-upstream.js';
import { readGoogleChunks, readGoogleFixture } from './test-utils/google-recordings.js';
import {
  jsonResponse,
  mockId,
  sseResponse,
  summariseStreamEvents,
} from './test-utils/google-test-helpers.js';
import { collectEvents, createRecordingFetch } from '../test-utils/provider-test-helpers.js';

describe('GoogleLanguageModel', () => {
  runLanguageModelContract({
    startUpstream: () => startGoogleFakeUpstream({ apiKey: 'test-key' }),
    createModel: ({ upstream, timeouts }) =>
      createGoogleProvider({
        apiKey: 'test-key',
        baseURL: `${upstream.origin}/v1beta`,
        timeouts,
      }).languageModel('gemini-2.5-flash'),
  });
});

const textBody = readGoogleFixture('google-text.json');

function createModel({
  reply = () => jsonResponse(textBody),
  modelId = 'gemini-2.5-flash',
}: { reply?: () => Response; modelId?: string } = {}) {
  const recording = createRecordingFetch(reply);
  const provider = createGoogleProvider({
    apiKey: 'AIza-test-key',
    fetch: recording.fetch,
    headers: { 'X-Custom': 'custom-value' },
    generateId: mockId(),
  });
  return { model: provider.languageModel(modelId), requests: recording.requests };
}

const weatherSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    city: { type: 'string', description: 'City name.', examples: ['Paris'] },
    unit: { enum: ['celsius', 'fahrenheit'], default: 'celsius' },
    day: { $ref: '#/$defs/day' },
    contact: { type: ['string', 'null'], format: 'email' },
    kind: { const: 'forecast' },
    when: { oneOf: [{ type: 'string', format: 'date-time' }, { type: 'integer' }] },
  },
  required: ['city', 'day'],
  additionalProperties: false,
  $defs: { day: { type: 'string', enum: ['today', 'tomorrow'] } },
};

const summarySchema = {
  type: 'object',
  properties: { summary: { type: 'string' }, rating: { type: 'integer', minimum: 1 } },
  required: ['summary'],
  additionalProperties: false,
};

const richRequest: CanonicalRequest = {
  messages: [
    { role: 'system', content: 'You are a weather assistant.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is the weather in these places?' },
        { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'image', source: { type: 'url', url: 'https://example.com/paris.JPG?size=large' } },
        { type: 'image', source: { type: 'url', url: 'data:image/webp;base64,UklGRg==' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Two cities: two calls.', signature: 'gemini:c2lnLXRob3VnaHQ=' },
        { type: 'text', text: 'Let me check.' },
        {
          type: 'tool-call',
          toolCallId: 'call_a',
          toolName: 'get_weather',
          input: '{"city":"Paris"}',
        },
        { type: 'reasoning', text: '', signature: 'gemini:c2lnLWNhbGw=' },
        {
          type: 'tool-call',
          toolCallId: 'call_b',
          toolName: 'get_weather',
          input: '{"city":"Oslo"}',
        },
        { type: 'reasoning', text: 'Claude thinking', signature: 'anthropic-signature' },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'call_a',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '18°C and sunny' }],
          isError: false,
        },
        {
          type: 'tool-result',
          toolCallId: 'call_b',
          content: [
            { type: 'text', text: 'Weather service unavailable' },
            { type: 'image', source: { type: 'url', url: 'https://example.com/outage.png' } },
          ],
          isError: true,
        },
      ],
    },
    { role: 'system', content: 'Answer with JSON.' },
    { role: 'user', content: [{ type: 'text', text: 'Summarise, please.' }] },
  ],
  tools: [
    {
      name: 'get_weather',
      description: 'Get the current weather for a city.',
      inputSchema: weatherSchema,
      strict: true,
    },
    {
      name: 'get_time',
      description: 'Get the time.',
      inputSchema: { type: 'object', properties: {} },
    },
  ],
  toolChoice: { type: 'auto' },
  parallelToolCalls: false,
  responseFormat: { type: 'json', name: 'summary', schema: summarySchema },
  maxOutputTokens: 1000,
  temperature: 1.4,
  topP: 0.9,
  topK: 40,
  stopSequences: ['END'],
  seed: 42,
  presencePenalty: 0.5,
  frequencyPenalty: 0.25,
  reasoningEffort: 'low',
  user: 'user-123',
  providerOptions: {
    google: {
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_ONLY_HIGH' }],
      futureOption: true,
    },
  },
};

describe('GoogleLanguageModel outgoing requests', () => {
  it('sends a rich request as the generateContent body Google documents.', async () => {
    const { model, requests } = createModel();
    await model.generate(richRequest, {});
    expect(requests[0]?.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent',
    );
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.body).toMatchInlineSnapshot(`
      {
        "contents": [
          {
            "parts": [
              {
                "text": "What is the weather in these places?",
              },
              {
                "inlineData": {
                  "data": "iVBORw0KGgo=",
                  "mimeType": "image/png",
                },
              },
              {
                "fileData": {
                  "fileUri": "https://example.com/paris.JPG?size=large",
                  "mimeType": "image/jpeg",
                },
              },
              {
                "inlineData": {
                  "data": "UklGRg==",
                  "mimeType": "image/webp",
                },
              },
            ],
            "role": "user",
          },
          {
            "parts": [
              {
                "text": "Two cities: two calls.",
                "thought": true,
                "thoughtSignature": "c2lnLXRob3VnaHQ=",
              },
              {
                "text": "Let me check.",
              },
              {
                "functionCall": {
                  "args": {
                    "city": "Paris",
                  },
                  "name": "get_weather",
                },
                "thoughtSignature": "c2lnLWNhbGw=",
              },
              {
                "functionCall": {
                  "args": {
                    "city": "Oslo",
                  },
                  "name": "get_weather",
                },
              },
            ],
            "role": "model",
          },
          {
            "parts": [
              {
                "functionResponse": {
                  "name": "get_weather",
                  "response": {
                    "content": "18°C and sunny",
                  },
                },
              },
              {
                "functionResponse": {
                  "name": "get_weather",
                  "response": {
                    "error": "Weather service unavailable",
                  },
                },
              },
              {
                "fileData": {
                  "fileUri": "https://example.com/outage.png",
                  "mimeType": "image/png",
                },
              },
              {
                "text": "Summarise, please.",
              },
            ],
            "role": "user",
          },
        ],
        "generationConfig": {
          "frequencyPenalty": 0.25,
          "maxOutputTokens": 3048,
          "presencePenalty": 0.5,
          "responseMimeType": "application/json",
          "responseSchema": {
            "properties": {
              "rating": {
                "minimum": 1,
                "type": "integer",
              },
              "summary": {
                "type": "string",
              },
            },
            "required": [
              "summary",
            ],
            "type": "object",
          },
          "seed": 42,
          "stopSequences": [
            "END",
          ],
          "temperature": 1.4,
          "thinkingConfig": {
            "includeThoughts": true,
            "thinkingBudget": 2048,
          },
          "topK": 40,
          "topP": 0.9,
        },
        "safetySettings": [
          {
            "category": "HARM_CATEGORY_HARASSMENT",
            "threshold": "BLOCK_ONLY_HIGH",
          },
        ],
        "systemInstruction": {
          "parts": [
            {
              "text": "You are a weather assistant.",
            },
            {
              "text": "Answer with JSON.",
            },
          ],
        },
        "toolConfig": {
          "functionCallingConfig": {
            "mode": "AUTO",
          },
        },
        "tools": [
          {
            "functionDeclarations": [
              {
                "description": "Get the current weather for a city.",
                "name": "get_weather",
                "parameters": {
                  "properties": {
                    "city": {
                      "description": "City name.",
                      "type": "string",
                    },
                    "contact": {
                      "nullable": true,
                      "type": "string",
                    },
                    "day": {
                      "enum": [
                        "today",
                        "tomorrow",
                      ],
                      "type": "string",
                    },
                    "kind": {
                      "enum": [
                        "forecast",
                      ],
                      "type": "string",
                    },
                    "unit": {
                      "enum": [
                        "celsius",
                        "fahrenheit",
                      ],
                      "type": "string",
                    },
                    "when": {
                      "anyOf": [
                        {
                          "format": "date-time",
                          "type": "string",
                        },
                        {
                          "type": "integer",
                        },
                      ],
                    },
                  },
                  "required": [
                    "city",
                    "day",
                  ],
                  "type": "object",
                },
              },
              {
                "description": "Get the time.",
                "name": "get_time",
              },
            ],
          },
        ],
      }
    `);
  });

  it('returns a warning for everything of the rich request Gemini cannot honour.', async () => {
    const { model } = createModel();
    const response = await model.generate(richRequest, {});
    expect(response.warnings).toMatchInlineSnapshot(`
      [
        {
          "details": "unknown google option, ignored",
          "setting": "providerOptions.google.futureOption",
          "type": "unsupported-setting",
        },
        {
          "message": "The reasoning at messages[2].content[5] was dropped: Gemini only takes back thoughts it signed itself.",
          "type": "other",
        },
        {
          "message": "The system message at messages[4] was moved into the system instruction: Gemini accepts system text only ahead of the conversation.",
          "type": "other",
        },
        {
          "details": "ignored by google",
          "setting": "tools[0].strict",
          "type": "unsupported-setting",
        },
        {
          "details": "input schema keywords google does not support were dropped: examples at properties.city; default at properties.unit; format "email" at properties.contact",
          "toolName": "get_weather",
          "type": "unsupported-tool",
        },
        {
          "details": "google has no switch against parallel function calls; the model may still make several",
          "setting": "parallelToolCalls",
          "type": "unsupported-setting",
        },
        {
          "details": "ignored by google",
          "setting": "user",
          "type": "unsupported-setting",
        },
      ]
    `);
  });

  it('forces a named tool with ANY and allowedFunctionNames, dropping a JSON format Gemini refuses with it.', async () => {
    const { model, requests } = createModel();
    const response = await model.generate(
      { ...richRequest, toolChoice: { type: 'tool', toolName: 'get_weather' } },
      {},
    );
    expect(requests[0]?.body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    });
    expect(requests[0]?.body.generationConfig.responseMimeType).toBeUndefined();
    expect(requests[0]?.body.generationConfig.responseSchema).toBeUndefined();
    expect(response.warnings).toContainEqual(
      expect.objectContaining({ type: 'unsupported-setting', setting: 'responseFormat' }),
    );
  });

  it('sends the key in the x-goog-api-key header and never in the URL.', async () => {
    const { model, requests } = createModel();
    await model.generate(richRequest, { headers: { 'X-Request-Id': 'req-1' } });
    const request = requests[0];
    expect(request?.url).not.toContain('key=');
    expect(request?.headers).toEqual({
      'content-type': 'application/json',
      'x-goog-api-key': 'AIza-test-key',
      'x-custom': 'custom-value',
      'x-request-id': 'req-1',
    });
  });

  it('fails a call without a key with an error naming both ways to supply it.', async () => {
    const provider = createGoogleProvider({
      fetch: createRecordingFetch(() => jsonResponse(textBody)).fetch,
    });
    const error: unknown = await provider
      .languageModel('gemini-2.5-flash')
      .generate(richRequest, {})
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(String((error as Error).message)).toContain("'apiKey' setting");
    expect(String((error as Error).message)).toContain('GOOGLE_GENERATIVE_AI_API_KEY');
    expect(String((error as Error).message)).toContain('GEMINI_API_KEY');
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(false);
  });

  it('uses resource names as given and encodes model ids in the path.', async () => {
    const { model, requests } = createModel({ modelId: 'tunedModels/my-model-42' });
    await model.generate(
      { messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] },
      {},
    );
    expect(requests[0]?.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/tunedModels/my-model-42:generateContent',
    );
  });

  it('rejects a request with only system messages before calling Google.', async () => {
    const { model, requests } = createModel();
    const error: unknown = await model
      .generate({ messages: [{ role: 'system', content: 'Be brief.' }] }, {})
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    expect(requests).toHaveLength(0);
  });

  it('puts the system text in front of the first user turn for Gemma, which has no system instruction.', async () => {
    const { model, requests } = createModel({ modelId: 'gemma-3-27b-it' });
    await model.generate(
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        ],
      },
      {},
    );
    expect(requests[0]?.body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Be brief.' }, { text: 'Hi' }] }],
    });
  });

  it('streams from streamGenerateContent with alt=sse and converts the recorded chunks.', async () => {
    const { model, requests } = createModel({
      reply: () => sseResponse(readGoogleChunks('google-text.chunks.txt')),
    });
    const { stream, warnings } = await model.stream(richRequest, {});
    const events = await collectEvents(stream);
    expect(requests[0]?.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    );
    expect(warnings.length).toBeGreaterThan(0);
    expectWellFormedStream(events);
    const summary = summariseStreamEvents(events);
    expect(summary.text).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    expect(summary.end).toMatchObject({ finishReason: 'stop', rawFinishReason: 'STOP' });
  });

  it('counts tokens with countTokens, wrapping the prompt in a generateContentRequest.', async () => {
    const { model, requests } = createModel({ reply: () => jsonResponse({ totalTokens: 31 }) });
    const count = await model.countTokens(
      {
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
        ],
        tools: [{ name: 'get_time', inputSchema: { type: 'object' } }],
        maxOutputTokens: 100,
        temperature: 0.2,
      },
      {},
    );
    expect(count).toEqual({ inputTokens: 31, isEstimate: false });
    expect(requests[0]?.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:countTokens',
    );
    expect(requests[0]?.body).toMatchInlineSnapshot(`
      {
        "generateContentRequest": {
          "contents": [
            {
              "parts": [
                {
                  "text": "Hi",
                },
              ],
              "role": "user",
            },
          ],
          "model": "models/gemini-2.5-flash",
          "systemInstruction": {
            "parts": [
              {
                "text": "Be brief.",
              },
            ],
          },
          "tools": [
            {
              "functionDeclarations": [
                {
                  "name": "get_time",
                },
              ],
            },
          ],
        },
      }
    `);
  });
});

describe('GoogleLanguageModel against the fake upstream', () => {
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await startGoogleFakeUpstream({ apiKey: 'test-key' });
  });
  afterAll(async () => {
    await upstream.close();
  });

  const providerFor = (apiKey: string) =>
    createGoogleProvider({ apiKey, baseURL: `${upstream.origin}/v1beta`, generateId: mockId() });

  it('serves the rich request, which passes the fake’s protocol validation.', async () => {
    const response = await providerFor('test-key')
      .languageModel('gemini-2.5-flash')
      .generate(richRequest, {});
    expect(response.finishReason).toBe('stop');
  });

  it('reads the wait of a 429 from details[].retryDelay, as Google sends no retry-after.', async () => {
    const error: unknown = await providerFor('test-key')
      .languageModel('gemini-2.5-flash')
      .generate(
        {
          messages: [{ role: 'user', content: [{ type: 'text', text: '[[scenario:error-429]]' }] }],
        },
        {},
      )
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error) && error.retryAfterMs).toBe(34_400);
    expect(ProviderCallError.isInstance(error) && error.upstreamType).toBe('RESOURCE_EXHAUSTED');
  });

  it('reports a key Google does not know (400 API_KEY_INVALID) as refused gateway credentials.', async () => {
    const error: unknown = await providerFor('wrong-key')
      .languageModel('gemini-2.5-flash')
      .generate({ messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }] }, {})
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    if (!ProviderCallError.isInstance(error)) return;
    expect(error.code).toBe('upstream_error');
    expect(error.upstreamStatusCode).toBe(401);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('API key not valid');
    expect(error.message).toContain('providers.google.apiKey');
  });

  it('counts tokens and lists only the models that generate content.', async () => {
    const provider = providerFor('test-key');
    const count = await provider.languageModel('gemini-2.5-flash').countTokens?.(richRequest, {});
    expect(count?.inputTokens).toBeGreaterThan(0);
    expect(await provider.listModels?.({})).toEqual([
      { id: 'gemini-2.5-flash' },
      { id: 'gemini-2.5-pro' },
      { id: 'gemini-3-pro-preview' },
    ]);
    await provider.close?.();
  });

  it('answers JSON mode with a schema with JSON that fits it.', async () => {
    const response = await providerFor('test-key')
      .languageModel('gemini-2.5-flash')
      .generate(
        {
          messages: [{ role: 'user', content: [{ type: 'text', text: '[[scenario:json]]' }] }],
          responseFormat: { type: 'json', schema: summarySchema },
        },
        {},
      );
    const text = response.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
    expect(JSON.parse(text)).toEqual({ summary: 'example', rating: 1 });
  });

  it('round-trips a Gemini 3 tool call: the signature goes back on the function call it came with.', async () => {
    const model = providerFor('test-key').languageModel('gemini-3-pro-preview');
    const tools = [{ name: 'get_weather', inputSchema: weatherSchema }];
    const question = {
      role: 'user' as const,
      content: [{ type: 'text' as const, text: 'Weather in Paris? [[scenario:tool-call]]' }],
    };
    const first = await model.generate({ messages: [question], tools }, {});
    expect(first.finishReason).toBe('tool-calls');
    const call = first.content.find((part) => part.type === 'tool-call');
    expect(call?.type === 'tool-call' && call.toolName).toBe('get_weather');
    if (call?.type !== 'tool-call') return;
    const second = await model.generate(
      {
        messages: [
          question,
          { role: 'assistant', content: first.content },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                toolCallId: call.toolCallId,
                content: [{ type: 'text', text: '18°C [[scenario:text]]' }],
                isError: false,
              },
            ],
          },
        ],
        tools,
      },
      {},
    );
    expect(second.finishReason).toBe('stop');
    const sent = JSON.parse(upstream.requests.at(-1)?.body ?? '{}');
    expect(sent.contents[1]).toEqual({
      role: 'model',
      parts: [
        {
          functionCall: { name: 'get_weather', args: { location: 'San Francisco' } },
          thoughtSignature: expect.stringMatching(/^EskgCsYg/),
        },
      ],
    });
    expect(sent.contents[2]).toEqual({
      role: 'user',
      parts: [
        {
          functionResponse: {
            name: 'get_weather',
            response: { content: '18°C [[scenario:text]]' },
          },
        },
      ],
    });
  });

  it('streams parallel calls as separate tool calls, the signature after the first.', async () => {
    const { stream } = await providerFor('test-key')
      .languageModel('gemini-2.5-flash')
      .stream(
        {
          messages: [
            { role: 'user', content: [{ type: 'text', text: '[[scenario:parallel-tool-calls]]' }] },
          ],
          tools: [{ name: 'get_weather', inputSchema: weatherSchema }],
        },
        {},
      );
    const events = await collectEvents(stream);
    expectWellFormedStream(events);
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'reasoning-start',
      'reasoning-end',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'response-end',
    ]);
    expect(summariseStreamEvents(events).toolCalls).toEqual([
      { id: 'call_1', name: 'get_weather', input: '{"location":"San Francisco"}' },
      { id: 'call_2', name: 'get_weather', input: '{"location":"Tokyo"}' },
    ]);
  });
});
