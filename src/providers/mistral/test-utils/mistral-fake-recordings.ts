import { readFileSync } from 'node:fs';
import { sharedPath } from '../../test-utils/shared-path.js';

/**
 * Recorded Mistral chat traffic the fake upstream replays byte for byte (from
 * shared/conformance/ai-sdk-fixtures/mistral, see its README). `*Chunks` are the `data:` payloads of
 * one stream, one per line; `*Body` are whole completions as returned.
 */
export type MistralRecordings = {
  readonly textBody: string;
  readonly textChunks: ReadonlyArray<string>;
  readonly toolCallBody: string;
  readonly toolCallChunks: ReadonlyArray<string>;
  /** A non-Mistral model on Mistral's endpoint: OpenAI-style incremental tool call. */
  readonly incrementalToolCallChunks: ReadonlyArray<string>;
  /** Magistral: `content` as arrays of `thinking` and `text` chunks. */
  readonly reasoningBody: string;
  readonly reasoningChunks: ReadonlyArray<string>;
};

let cached: MistralRecordings | undefined;

function read(name: string): string {
  return readFileSync(sharedPath('conformance', 'ai-sdk-fixtures', 'mistral', name), 'utf8');
}

function readLines(name: string): string[] {
  return read(name)
    .split('\n')
    .filter((line) => line.trim().length > 0);
}

/** Loads the recordings once per process. */
export function loadMistralRecordings(): MistralRecordings {
  cached ??= {
    textBody: read('mistral-text.json'),
    textChunks: readLines('mistral-text.chunks.txt'),
    toolCallBody: read('mistral-tool-call.json'),
    toolCallChunks: readLines('mistral-tool-call.chunks.txt'),
    incrementalToolCallChunks: readLines('mistral-incremental-tool-call.chunks.txt'),
    reasoningBody: read('mistral-reasoning.json'),
    reasoningChunks: readLines('mistral-reasoning.chunks.txt'),
  };
  return cached;
}
