import { parseJsonOrUndefined, readServerSentEvents } from '../../../provider-utils/index.js';
import type { StreamEvent } from '../../../spec/index.js';
import { bytesInPieces } from '../../test-utils/provider-test-helpers.js';
import { parseGoogleStream } from '../google-stream-parser.js';
import { chunksToServerSentEvents } from './google-recordings.js';

/** Deterministic ids: `call_1`, `call_2`, ... */
export function mockId(prefix = 'call_'): () => string {
  let count = 0;
  return () => {
    count += 1;
    return `${prefix}${count}`;
  };
}

/** Runs stream chunks (JSON lines), framed as Gemini's SSE, through the stream parser. */
export async function replayGoogleStream({
  chunks,
  sse = chunksToServerSentEvents(chunks).join(''),
}: {
  chunks: ReadonlyArray<string>;
  sse?: string;
}): Promise<{ events: StreamEvent[]; error: unknown }> {
  const events: StreamEvent[] = [];
  try {
    const stream = parseGoogleStream({
      events: readServerSentEvents(bytesInPieces(sse)),
      modelId: 'gemini-test',
      target: { provider: 'google', modelId: 'gemini-test' },
      url: 'https://generativelanguage.googleapis.com/v1beta/models/gemini-test:streamGenerateContent?alt=sse',
      generateId: mockId(),
    });
    for await (const event of stream) events.push(event);
    return { events, error: undefined };
  } catch (error) {
    return { events, error };
  }
}

/** What canonical stream events add up to. */
export function summariseStreamEvents(events: ReadonlyArray<StreamEvent>) {
  const toolCalls: Array<{ id: string; name: string; input: string }> = [];
  let text = '';
  let reasoning = '';
  const signatures: string[] = [];
  for (const event of events) {
    if (event.type === 'text-delta') text += event.delta;
    if (event.type === 'reasoning-delta') reasoning += event.delta;
    if (event.type === 'reasoning-end' && event.signature) signatures.push(event.signature);
    if (event.type === 'tool-call-start')
      toolCalls.push({ id: event.id, name: event.toolName, input: '' });
    if (event.type === 'tool-call-delta') {
      const call = toolCalls.find((candidate) => candidate.id === event.id);
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

/**
 * An independent reading of recorded stream chunks, straight from their JSON: the answer text,
 * thought text, signatures, whole function calls and the last finish reason and usage.
 */
export function summariseWireChunks(chunks: ReadonlyArray<string>) {
  let text = '';
  let reasoning = '';
  const signatures: string[] = [];
  const functionNames: string[] = [];
  let finishReason: string | undefined;
  let usage: Record<string, number> = {};
  for (const line of chunks) {
    const chunk: any = parseJsonOrUndefined(line);
    const candidate = chunk?.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) {
      if (typeof part.text === 'string') {
        if (part.thought) reasoning += part.text;
        else text += part.text;
      }
      if (part.thoughtSignature) signatures.push(`gemini:${part.thoughtSignature}`);
      if (part.functionCall?.name) functionNames.push(part.functionCall.name);
    }
    finishReason = candidate?.finishReason ?? finishReason;
    for (const [key, value] of Object.entries(chunk?.usageMetadata ?? {})) {
      if (typeof value === 'number') usage = { ...usage, [key]: value };
    }
  }
  return { text, reasoning, signatures, functionNames, finishReason, usage };
}

/** A JSON response as Google sends it. */
export function jsonResponse(
  body: unknown,
  { status = 200, headers = {} }: { status?: number; headers?: Record<string, string> } = {},
): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
  });
}

/** A `text/event-stream` response with the given chunks, framed as Gemini frames them. */
export function sseResponse(chunks: ReadonlyArray<string>): Response {
  return new Response(chunksToServerSentEvents(chunks).join(''), {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
  });
}
