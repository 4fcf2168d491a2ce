import { readdirSync, readFileSync } from 'node:fs';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import { sharedPath } from '../../test-utils/shared-path.js';

/** One ConverseStream event: its `:event-type` and its payload. */
export type RecordedBedrockEvent = {
  readonly eventType: string;
  readonly payload: Record<string, any>;
};

const FIXTURE_DIR = ['conformance', 'ai-sdk-fixtures', 'amazon-bedrock'] as const;

/** The AI SDK Bedrock fixture names (without `.json` / `.chunks.txt`). */
export function listBedrockFixtures(): { json: string[]; chunks: string[] } {
  const files = readdirSync(sharedPath(...FIXTURE_DIR));
  const strip = (suffix: string) =>
    files.filter((file) => file.endsWith(suffix)).map((file) => file.slice(0, -suffix.length));
  return { json: strip('.json'), chunks: strip('.chunks.txt') };
}

/** Reads a recorded Converse body (`<name>.json`) as text, byte for byte. */
export function readBedrockFixtureJson(name: string): string {
  return readFileSync(sharedPath(...FIXTURE_DIR, `${name}.json`), 'utf8');
}

/**
 * Reads a recorded ConverseStream (`<name>.chunks.txt`): one decoded event per line, wrapped as
 * `{"<eventType>": <payload>}` (the AI SDK's shape, see the fixtures README).
 */
export function readBedrockFixtureEvents(name: string): RecordedBedrockEvent[] {
  const text = readFileSync(sharedPath(...FIXTURE_DIR, `${name}.chunks.txt`), 'utf8');
  return parseChunkLines(text);
}

/** Parses `.chunks.txt` lines into events. */
export function parseChunkLines(text: string): RecordedBedrockEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const value: any = parseJsonOrUndefined(line);
      const keys = value && typeof value === 'object' ? Object.keys(value) : [];
      const eventType = keys[0];
      if (keys.length !== 1 || eventType === undefined) {
        throw new Error(`Not a wrapped ConverseStream event: ${line}`);
      }
      return { eventType, payload: value[eventType] };
    });
}

const codec = new EventStreamCodec(toUtf8, fromUtf8);

const PADDING_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const stringHeader = (value: string) => ({ type: 'string' as const, value });

/**
 * Encodes one event as Bedrock frames it: headers `:event-type`, `:content-type`,
 * `:message-type: event`, and the JSON payload with the random-length `p` padding field Bedrock
 * adds (deterministic here: `paddingLength` characters).
 */
export function encodeEventFrame({
  eventType,
  payload,
  paddingLength = 0,
}: {
  eventType: string;
  payload: Record<string, unknown>;
  paddingLength?: number;
}): Uint8Array {
  const padded =
    paddingLength > 0
      ? { ...payload, p: PADDING_ALPHABET.repeat(2).slice(0, paddingLength) }
      : payload;
  return codec.encode({
    headers: {
      ':event-type': stringHeader(eventType),
      ':content-type': stringHeader('application/json'),
      ':message-type': stringHeader('event'),
    },
    body: fromUtf8(JSON.stringify(padded)),
  });
}

/** Encodes a mid-stream exception (`:message-type: exception`) with a `{"message"}` payload. */
export function encodeExceptionFrame({
  exceptionType,
  message,
}: {
  exceptionType: string;
  message: string;
}): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': stringHeader(exceptionType),
      ':content-type': stringHeader('application/json'),
      ':message-type': stringHeader('exception'),
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

/** Encodes a whole event sequence, each frame padded by a different length, as Bedrock does. */
export function encodeEventFrames(events: ReadonlyArray<RecordedBedrockEvent>): Uint8Array[] {
  return events.map((event, index) =>
    encodeEventFrame({ ...event, paddingLength: ((index * 17) % 60) + 1 }),
  );
}

/** Concatenates byte arrays. */
export function concatBytes(parts: ReadonlyArray<Uint8Array>): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Renames the client tool calls of recorded events (recordings name their own tools). */
export function renameStreamToolUses(
  events: ReadonlyArray<RecordedBedrockEvent>,
  toolName: string | undefined,
): RecordedBedrockEvent[] {
  if (toolName === undefined) return [...events];
  return events.map((event) => {
    const toolUse = event.payload.start?.toolUse;
    if (event.eventType !== 'contentBlockStart' || !toolUse || toolUse.name === 'json') {
      return event;
    }
    return {
      eventType: event.eventType,
      payload: { ...event.payload, start: { toolUse: { ...toolUse, name: toolName } } },
    };
  });
}

/** Renames the client `toolUse` blocks of a recorded Converse body. */
export function renameResponseToolUses(
  response: Record<string, any>,
  toolName: string | undefined,
): Record<string, any> {
  if (toolName === undefined) return response;
  const content: Array<Record<string, any>> = response.output.message.content;
  return {
    ...response,
    output: {
      message: {
        ...response.output.message,
        content: content.map((block) =>
          block.toolUse && block.toolUse.name !== 'json'
            ? { ...block, toolUse: { ...block.toolUse, name: toolName } }
            : block,
        ),
      },
    },
  };
}
