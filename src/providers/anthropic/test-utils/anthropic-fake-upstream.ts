import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import {
  startFakeServer,
  writeInPieces,
  type FakeUpstream,
  type RecordedRequest,
} from '../../test-utils/fake-server.js';
import { findScenario, type FakeScenario } from '../../test-utils/scenarios.js';
import { loadAnthropicFakeReplies, type AnthropicFakeReplies } from './anthropic-fake-replies.js';

export type AnthropicFakeUpstreamOptions = {
  /**
   * When set, requests must carry this key (`x-api-key` or `Authorization: Bearer`), or get a 401
   * `authentication_error`.
   */
  readonly apiKey?: string;
};

/** The models `GET /v1/models` lists, newest first as Anthropic orders them. */
export const FAKE_ANTHROPIC_MODELS = [
  {
    id: 'claude-sonnet-4-5-20250929',
    display_name: 'Claude Sonnet 4.5',
    created_at: '2025-09-29T00:00:00Z',
  },
  {
    id: 'claude-haiku-4-5-20251001',
    display_name: 'Claude Haiku 4.5',
    created_at: '2025-10-01T00:00:00Z',
  },
  {
    id: 'claude-opus-4-1-20250805',
    display_name: 'Claude Opus 4.1',
    created_at: '2025-08-05T00:00:00Z',
  },
] as const;

type Context = {
  readonly request: RecordedRequest;
  readonly response: ServerResponse;
  readonly socket: Socket;
  readonly requestId: string;
};

type ErrorReply = {
  status: number;
  type: string;
  message: string;
  headers?: Record<string, string>;
};

const ERROR_REPLIES: Partial<Record<FakeScenario, ErrorReply>> = {
  'error-400': {
    status: 400,
    type: 'invalid_request_error',
    message: 'messages.0.content: Input should be a valid list',
  },
  'error-401': { status: 401, type: 'authentication_error', message: 'invalid x-api-key' },
  'error-429': {
    status: 429,
    type: 'rate_limit_error',
    message:
      'This request would exceed the rate limit for your organization of 50 requests per minute. Please try again later.',
    headers: { 'retry-after': '1' },
  },
  'error-500': { status: 500, type: 'api_error', message: 'Internal server error' },
  // Anthropic's "unavailable" reply is 529 overloaded_error, not 503.
  'error-503': { status: 529, type: 'overloaded_error', message: 'Overloaded' },
};

/**
 * Starts a fake Anthropic Messages API on 127.0.0.1: `POST /v1/messages` (JSON and SSE),
 * `POST /v1/messages/count_tokens` and `GET /v1/models`, with Anthropic's headers (`request-id`,
 * `text/event-stream` for streams), error bodies and every FAKE_SCENARIOS behaviour chosen by a
 * `[[scenario:NAME]]` directive in the request. Replies replay recordings from the shared
 * conformance folder wherever one fits (see `anthropic-fake-replies.ts`).
 */
export async function startAnthropicFakeUpstream(
  options: AnthropicFakeUpstreamOptions = {},
): Promise<FakeUpstream> {
  const replies = loadAnthropicFakeReplies();
  let requestCount = 0;
  return startFakeServer(async ({ request, response, socket }) => {
    requestCount += 1;
    const context: Context = {
      request,
      response,
      socket,
      requestId: `req_fake${String(requestCount).padStart(20, '0')}`,
    };
    await handle({ context, replies, options });
  });
}

async function handle({
  context,
  replies,
  options,
}: {
  context: Context;
  replies: AnthropicFakeReplies;
  options: AnthropicFakeUpstreamOptions;
}): Promise<void> {
  const { request } = context;
  const path = new URL(request.url, 'http://fake').pathname;
  const route = `${request.method} ${path}`;
  if (!['POST /v1/messages', 'POST /v1/messages/count_tokens', 'GET /v1/models'].includes(route)) {
    sendError(context, { status: 404, type: 'not_found_error', message: 'Not Found' });
    return;
  }
  // The key comes as `x-api-key`, or (as current official SDKs send it) `Authorization: Bearer`.
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const apiKey = request.headers['x-api-key'] ?? bearer;
  if (options.apiKey !== undefined && apiKey !== options.apiKey) {
    const message = apiKey === undefined ? 'x-api-key header is required' : 'invalid x-api-key';
    sendError(context, { status: 401, type: 'authentication_error', message });
    return;
  }
  if (request.headers['anthropic-version'] === undefined) {
    sendError(context, {
      status: 400,
      type: 'invalid_request_error',
      message: 'anthropic-version: header is required',
    });
    return;
  }
  if (route === 'GET /v1/models') {
    sendJson(context, listModels(request.url));
    return;
  }
  const body: any = parseJsonOrUndefined(request.body);
  const problem = validateBody({ body, isCountTokens: route !== 'POST /v1/messages' });
  if (problem !== undefined) {
    sendError(context, { status: 400, type: 'invalid_request_error', message: problem });
    return;
  }
  const scenario = findScenario(request.body);
  const errorReply = ERROR_REPLIES[scenario];
  if (errorReply) {
    sendError(context, errorReply);
    return;
  }
  if (scenario === 'hang-headers') return; // never answer; closing the server ends the socket
  if (route === 'POST /v1/messages/count_tokens') {
    sendJson(context, { input_tokens: Math.max(1, Math.ceil(request.body.length / 4)) });
    return;
  }
  const isStream = body.stream === true;
  const toolNames: string[] = (Array.isArray(body.tools) ? body.tools : []).map((tool: any) =>
    String(tool?.name),
  );
  await replyToMessages({ context, replies, scenario, isStream, toolNames });
}

