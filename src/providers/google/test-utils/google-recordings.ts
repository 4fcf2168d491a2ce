import { readFileSync } from 'node:fs';
import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import { sharedPath } from '../../test-utils/shared-path.js';

/** The recorded Gemini fixtures of the shared conformance folder. */
export const GOOGLE_FIXTURES_DIRECTORY = ['conformance', 'ai-sdk-fixtures', 'google'] as const;

/** Reads a recorded Gemini fixture as UTF-8 text. */
export function readGoogleFixture(name: string): string {
  return readFileSync(sharedPath(...GOOGLE_FIXTURES_DIRECTORY, name), 'utf8');
}

/** Reads a recorded Gemini JSON document. */
export function readGoogleFixtureJson(name: string): any {
  const value = parseJsonOrUndefined(readGoogleFixture(name));
  if (typeof value !== 'object' || value === null)
    throw new Error(`${name} is not a JSON document`);
  return value;
}

/** The JSON lines of a `.chunks.txt` recording (one `streamGenerateContent` chunk per line). */
export function readGoogleChunks(name: string): string[] {
  return splitChunkLines(readGoogleFixture(name));
}

/** Splits a `.chunks.txt` text into its non-empty lines, each kept byte for byte. */
export function splitChunkLines(chunksText: string): string[] {
  return chunksText.split('\n').filter((line) => line.trim().length > 0);
}

/**
 * Frames chunks as Gemini's `streamGenerateContent?alt=sse` body does: `data: <json>\r\n\r\n`
 * per chunk, no event names, no terminator (the stream just ends).
 */
export function chunksToServerSentEvents(chunks: ReadonlyArray<string>): string[] {
  return chunks.map((chunk) => `data: ${chunk}\r\n\r\n`);
}

/**
 * Frames chunks as `streamGenerateContent` without `alt=sse` does: one JSON array, streamed
 * element by element.
 */
export function chunksToJsonArray(chunks: ReadonlyArray<string>): string {
  return `[${chunks.join(',\r\n')}]`;
}
