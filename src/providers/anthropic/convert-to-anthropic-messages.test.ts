import { describe, expect, it } from 'vitest';
import { InvalidRequestError, type CanonicalMessage } from '../../spec/index.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';

const user = (text: string): CanonicalMessage => ({
  role: 'user',
  content: [{ type: 'text', text }],
});
const assistant = (text: string): CanonicalMessage => ({
  role: 'assistant',
  content: [{ type: 'text', text }],
});

describe('convertToAnthropicMessages', () => {
  it('merges consecutive turns of the same role so that roles alternate.', () => {
    const prompt = convertToAnthropicMessages([
      user('First.'),
      user('Second.'),
      assistant('Reply one.'),
      assistant('Reply two.'),
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'toolu_1',
            content: [{ type: 'text', text: '42' }],
            isError: false,
          },
        ],
      },
      user('Thanks.'),
    ]);
    expect(prompt.messages).toMatchInlineSnapshot(`
      [
        {
          "content": [
            {
              "text": "First.",
              "type": "text",
            },
            {
              "text": "Second.",
              "type": "text",
            },
          ],
          "role": "user",
        },
        {
          "content": [
            {
              "text": "Reply one.",
              "type": "text",
            },
            {
              "text": "Reply two.",
              "type": "text",
            },
          ],
          "role": "assistant",
        },
        {
          "content": [
            {
              "content": [
                {
                  "text": "42",
                  "type": "text",
                },
              ],
              "tool_use_id": "toolu_1",
              "type": "tool_result",
            },
            {
              "text": "Thanks.",
              "type": "text",
            },
          ],
          "role": "user",
        },
      ]
    `);
    expect(prompt.warnings).toEqual([]);
  });

  it('puts tool results ahead of user text when a user turn precedes the tool message.', () => {
    const prompt = convertToAnthropicMessages([
      user('Context first.'),
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 'toolu_1', content: [], isError: false }],
      },
    ]);
    expect(prompt.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1' },
          { type: 'text', text: 'Context first.' },
        ],
      },
    ]);
  });

  it('hoists every system message and warns about one that follows the conversation.', () => {
    const prompt = convertToAnthropicMessages([
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: '' },
      user('Hi.'),
      { role: 'system', content: 'Use French.' },
      assistant('Salut.'),
    ]);
    expect(prompt.system).toEqual([
      { type: 'text', text: 'Be brief.' },
      { type: 'text', text: 'Use French.' },
    ]);
    expect(prompt.messages.map((message) => message.role)).toEqual(['user', 'assistant']);
    expect(prompt.warnings).toEqual([
      {
        type: 'other',
        message:
          'The system message at messages[3] was moved into the system prompt: Anthropic accepts system text only ahead of the conversation.',
      },
    ]);
  });

  it('leaves system undefined when there is no system message.', () => {
    expect(convertToAnthropicMessages([user('Hi.')]).system).toBeUndefined();
  });

  it('drops empty text and unsigned reasoning, and skips a turn left empty.', () => {
    const prompt = convertToAnthropicMessages([
      user('Hi.'),
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Unsigned thoughts.' },
          { type: 'text', text: '' },
        ],
      },
      user('Still there?'),
    ]);
    expect(prompt.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Hi.' },
          { type: 'text', text: 'Still there?' },
        ],
      },
    ]);
    expect(prompt.warnings).toEqual([
      {
        type: 'other',
        message:
          'The reasoning at messages[1].content[0] was dropped: Anthropic only accepts thinking blocks it signed.',
      },
    ]);
  });

  it('trims trailing whitespace from a final assistant prefill.', () => {
    const prompt = convertToAnthropicMessages([user('Count.'), assistant('One, two, ')]);
    expect(prompt.messages.at(-1)).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'One, two,' }],
    });
  });

  it('sends a tool call without arguments as an empty object.', () => {
    const prompt = convertToAnthropicMessages([
      user('Go.'),
      {
        role: 'assistant',
        content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'now', input: '' }],
      },
    ]);
    expect(prompt.messages[1]?.content).toEqual([
      { type: 'tool_use', id: 't1', name: 'now', input: {} },
    ]);
  });

  it.each([['{"city":'], ['[1,2]'], ['"Paris"']])(
    'rejects tool-call input %s with an error naming the message index.',
    (input) => {
      const convert = () =>
        convertToAnthropicMessages([
          user('Go.'),
          assistant('Calling.'),
          {
            role: 'assistant',
            content: [{ type: 'tool-call', toolCallId: 't1', toolName: 'get_weather', input }],
          },
        ]);
      expect(convert).toThrow(InvalidRequestError);
      expect(convert).toThrow(/messages\[2\]\.content\[0\] are not a JSON object/);
    },
  );
});
