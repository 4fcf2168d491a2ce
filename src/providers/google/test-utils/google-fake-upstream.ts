import { answerGoogleBatchEmbed } from './google-fake-embeddings.js';
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
import { loadGoogleFakeReplies, type GoogleFakeReplies } from './google-fake-replies.js';
import {
  chunksToJsonArray,
  chunksToServerSentEvents,
  readGoogleFixture,
} from './google-recordings.js';
import {
  validateCountTokensBody,
  validateGenerateContentBody,
} from './google-request-validator.js';

export type GoogleFakeUpstreamOptions = {
  /**
   * When set, requests must carry this key in `x-goog-api-key` (or `?key=`): without a key they
   * get Google's 403 PERMISSION_DENIED, with a wrong one its 400 API_KEY_INVALID.
   */
  readonly apiKey?: string;
};

/** The models `GET /v1beta/models` lists (two pages of two with `pageSize=2`). */
export const FAKE_GOOGLE_MODELS = [
  {
    name: 'models/gemini-2.5-flash',
    displayName: 'Gemini 2.5 Flash',
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent'],
  },
  {
    name: 'models/gemini-2.5-pro',
    displayName: 'Gemini 2.5 Pro',
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent'],
  },
  {
    name: 'models/gemini-embedding-001',
    displayName: 'Gemini Embedding 001',
    supportedGenerationMethods: ['embedContent', 'countTextTokens', 'countTokens'],
  },
  {
    name: 'models/gemini-3-pro-preview',
    displayName: 'Gemini 3 Pro Preview',
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent'],
  },
] as const;

type Context = {
  readonly request: RecordedRequest;
  readonly response: ServerResponse;
  readonly socket: Socket;
  readonly requestNumber: number;
};

type ErrorReply = {
  readonly status: number;
  /** The whole body, for replies replayed from a recording. */
  readonly body?: string;
  readonly googleStatus?: string;
  readonly message?: string;
  readonly details?: ReadonlyArray<Record<string, unknown>>;
};

