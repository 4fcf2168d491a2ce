import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../spec/index.js';
import { convertOpenAIResponsesRequest } from './convert-openai-responses-request.js';

function convert(body: Record<string, unknown>) {
  return convertOpenAIResponsesRequest({ model: 'gpt', input: 'Hi', ...body });
}

function errorOf(body: unknown): InvalidRequestError {
  try {
    convertOpenAIResponsesRequest(body);
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidRequestError');
}

const weatherTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Weather of a city.',
  parameters: { type: 'object', properties: { city: { type: 'string' } } },
  strict: true,
};

describe('convertOpenAIResponsesRequest', () => {
  it('turns a string input and instructions into a system and a user message', () => {
    const converted = convert({ instructions: 'Be brief.', input: 'Hello' });
    expect(converted.model).toBe('gpt');
    expect(converted.isStream).toBe(false);
    expect(converted.request.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'Hello' }] },
    ]);
    expect(converted.warnings).toEqual([]);
  });

  it('converts message items with every role and content part', () => {
    const converted = convert({
      input: [
        { role: 'developer', content: 'Rules.' },
        { type: 'message', role: 'system', content: [{ type: 'input_text', text: 'More.' }] },
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Look:' },
            { type: 'input_image', image_url: 'https://example.com/a.png', detail: 'low' },
            { type: 'input_image', image_url: 'data:image/png;base64,AAAA' },
          ],
        },
        {
          type: 'message',
          id: 'msg_1',
          status: 'completed',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'A cat.', annotations: [] }],
        },
      ],
    });
    expect(converted.request.messages).toEqual([
      { role: 'system', content: 'Rules.' },
      { role: 'system', content: 'More.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Look:' },
          {
            type: 'image',
            source: { type: 'url', url: 'https://example.com/a.png' },
            detail: 'low',
          },
          { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'AAAA' } },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'A cat.' }] },
    ]);
  });

  it('merges function calls into the assistant turn and their outputs into one tool turn', () => {
    const converted = convert({
      input: [
        { role: 'user', content: 'Weather and time?' },
        { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: 'Two tools.' }] },
        { role: 'assistant', content: [{ type: 'output_text', text: 'Checking.' }] },
        { type: 'function_call', call_id: 'c1', name: 'get_weather', arguments: '{"city":"P"}' },
        { type: 'function_call', id: 'fc_2', call_id: 'c2', name: 'get_time', arguments: '' },
        { type: 'function_call_output', call_id: 'c1', output: 'Sunny' },
        {
          type: 'function_call_output',
          call_id: 'c2',
          output: [{ type: 'input_text', text: '12:00' }],
        },
      ],
    });
    expect(converted.request.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Two tools.' },
          { type: 'text', text: 'Checking.' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'get_weather', input: '{"city":"P"}' },
          { type: 'tool-call', toolCallId: 'c2', toolName: 'get_time', input: '{}' },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            toolName: 'get_weather',
            content: [{ type: 'text', text: 'Sunny' }],
            isError: false,
          },
          {
            type: 'tool-result',
            toolCallId: 'c2',
            toolName: 'get_time',
            content: [{ type: 'text', text: '12:00' }],
            isError: false,
          },
        ],
      },
    ]);
  });

  it('keeps a reasoning signature and drops an empty reasoning item with a warning', () => {
    const converted = convert({
      input: [
        { role: 'user', content: 'Hi' },
        { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'sig' },
        { type: 'reasoning', id: 'rs_2', summary: [] },
      ],
    });
    expect(converted.request.messages[1]).toEqual({
      role: 'assistant',
      content: [{ type: 'reasoning', text: '', signature: 'sig' }],
    });
    expect(converted.warnings).toEqual([
      { type: 'other', message: 'input[2]: a reasoning item without text was dropped' },
    ]);
  });

  it('maps tools, tool choice, text format and sampling settings', () => {
    const converted = convert({
      tools: [weatherTool],
      tool_choice: { type: 'function', name: 'get_weather' },
      parallel_tool_calls: false,
      text: {
        format: { type: 'json_schema', name: 'out', schema: { type: 'object' }, strict: true },
      },
      temperature: 0.5,
      top_p: 0.9,
      max_output_tokens: 100,
      reasoning: { effort: 'low' },
      user: 'u1',
      stream: true,
    });
    expect(converted.isStream).toBe(true);
    const { messages: _messages, ...rest } = converted.request;
    expect(rest).toEqual({
      tools: [
        {
          name: 'get_weather',
          description: 'Weather of a city.',
          inputSchema: weatherTool.parameters,
          strict: true,
        },
      ],
      toolChoice: { type: 'tool', toolName: 'get_weather' },
      parallelToolCalls: false,
      responseFormat: { type: 'json', name: 'out', schema: { type: 'object' }, strict: true },
      temperature: 0.5,
      topP: 0.9,
      maxOutputTokens: 100,
      reasoningEffort: 'low',
      user: 'u1',
    });
    expect(converted.echo).toMatchObject({
      tools: [{ type: 'function', name: 'get_weather', strict: true }],
      tool_choice: { type: 'function', name: 'get_weather' },
      parallel_tool_calls: false,
      text: { format: { type: 'json_schema', name: 'out' } },
      user: 'u1',
    });
  });

  it('maps json_object and string tool choices', () => {
    const converted = convert({ text: { format: { type: 'json_object' } }, tool_choice: 'none' });
    expect(converted.request.responseFormat).toEqual({ type: 'json' });
    expect(converted.request.toolChoice).toEqual({ type: 'none' });
  });

  it('warns about store, include, truncation, verbosity, ignored and unknown fields', () => {
    const converted = convert({
      store: true,
      include: ['reasoning.encrypted_content'],
      truncation: 'auto',
      text: { verbosity: 'low' },
      service_tier: 'flex',
      metadata: { team: 'a' },
      frobnicate: 1,
    });
    expect(
      converted.warnings.map(
        (warning) => warning.type === 'unsupported-setting' && warning.setting,
      ),
    ).toEqual(['service_tier', 'frobnicate', 'store', 'truncation', 'include', 'text.verbosity']);
    expect(converted.echo.metadata).toEqual({ team: 'a' });
    expect(converted.echo.store).toBe(false);
  });

  it('refuses previous_response_id: the gateway keeps no conversation state', () => {
    const error = errorOf({ model: 'gpt', input: 'Hi', previous_response_id: 'resp_1' });
    expect(error.statusCode).toBe(400);
    expect(error.param).toBe('previous_response_id');
    expect(error.message).toMatch(/does not keep conversation state/);
    expect(error.message).toMatch(/full conversation in 'input'/);
  });

  it.each([
    ['web_search', { type: 'web_search' }],
    ['file_search', { type: 'file_search', vector_store_ids: ['vs_1'] }],
    ['computer_use_preview', { type: 'computer_use_preview', display_width: 1, display_height: 1 }],
  ])('refuses the built-in tool %s, naming it and its position', (name, tool) => {
    const error = errorOf({ model: 'gpt', input: 'Hi', tools: [weatherTool, tool] });
    expect(error.param).toBe('tools[1].type');
    expect(error.message).toContain(`Built-in tool '${name}' is not supported`);
    expect(error.message).toContain('function tool');
  });

  it.each([
    [{}, 'model'],
    [{ model: 'gpt' }, 'input'],
    [{ model: 'gpt', input: [] }, 'input'],
    [{ model: 'gpt', input: 5 }, 'input'],
    [{ model: 'gpt', input: [{ role: 'robot', content: 'x' }] }, 'input[0].role'],
    [{ model: 'gpt', input: [{ role: 'user', content: 7 }] }, 'input[0].content'],
    [
      { model: 'gpt', input: [{ type: 'function_call', name: 'f', arguments: '{}' }] },
      'input[0].call_id',
    ],
    [{ model: 'gpt', input: [{ type: 'function_call_output', call_id: 'c' }] }, 'input[0].output'],
    [{ model: 'gpt', input: [{ type: 'bogus' }] }, 'input[0].type'],
    [
      { model: 'gpt', input: 'x', tools: [{ type: 'function', name: 'bad name' }] },
      'tools[0].name',
    ],
    [{ model: 'gpt', input: 'x', temperature: 3 }, 'temperature'],
    [{ model: 'gpt', input: 'x', top_p: -1 }, 'top_p'],
    [{ model: 'gpt', input: 'x', max_output_tokens: 0 }, 'max_output_tokens'],
    [
      { model: 'gpt', input: 'x', text: { format: { type: 'json_schema', name: 'o' } } },
      'text.format.schema',
    ],
    [{ model: 'gpt', input: 'x', reasoning: { effort: 'extreme' } }, 'reasoning.effort'],
    [{ model: 'gpt', input: 'x', stream: 'yes' }, 'stream'],
    [{ model: 'gpt', input: 'x', metadata: { a: 1 } }, 'metadata.a'],
  ])('rejects %j naming the field %s', (body, param) => {
    const error = errorOf(body);
    expect(error.param).toBe(param);
    expect(error.message).toContain(`'${param}'`);
  });

  it.each([
    [
      { input: [{ role: 'user', content: [{ type: 'input_image', file_id: 'file_1' }] }] },
      'input[0].content[0].file_id',
      /file_id.*not supported/,
    ],
    [
      { input: [{ role: 'user', content: [{ type: 'input_file', file_id: 'f' }] }] },
      'input[0].content[0].type',
      /input_file/,
    ],
    [
      { input: [{ role: 'user', content: [{ type: 'input_image', image_url: 'ftp://x' }] }] },
      'input[0].content[0].image_url',
      /http\(s\)/,
    ],
    [{ input: [{ type: 'item_reference', id: 'msg_1' }] }, 'input[0].type', /item_reference/],
    [{ input: [{ type: 'web_search_call', id: 'ws_1' }] }, 'input[0].type', /hosted tools/],
    [{ conversation: 'conv_1' }, 'conversation', /conversation state/],
    [{ background: true }, 'background', /background/],
    [{ prompt: { id: 'pmpt_1' } }, 'prompt', /prompt templates/],
    [{ tool_choice: { type: 'file_search' } }, 'tool_choice', /file_search/],
  ])('refuses unservable request %j with a clear message', (body, param, message) => {
    const error = errorOf({ model: 'gpt', input: 'Hi', ...body });
    expect(error.param).toBe(param);
    expect(error.message).toMatch(message);
  });

  it('rejects a body that is not an object', () => {
    expect(errorOf('hello').message).toMatch(/"model" and "input"/);
  });
});
