import { parseJsonOrUndefined, type FetchFunction } from '../../provider-utils/index.js';
import type { StreamEvent } from '../../spec/index.js';

/** Reads a whole canonical stream. */
export async function collectEvents(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** The body as the network delivers it: UTF-8 bytes in small, arbitrary pieces. */
export async function* bytesInPieces(text: string, pieceBytes = 37): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let offset = 0; offset < bytes.length; offset += pieceBytes) {
    yield bytes.subarray(offset, offset + pieceBytes);
    await Promise.resolve();
  }
}

/** A request the recording fetch received. */
export type CapturedRequest = {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: any;
};

/**
 * A FetchFunction that records each request and answers with `reply(request)`, so tests can
 * assert the outgoing URL, headers and body without a server.
 */
export function createRecordingFetch(reply: (request: CapturedRequest) => Response): {
  fetch: FetchFunction;
  requests: CapturedRequest[];
} {
  const requests: CapturedRequest[] = [];
  const fetch: FetchFunction = (input, init) => {
    const request: CapturedRequest = {
      url: input,
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === 'string' ? parseJsonOrUndefined(init.body) : undefined,
    };
    requests.push(request);
    return Promise.resolve(reply(request));
  };
  return { fetch, requests };
}

/**
 * What canonical stream events add up to: the text, reasoning and signatures, the tool calls by
 * id (name and joined input), and the final `response-end`.
 */
export function summariseStreamEvents(events: ReadonlyArray<StreamEvent>) {
  const toolCalls: Record<string, { name: string; input: string }> = {};
  let text = '';
  let reasoning = '';
  const signatures: string[] = [];
  for (const event of events) {
    if (event.type === 'text-delta') text += event.delta;
    if (event.type === 'reasoning-delta') reasoning += event.delta;
    if (event.type === 'reasoning-end' && event.signature) signatures.push(event.signature);
    if (event.type === 'tool-call-start') toolCalls[event.id] = { name: event.toolName, input: '' };
    if (event.type === 'tool-call-delta') {
      const call = toolCalls[event.id];
      if (call) call.input += event.delta;
    }
  }
  const end = events.at(-1);
  return {
    text,
    reasoning,
    signatures,
    toolCalls,
    end: end?.type === 'response-end' ? end : undefined,
  };
}
