import { readFileSync } from 'node:fs';
import { sharedPath } from '../../test-utils/shared-path.js';

/**
 * Recorded OpenAI Chat Completions traffic the fake upstream replays byte for byte. Sources (see
 * the READMEs beside them): `ai-sdk-fixtures/openai/chat/` (Vercel AI SDK recordings, one JSON
 * chunk per line) and `openai-streams/` (openai-node SDK snapshots, raw SSE bodies).
 */
export type OpenAIRecordings = {
  /** `openai-text.chunks.txt`: a 303-chunk text stream, one JSON chunk per line, usage last. */
  readonly textChunks: ReadonlyArray<string>;
  /** `openai-text.json`: a text completion, as returned (pretty-printed). */
  readonly textBody: string;
  /** `deserialises-response-format-1.json`: a structured-output (JSON) completion. */
  readonly jsonBody: string;
  /** `structured-output-basic.sse`: the JSON answer streamed, raw SSE with `[DONE]`. */
  readonly jsonStream: string;
  /** `content-logprobs.sse`: the same stream requested with `logprobs: true`. */
  readonly jsonLogprobsStream: string;
  /** `reasoning-model-legacy-parameter-error.json`: a 400 error body. */
  readonly invalidRequestBody: string;
};

let cached: OpenAIRecordings | undefined;

function read(...segments: string[]): string {
  return readFileSync(sharedPath('conformance', ...segments), 'utf8');
}

/** Loads the recordings once per process. */
export function loadOpenAIRecordings(): OpenAIRecordings {
  cached ??= {
    textChunks: read('ai-sdk-fixtures', 'openai', 'chat', 'openai-text.chunks.txt')
      .split('\n')
      .filter((line) => line.trim().length > 0),
    textBody: read('ai-sdk-fixtures', 'openai', 'chat', 'openai-text.json'),
    jsonBody: read(
      'openai-streams',
      'chat-completions-json',
      'deserialises-response-format-1.json',
    ),
    jsonStream: read('openai-streams', 'chat-completions', 'structured-output-basic.sse'),
    jsonLogprobsStream: read('openai-streams', 'chat-completions', 'content-logprobs.sse'),
    invalidRequestBody: read(
      'ai-sdk-fixtures',
      'openai',
      'chat',
      'reasoning-model-legacy-parameter-error.json',
    ),
  };
  return cached;
}

/** Splits a raw SSE body into its events, each with its trailing blank line. */
export function splitServerSentEvents(body: string): string[] {
  return body
    .split(/\n\n/)
    .filter((event) => event.trim().length > 0)
    .map((event) => `${event}\n\n`);
}

/** True for the usage chunk that closes a stream requested with `include_usage`. */
export function isUsageChunk(json: string): boolean {
  return json.includes('"choices":[]') && json.includes('"usage":{');
}