const ERROR_REPLIES: Partial<Record<FakeScenario, ErrorReply>> = {
  'error-400': {
    status: 400,
    googleStatus: 'INVALID_ARGUMENT',
    message:
      "* GenerateContentRequest.contents[0].parts[0].data: required oneof field 'data' must have one initialized field\n",
  },
  'error-401': {
    status: 401,
    googleStatus: 'UNAUTHENTICATED',
    message:
      'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
  },
  'error-500': {
    status: 500,
    googleStatus: 'INTERNAL',
    message:
      'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  },
  'error-503': {
    status: 503,
    googleStatus: 'UNAVAILABLE',
    message: 'The model is overloaded. Please try again later.',
  },
};

const modelRoute =
  /^\/v1beta\/((?:models|tunedModels)\/[^/:]+):(generateContent|streamGenerateContent|countTokens|batchEmbedContents)$/;

/**
 * Starts a fake Gemini API (Generative Language, v1beta) on 127.0.0.1:
 * `POST /v1beta/models/{model}:generateContent`, `:streamGenerateContent` (SSE with `alt=sse`,
 * a streamed JSON array without), `:countTokens`, `GET /v1beta/models` (paged) and
 * `GET /v1beta/models/{model}`, with Google's headers, error bodies (`{error:{code,message,
 * status,details}}`; an HTML 404 for unknown paths, as Google's front end sends), request
 * validation (see google-request-validator.ts) and every FAKE_SCENARIOS behaviour chosen by a
 * `[[scenario:NAME]]` directive in the request. Replies replay the recorded fixtures where one
 * fits (see google-fake-replies.ts); the 429 replays `google-429-retry-info.json`, whose wait
 * is only in `details[].retryDelay`, as at Google.
 */
export async function startGoogleFakeUpstream(
  options: GoogleFakeUpstreamOptions = {},
): Promise<FakeUpstream> {
  const replies = loadGoogleFakeReplies();
  const rateLimitBody = readGoogleFixture('google-429-retry-info.json');
  let requestCount = 0;
  return startFakeServer(async ({ request, response, socket }) => {
    requestCount += 1;
    const context: Context = { request, response, socket, requestNumber: requestCount };
    await handle({ context, replies, rateLimitBody, options });
  });
}

async function handle({
  context,
  replies,
  rateLimitBody,
  options,
}: {
  context: Context;
  replies: GoogleFakeReplies;
  rateLimitBody: string;
  options: GoogleFakeUpstreamOptions;
}): Promise<void> {
  const { request } = context;
  const url = new URL(request.url, 'http://fake');
  const route = modelRoute.exec(url.pathname);
  const isModelList = request.method === 'GET' && url.pathname === '/v1beta/models';
  const modelGet = /^\/v1beta\/(models\/[^/:]+)$/.exec(url.pathname);
  const isKnownRoute =
    (request.method === 'POST' && route !== null) ||
    isModelList ||
    (request.method === 'GET' && modelGet !== null);
  if (!isKnownRoute) {
    sendHtmlNotFound(context, url.pathname);
    return;
  }
  const authProblem = checkApiKey({ request, url, expected: options.apiKey });
  if (authProblem) {
    sendError(context, authProblem);
    return;
  }
  if (isModelList) {
    sendJson(context, listModels(url));
    return;
  }
  if (modelGet) {
    const model = FAKE_GOOGLE_MODELS.find((entry) => entry.name === modelGet[1]);
    if (model) sendJson(context, model);
    else sendError(context, notFound(modelGet[1] ?? '', 'get'));
    return;
  }
  const method = route?.[2] ?? '';
  const body: unknown = parseJsonOrUndefined(request.body);
  if (body === undefined) {
    sendError(context, {
      status: 400,
      googleStatus: 'INVALID_ARGUMENT',
      message: 'Invalid JSON payload received. Unexpected token.',
    });
    return;
  }
  if (method === 'batchEmbedContents') {
    const reply = answerGoogleBatchEmbed({ modelPath: route?.[1] ?? '', body });
    if ('body' in reply) sendJson(context, reply.body);
    else sendError(context, reply);
    return;
  }
  const problem =
    method === 'countTokens' ? validateCountTokensBody(body) : validateGenerateContentBody(body);
  if (problem !== undefined) {
    sendError(context, { status: 400, googleStatus: 'INVALID_ARGUMENT', message: problem });
    return;
  }
  const scenario = findScenario(request.body);
  if (scenario === 'error-429') {
    sendError(context, { status: 429, body: rateLimitBody });
    return;
  }
  const errorReply = ERROR_REPLIES[scenario];
  if (errorReply) {
    sendError(context, errorReply);
    return;
  }
  if (scenario === 'hang-headers') return; // never answer; closing the server ends the socket
  if (method === 'countTokens') {
    sendJson(context, {
      totalTokens: Math.max(1, Math.ceil(request.body.length / 4)),
      promptTokensDetails: [
        { modality: 'TEXT', tokenCount: Math.max(1, Math.ceil(request.body.length / 4)) },
      ],
    });
    return;
  }
  const reply = replies.forScenario({
    scenario,
    toolNames: declaredToolNames(body),
    responseSchema: (body as any).generationConfig?.responseSchema,
  });
  if (method === 'generateContent') {
    await replyJson({ context, scenario, json: reply.json });
    return;
  }
  await replyStream({
    context,
    scenario,
    chunks: reply.chunks,
    isServerSentEvents: url.searchParams.get('alt') === 'sse',
  });
}

function checkApiKey({
  request,
  url,
  expected,
}: {
  request: RecordedRequest;
  url: URL;
  expected: string | undefined;
}): ErrorReply | undefined {
  if (expected === undefined) return undefined;
  const header = request.headers['x-goog-api-key'];
  const key =
    (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('key') ?? undefined;
  if (key === undefined) {
    return {
      status: 403,
      googleStatus: 'PERMISSION_DENIED',
      message:
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    };
  }
  if (key === expected) return undefined;
  return {
    status: 400,
    googleStatus: 'INVALID_ARGUMENT',
    message: 'API key not valid. Please pass a valid API key.',
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
        reason: 'API_KEY_INVALID',
        domain: 'googleapis.com',
        metadata: { service: 'generativelanguage.googleapis.com' },
      },
      {
        '@type': 'type.googleapis.com/google.rpc.LocalizedMessage',
        locale: 'en-US',
        message: 'API key not valid. Please pass a valid API key.',
      },
    ],
  };
}

function notFound(model: string, method: string): ErrorReply {
  return {
    status: 404,
    googleStatus: 'NOT_FOUND',
    message: `${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see the list of available models and their supported methods.`,
  };
}

