import { describe, expect, it } from 'vitest';
import { InvalidRequestError, type CanonicalMessage } from '../../spec/index.js';
import { convertToGoogleContents, guessImageMimeType } from './convert-to-google-contents.js';

function convert(
  messages: CanonicalMessage[],
  { isSignatureRequired = false, isSystemInstructionSupported = true } = {},
) {
  return convertToGoogleContents({ messages, isSignatureRequired, isSystemInstructionSupported });
}

const user = (text: string): CanonicalMessage => ({
  role: 'user',
  content: [{ type: 'text', text }],
});

describe('convertToGoogleContents', () => {
  it('hoists system messages, maps roles to user/model and merges consecutive turns.', () => {
    const prompt = convert([
      { role: 'system', content: 'Be brief.' },
      user('Hi'),
      user('Still there?'),
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Yes.' },
          { type: 'text', text: '' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'How can I help?' }] },
    ]);
    expect(prompt).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [
        { role: 'user', parts: [{ text: 'Hi' }, { text: 'Still there?' }] },
        { role: 'model', parts: [{ text: 'Yes.' }, { text: 'How can I help?' }] },
      ],
      warnings: [],
    });
  });

  it('sends tool results as functionResponse parts ahead of the user text, recovering the tool name from the call.', () => {
    const prompt = convert([
      user('Weather?'),
      {
        role: 'assistant',
        content: [
          {
            type: 'tool-call',
            toolCallId: 'c1',
            toolName: 'get_weather',
            input: '{"city":"Paris"}',
          },
        ],
      },
      {
        role: 'tool',
        content: [
          {
            type: 'tool-result',
            toolCallId: 'c1',
            content: [
              { type: 'text', text: '18' },
              { type: 'text', text: 'sunny' },
            ],
            isError: false,
          },
        ],
      },
      user('Thanks'),
    ]);
    expect(prompt.contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather?' }] },
      {
        role: 'model',
        parts: [{ functionCall: { name: 'get_weather', args: { city: 'Paris' } } }],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { content: '18\nsunny' } } },
          { text: 'Thanks' },
        ],
      },
    ]);
  });

  it('refuses a tool result whose tool cannot be named.', () => {
    expect(() =>
      convert([
        user('Hi'),
        {
          role: 'tool',
          content: [{ type: 'tool-result', toolCallId: 'ghost', content: [], isError: false }],
        },
      ]),
    ).toThrow(InvalidRequestError);
  });

  it('refuses tool-call arguments that are not a JSON object, and reads an empty text as none.', () => {
    const call = (input: string): CanonicalMessage => ({
      role: 'assistant',
      content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'f', input }],
    });
    expect(() => convert([user('Hi'), call('[1,2]')])).toThrow(/not a JSON object/);
    expect(convert([user('Hi'), call('  ')]).contents[1]).toEqual({
      role: 'model',
      parts: [{ functionCall: { name: 'f', args: {} } }],
    });
  });

  it('sends images as inlineData or fileData, warning when a URL’s type is unknown.', () => {
    const prompt = convert([
      {
        role: 'user',
        content: [
          {
            type: 'image',
            source: {
              type: 'url',
              url: 'https://generativelanguage.googleapis.com/v1beta/files/abc123',
            },
          },
          { type: 'image', source: { type: 'url', url: 'gs://bucket/cat.webp' } },
        ],
      },
    ]);
    expect(prompt.contents[0]?.parts).toEqual([
      { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
      { fileData: { mimeType: 'image/webp', fileUri: 'gs://bucket/cat.webp' } },
    ]);
    expect(prompt.warnings).toEqual([
      {
        type: 'other',
        message: expect.stringContaining(
          'The image URL at messages[0].content[0] has no recognisable image extension',
        ),
      },
    ]);
  });

  it('guesses image types from the path, ignoring the query.', () => {
    expect(guessImageMimeType('https://x.test/a/b.PNG?v=2')).toBe('image/png');
    expect(guessImageMimeType('https://x.test/photo.jpeg#frag')).toBe('image/jpeg');
    expect(guessImageMimeType('https://x.test/photo')).toBeUndefined();
    expect(guessImageMimeType('https://x.test/doc.pdf')).toBeUndefined();
  });

  it('gives each Gemini signature back to the part it came with, in the order a reply produced them.', () => {
    const prompt = convert([
      user('Hi'),
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Answer.' },
          { type: 'reasoning', text: '', signature: 'gemini:dGV4dA==' },
          { type: 'tool-call', toolCallId: 'c1', toolName: 'f', input: '{}' },
          { type: 'reasoning', text: '', signature: 'gemini:Y2FsbA==' },
          { type: 'tool-call', toolCallId: 'c2', toolName: 'f', input: '{}' },
        ],
      },
    ]);
    expect(prompt.contents[1]?.parts).toEqual([
      { text: 'Answer.', thoughtSignature: 'dGV4dA==' },
      { functionCall: { name: 'f', args: {} }, thoughtSignature: 'Y2FsbA==' },
      { functionCall: { name: 'f', args: {} } },
    ]);
    expect(prompt.warnings).toEqual([]);
  });

  it('gives a signature that comes first to the next part, and sends signed thoughts as thought parts.', () => {
    const prompt = convert([
      user('Hi'),
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: '', signature: 'gemini:Zmlyc3Q=' },
          { type: 'reasoning', text: 'Pondering.', signature: 'gemini:dGhvdWdodA==' },
          { type: 'text', text: 'Answer.' },
        ],
      },
    ]);
    expect(prompt.contents[1]?.parts).toEqual([
      { text: 'Pondering.', thought: true, thoughtSignature: 'dGhvdWdodA==' },
      { text: 'Answer.', thoughtSignature: 'Zmlyc3Q=' },
    ]);
  });

  it('drops reasoning Gemini did not sign, with a warning each.', () => {
    const prompt = convert([
      user('Hi'),
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Unsigned thought.' },
          { type: 'reasoning', text: 'Claude thought.', signature: 'EqQBCkgIAR...' },
          { type: 'reasoning', text: '', redactedData: 'cmVkYWN0ZWQ=' },
          { type: 'reasoning', text: '' },
          { type: 'text', text: 'Answer.' },
        ],
      },
    ]);
    expect(prompt.contents[1]?.parts).toEqual([{ text: 'Answer.' }]);
    expect(prompt.warnings.map((warning) => warning.type === 'other' && warning.message)).toEqual([
      'The reasoning at messages[1].content[0] was dropped: Gemini only takes back thoughts it signed itself.',
      'The reasoning at messages[1].content[1] was dropped: Gemini only takes back thoughts it signed itself.',
      'The reasoning at messages[1].content[2] was dropped: Gemini only takes back thoughts it signed itself.',
    ]);
  });

  it('puts Google’s placeholder on the first call of unsigned tool-call turns for Gemini 3, and warns.', () => {
    const turn = (id: string): CanonicalMessage[] => [
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: `${id}a`, toolName: 'f', input: '{}' },
          { type: 'tool-call', toolCallId: `${id}b`, toolName: 'f', input: '{}' },
        ],
      },
      {
        role: 'tool',
        content: [
          { type: 'tool-result', toolCallId: `${id}a`, content: [], isError: false },
          { type: 'tool-result', toolCallId: `${id}b`, content: [], isError: false },
        ],
      },
    ];
    const messages: CanonicalMessage[] = [
      user('Hi'),
      ...turn('1'),
      {
        role: 'assistant',
        content: [
          { type: 'tool-call', toolCallId: 's', toolName: 'f', input: '{}' },
          { type: 'reasoning', text: '', signature: 'gemini:c2lnbmVk' },
        ],
      },
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 's', content: [], isError: false }],
      },
      ...turn('2'),
    ];
    const prompt = convert(messages, { isSignatureRequired: true });
    const signaturesOf = (index: number) =>
      prompt.contents[index]?.parts.map((part) =>
        'thoughtSignature' in part ? part.thoughtSignature : undefined,
      );
    expect(signaturesOf(1)).toEqual(['skip_thought_signature_validator', undefined]);
    expect(signaturesOf(3)).toEqual(['c2lnbmVk']);
    expect(signaturesOf(5)).toEqual(['skip_thought_signature_validator', undefined]);
    expect(prompt.warnings).toHaveLength(1);
    expect(convert(messages).contents[1]?.parts[0]).toEqual({
      functionCall: { name: 'f', args: {} },
    });
  });

  it('opens the first user turn with the system text when the model has no system instruction.', () => {
    expect(
      convert(
        [
          { role: 'system', content: 'Be brief.' },
          { role: 'system', content: 'Be kind.' },
          user('Hi'),
        ],
        {
          isSystemInstructionSupported: false,
        },
      ),
    ).toEqual({
      systemInstruction: undefined,
      contents: [{ role: 'user', parts: [{ text: 'Be brief.\n\nBe kind.' }, { text: 'Hi' }] }],
      warnings: [],
    });
  });
});
