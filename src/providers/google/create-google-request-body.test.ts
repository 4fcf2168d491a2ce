import { describe, expect, it } from 'vitest';
import { InvalidRequestError, type CanonicalRequest } from '../../spec/index.js';
import { createGoogleRequestBody, toCountTokensBody } from './create-google-request-body.js';

const messages: CanonicalRequest['messages'] = [
  { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
];

function plan(request: Partial<CanonicalRequest>, modelId = 'gemini-2.5-flash') {
  return createGoogleRequestBody({ request: { messages, ...request }, modelId });
}

describe('createGoogleRequestBody', () => {
  it('sends a plain request as contents only.', () => {
    expect(plan({})).toEqual({
      body: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] },
      warnings: [],
    });
  });

  it.each([
    ['minimal', 512],
    ['low', 2048],
    ['medium', 8192],
    ['high', 24_576],
  ] as const)(
    'maps reasoning effort %s to a thinking budget of %i tokens with thought summaries.',
    (effort, budget) => {
      expect(plan({ reasoningEffort: effort }).body.generationConfig).toEqual({
        thinkingConfig: { thinkingBudget: budget, includeThoughts: true },
      });
    },
  );

  it('lets a budget win over an effort, adds it to maxOutputTokens, and turns thinking off at 0.', () => {
    expect(
      plan({ reasoningEffort: 'high', reasoningBudgetTokens: 1000, maxOutputTokens: 500 }).body
        .generationConfig,
    ).toEqual({
      maxOutputTokens: 1500,
      thinkingConfig: { thinkingBudget: 1000, includeThoughts: true },
    });
    expect(plan({ reasoningBudgetTokens: 0, maxOutputTokens: 500 }).body.generationConfig).toEqual({
      maxOutputTokens: 500,
      thinkingConfig: { thinkingBudget: 0 },
    });
  });

  it('sends providerOptions.google.thinkingLevel instead of a budget, with a warning when both were asked.', () => {
    const result = plan({
      reasoningEffort: 'low',
      providerOptions: { google: { thinkingLevel: 'high', includeThoughts: false } },
    });
    expect(result.body.generationConfig).toEqual({
      thinkingConfig: { thinkingLevel: 'high', includeThoughts: false },
    });
    expect(result.warnings).toEqual([
      expect.objectContaining({ type: 'unsupported-setting', setting: 'reasoningEffort' }),
    ]);
  });

  it('passes cachedContent and safety settings, and refuses invalid google options.', () => {
    const body = plan({
      providerOptions: {
        google: {
          cachedContent: 'cachedContents/abc',
          safetySettings: [{ category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' }],
        },
      },
    }).body;
    expect(body.cachedContent).toBe('cachedContents/abc');
    expect(body.safetySettings).toEqual([
      { category: 'HARM_CATEGORY_HATE_SPEECH', threshold: 'BLOCK_NONE' },
    ]);
    expect(() => plan({ providerOptions: { google: { thinkingLevel: 'max' } } })).toThrow(
      InvalidRequestError,
    );
  });

  it('sends at most five stop sequences, with a warning.', () => {
    const result = plan({ stopSequences: ['a', 'b', 'c', 'd', 'e', 'f'] });
    expect(result.body.generationConfig?.stopSequences).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(result.warnings).toEqual([expect.objectContaining({ setting: 'stopSequences' })]);
  });

  it('sends JSON mode without a schema, or with an empty object schema, as the MIME type alone.', () => {
    expect(plan({ responseFormat: { type: 'json' } }).body.generationConfig).toEqual({
      responseMimeType: 'application/json',
    });
    expect(
      plan({
        responseFormat: { type: 'json', schema: { type: 'object', additionalProperties: true } },
      }),
    ).toMatchObject({
      body: { generationConfig: { responseMimeType: 'application/json' } },
      warnings: [expect.objectContaining({ setting: 'responseFormat.schema' })],
    });
    expect(plan({ responseFormat: { type: 'text' } }).body.generationConfig).toBeUndefined();
  });

  it('maps each tool choice, and leaves tool config out without tools.', () => {
    const tools = [
      { name: 'f', inputSchema: { type: 'object', properties: { a: { type: 'string' } } } },
    ];
    expect(plan({ tools, toolChoice: { type: 'auto' } }).body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'AUTO' },
    });
    expect(plan({ tools, toolChoice: { type: 'none' } }).body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'NONE' },
    });
    expect(plan({ tools, toolChoice: { type: 'required' } }).body.toolConfig).toEqual({
      functionCallingConfig: { mode: 'ANY' },
    });
    expect(plan({ toolChoice: { type: 'required' } }).body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
    });
  });

  it('builds the countTokens body from the prompt fields only.', () => {
    const { body } = plan({
      messages: [{ role: 'system', content: 'Be brief.' }, ...messages],
      temperature: 0.1,
      providerOptions: { google: { cachedContent: 'cachedContents/abc' } },
    });
    expect(toCountTokensBody({ body, modelPath: 'models/gemini-2.5-flash' })).toEqual({
      generateContentRequest: {
        model: 'models/gemini-2.5-flash',
        contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        cachedContent: 'cachedContents/abc',
      },
    });
  });
});