function validateBody({
  body,
  isCountTokens,
}: {
  body: any;
  isCountTokens: boolean;
}): string | undefined {
  if (typeof body !== 'object' || body === null) return 'The request body is not valid JSON.';
  if (typeof body.model !== 'string') return 'model: Field required';
  if (!Array.isArray(body.messages)) return 'messages: Field required';
  if (isCountTokens) {
    for (const field of [
      'max_tokens',
      'stream',
      'temperature',
      'top_p',
      'top_k',
      'stop_sequences',
    ]) {
      if (field in body) return `${field}: Extra inputs are not permitted`;
    }
    return undefined;
  }
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  return undefined;
}

async function replyToMessages({
  context,
  replies,
  scenario,
  isStream,
  toolNames,
}: {
  context: Context;
  replies: AnthropicFakeReplies;
  scenario: FakeScenario;
  isStream: boolean;
  toolNames: string[];
}): Promise<void> {
  const { response, socket } = context;
  const reply = replies.forScenario({ scenario, toolNames });
  if (!isStream) {
    if (scenario === 'stall-stream' || scenario === 'cut-stream') {
      writeHead(context, 'application/json');
      await write(response, reply.json.slice(0, Math.floor(reply.json.length / 2)));
      if (scenario === 'cut-stream') socket.destroy();
      return;
    }
    writeHead(context, 'application/json');
    response.end(reply.json);
    return;
  }
  writeHead(context, 'text/event-stream; charset=utf-8');
  if (scenario === 'stall-stream' || scenario === 'cut-stream') {
    const events = reply.sse;
    const sent = scenario === 'stall-stream' ? events.slice(0, 1) : events.slice(0, 4);
    await write(response, sent.join(''));
    if (scenario === 'cut-stream') socket.destroy();
    return; // stall: never write again
  }
  await writeInPieces({ response, text: reply.sse.join('') });
  response.end();
}

function listModels(url: string): Record<string, unknown> {
  const query = new URL(url, 'http://fake').searchParams;
  const limit = Number(query.get('limit') ?? '20');
  const afterId = query.get('after_id');
  const start = afterId ? FAKE_ANTHROPIC_MODELS.findIndex((model) => model.id === afterId) + 1 : 0;
  const page = FAKE_ANTHROPIC_MODELS.slice(start, start + limit).map((model) => ({
    type: 'model',
    ...model,
  }));
  return {
    data: page,
    has_more: start + limit < FAKE_ANTHROPIC_MODELS.length,
    first_id: page[0]?.id ?? null,
    last_id: page.at(-1)?.id ?? null,
  };
}

function writeHead(context: Context, contentType: string, status = 200): void {
  context.response.writeHead(status, {
    'content-type': contentType,
    'request-id': context.requestId,
    ...(contentType.startsWith('text/event-stream') ? { 'cache-control': 'no-cache' } : {}),
  });
}

function sendJson(context: Context, value: unknown): void {
  writeHead(context, 'application/json');
  context.response.end(JSON.stringify(value));
}

/** Anthropic's error shape. @see https://docs.anthropic.com/en/api/errors */
function sendError(context: Context, reply: ErrorReply): void {
  context.response.writeHead(reply.status, {
    'content-type': 'application/json',
    'request-id': context.requestId,
    ...reply.headers,
  });
  context.response.end(
    JSON.stringify({
      type: 'error',
      error: { type: reply.type, message: reply.message },
      request_id: context.requestId,
    }),
  );
}

/** Writes and waits until the bytes are handed to the socket, so a destroy after it cannot drop them. */
function write(response: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => response.write(text, () => resolve()));
}
