import { describe, expect, it } from 'vitest';
import { estimateInputTokens } from './estimate-input-tokens.js';

describe('estimateInputTokens', () => {
  it('counts about four characters a token over all text, tool schemas included', () => {
    const inputSchema = { type: 'object', properties: { city: { type: 'string' } } };
    const estimate = estimateInputTokens({
      messages: [
        { role: 'system', content: 'abcd' },
        { role: 'user', content: [{ type: 'text', text: 'abcdefgh' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'abcd' },
            { type: 'tool-call', toolCallId: 'a', toolName: 'look', input: '{"q":1}' },
          ],
        },
        {
          role: 'tool',
          content: [
            {
              type: 'tool-result',
              toolCallId: 'a',
              content: [{ type: 'text', text: 'abcd' }],
              isError: false,
            },
          ],
        },
      ],
      tools: [{ name: 'look', description: 'abcd', inputSchema }],
    });
    const characters = 4 + 8 + 4 + (4 + 7) + 4 + (4 + 4 + JSON.stringify(inputSchema).length);
    expect(estimate).toBe(Math.ceil(characters / 4));
  });

  it('adds a fixed amount per image', () => {
    const image = {
      type: 'image' as const,
      source: { type: 'url' as const, url: 'https://x/y.png' },
    };
    expect(estimateInputTokens({ messages: [{ role: 'user', content: [image, image] }] })).toBe(
      3200,
    );
  });
});
