import { answerBedrockInvoke } from './bedrock-fake-embeddings.js';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import {
  startFakeServer,
  type FakeUpstream,
  type RecordedRequest,
} from '../../test-utils/fake-server.js';
import { findScenario, type FakeScenario } from '../../test-utils/scenarios.js';
import {
  loadAmazonBedrockFakeReplies,
  type AmazonBedrockFakeReply,
} from './amazon-bedrock-fake-replies.js';
import {
  concatBytes,
  encodeEventFrames,
  encodeExceptionFrame,
} from './amazon-bedrock-recordings.js';
import { verifySigV4 } from './amazon-bedrock-sigv4-verifier.js';
import { validateConverseBody } from './bedrock-fake-validation.js';

export type BedrockFakeUpstreamOptions = {
  /** When set, every request must carry a valid SigV4 signature made with these credentials. */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** When set, `Authorization: Bearer <apiKey>` is accepted (alone, or beside `credentials`). */
  readonly apiKey?: string;
  /** The region signatures must be scoped to. Defaults to `us-east-1`. */
  readonly region?: string;
};

type Context = {
  readonly request: RecordedRequest;
  readonly response: ServerResponse;
  readonly socket: Socket;
  readonly requestId: string;
};

type ErrorReply = { readonly status: number; readonly type: string; readonly message: string };

const ERROR_REPLIES: Partial<Record<FakeScenario, ErrorReply>> = {
  'error-400': {
    status: 400,
    type: 'ValidationException',
    message: 'The provided model identifier is invalid.',
  },
  // Bedrock refuses bad credentials with 403, never 401.
  'error-401': {
    status: 403,
    type: 'UnrecognizedClientException',
    message: 'The security token included in the request is invalid.',
  },
  // Bedrock sends no Retry-After with its throttling errors.
  'error-429': {
    status: 429,
    type: 'ThrottlingException',
    message: 'Too many tokens, please wait before trying again.',
  },
  'error-500': {
    status: 500,
    type: 'InternalServerException',
    message:
      'The system encountered an unexpected error during processing. Try your request again.',
  },
  'error-503': {
    status: 503,
    type: 'ServiceUnavailableException',
    message: 'Bedrock is unable to process your request.',
  },
};

/** Extra directives of this fake, beside `[[scenario:NAME]]`. */
const FIXTURE_DIRECTIVE = /\[\[bedrock-fixture:([a-z0-9.-]+)\]\]/;
const EXCEPTION_DIRECTIVE = /\[\[bedrock-exception:([a-zA-Z]+)\]\]/;

const routePattern = /^\/model\/([^/]+)\/(converse|converse-stream|count-tokens|invoke)$/;

/** Byte counts of successive writes of a stream: tiny pieces that split frames, and big ones that hold several. */
const PIECE_BYTES = [7, 29, 301, 1, 64, 997];

/**
 * Starts a fake Bedrock Runtime on 127.0.0.1: `POST /model/{modelId}/converse`, `/converse-stream`
 * and `/count-tokens`, protocol-faithful: SigV4 signatures (or Bedrock API keys) are verified and
 * refused in Bedrock's shape; error bodies are `{"message"}` with `x-amzn-errortype`; bodies are
 * checked against Converse's rules (ValidationException); ConverseStream replies are binary
 * `application/vnd.amazon.eventstream` frames written in pieces that split them. Every
 * FAKE_SCENARIOS behaviour is chosen by a `[[scenario:NAME]]` directive, replaying the recorded
 * AI SDK fixtures (see `amazon-bedrock-fake-replies.ts`). Two more directives:
 * `[[bedrock-fixture:NAME]]` replays `ai-sdk-fixtures/amazon-bedrock/NAME.*`, and
 * `[[bedrock-exception:TYPE]]` streams a few events and then a `TYPE` exception frame.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html
 */
export async function startBedrockFakeUpstream(
  options: BedrockFakeUpstreamOptions = {},
): Promise<FakeUpstream> {
  const replies = loadAmazonBedrockFakeReplies();
  let requestCount = 0;
  return startFakeServer(async ({ request, response, socket }) => {
    requestCount += 1;
    const requestId = `00000000-0000-4000-8000-${String(requestCount).padStart(12, '0')}`;
    const context: Context = { request, response, socket, requestId };
    const [path = ''] = request.url.split('?');
    const route = routePattern.exec(path);
    if (request.method !== 'POST' || !route?.[1] || !route[2]) {
      sendError(context, { status: 404, type: 'UnknownOperationException', message: '' });
      return;
    }
    const rejection = await authenticate({ request, options });
    if (rejection) {
      sendError(context, rejection);
      return;
    }
    const operation = route[2];
    const body: any = parseJsonOrUndefined(request.body);
    if (operation === 'invoke') {
      const reply = answerBedrockInvoke({ modelId: decodeURIComponent(route[1]), body });
      if ('body' in reply) {
        context.response.writeHead(200, {
          'content-type': 'application/json',
          'x-amzn-requestid': context.requestId,
          'x-amzn-bedrock-input-token-count': String(reply.inputTokenCount),
        });
        context.response.end(JSON.stringify(reply.body));
      } else sendError(context, reply);
      return;
    }
    const problem = validateConverseBody({ body, isCountTokens: operation === 'count-tokens' });
    if (problem !== undefined) {
      sendError(context, { status: 400, type: 'ValidationException', message: problem });
      return;
    }
    const scenario = findScenario(request.body);
    const errorReply = ERROR_REPLIES[scenario];
    if (errorReply) {
      sendError(context, errorReply);
      return;
    }
    if (scenario === 'hang-headers') return; // never answer; closing the server ends the socket
    if (operation === 'count-tokens') {
      sendJson(context, { inputTokens: Math.max(1, Math.ceil(request.body.length / 4)) });
      return;
    }
    const toolNames: string[] = (body.toolConfig?.tools ?? []).map((tool: any) =>
      String(tool?.toolSpec?.name),
    );
    const fixtureName = FIXTURE_DIRECTIVE.exec(request.body)?.[1];
    const recorded = fixtureName === undefined ? {} : replies.forFixture(fixtureName);
    const fallback = replies.forScenario({ scenario, toolNames });
    const reply: AmazonBedrockFakeReply = {
      json: recorded.json ?? fallback.json,
      events: recorded.events ?? fallback.events,
    };
    if (operation === 'converse') {
      await replyToConverse({ context, scenario, reply });
      return;
    }
    const exceptionType = EXCEPTION_DIRECTIVE.exec(request.body)?.[1];
    await replyToConverseStream({ context, scenario, reply, exceptionType });
  });
}

