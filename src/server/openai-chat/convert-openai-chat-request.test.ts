import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../spec/index.js';
import { convertOpenAIChatRequest } from './convert-openai-chat-request.js';

function invalid(body: unknown): InvalidRequestError {
  try {
    convertOpenAIChatRequest(body);
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

describe('convertOpenAIChatRequest', () => {
  it('converts a rich request into the canonical form', () => {
    const converted = convertOpenAIChatRequest({
      model: 'gpt-4o',
      messages: [
        { role: 'developer', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image, and the weather?' },
            {
              type: 'image_url',
              image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' },
            },
            { type: 'image_url', image_url: { url: 'https://example.com/a.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
            {
              id: 'call_2',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny' },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'rain' }] },
      ],
      tools: [
        {
          type: 'function',
          function: { name: 'get_weather', parameters: { type: 'object' }, strict: true },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'answer', schema: { type: 'object' }, strict: true },
      },
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 100,
      max_completion_tokens: 200,
      stop: 'END',
      seed: 42,
      stream: true,
      stream_options: { include_usage: true },
      user: 'u1',
    });
    expect(converted).toMatchInlineSnapshot(`
      {
        "includeUsage": true,
        "isStream": true,
        "model": "gpt-4o",
        "request": {
          "maxOutputTokens": 200,
          "messages": [
            {
              "content": "Be brief.",
              "role": "system",
            },
            {
              "content": [
                {
                  "text": "What is in this image, and the weather?",
                  "type": "text",
                },
                {
                  "detail": "low",
                  "source": {
                    "data": "iVBORw0KGgo=",
                    "mediaType": "image/png",
                    "type": "base64",
                  },
                  "type": "image",
                },
                {
                  "source": {
                    "type": "url",
                    "url": "https://example.com/a.jpg",
                  },
                  "type": "image",
                },
              ],
              "role": "user",
            },
            {
              "content": [
                {
                  "input": "{"city":"Paris"}",
                  "toolCallId": "call_1",
                  "toolName": "get_weather",
                  "type": "tool-call",
                },
                {
                  "input": "{"city":"Rome"}",
                  "toolCallId": "call_2",
                  "toolName": "get_weather",
                  "type": "tool-call",
                },
              ],
              "role": "assistant",
            },
            {
              "content": [
                {
                  "content": [
                    {
                      "text": "sunny",
                      "type": "text",
                    },
                  ],
                  "isError": false,
                  "toolCallId": "call_1",
                  "toolName": "get_weather",
                  "type": "tool-result",
                },
                {
                  "content": [
                    {
                      "text": "rain",
                      "type": "text",
                    },
                  ],
                  "isError": false,
                  "toolCallId": "call_2",
                  "toolName": "get_weather",
                  "type": "tool-result",
                },
              ],
              "role": "tool",
            },
          ],
          "parallelToolCalls": false,
          "responseFormat": {
            "name": "answer",
            "schema": {
              "type": "object",
            },
            "strict": true,
            "type": "json",
          },
          "seed": 42,
          "stopSequences": [
            "END",
          ],
          "temperature": 0.2,
          "toolChoice": {
            "toolName": "get_weather",
            "type": "tool",
          },
          "tools": [
            {
              "inputSchema": {
                "type": "object",
              },
              "name": "get_weather",
              "strict": true,
            },
          ],
          "topP": 0.9,
          "user": "u1",
        },
        "warnings": [],
      }
    `);
  });

  it('turns ignored and unknown fields into warnings instead of dropping them silently', () => {
    const { warnings } = convertOpenAIChatRequest({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      logprobs: true,
      frobnicate: 1,
      store: null,
    });
    expect(warnings).toEqual([
      {
        type: 'unsupported-setting',
        setting: 'logprobs',
        details: 'log probabilities are not returned by the gateway',
      },
      { type: 'unsupported-setting', setting: 'frobnicate', details: 'unknown field, ignored' },
    ]);
  });

  it.each([
    [{ messages: [{ role: 'user', content: 'hi' }] }, 'model', /'model' is required/],
    [{ model: 'm' }, 'messages', /'messages' is required/],
    [{ model: 'm', messages: [] }, 'messages', /at least one message/],
    [
      { model: 'm', messages: [{ role: 'user', content: 5 }] },
      'messages[0].content',
      /'messages\[0\]\.content'/,
    ],
    [{ model: 'm', messages: [{ role: 'wizard', content: 'x' }] }, 'messages[0].role', /role/],
    [
      { model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 3 },
      'temperature',
      /'temperature'/,
    ],
    [{ model: 'm', messages: [{ role: 'user', content: 'x' }], n: 2 }, 'n', /'n' greater than 1/],
    [
      { model: 'm', messages: [{ role: 'user', content: 'x' }], functions: [] },
      'functions',
      /use 'tools'/,
    ],
    [
      { model: 'm', messages: [{ role: 'tool', content: 'x' }] },
      'messages[0].tool_call_id',
      /tool_call_id/,
    ],
    [
      {
        model: 'm',
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:nope' } }] },
        ],
      },
      'messages[0].content[0].image_url.url',
      /data:image\/png;base64/,
    ],
  ])('rejects %j naming %s', (body, param, message) => {
    const error = invalid(body);
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
    expect(error.statusCode).toBe(400);
  });

  it('rejects a body that is not an object', () => {
    expect(invalid([1, 2]).message).toMatch(/must be a JSON object/);
    expect(invalid(undefined).message).toMatch(/must be a JSON object/);
  });
});