function declaredToolNames(body: any): string[] {
  const tools: any[] = Array.isArray(body?.tools) ? body.tools : [];
  return tools.flatMap((tool) =>
    (tool.functionDeclarations ?? tool.function_declarations ?? []).map((declaration: any) =>
      String(declaration.name),
    ),
  );
}

function listModels(url: URL): Record<string, unknown> {
  const pageSize = Math.min(1000, Number(url.searchParams.get('pageSize') ?? '50'));
  const start = Number(url.searchParams.get('pageToken') ?? '0');
  const models = FAKE_GOOGLE_MODELS.slice(start, start + pageSize);
  const next = start + pageSize;
  return {
    models,
    ...(next < FAKE_GOOGLE_MODELS.length ? { nextPageToken: String(next) } : {}),
  };
}

async function replyJson({
  context,
  scenario,
  json,
}: {
  context: Context;
  scenario: FakeScenario;
  json: string;
}): Promise<void> {
  writeHead(context, 'application/json; charset=UTF-8');
  if (scenario === 'stall-stream' || scenario === 'cut-stream') {
    await write(context.response, json.slice(0, Math.floor(json.length / 2)));
    if (scenario === 'cut-stream') context.socket.destroy();
    return; // stall: never write again
  }
  context.response.end(json);
}

async function replyStream({
  context,
  scenario,
  chunks,
  isServerSentEvents,
}: {
  context: Context;
  scenario: FakeScenario;
  chunks: ReadonlyArray<string>;
  isServerSentEvents: boolean;
}): Promise<void> {
  const { response, socket } = context;
  if (!isServerSentEvents) {
    writeHead(context, 'application/json; charset=UTF-8');
    const array = chunksToJsonArray(chunks);
    if (scenario === 'stall-stream' || scenario === 'cut-stream') {
      await write(response, array.slice(0, Math.floor(array.length / 2)));
      if (scenario === 'cut-stream') socket.destroy();
      return;
    }
    await writeInPieces({ response, text: array });
    response.end();
    return;
  }
  writeHead(context, 'text/event-stream');
  const events = chunksToServerSentEvents(chunks);
  if (scenario === 'stall-stream' || scenario === 'cut-stream') {
    await write(response, events.slice(0, 1).join(''));
    if (scenario === 'cut-stream') socket.destroy();
    return; // stall: never write again
  }
  await writeInPieces({ response, text: events.join('') });
  response.end();
}

/** The headers Google's front end puts on API replies. */
function writeHead(context: Context, contentType: string, status = 200): void {
  context.response.writeHead(status, {
    'content-type': contentType,
    vary: 'Origin, X-Origin, Referer',
    server: 'scaffolding on HTTPServer2',
    'x-xss-protection': '0',
    'x-frame-options': 'SAMEORIGIN',
    'x-content-type-options': 'nosniff',
    'server-timing': `gfet4t7; dur=${100 + context.requestNumber}`,
    ...(contentType === 'text/event-stream' ? { 'content-disposition': 'attachment' } : {}),
  });
}

function sendJson(context: Context, value: unknown): void {
  writeHead(context, 'application/json; charset=UTF-8');
  context.response.end(`${JSON.stringify(value, null, 2)}\n`);
}

/** Google's error shape. @see https://cloud.google.com/apis/design/errors#http_mapping */
function sendError(context: Context, reply: ErrorReply): void {
  writeHead(context, 'application/json; charset=UTF-8', reply.status);
  const body =
    reply.body ??
    `${JSON.stringify(
      {
        error: {
          code: reply.status,
          message: reply.message,
          status: reply.googleStatus,
          ...(reply.details ? { details: reply.details } : {}),
        },
      },
      null,
      2,
    )}\n`;
  context.response.end(body);
}

/** What Google's front end answers for a path no API serves. */
function sendHtmlNotFound(context: Context, path: string): void {
  writeHead(context, 'text/html; charset=UTF-8', 404);
  context.response.end(
    `<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 404 (Not Found)!!1</title>\n  <p><b>404.</b> <ins>That’s an error.</ins>\n  <p>The requested URL <code>${path}</code> was not found on this server.  <ins>That’s all we know.</ins>\n`,
  );
}

/** Writes and waits until the bytes are handed to the socket, so a destroy after it cannot drop them. */
function write(response: ServerResponse, text: string): Promise<void> {
  return new Promise((resolve) => response.write(text, () => resolve()));
}