async function authenticate({
  request,
  options,
}: {
  request: RecordedRequest;
  options: BedrockFakeUpstreamOptions;
}): Promise<ErrorReply | undefined> {
  if (options.credentials === undefined && options.apiKey === undefined) return undefined;
  const authorization = request.headers.authorization;
  if (typeof authorization !== 'string' || authorization.length === 0) {
    return {
      status: 403,
      type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    };
  }
  if (authorization.startsWith('Bearer ')) {
    return options.apiKey !== undefined && authorization === `Bearer ${options.apiKey}`
      ? undefined
      : {
          status: 403,
          type: 'UnrecognizedClientException',
          message: 'Invalid API Key format: Must start with pre-defined prefix',
        };
  }
  if (options.credentials === undefined) {
    return {
      status: 403,
      type: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  return verifySigV4({
    request,
    credentials: options.credentials,
    region: options.region ?? 'us-east-1',
    service: 'bedrock',
  });
}

async function replyToConverse({
  context,
  scenario,
  reply,
}: {
  context: Context;
  scenario: FakeScenario;
  reply: AmazonBedrockFakeReply;
}): Promise<void> {
  writeHead(context, 'application/json');
  if (scenario === 'stall-stream' || scenario === 'cut-stream') {
    await write(context.response, Buffer.from(reply.json.slice(0, reply.json.length / 2)));
    if (scenario === 'cut-stream') context.socket.destroy();
    return; // stall: never write again
  }
  context.response.end(reply.json);
}

async function replyToConverseStream({
  context,
  scenario,
  reply,
  exceptionType,
}: {
  context: Context;
  scenario: FakeScenario;
  reply: AmazonBedrockFakeReply;
  exceptionType: string | undefined;
}): Promise<void> {
  const { response, socket } = context;
  writeHead(context, 'application/vnd.amazon.eventstream');
  if (scenario === 'malformed') {
    // A 200 whose body is not event-stream frames (what a misrouted SSE proxy would send).
    await write(response, Buffer.from('data: {"choices":[{"delta":{"content":"Hi"}}]}\n\n'));
    response.end();
    return;
  }
  const frames = encodeEventFrames(reply.events);
  if (scenario === 'stall-stream') {
    await write(response, frames[0] ?? new Uint8Array());
    return; // never write again
  }
  if (scenario === 'cut-stream') {
    const sent = concatBytes(frames.slice(0, 4));
    const partial = frames[4]?.subarray(0, 10) ?? new Uint8Array();
    await write(response, concatBytes([sent, partial]));
    socket.destroy();
    return;
  }
  if (exceptionType !== undefined) {
    const exception = encodeExceptionFrame({
      exceptionType,
      message: `The fake upstream raised ${exceptionType} in the middle of the stream.`,
    });
    await writeInPieces(response, concatBytes([...frames.slice(0, 3), exception]));
    response.end();
    return;
  }
  await writeInPieces(response, concatBytes(frames));
  response.end();
}

function writeHead(context: Context, contentType: string, status = 200): void {
  context.response.writeHead(status, {
    'content-type': contentType,
    'x-amzn-requestid': context.requestId,
  });
}

function sendJson(context: Context, value: unknown): void {
  writeHead(context, 'application/json');
  context.response.end(JSON.stringify(value));
}

/**
 * Bedrock's error shape: the exception name in `x-amzn-errortype` (with its coral namespace) and
 * `{"message": "..."}` as the body.
 */
function sendError(context: Context, reply: ErrorReply): void {
  context.response.writeHead(reply.status, {
    'content-type': 'application/json',
    'x-amzn-requestid': context.requestId,
    'x-amzn-errortype': `${reply.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
  });
  context.response.end(JSON.stringify({ message: reply.message || null }));
}

/** Writes bytes in pieces of varying size, yielding between them so they leave separately. */
async function writeInPieces(response: ServerResponse, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  for (let piece = 0; offset < bytes.length; piece++) {
    if (response.destroyed) return;
    const size = PIECE_BYTES[piece % PIECE_BYTES.length] ?? 64;
    await write(response, bytes.subarray(offset, offset + size));
    offset += size;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Writes and waits until the bytes are handed to the socket, so a destroy after it cannot drop them. */
function write(response: ServerResponse, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve) => response.write(bytes, () => resolve()));
}
