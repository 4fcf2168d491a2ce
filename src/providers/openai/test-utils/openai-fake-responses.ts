import type { ServerResponse } from 'node:http';
import { createUsage, type StreamFraming } from './openai-fake-bodies.js';
import {
  isUsageChunk,
  splitServerSentEvents,
  type OpenAIRecordings,
} from './openai-fake-recordings.js';

/** The response being written and its request id. */
export type ResponseContext = { readonly response: ServerResponse; readonly requestId: string };

const doneEvent = 'data: [DONE]\n\n';

function commonHeaders(context: ResponseContext): Record<string, string> {
  return {
    'x-request-id': context.requestId,
    'openai-version': '2020-10-01',
    'openai-processing-ms': '12',
  };
}

/** Sends a complete JSON body. */
export function sendJson({
  context,
  status,
  body,
  headers = {},
}: {
  context: ResponseContext;
  status: number;
  body: string;
  headers?: Record<string, string>;
}): void {
  context.response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...commonHeaders(context),
    ...headers,
  });
  context.response.end(body);
}

/** Sends an error in OpenAI's shape, pretty-printed with 4 spaces as the live API does. */
export function sendError({
  context,
  status,
  message,
  type,
  param = null,
  code = null,
  headers,
}: {
  context: ResponseContext;
  status: number;
  message: string;
  type: string;
  param?: string | null;
  code?: string | null;
  headers?: Record<string, string>;
}): void {
  const body = `${JSON.stringify({ error: { message, type, param, code } }, null, 4)}\n`;
  sendJson({ context, status, body, ...(headers ? { headers } : {}) });
}

/** Sends a `text/event-stream` body, one write per event. */
export function sendEvents({
  context,
  events,
}: {
  context: ResponseContext;
  events: ReadonlyArray<string>;
}): void {
  context.response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, must-revalidate',
    ...commonHeaders(context),
  });
  for (const event of events) context.response.write(event);
  context.response.end();
}

/**
 * Replays a recorded stream byte for byte. Without `include_usage` the closing usage chunk is left
 * out, as the live API does.
 */
export function createReplayedStream({
  kind,
  framing,
  recordings,
}: {
  kind: 'text' | 'json' | 'json-logprobs';
  framing: StreamFraming;
  recordings: OpenAIRecordings;
}): string[] {
  const events =
    kind === 'text'
      ? [...recordings.textChunks.map((line) => `data: ${line}\n\n`), doneEvent]
      : splitServerSentEvents(
          kind === 'json' ? recordings.jsonStream : recordings.jsonLogprobsStream,
        );
  return framing.includeUsage ? events : events.filter((event) => !isUsageChunk(event));
}

type RecordedChunk = {
  choices: Array<{ delta: { content?: string }; finish_reason: string | null }>;
  usage: Record<string, unknown> | null;
};

function parseRecordedChunk(line: string): RecordedChunk {
  return JSON.parse(line);
}

/**
 * The recorded text stream cut after `tokens` content chunks (each recorded chunk holds one
 * token), ending with `finish_reason: "length"`. The first chunks are replayed verbatim.
 */
export function createTruncatedChunks({
  recordings,
  tokens,
  framing,
}: {
  recordings: OpenAIRecordings;
  tokens: number;
  framing: StreamFraming;
}): string[] {
  const lines = recordings.textChunks;
  const finishLine = lines.at(-2) ?? '{}';
  const finish = parseRecordedChunk(finishLine);
  for (const choice of finish.choices) choice.finish_reason = 'length';
  const events = [...lines.slice(0, tokens + 1), JSON.stringify(finish)];
  if (framing.includeUsage) {
    const usageChunk = parseRecordedChunk(lines.at(-1) ?? '{}');
    usageChunk.usage = createUsage({ promptTokens: 16, completionTokens: tokens });
    events.push(JSON.stringify(usageChunk));
  }
  return [...events.map((line) => `data: ${line}\n\n`), doneEvent];
}

/** The recorded text completion cut after `tokens` tokens, with `finish_reason: "length"`. */
export function createTruncatedBody({
  recordings,
  tokens,
}: {
  recordings: OpenAIRecordings;
  tokens: number;
}): string {
  const text = recordings.textChunks
    .slice(1, tokens + 1)
    .map((line) => parseRecordedChunk(line).choices[0]?.delta.content ?? '')
    .join('');
  const body: {
    choices: Array<{ message: { content: string }; finish_reason: string }>;
    usage: Record<string, unknown>;
  } = JSON.parse(recordings.textBody);
  for (const choice of body.choices) {
    choice.message.content = text;
    choice.finish_reason = 'length';
  }
  body.usage = createUsage({ promptTokens: 16, completionTokens: tokens });
  return JSON.stringify(body, null, 2);
}
