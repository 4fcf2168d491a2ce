import { readFileSync } from 'node:fs';
import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import { sharedPath } from '../../test-utils/shared-path.js';

/** Reads a file of the shared conformance folder as UTF-8 text. */
export function readConformanceText(...segments: string[]): string {
  return readFileSync(sharedPath('conformance', ...segments), 'utf8');
}

/** Reads a recorded JSON document of the shared conformance folder. */
export function readConformanceJson(...segments: string[]): any {
  const value = parseJsonOrUndefined(readConformanceText(...segments));
  if (typeof value !== 'object' || value === null) {
    throw new Error(`${segments.join('/')} is not a JSON document`);
  }
  return value;
}

/**
 * Reframes an AI SDK `.chunks.txt` recording (one Messages event JSON per line) as the
 * `text/event-stream` body Anthropic sends: `event: <type>\ndata: <json>\n\n` per event, with
 * each JSON line kept byte for byte.
 */
export function chunksToServerSentEvents(chunksText: string): string {
  return chunksText
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => `event: ${eventTypeOf(line)}\ndata: ${line}\n\n`)
    .join('');
}

function eventTypeOf(line: string): string {
  const value: any = parseJsonOrUndefined(line);
  if (typeof value?.type !== 'string') throw new Error(`Not a Messages stream event: ${line}`);
  return value.type;
}

/** Splits the server-sent events of a stream body into whole events (each ending in "\n\n"). */
export function splitServerSentEvents(body: string): string[] {
  return body
    .split(/\n\n/)
    .filter((event) => event.trim().length > 0)
    .map((event) => `${event}\n\n`);
}

function serverSentEvent(data: Record<string, unknown>): string {
  return `event: ${String(data.type)}\ndata: ${JSON.stringify(data)}\n\n`;
}

function splitInPieces(text: string, pieceCount: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / pieceCount));
  const pieces: string[] = [];
  for (let offset = 0; offset < text.length; offset += size) {
    pieces.push(text.slice(offset, offset + size));
  }
  return pieces;
}

/**
 * Streams a non-streaming `message` object exactly as the Messages API streams one: message_start
 * (empty content, null stop reason), per block content_block_start / deltas / content_block_stop
 * (tool input as `input_json_delta` pieces starting with an empty one), a ping, message_delta
 * (stop reason, output tokens), message_stop. Used where no stream recording fits.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
export function messageToServerSentEvents(message: Record<string, any>): string {
  const usage: Record<string, any> = message.usage ?? {};
  const events: string[] = [
    serverSentEvent({
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...usage, output_tokens: 1 },
      },
    }),
  ];
  const blocks: Array<Record<string, any>> = message.content ?? [];
  blocks.forEach((block, index) => {
    events.push(...blockToServerSentEvents(block, index));
    if (index === 0) events.splice(2, 0, serverSentEvent({ type: 'ping' }));
  });
  events.push(
    serverSentEvent({
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence ?? null },
      usage: { output_tokens: usage.output_tokens ?? 1 },
    }),
    serverSentEvent({ type: 'message_stop' }),
  );
  return events.join('');
}

function blockToServerSentEvents(block: Record<string, any>, index: number): string[] {
  const delta = (value: Record<string, unknown>) =>
    serverSentEvent({ type: 'content_block_delta', index, delta: value });
  const events: string[] = [];
  switch (block.type) {
    case 'text':
      events.push(
        serverSentEvent({
          type: 'content_block_start',
          index,
          content_block: { type: 'text', text: '' },
        }),
        ...splitInPieces(String(block.text), 3).map((text) => delta({ type: 'text_delta', text })),
      );
      break;
    case 'tool_use':
      events.push(
        serverSentEvent({
          type: 'content_block_start',
          index,
          content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
        }),
        delta({ type: 'input_json_delta', partial_json: '' }),
        ...splitInPieces(JSON.stringify(block.input), 3).map((partial_json) =>
          delta({ type: 'input_json_delta', partial_json }),
        ),
      );
      break;
    default:
      throw new Error(`messageToServerSentEvents does not stream '${String(block.type)}' blocks`);
  }
  events.push(serverSentEvent({ type: 'content_block_stop', index }));
  return events;
}

/** Renames every client `tool_use` block of a recorded message (recordings name their own tools). */
export function renameToolUses(
  message: Record<string, any>,
  toolName: string | undefined,
): Record<string, any> {
  if (toolName === undefined) return message;
  return {
    ...message,
    content: (message.content ?? []).map((block: Record<string, any>) =>
      block.type === 'tool_use' ? { ...block, name: toolName } : block,
    ),
  };
}
