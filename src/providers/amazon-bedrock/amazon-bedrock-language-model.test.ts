import { describe, expect, it } from 'vitest';
import {
  InvalidRequestError,
  ProviderCallError,
  type CanonicalRequest,
  type LanguageModel,
} from '../../spec/index.js';
import type { AmazonBedrockProviderSettings } from './amazon-bedrock-provider.js';
import { createAmazonBedrockProvider } from './amazon-bedrock-provider.js';
import {
  readBedrockFixtureEvents,
  readBedrockFixtureJson,
} from './test-utils/amazon-bedrock-recordings.js';
import { eventStreamResponse, jsonResponse } from './test-utils/amazon-bedrock-test-helpers.js';
import {
  type CapturedRequest,
  collectEvents,
  createRecordingFetch,
} from '../test-utils/provider-test-helpers.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'test-secret-key' };
const clock = () => new Date('2026-03-04T05:06:07Z');
const textBody = readBedrockFixtureJson('amazon-bedrock-text');

function createModel({
  modelId = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
  reply = () => jsonResponse(textBody),
  settings = {},
}: {
  modelId?: string;
  reply?: (request: CapturedRequest) => Response;
  settings?: Partial<AmazonBedrockProviderSettings>;
} = {}): { model: LanguageModel; requests: CapturedRequest[] } {
  const recording = createRecordingFetch(reply);
  const provider = createAmazonBedrockProvider({
    region: 'us-west-2',
    credentials,
    now: clock,
    fetch: recording.fetch,
    ...settings,
  });
  return { model: provider.languageModel(modelId), requests: recording.requests };
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
        { type: 'image', source: { type: 'url', url: 'https://example.com/paris.jpg' } },
        { type: 'image', source: { type: 'url', url: 'data:image/jpg;base64,/9j/4AAQ' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'Two cities: two calls.', signature: 'sig-1' },
        { type: 'reasoning', text: '', redactedData: 'cmVkYWN0ZWQ=' },
        { type: 'reasoning', text: 'Unsigned thoughts.' },
        { type: 'text', text: 'Let me check.' },
        {
          type: 'tool-call',
          toolCallId: 'tooluse_1',
          toolName: 'get_weather',
          input: '{"city":"Paris"}',
        },
        { type: 'tool-call', toolCallId: 'tooluse_2', toolName: 'get_weather', input: '' },
      ],
    },
    {
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          toolCallId: 'tooluse_1',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '18°C and sunny' }],
          isError: false,
        },
        {
          type: 'tool-result',
          toolCallId: 'tooluse_2',
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
    'amazon-bedrock': {
      guardrailConfig: { guardrailIdentifier: 'gr-1', guardrailVersion: 'DRAFT' },
      requestMetadata: { team: 'search' },
      futureOption: true,
    },
  },
};

