import { describe, expect, it } from 'vitest';
import { profileRequest } from './request-profile.js';

describe('profileRequest', () => {
  it('estimates tokens from text, images and tools, and reads needs', () => {
    const profile = profileRequest({
      request: {
        messages: [
          { role: 'system', content: 'x'.repeat(400) },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'y'.repeat(400) },
              { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
            ],
          },
        ],
        tools: [{ name: 'lookup', description: 'z'.repeat(94), inputSchema: { type: 'object' } }],
        responseFormat: { type: 'json' },
      },
    });
    // (400 + 400 + 6 + 94) / 4 = 225 text tokens, 1600 for the image, 120 for the tool schema.
    expect(profile.estimatedInputTokens).toBe(225 + 1600 + 120);
    expect(profile.needs).toEqual({ tools: true, images: true, json: true, jsonSchema: false });
  });

  it('caps the expected output by the client limit and honours the task header', () => {
    const profile = profileRequest({
      request: {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hello there' }] }],
        maxOutputTokens: 40,
      },
      headers: { 'x-switchyard-task': 'code-generation', 'x-switchyard-tradeoff': 'cost' },
    });
    expect(profile.task.family).toBe('code-generation');
    expect(profile.expectedOutputTokens).toBe(40);
    expect(profile.tradeoff).toEqual({ preset: 'cost' });
  });

  it('does not count tools the client turned off', () => {
    const profile = profileRequest({
      request: {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
        tools: [{ name: 'lookup', inputSchema: {} }],
        toolChoice: { type: 'none' },
      },
    });
    expect(profile.needs.tools).toBe(false);
  });

  it('joins the user messages for the learned router only when asked', () => {
    const profile = profileRequest({
      request: {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'first' }] },
          { role: 'assistant', content: [{ type: 'text', text: 'reply' }] },
          { role: 'user', content: [{ type: 'text', text: 'second' }] },
        ],
      },
    });
    expect(profile.promptText()).toBe('first\n\nsecond');
  });
});
