import { describe, expect, it } from 'vitest';
import { googleGenerateContentResponseSchema } from './google-api.js';
import { convertGoogleResponse } from './convert-google-response.js';
import { readGoogleFixtureJson } from './test-utils/google-recordings.js';
import { mockId } from './test-utils/google-test-helpers.js';

function convert(body: unknown) {
  return convertGoogleResponse({
    response: googleGenerateContentResponseSchema.parse(body),
    modelId: 'gemini-test',
    warnings: [],
    generateId: mockId(),
  });
}

/** Every recorded `generateContent` fixture. */
const JSON_FIXTURES = [
  'google-text.json',
  'google-reasoning.json',
  'google-reasoning-gemini3.json',
  'google-tool-call.json',
  'google-tool-call-gemini3.json',
];

describe('convertGoogleResponse on the recorded replies', () => {
  for (const name of JSON_FIXTURES) {
    it(`converts ${name}, keeping every part, its signature, the finish reason and usage.`, () => {
      const body = readGoogleFixtureJson(name);
      const response = convert(body);
      const part = body.candidates[0].content.parts[0];
      const usage = body.usageMetadata;
      expect(response.id).toBe(body.responseId);
      expect(response.modelId).toBe(body.modelVersion);
      expect(response.content.at(-1)).toEqual({
        type: 'reasoning',
        text: '',
        signature: `gemini:${part.thoughtSignature}`,
      });
      if (part.functionCall) {
        expect(response.content[0]).toEqual({
          type: 'tool-call',
          toolCallId: 'call_1',
          toolName: part.functionCall.name,
          input: JSON.stringify(part.functionCall.args),
        });
        expect(response.finishReason).toBe('tool-calls');
      } else {
        expect(response.content[0]).toEqual({ type: 'text', text: part.text });
        expect(response.finishReason).toBe('stop');
      }
      expect(response.rawFinishReason).toBe('STOP');
      expect(response.usage).toEqual({
        inputTokens: usage.promptTokenCount,
        outputTokens: usage.candidatesTokenCount + usage.thoughtsTokenCount,
        reasoningTokens: usage.thoughtsTokenCount,
      });
    });
  }
});

describe('convertGoogleResponse', () => {
  it('answers a prompt blocked before any candidate with content-filter and no content.', () => {
    expect(
      convert({
        promptFeedback: { blockReason: 'PROHIBITED_CONTENT' },
        usageMetadata: { promptTokenCount: 9, totalTokenCount: 9 },
        modelVersion: 'gemini-3.7-flash',
        responseId: 'EXCPaojyHaDUjMcP656rqAk',
      }),
    ).toEqual({
      id: 'EXCPaojyHaDUjMcP656rqAk',
      modelId: 'gemini-3.7-flash',
      content: [],
      finishReason: 'content-filter',
      rawFinishReason: 'PROHIBITED_CONTENT',
      usage: { inputTokens: 9, outputTokens: 0 },
      warnings: [],
    });
  });

  it('maps a candidate stopped by safety to content-filter even without parts.', () => {
    const response = convert({ candidates: [{ finishReason: 'SAFETY', index: 0 }] });
    expect(response.content).toEqual([]);
    expect(response.finishReason).toBe('content-filter');
    expect(response.modelId).toBe('gemini-test');
  });

  it('keeps thoughts, text and parallel calls in order, with Gemini’s call ids where it sends them.', () => {
    const response = convert({
      candidates: [
        {
          content: {
            role: 'model',
            parts: [
              { text: 'Two cities.', thought: true, thoughtSignature: 'dGhvdWdodA==' },
              { text: 'Checking both.' },
              {
                functionCall: { name: 'get_weather', args: { city: 'Paris' } },
                thoughtSignature: 'Y2FsbA==',
              },
              { functionCall: { id: 'fc-2', name: 'get_weather', args: { city: 'Oslo' } } },
              { functionCall: { name: 'get_time' } },
              { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            ],
          },
          finishReason: 'STOP',
        },
      ],
    });
    expect(response.content).toEqual([
      { type: 'reasoning', text: 'Two cities.', signature: 'gemini:dGhvdWdodA==' },
      { type: 'text', text: 'Checking both.' },
      {
        type: 'tool-call',
        toolCallId: 'call_1',
        toolName: 'get_weather',
        input: '{"city":"Paris"}',
      },
      { type: 'reasoning', text: '', signature: 'gemini:Y2FsbA==' },
      { type: 'tool-call', toolCallId: 'fc-2', toolName: 'get_weather', input: '{"city":"Oslo"}' },
      { type: 'tool-call', toolCallId: 'call_2', toolName: 'get_time', input: '{}' },
    ]);
    expect(response.finishReason).toBe('tool-calls');
  });

  it('refuses a body with neither candidates nor prompt feedback.', () => {
    expect(
      googleGenerateContentResponseSchema.safeParse({ object: 'chat.completion', choices: [] })
        .success,
    ).toBe(false);
  });
});
