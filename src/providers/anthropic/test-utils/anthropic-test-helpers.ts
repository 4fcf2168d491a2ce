import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import type { StreamEvent } from '../../../spec/index.js';
import { bytesInPieces } from '../../test-utils/provider-test-helpers.js';
import { parseAnthropicStream } from '../anthropic-stream-parser.js';

/** Runs a recorded `text/event-stream` body through the stream parser. */
export async function replayAnthropicStream({
  sse,
  isJsonMode = false,
  pieceBytes = 37,
}: {
  sse: string;
  isJsonMode?: boolean;
  /** Size of the body pieces the parser receives. */
  pieceBytes?: number;
}): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    const stream = parseAnthropicStream({
      chunks: bytesInPieces(sse, pieceBytes),
      modelId: 'claude-test',
      isJsonMode,
      target: { provider: 'anthropic', modelId: 'claude-test' },
      url: 'https://api.anthropic.com/v1/messages',
    });
    for await (const event of stream) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

/**
 * An independent reading of a recorded Messages stream, straight from its JSON events, up to the
 * first `message_stop`: the text, thinking and client tool inputs it carries, and its last stop
 * reason and usage. Tests compare the parser's canonical events against it.
 */
export function summariseWireStream(sse: string) {
  const blocks = new Map<
    number,
    { type: string; id?: string; name?: string; startInput?: unknown; input: string }
  >();
  const toolCalls: Record<string, { name: string; input: string }> = {};
  let text = '';
  let reasoning = '';
  let stopReason: string | undefined;
  let usage: Record<string, number> = {};
  for (const line of sse.split('\n')) {
    if (!line.startsWith('data:')) continue;
    const event: any = parseJsonOrUndefined(line.slice(5));
    if (event?.type === 'message_start')
      usage = { ...usage, ...definedNumbers(event.message.usage) };
    if (event?.type === 'content_block_start') {
      const block = event.content_block;
      blocks.set(event.index, {
        type: block.type,
        id: block.id,
        name: block.name,
        startInput: block.input,
        input: '',
      });
      if (block.type === 'text') text += block.text;
    }
    if (event?.type === 'content_block_delta') {
      const block = blocks.get(event.index);
      if (block?.type === 'text' && event.delta.type === 'text_delta') text += event.delta.text;
      if (block?.type === 'thinking' && event.delta.type === 'thinking_delta')
        reasoning += event.delta.thinking;
      if (block?.type === 'tool_use' && event.delta.type === 'input_json_delta')
        block.input += event.delta.partial_json;
    }
    if (event?.type === 'message_delta') {
      stopReason = event.delta.stop_reason ?? stopReason;
      usage = { ...usage, ...definedNumbers(event.usage) };
    }
    if (event?.type === 'message_stop') break;
  }
  for (const block of blocks.values()) {
    if (block.type !== 'tool_use' || block.id === undefined) continue;
    toolCalls[block.id] = {
      name: block.name ?? '',
      input: block.input.length > 0 ? block.input : JSON.stringify(block.startInput ?? {}),
    };
  }
  return { text, reasoning, toolCalls, stopReason, usage };
}

function definedNumbers(
  record: Record<string, unknown> | null | undefined,
): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [key, value] of Object.entries(record ?? {})) {
    if (typeof value === 'number') result[key] = value;
  }
  return result;
}

/** A JSON response as Anthropic sends it. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'request-id': 'req_test' },
  });
}

/** A `text/event-stream` response with the given body. */
export function sseResponse(sse: string): Response {
  return new Response(sse, {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_test' },
  });
}