describe('AmazonBedrockLanguageModel outgoing requests', () => {
  it('sends a rich request as the Converse body Bedrock documents, with warnings', async () => {
    const { model, requests } = createModel({
      reply: () => jsonResponse(readBedrockFixtureJson('amazon-bedrock-json-tool-with-answer.1')),
    });
    const response = await model.generate(richRequest, {});
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.url).toBe(
      'https://bedrock-runtime.us-west-2.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse',
    );
    expect(requests[0]?.body).toMatchInlineSnapshot(`
      {
        "additionalModelRequestFields": {
          "top_k": 40,
        },
        "guardrailConfig": {
          "guardrailIdentifier": "gr-1",
          "guardrailVersion": "DRAFT",
        },
        "inferenceConfig": {
          "maxTokens": 1000,
          "stopSequences": [
            "END",
          ],
          "temperature": 1,
          "topP": 0.9,
        },
        "messages": [
          {
            "content": [
              {
                "text": "What is the weather in these places?",
              },
              {
                "image": {
                  "format": "png",
                  "source": {
                    "bytes": "iVBORw0KGgo=",
                  },
                },
              },
              {
                "image": {
                  "format": "jpeg",
                  "source": {
                    "bytes": "/9j/4AAQ",
                  },
                },
              },
            ],
            "role": "user",
          },
          {
            "content": [
              {
                "reasoningContent": {
                  "reasoningText": {
                    "signature": "sig-1",
                    "text": "Two cities: two calls.",
                  },
                },
              },
              {
                "reasoningContent": {
                  "redactedContent": "cmVkYWN0ZWQ=",
                },
              },
              {
                "text": "Let me check.",
              },
              {
                "toolUse": {
                  "input": {
                    "city": "Paris",
                  },
                  "name": "get_weather",
                  "toolUseId": "tooluse_1",
                },
              },
              {
                "toolUse": {
                  "input": {},
                  "name": "get_weather",
                  "toolUseId": "tooluse_2",
                },
              },
            ],
            "role": "assistant",
          },
          {
            "content": [
              {
                "toolResult": {
                  "content": [
                    {
                      "text": "18°C and sunny",
                    },
                  ],
                  "toolUseId": "tooluse_1",
                },
              },
              {
                "toolResult": {
                  "content": [
                    {
                      "text": "Weather service unavailable",
                    },
                    {
                      "image": {
                        "format": "gif",
                        "source": {
                          "bytes": "R0lGOD==",
                        },
                      },
                    },
                  ],
                  "status": "error",
                  "toolUseId": "tooluse_2",
                },
              },
              {
                "text": "Summarise, please.",
              },
            ],
            "role": "user",
          },
        ],
        "requestMetadata": {
          "team": "search",
        },
        "system": [
          {
            "text": "You are a weather assistant.",
          },
          {
            "text": "Answer with JSON.",
          },
        ],
        "toolConfig": {
          "toolChoice": {
            "any": {},
          },
          "tools": [
            {
              "toolSpec": {
                "description": "Get the current weather for a city.",
                "inputSchema": {
                  "json": {
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
                "name": "get_weather",
              },
            },
            {
              "toolSpec": {
                "description": "Respond with a JSON object.",
                "inputSchema": {
                  "json": {
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
                },
                "name": "json",
              },
            },
          ],
        },
      }
    `);
    // JSON mode: the `json` tool's input is the answer; the text before it is dropped.
    expect(response.content).toEqual([
      { type: 'text', text: '{"firstName":"John","lastName":"Doe"}' },
    ]);
    expect(response.finishReason).toBe('stop');
    expect(response.rawFinishReason).toBe('tool_use');
    expect(response.id).toBe('req-test-1');
    expect(response.warnings).toMatchInlineSnapshot(`
      [
        {
          "details": "unknown amazon-bedrock option, ignored",
          "setting": "providerOptions.amazon-bedrock.futureOption",
          "type": "unsupported-setting",
        },
        {
          "message": "The image at messages[1].content[2] was dropped: Bedrock needs image bytes and does not fetch URLs. Send it as base64 data instead.",
          "type": "other",
        },
        {
          "message": "The reasoning at messages[2].content[2] was dropped: Anthropic models on Bedrock only accept reasoning they signed.",
          "type": "other",
        },
        {
          "message": "The system message at messages[4] was moved into the system prompt: Bedrock accepts system text only ahead of the conversation.",
          "type": "other",
        },
        {
          "details": "ignored by amazon-bedrock",
          "setting": "tools[0].strict",
          "type": "unsupported-setting",
        },
        {
          "details": "amazon-bedrock cannot limit a turn to one tool call",
          "setting": "parallelToolCalls",
          "type": "unsupported-setting",
        },
        {
          "details": "1.4 clamped to 1, the highest Converse accepts",
          "setting": "temperature",
          "type": "unsupported-setting",
        },
        {
          "details": "ignored by amazon-bedrock",
          "setting": "seed",
          "type": "unsupported-setting",
        },
        {
          "details": "ignored by amazon-bedrock",
          "setting": "presencePenalty",
          "type": "unsupported-setting",
        },
        {
          "details": "ignored by amazon-bedrock",
          "setting": "user",
          "type": "unsupported-setting",
        },
      ]
    `);
  });

  it('streams the same body to /converse-stream, asking for an event stream', async () => {
    const { model, requests } = createModel({
      reply: (captured) =>
        captured.url.endsWith('/converse-stream')
          ? eventStreamResponse(readBedrockFixtureEvents('amazon-bedrock-text'))
          : jsonResponse(textBody),
    });
    const request: CanonicalRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Count the r in strawberry.' }] }],
      maxOutputTokens: 300,
    };
    const { stream } = await model.stream(request, {});
    await collectEvents(stream);
    await model.generate(request, {});
    expect(requests[0]?.url).toBe(
      'https://bedrock-runtime.us-west-2.amazonaws.com/model/us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream',
    );
    expect(requests[0]?.headers.accept).toBe('application/vnd.amazon.eventstream');
    expect(requests[0]?.body).toEqual(requests[1]?.body);
    expect(requests[0]?.body).toMatchInlineSnapshot(`
      {
        "inferenceConfig": {
          "maxTokens": 300,
        },
        "messages": [
          {
            "content": [
              {
                "text": "Count the r in strawberry.",
              },
            ],
            "role": "user",
          },
        ],
      }
    `);
  });

  it('sends guardrailConfig.streamProcessingMode to ConverseStream only', async () => {
    const { model, requests } = createModel({
      reply: (captured) =>
        captured.url.endsWith('/converse-stream')
          ? eventStreamResponse(readBedrockFixtureEvents('amazon-bedrock-text'))
          : jsonResponse(textBody),
    });
    const request: CanonicalRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      providerOptions: {
        'amazon-bedrock': {
          guardrailConfig: {
            guardrailIdentifier: 'gr-1',
            guardrailVersion: '1',
            streamProcessingMode: 'async',
          },
        },
      },
    };
    const { stream, warnings: streamWarnings } = await model.stream(request, {});
    await collectEvents(stream);
    const response = await model.generate(request, {});
    expect(requests.map((captured) => captured.body.guardrailConfig)).toEqual([
      { guardrailIdentifier: 'gr-1', guardrailVersion: '1', streamProcessingMode: 'async' },
      { guardrailIdentifier: 'gr-1', guardrailVersion: '1' },
    ]);
    expect(streamWarnings).toEqual([]);
    expect(response.warnings).toEqual([
      expect.objectContaining({ details: 'applies to streamed calls only' }),
    ]);
  });

  it('maps thinking for Anthropic models: budget in additionalModelRequestFields, maxTokens raised, sampling dropped', async () => {
    const { model, requests } = createModel();
    const response = await model.generate(
      {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Think first.' }] }],
        maxOutputTokens: 500,
        reasoningBudgetTokens: 2000,
        temperature: 0.5,
        topK: 5,
      },
      {},
    );
    expect(requests[0]?.body.inferenceConfig).toEqual({ maxTokens: 2500 });
    expect(requests[0]?.body.additionalModelRequestFields).toEqual({
      thinking: { type: 'enabled', budget_tokens: 2000 },
    });
    expect(
      response.warnings.map((warning) => warning.type === 'unsupported-setting' && warning.setting),
    ).toEqual(['temperature', 'topK']);
  });

  it('warns instead of forwarding topK and thinking to non-Anthropic models', async () => {
    const { model, requests } = createModel({ modelId: 'amazon.nova-pro-v1:0' });
    const response = await model.generate(
      {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        topK: 5,
        reasoningEffort: 'low',
        frequencyPenalty: 0.2,
      },
      {},
    );
    expect(requests[0]?.body).toEqual({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] });
    expect(
      response.warnings.map((warning) => warning.type === 'unsupported-setting' && warning.setting),
    ).toEqual(['reasoningEffort', 'topK', 'frequencyPenalty']);
  });

  it("leaves the tools out for toolChoice 'none', but keeps them when the history has tool calls", async () => {
    const { model, requests } = createModel();
    const question: CanonicalRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      tools: [weatherTool],
      toolChoice: { type: 'none' },
    };
    const first = await model.generate(question, {});
    expect(requests[0]?.body.toolConfig).toBeUndefined();
    expect(first.warnings).toEqual([
      expect.objectContaining({
        setting: 'toolChoice',
        details: expect.stringContaining('leaving the tools out'),
      }),
    ]);
    const withHistory: CanonicalRequest = {
      ...question,
      messages: [
        ...question.messages,
        {
          role: 'assistant',
          content: [
            {
              type: 'tool-call',
              toolCallId: 't1',
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
              toolCallId: 't1',
              content: [{ type: 'text', text: '3°C' }],
              isError: false,
            },
          ],
        },
      ],
    };
    const second = await model.generate(withHistory, {});
    expect(requests[1]?.body.toolConfig).toEqual({
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: weatherTool.description,
            inputSchema: { json: weatherTool.inputSchema },
          },
        },
      ],
    });
    expect(second.warnings).toEqual([
      expect.objectContaining({
        setting: 'toolChoice',
        details: expect.stringContaining('not enforced'),
      }),
    ]);
    const { tools: _tools, toolChoice: _choice, ...withoutTools } = withHistory;
    const third = await model.generate(withoutTools, {});
    expect(requests[2]?.body.toolConfig).toEqual({
      tools: [
        {
          toolSpec: {
            name: 'get_weather',
            description: 'A tool called earlier in this conversation.',
            inputSchema: { json: { type: 'object' } },
          },
        },
      ],
    });
    expect(third.warnings).toEqual([
      expect.objectContaining({ type: 'other', message: expect.stringContaining("'get_weather'") }),
    ]);
  });

  it('maps toolChoice required and tool, and refuses a user tool named json in JSON mode', async () => {
    const { model, requests } = createModel();
    const base: CanonicalRequest = {
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      tools: [weatherTool],
    };
    await model.generate({ ...base, toolChoice: { type: 'required' } }, {});
    await model.generate({ ...base, toolChoice: { type: 'tool', toolName: 'get_weather' } }, {});
    expect(requests.map((request) => request.body.toolConfig.toolChoice)).toEqual([
      { any: {} },
      { tool: { name: 'get_weather' } },
    ]);
    const error = await model
      .generate(
        { ...base, tools: [{ ...weatherTool, name: 'json' }], responseFormat: { type: 'json' } },
        {},
      )
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error)).toBe(true);
  });

  it('refuses tool-call arguments that are not a JSON object', async () => {
    const { model } = createModel();
    const error = await model
      .generate(
        {
          messages: [
            { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
            {
              role: 'assistant',
              content: [{ type: 'tool-call', toolCallId: 't', toolName: 'x', input: '[1]' }],
            },
          ],
        },
        {},
      )
      .catch((caught: unknown) => caught);
    expect(InvalidRequestError.isInstance(error) && error.param).toBe('messages[1].content[0]');
  });
});

