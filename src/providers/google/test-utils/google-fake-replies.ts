import { assertNever } from '../../../spec/index.js';
import type { FakeScenario } from '../../test-utils/scenarios.js';
import { readGoogleChunks, readGoogleFixture, readGoogleFixtureJson } from './google-recordings.js';

/** One scenario's reply: the `generateContent` body, and the same answer as stream chunks. */
export type GoogleFakeReply = { readonly json: string; readonly chunks: ReadonlyArray<string> };

export type GoogleFakeReplies = {
  forScenario(options: {
    scenario: FakeScenario;
    /** Names of the request's function declarations, in order. */
    toolNames: ReadonlyArray<string>;
    /** `generationConfig.responseSchema`, to shape the JSON answer. */
    responseSchema: unknown;
  }): GoogleFakeReply;
};

/**
 * Loads the recordings the fake replays, byte for byte where one fits
 * (`shared/conformance/ai-sdk-fixtures/google/`):
 * - text: `google-text.json` / `google-text.chunks.txt`
 * - tool-call: `google-tool-call.json` / `.chunks.txt`, the recorded function name (`weather`)
 *   replaced by the request's first tool
 * - max-tokens: the text recordings with the final `STOP` edited to `MAX_TOKENS`
 * - parallel-tool-calls: synthesized from the tool-call recording as Gemini answers parallel
 *   calls: several `functionCall` parts, the signature on the first only; streamed in one chunk
 * - json: synthesized in the text recording's shape, with a JSON text that fits the request's
 *   `responseSchema` (or a small object)
 * - malformed: an OpenAI-shaped body, which no Gemini client can read
 */
export function loadGoogleFakeReplies(): GoogleFakeReplies {
  const textJson = readGoogleFixture('google-text.json');
  const textChunks = readGoogleChunks('google-text.chunks.txt');
  const toolCallJson = readGoogleFixture('google-tool-call.json');
  const toolCallChunks = readGoogleChunks('google-tool-call.chunks.txt');
  const toolCallMessage = readGoogleFixtureJson('google-tool-call.json');
  const textMessage = readGoogleFixtureJson('google-text.json');

  const toMaxTokens = (text: string) =>
    text
      .replace('"finishReason":"STOP"', '"finishReason":"MAX_TOKENS"')
      .replace('"finishReason": "STOP"', '"finishReason": "MAX_TOKENS"');

  return {
    forScenario: ({ scenario, toolNames, responseSchema }) => {
      const firstTool = toolNames[0];
      switch (scenario) {
        case 'tool-call':
          return {
            json: renameFunction({ text: toolCallJson, to: firstTool }),
            chunks: toolCallChunks.map((chunk) => renameFunction({ text: chunk, to: firstTool })),
          };
        case 'parallel-tool-calls':
          return parallelToolCalls({
            message: toolCallMessage,
            finalChunk: toolCallChunks.at(-1) ?? '',
            toolName: firstTool ?? 'weather',
          });
        case 'json':
          return jsonAnswer({
            message: textMessage,
            chunks: textChunks,
            text: JSON.stringify(exampleFor(responseSchema) ?? { city: 'Paris', temperature: 18 }),
          });
        case 'max-tokens':
          return {
            json: toMaxTokens(textJson),
            chunks: textChunks.map((chunk, index) =>
              index === textChunks.length - 1 ? toMaxTokens(chunk) : chunk,
            ),
          };
        case 'malformed':
          return {
            json: JSON.stringify({ object: 'chat.completion', choices: [] }),
            chunks: ['{"choices":[{"delta":{"content":"Hi"}}]}'],
          };
        // Errors and hang-headers never reach a reply; they get the text answer to keep this total.
        case 'text':
        case 'stall-stream':
        case 'cut-stream':
        case 'error-400':
        case 'error-401':
        case 'error-429':
        case 'error-500':
        case 'error-503':
        case 'hang-headers':
          return { json: textJson, chunks: textChunks };
        default:
          return assertNever(scenario);
      }
    },
  };
}

function renameFunction({ text, to }: { text: string; to: string | undefined }): string {
  if (to === undefined || to === 'weather') return text;
  return text
    .replaceAll('"name":"weather"', `"name":${JSON.stringify(to)}`)
    .replaceAll('"name": "weather"', `"name": ${JSON.stringify(to)}`);
}

/** Google pretty-prints `generateContent` bodies with two spaces. */
function pretty(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function parallelToolCalls({
  message,
  finalChunk,
  toolName,
}: {
  message: any;
  finalChunk: string;
  toolName: string;
}): GoogleFakeReply {
  const [first] = message.candidates[0].content.parts;
  const parts = [
    { ...first, functionCall: { name: toolName, args: { location: 'San Francisco' } } },
    { functionCall: { name: toolName, args: { location: 'Tokyo' } } },
  ];
  const candidate = { ...message.candidates[0], content: { parts, role: 'model' } };
  const json = pretty({ ...message, candidates: [candidate] });
  const { finishReason: _finishReason, finishMessage: _finishMessage, ...streamed } = candidate;
  const firstChunk = JSON.stringify({
    candidates: [streamed],
    usageMetadata: message.usageMetadata,
    modelVersion: message.modelVersion,
    responseId: message.responseId,
  });
  return { json, chunks: [firstChunk, finalChunk] };
}

function jsonAnswer({
  message,
  chunks,
  text,
}: {
  message: any;
  chunks: ReadonlyArray<string>;
  text: string;
}): GoogleFakeReply {
  const candidate = message.candidates[0];
  const json = pretty({
    ...message,
    candidates: [
      {
        ...candidate,
        content: { ...candidate.content, parts: [{ ...candidate.content.parts[0], text }] },
      },
    ],
  });
  // The recorded stream's text chunks carry the JSON in two halves; its last chunk (empty text,
  // signature, STOP) is kept as recorded.
  const half = Math.ceil(text.length / 2);
  const pieces = [text.slice(0, half), text.slice(half)];
  const streamed = chunks.slice(0, 2).map((chunk, index) => {
    const value = JSON.parse(chunk);
    value.candidates[0].content.parts[0].text = pieces[index] ?? '';
    return JSON.stringify(value);
  });
  return { json, chunks: [...streamed, ...chunks.slice(2)] };
}

/** A value that fits a Gemini schema, for the JSON answer. */
export function exampleFor(schema: unknown, depth = 0): unknown {
  if (typeof schema !== 'object' || schema === null || depth > 8) return undefined;
  const node = schema as Record<string, any>;
  if (Array.isArray(node.enum) && node.enum.length > 0) return node.enum[0];
  if (Array.isArray(node.anyOf) && node.anyOf.length > 0)
    return exampleFor(node.anyOf[0], depth + 1);
  switch (String(node.type ?? 'object').toLowerCase()) {
    case 'string':
      return node.format === 'date-time' ? '2026-01-01T00:00:00Z' : 'example';
    case 'integer':
      return 1;
    case 'number':
      return 1.5;
    case 'boolean':
      return true;
    case 'array':
      return [exampleFor(node.items ?? { type: 'string' }, depth + 1)];
    case 'null':
      return null;
    default: {
      const result: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(node.properties ?? {})) {
        result[name] = exampleFor(property, depth + 1);
      }
      return Object.keys(result).length > 0 || depth > 0 ? result : undefined;
    }
  }
}
