import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../spec/index.js';
import {
  convertAnthropicCountTokensRequest,
  convertAnthropicMessagesRequest,
} from './convert-anthropic-messages-request.js';

const base = { model: 'claude-sonnet-4-5', max_tokens: 1024 };

function expectInvalid(body: unknown): InvalidRequestError {
  try {
    convertAnthropicMessagesRequest(body);
  } catch (error) {
    expect(InvalidRequestError.isInstance(error)).toBe(true);
    return error as InvalidRequestError;
  }
  throw new Error('expected the conversion to throw');
}

describe('convertAnthropicMessagesRequest', () => {
  it('converts a rich request with system blocks, images, a tool round trip and thinking', () => {
    const converted = convertAnthropicMessagesRequest({
      ...base,
      max_tokens: 4096,
      system: [
        { type: 'text', text: 'You are terse.' },
        { type: 'text', text: 'Use metric units.', cache_control: { type: 'ephemeral' } },
      ],
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this picture, and the weather in Paris?' },
            {
              type: 'image',
              source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' },
            },
            { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'A cat; then weather.', signature: 'sig-1' },
            { type: 'redacted_thinking', data: 'opaque' },
            { type: 'text', text: 'A cat. Checking the weather.' },
            { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Also, be brief.' },
            { type: 'tool_result', tool_use_id: 'toolu_1', content: '18°C, sunny' },
          ],
        },
      ],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather of a city.',
          input_schema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      stop_sequences: ['END'],
      top_k: 40,
      metadata: { user_id: 'user-42' },
    });
    expect(converted.model).toBe('claude-sonnet-4-5');
    expect(converted.isStream).toBe(false);
    expect(converted.request).toMatchInlineSnapshot(`
      {
        "maxOutputTokens": 2048,
        "messages": [
          {
            "content": "You are terse.",
            "role": "system",
          },
          {
            "content": "Use metric units.",
            "role": "system",
          },
          {
            "content": [
              {
                "text": "What is in this picture, and the weather in Paris?",
                "type": "text",
              },
              {
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
                  "url": "https://example.com/cat.jpg",
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
                "text": "A cat; then weather.",
                "type": "reasoning",
              },
              {
                "redactedData": "opaque",
                "text": "",
                "type": "reasoning",
              },
              {
                "text": "A cat. Checking the weather.",
                "type": "text",
              },
              {
                "input": "{"city":"Paris"}",
                "toolCallId": "toolu_1",
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
                    "text": "18°C, sunny",
                    "type": "text",
                  },
                ],
                "isError": false,
                "toolCallId": "toolu_1",
                "toolName": "get_weather",
                "type": "tool-result",
              },
            ],
            "role": "tool",
          },
          {
            "content": [
              {
                "text": "Also, be brief.",
                "type": "text",
              },
            ],
            "role": "user",
          },
        ],
        "parallelToolCalls": false,
        "providerOptions": {
          "anthropic": {
            "systemCacheControl": {
              "type": "ephemeral",
            },
          },
        },
        "reasoningBudgetTokens": 2048,
        "stopSequences": [
          "END",
        ],
        "toolChoice": {
          "type": "auto",
        },
        "tools": [
          {
            "description": "Current weather of a city.",
            "inputSchema": {
              "properties": {
                "city": {
                  "type": "string",
                },
              },
              "type": "object",
            },
            "name": "get_weather",
          },
        ],
        "topK": 40,
        "user": "user-42",
      }
    `);
    expect(converted.warnings).toMatchInlineSnapshot(`
      [
        {
          "details": "prompt-cache breakpoints are honoured by anthropic targets only",
          "setting": "cache_control",
          "type": "unsupported-setting",
        },
      ]
    `);
  });

  it('puts tool results ahead of the rest of the user turn and recovers their tool names', () => {
    const { request } = convertAnthropicMessagesRequest({
      ...base,
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'a', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'b', name: 'get_time', input: {} },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Here you go.' },
            {
              type: 'tool_result',
              tool_use_id: 'a',
              content: [{ type: 'text', text: 'sunny' }],
            },
            { type: 'tool_result', tool_use_id: 'b', is_error: true, content: 'clock broken' },
            { type: 'tool_result', tool_use_id: 'unknown' },
          ],
        },
      ],
    });
    expect(request.messages.slice(2)).toEqual([
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'a',
            toolName: 'get_weather',
            content: [{ type: 'text', text: 'sunny' }],
            isError: false,
          },
          {
            type: 'tool-result',
            toolCallId: 'b',
            toolName: 'get_time',
            content: [{ type: 'text', text: 'clock broken' }],
            isError: true,
          },
          { type: 'tool-result', toolCallId: 'unknown', content: [], isError: false },
        ],
      },
      { role: 'user', content: [{ type: 'text', text: 'Here you go.' }] },
    ]);
  });

  it.each([
    [{ type: 'auto' }, { toolChoice: { type: 'auto' } }],
    [{ type: 'any' }, { toolChoice: { type: 'required' } }],
    [{ type: 'none' }, { toolChoice: { type: 'none' } }],
    [{ type: 'tool', name: 'lookup' }, { toolChoice: { type: 'tool', toolName: 'lookup' } }],
    [
      { type: 'any', disable_parallel_tool_use: true },
      { toolChoice: { type: 'required' }, parallelToolCalls: false },
    ],
    [{ type: 'auto', disable_parallel_tool_use: false }, { toolChoice: { type: 'auto' } }],
  ])('maps tool_choice %j', (toolChoice, expected) => {
    const { request } = convertAnthropicMessagesRequest({
      ...base,
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ name: 'lookup', input_schema: { type: 'object' } }],
      tool_choice: toolChoice,
    });
    expect({
      toolChoice: request.toolChoice,
      parallelToolCalls: request.parallelToolCalls,
    }).toEqual({ parallelToolCalls: undefined, ...expected });
  });

  it('warns about unknown and ignored top-level fields, server tools and cache breakpoints', () => {
    const converted = convertAnthropicMessagesRequest({
      ...base,
      messages: [
        {
          role: 'user',
          content: [{ type: 'text', text: 'one', cache_control: { type: 'ephemeral' } }],
        },
        { role: 'assistant', content: 'two' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'three', cache_control: { type: 'ephemeral', ttl: '1h' } },
          ],
        },
      ],
      tools: [
        { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
        {
          name: 'lookup',
          input_schema: { type: 'object' },
          cache_control: { type: 'ephemeral' },
        },
      ],
      service_tier: 'auto',
      frobnicate: true,
    });
    expect(converted.request.tools?.map((tool) => tool.name)).toEqual(['lookup']);
    expect(converted.request.providerOptions).toEqual({
      anthropic: {
        toolsCacheControl: { type: 'ephemeral' },
        messagesCacheControl: { type: 'ephemeral', ttl: '1h' },
      },
    });
    expect(converted.warnings).toMatchInlineSnapshot(`
      [
        {
          "details": "not forwarded to upstream vendors",
          "setting": "service_tier",
          "type": "unsupported-setting",
        },
        {
          "details": "unknown field, ignored",
          "setting": "frobnicate",
          "type": "unsupported-setting",
        },
        {
          "details": "Anthropic server tool 'web_search_20250305' is not run by the gateway; the tool was removed from the request",
          "toolName": "web_search",
          "type": "unsupported-tool",
        },
        {
          "details": "prompt-cache breakpoints are honoured by anthropic targets only; breakpoints at messages[0].content[0] were dropped (only the last system block, the last tool and the last message keep theirs)",
          "setting": "cache_control",
          "type": "unsupported-setting",
        },
      ]
    `);
  });

  it('subtracts the thinking budget from max_tokens and maps output_config', () => {
    const { request, warnings } = convertAnthropicMessagesRequest({
      ...base,
      max_tokens: 3000,
      messages: [{ role: 'user', content: 'Think.' }],
      thinking: { type: 'enabled', budget_tokens: 1024 },
      output_config: { effort: 'max', format: { type: 'json_schema', schema: { type: 'object' } } },
      temperature: 0.5,
      top_p: 0.9,
    });
    expect(request).toMatchObject({
      maxOutputTokens: 1976,
      reasoningBudgetTokens: 1024,
      reasoningEffort: 'high',
      responseFormat: { type: 'json', schema: { type: 'object' } },
      temperature: 0.5,
      topP: 0.9,
    });
    expect(warnings).toEqual([
      {
        type: 'unsupported-setting',
        setting: 'output_config.effort',
        details: "'max' is mapped to 'high'",
      },
    ]);
  });

  it('accepts string content, system-role messages and the streaming flag', () => {
    const converted = convertAnthropicMessagesRequest({
      ...base,
      stream: true,
      system: 'Be kind.',
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'system', content: [{ type: 'text', text: 'Now be brief.' }] },
      ],
    });
    expect(converted.isStream).toBe(true);
    expect(converted.request.messages).toEqual([
      { role: 'system', content: 'Be kind.' },
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'system', content: 'Now be brief.' },
    ]);
    expect(converted.warnings).toEqual([]);
  });

  it.each<{ title: string; body: unknown; param: string | undefined; message: RegExp }>([
    {
      title: 'the body is not an object',
      body: [],
      param: undefined,
      message: /must be a JSON object/,
    },
    {
      title: 'max_tokens is missing',
      body: { model: 'm', messages: [{ role: 'user', content: 'hi' }] },
      param: 'max_tokens',
      message: /'max_tokens' is required/,
    },
    {
      title: 'model is missing',
      body: { max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] },
      param: 'model',
      message: /'model' is required/,
    },
    {
      title: 'messages is empty',
      body: { ...base, messages: [] },
      param: 'messages',
      message: /at least one message/,
    },
    {
      title: 'max_tokens is not an integer',
      body: { ...base, max_tokens: 1.5, messages: [{ role: 'user', content: 'x' }] },
      param: 'max_tokens',
      message: /'max_tokens' expected int, received number/,
    },
    {
      title: 'content is neither a string nor blocks',
      body: { ...base, messages: [{ role: 'user', content: 5 }] },
      param: 'messages[0].content',
      message: /'messages\[0\]\.content' must be a string or an array/,
    },
    {
      title: 'a role is unknown',
      body: { ...base, messages: [{ role: 'tool', content: 'x' }] },
      param: 'messages[0].role',
      message: /'messages\[0\]\.role'/,
    },
    {
      title: 'a block type is unknown',
      body: { ...base, messages: [{ role: 'user', content: [{ type: 'video' }] }] },
      param: 'messages[0].content[0].type',
      message: /'messages\[0\]\.content\[0\]\.type'/,
    },
    {
      title: 'an image has no data',
      body: {
        ...base,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png' } }],
          },
        ],
      },
      param: 'messages[0].content[0].source.data',
      message: /source\.data' is required/,
    },
    {
      title: 'an image media type is unsupported',
      body: {
        ...base,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'x' } },
            ],
          },
        ],
      },
      param: 'messages[0].content[0].source.media_type',
      message: /media_type/,
    },
    {
      title: 'an image url is not http(s)',
      body: {
        ...base,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image', source: { type: 'url', url: 'ftp://x/y.png' } }],
          },
        ],
      },
      param: 'messages[0].content[0].source.url',
      message: /source\.url/,
    },
    {
      title: 'a document block is sent',
      body: {
        ...base,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'document', source: { type: 'text', data: 'x', media_type: 'text/plain' } },
            ],
          },
        ],
      },
      param: 'messages[0].content[0].type',
      message: /Document \(PDF\) blocks are not supported/,
    },
    {
      title: 'a file image is sent',
      body: {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'image', source: { type: 'file', file_id: 'f' } }] },
        ],
      },
      param: 'messages[0].content[0].source.type',
      message: /Files API/,
    },
    {
      title: 'a tool_use block is in a user message',
      body: {
        ...base,
        messages: [
          { role: 'user', content: [{ type: 'tool_use', id: 'a', name: 'b', input: {} }] },
        ],
      },
      param: 'messages[0].content[0].type',
      message: /belong in assistant messages/,
    },
    {
      title: 'a tool_result block is in an assistant message',
      body: {
        ...base,
        messages: [{ role: 'assistant', content: [{ type: 'tool_result', tool_use_id: 'a' }] }],
      },
      param: 'messages[0].content[0].type',
      message: /belong in user messages/,
    },
    {
      title: 'a tool_result has no tool_use_id',
      body: {
        ...base,
        messages: [{ role: 'user', content: [{ type: 'tool_result', content: 'x' }] }],
      },
      param: 'messages[0].content[0].tool_use_id',
      message: /tool_use_id' is required/,
    },
    {
      title: 'a custom tool has no input_schema',
      body: { ...base, messages: [{ role: 'user', content: 'x' }], tools: [{ name: 'lookup' }] },
      param: 'tools[0].input_schema',
      message: /input_schema' is required for custom tools/,
    },
    {
      title: 'a tool name has spaces',
      body: {
        ...base,
        messages: [{ role: 'user', content: 'x' }],
        tools: [{ name: 'look up', input_schema: {} }],
      },
      param: 'tools[0].name',
      message: /tools\[0\]\.name/,
    },
    {
      title: 'tool_choice names an undefined tool',
      body: {
        ...base,
        messages: [{ role: 'user', content: 'x' }],
        tools: [{ name: 'a', input_schema: {} }],
        tool_choice: { type: 'tool', name: 'b' },
      },
      param: 'tool_choice.name',
      message: /names the tool 'b'/,
    },
    {
      title: 'tool_choice any comes without tools',
      body: { ...base, messages: [{ role: 'user', content: 'x' }], tool_choice: { type: 'any' } },
      param: 'tool_choice',
      message: /needs at least one custom tool/,
    },
    {
      title: 'tool_choice has an unknown type',
      body: {
        ...base,
        messages: [{ role: 'user', content: 'x' }],
        tool_choice: { type: 'sometimes' },
      },
      param: 'tool_choice.type',
      message: /tool_choice\.type/,
    },
    {
      title: 'the thinking budget is below 1024',
      body: {
        ...base,
        messages: [{ role: 'user', content: 'x' }],
        thinking: { type: 'enabled', budget_tokens: 100 },
      },
      param: 'thinking.budget_tokens',
      message: /at least 1024/,
    },
    {
      title: 'the thinking budget is not below max_tokens',
      body: {
        ...base,
        messages: [{ role: 'user', content: 'x' }],
        thinking: { type: 'enabled', budget_tokens: 2048 },
      },
      param: 'thinking.budget_tokens',
      message: /must be greater than 'thinking\.budget_tokens'/,
    },
    {
      title: 'temperature is above 1',
      body: { ...base, messages: [{ role: 'user', content: 'x' }], temperature: 1.5 },
      param: 'temperature',
      message: /'temperature'/,
    },
    {
      title: 'stop_sequences is a string',
      body: { ...base, messages: [{ role: 'user', content: 'x' }], stop_sequences: 'END' },
      param: 'stop_sequences',
      message: /'stop_sequences'/,
    },
    {
      title: 'system holds an image',
      body: {
        ...base,
        messages: [{ role: 'user', content: 'x' }],
        system: [{ type: 'image', source: { type: 'url', url: 'https://x/y.png' } }],
      },
      param: 'system[0].type',
      message: /'system\[0\]\.type'/,
    },
  ])('rejects the request with a 400 naming the field when $title', ({ body, param, message }) => {
    const error = expectInvalid(body);
    expect(error.statusCode).toBe(400);
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });
  it('drops an empty system prompt', () => {
    const { request } = convertAnthropicMessagesRequest({
      ...base,
      system: '',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(request.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'hi' }] }]);
  });
});

describe('convertAnthropicCountTokensRequest', () => {
  it('does not require max_tokens', () => {
    const converted = convertAnthropicCountTokensRequest({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(converted.request.maxOutputTokens).toBeUndefined();
    expect(converted.request.messages).toHaveLength(1);
  });
});