describe('AmazonBedrockLanguageModel model ids, regions and authentication', () => {
  const hi: CanonicalRequest = {
    messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
  };

  it.each([
    [
      'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'us.anthropic.claude-sonnet-4-5-20250929-v1%3A0',
    ],
    [
      'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0',
    ],
    ['apac.amazon.nova-pro-v1:0', 'apac.amazon.nova-pro-v1%3A0'],
    [
      'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'global.anthropic.claude-sonnet-4-5-20250929-v1%3A0',
    ],
    [
      'arn:aws:bedrock:us-west-2:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'arn%3Aaws%3Abedrock%3Aus-west-2%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-sonnet-4-5-20250929-v1%3A0',
    ],
  ])('puts the model id %s URL-encoded into the path', async (modelId, encoded) => {
    const { model, requests } = createModel({ modelId });
    await model.generate(hi, {});
    expect(requests[0]?.url).toBe(
      `https://bedrock-runtime.us-west-2.amazonaws.com/model/${encoded}/converse`,
    );
  });

  it('signs every request with SigV4 for the bedrock service, the model region and the injected clock', async () => {
    const { model, requests } = createModel({ settings: { headers: { 'X-Team': 'search' } } });
    await model.generate(hi, { headers: { 'x-request-tag': 'abc' } });
    const headers = requests[0]?.headers ?? {};
    expect(headers['x-amz-date']).toBe('20260304T050607Z');
    expect(headers['x-amz-content-sha256']).toMatch(/^[0-9a-f]{64}$/);
    expect(headers['x-amz-security-token']).toBeUndefined();
    expect(headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20260304\/us-west-2\/bedrock\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date;x-request-tag;x-team, Signature=[0-9a-f]{64}$/,
    );
    expect(headers['x-team']).toBe('search');
  });

  it('calls a credentials function per request and sends its session token', async () => {
    let calls = 0;
    const { model, requests } = createModel({
      settings: {
        credentials: () => {
          calls += 1;
          return Promise.resolve({ ...credentials, sessionToken: `token-${calls}` });
        },
      },
    });
    await model.generate(hi, {});
    await model.generate(hi, {});
    expect(requests.map((request) => request.headers['x-amz-security-token'])).toEqual([
      'token-1',
      'token-2',
    ]);
    expect(requests[1]?.headers.authorization).toContain('x-amz-security-token');
  });

  it('routes a model with its own region to that endpoint and signs for that region', async () => {
    const { model, requests } = createModel({
      modelId: 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0',
      settings: {
        regionByModel: { 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0': 'eu-central-1' },
      },
    });
    await model.generate(hi, {});
    expect(requests[0]?.url).toMatch(
      /^https:\/\/bedrock-runtime\.eu-central-1\.amazonaws\.com\/model\//,
    );
    expect(requests[0]?.headers.authorization).toContain(
      '/20260304/eu-central-1/bedrock/aws4_request',
    );
  });

  it('fills a {region} placeholder in a custom baseURL', async () => {
    const { model, requests } = createModel({
      settings: { baseURL: 'https://vpce-0abc.bedrock-runtime.{region}.vpce.amazonaws.com/' },
    });
    await model.generate(hi, {});
    expect(requests[0]?.url).toMatch(
      /^https:\/\/vpce-0abc\.bedrock-runtime\.us-west-2\.vpce\.amazonaws\.com\/model\//,
    );
  });

  it('sends a Bedrock API key as a bearer token instead of signing', async () => {
    const { model, requests } = createModel({ settings: { apiKey: 'bedrock-key-123' } });
    await model.generate(hi, {});
    expect(requests[0]?.headers.authorization).toBe('Bearer bedrock-key-123');
    expect(requests[0]?.headers['x-amz-date']).toBeUndefined();
  });

  it('fails a call without credentials with an error naming every way to supply them', async () => {
    const recording = createRecordingFetch(() => jsonResponse(textBody));
    const model = createAmazonBedrockProvider({
      region: 'us-east-1',
      fetch: recording.fetch,
    }).languageModel('amazon.nova-lite-v1:0');
    const error = await model.generate(hi, {}).catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(false);
    expect(String(error)).toMatch(
      /'credentials' setting.*AWS_ACCESS_KEY_ID.*credentials file.*'apiKey' setting/,
    );
    expect(recording.requests).toHaveLength(0);
  });

  it('keeps the message of a failing credentials function out of the error', async () => {
    const { model } = createModel({
      settings: { credentials: () => Promise.reject(new Error('bad secret wJalrXUtnFEMI')) },
    });
    const error = await model.generate(hi, {}).catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(String(error)).not.toContain('wJalrXUtnFEMI');
    expect(String(error)).toContain("'credentials' function failed");
  });

  it('refuses an invalid region when the provider is created', () => {
    expect(() => createAmazonBedrockProvider({ region: 'us-east-1/../evil' })).toThrow(
      /invalid AWS region/,
    );
    expect(() =>
      createAmazonBedrockProvider({ region: 'us-east-1', regionByModel: { m: '' } }),
    ).toThrow(/model m/);
  });
});
