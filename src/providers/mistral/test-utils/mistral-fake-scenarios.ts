// How the fake Mistral upstream answers each scenario of FAKE_SCENARIOS plus its own recorded
// directives, once a request passed authentication and validation.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import { assertNever } from '../../../spec/index.js';
import { sampleArguments } from '../../openai/test-utils/openai-fake-bodies.js';
import {
  sendEvents,
  sendJson,
  type ResponseContext,
} from '../../openai/test-utils/openai-fake-responses.js';
import type { FakeRequest } from '../../openai/test-utils/openai-fake-scenarios.js';
import { findScenario, type FakeScenario } from '../../test-utils/scenarios.js';
import { generateMistralToolCallId } from '../mistral-tool-call-id.js';
import { loadMistralRecordings } from './mistral-fake-recordings.js';

/** Mistral-only scenarios, chosen with `[[mistral:NAME]]`; they win over `[[scenario:]]`. */
export const MISTRAL_FAKE_SCENARIOS = [
  /** The recorded Magistral answer (thinking and text chunks). */
  'reasoning',
  /** The recorded whole-in-one-chunk tool call. */
  'recorded-tool-call',
  /** The recorded OpenAI-style incremental tool call (stream only). */
  'incremental-tool-call',
] as const;

export type MistralFakeScenario = (typeof MISTRAL_FAKE_SCENARIOS)[number];

/** The directive text to put in a prompt. */
export function mistralScenarioDirective(scenario: MistralFakeScenario): string {
  return `[[mistral:${scenario}]]`;
}

function findMistralScenario(body: string): MistralFakeScenario | FakeScenario {
  let found: string | undefined;
  for (const match of body.matchAll(/\[\[mistral:([a-z0-9-]+)\]\]/g)) found = match[1];
  return MISTRAL_FAKE_SCENARIOS.find((name) => name === found) ?? findScenario(body);
}

/** Sends an error in Mistral's `{ object: 'error', message, type, param, code }` shape. */
export function sendMistralError({
  context,
  status,
  message,
  type,
  code = null,
  headers,
}: {
  context: ResponseContext;
  status: number;
  message: unknown;
  type: string;
  code?: string | null;
  headers?: Record<string, string>;
}): void {
  const body = JSON.stringify({ object: 'error', message, type, param: null, code });
  sendJson({ context, status, body, ...(headers ? { headers } : {}) });
}

/** What the chunks and body of one synthesised answer share. */
type Identity = { readonly id: string; readonly created: number; readonly model: string };

function createIdentity(model: string): Identity {
  return {
    id: randomBytes(16).toString('hex'),
    created: Math.floor(Date.now() / 1000),
    model,
  };
}

function usageFor(completionTokens: number) {
  return {
    prompt_tokens: 13,
    total_tokens: 13 + completionTokens,
    completion_tokens: completionTokens,
  };
}

function chunk({
  identity,
  delta,
  finishReason = null,
  completionTokens,
}: {
  identity: Identity;
  delta: Record<string, unknown>;
  finishReason?: string | null;
  completionTokens?: number;
}): string {
  return JSON.stringify({
    ...identity,
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    ...(completionTokens === undefined ? {} : { usage: usageFor(completionTokens) }),
  });
}

function completion({
  identity,
  message,
  finishReason,
  completionTokens,
}: {
  identity: Identity;
  message: Record<string, unknown>;
  finishReason: string;
  completionTokens: number;
}): string {
  return JSON.stringify(
    {
      id: identity.id,
      created: identity.created,
      model: identity.model,
      usage: usageFor(completionTokens),
      object: 'chat.completion',
      choices: [
        { index: 0, finish_reason: finishReason, message: { role: 'assistant', ...message } },
      ],
    },
    null,
    2,
  );
}

/** Answers a valid chat request per its directive. */
export function answerMistralScenario({
  context,
  request,
  body,
  socket,
}: {
  context: ResponseContext;
  request: FakeRequest;
  body: string;
  socket: Socket;
}): void {
  const recordings = loadMistralRecordings();
  const isStreaming = request.stream === true;
  const stream = (lines: ReadonlyArray<string>) =>
    sendEvents({
      context,
      events: [...lines.map((line) => `data: ${line}\n\n`), 'data: [DONE]\n\n'],
    });
  const replay = ({ chunks, json }: { chunks: ReadonlyArray<string>; json: string }) => {
    if (isStreaming) stream(chunks);
    else sendJson({ context, status: 200, body: json });
  };
  const answerText = ({ text, finishReason }: { text: string; finishReason: string }) => {
    const identity = createIdentity(request.model);
    const words = text.split(/(?= )/);
    if (!isStreaming) {
      const message = { tool_calls: null, content: text };
      replay({
        chunks: [],
        json: completion({ identity, message, finishReason, completionTokens: words.length }),
      });
      return;
    }
    stream([
      chunk({ identity, delta: { role: 'assistant', content: '' } }),
      ...words.map((word) => chunk({ identity, delta: { content: word } })),
      chunk({ identity, delta: { content: '' }, finishReason, completionTokens: words.length }),
    ]);
  };
  const scenario = findMistralScenario(body);
  switch (scenario) {
    case 'text':
      replay({ chunks: recordings.textChunks, json: recordings.textBody });
      return;
    case 'reasoning':
      replay({ chunks: recordings.reasoningChunks, json: recordings.reasoningBody });
      return;
    case 'recorded-tool-call':
      replay({ chunks: recordings.toolCallChunks, json: recordings.toolCallBody });
      return;
    case 'incremental-tool-call':
      replay({ chunks: recordings.incrementalToolCallChunks, json: recordings.toolCallBody });
      return;
    case 'json':
      answerText({ text: '{"greeting": "Hello, world!"}', finishReason: 'stop' });
      return;
    case 'max-tokens': {
      // Each recorded chunk is one token; cut after the limit (at most 4).
      const limit = Math.max(1, Math.min(request.max_tokens ?? 4, 4));
      const text = recordings.textChunks
        .slice(1, limit + 1)
        .map((line) => /"content":"([^"]*)"/.exec(line)?.[1] ?? '')
        .join('');
      answerText({ text, finishReason: 'length' });
      return;
    }
    case 'tool-call':
    case 'parallel-tool-calls':
      answerToolCalls({ context, request, isParallel: scenario === 'parallel-tool-calls', stream });
      return;
    case 'error-400':
      sendMistralError({
        context,
        status: 400,
        message: `Invalid model: ${request.model}-unknown`,
        type: 'invalid_model',
        code: '1500',
      });
      return;
    case 'error-401':
      sendJson({
        context,
        status: 401,
        body: JSON.stringify({
          message: 'Unauthorized',
          request_id: randomBytes(16).toString('hex'),
        }),
      });
      return;
    case 'error-429':
      sendMistralError({
        context,
        status: 429,
        message: 'Requests rate limit exceeded',
        type: 'rate_limited',
        code: '1300',
        headers: { 'retry-after': '1' },
      });
      return;
    case 'error-500':
      sendMistralError({
        context,
        status: 500,
        message: 'Internal server error',
        type: 'internal_server_error',
      });
      return;
    case 'error-503':
      sendMistralError({
        context,
        status: 503,
        message: 'Service tier capacity exceeded for this model.',
        type: 'service_tier_capacity_exceeded',
        code: '3505',
      });
      return;
    case 'malformed':
      if (isStreaming) stream(['{"object":"chat.completion.chunk","choices":{"index":0}}']);
      else
        sendJson({ context, status: 200, body: '{"object":"chat.completion","choices":"none"}' });
      return;
    case 'hang-headers':
      return; // never answers; closing the fake destroys the socket
    case 'stall-stream':
    case 'cut-stream':
      context.response.writeHead(200, {
        'content-type': isStreaming ? 'text/event-stream; charset=utf-8' : 'application/json',
      });
      context.response.write(
        isStreaming
          ? `data: ${recordings.textChunks[0] ?? '{}'}\n\n`
          : recordings.textBody.slice(0, 64),
      );
      if (scenario === 'cut-stream') context.response.write('', () => socket.destroy());
      return; // stall-stream: never writes again
    default:
      assertNever(scenario);
  }
}

/** Tool calls as Mistral sends them: whole, in one chunk, 9-character ids, no index. */
function answerToolCalls({
  context,
  request,
  isParallel,
  stream,
}: {
  context: ResponseContext;
  request: FakeRequest;
  isParallel: boolean;
  stream: (lines: ReadonlyArray<string>) => void;
}): void {
  const functions = (request.tools ?? []).flatMap((tool) => (tool.function ? [tool.function] : []));
  const first = functions[0];
  if (first === undefined) {
    sendMistralError({
      context,
      status: 400,
      message: "The fake upstream's tool-call scenarios need a function tool in 'tools'.",
      type: 'invalid_request_message_error',
    });
    return;
  }
  const targets = isParallel && request.parallel_tool_calls !== false ? [first, first] : [first];
  const toolCalls = targets.map((tool, variant) => ({
    id: generateMistralToolCallId(),
    function: {
      name: tool.name,
      arguments: JSON.stringify(sampleArguments(tool.parameters, variant)),
    },
  }));
  const identity = createIdentity(request.model);
  const completionTokens = 11 * toolCalls.length;
  if (request.stream === true) {
    stream([
      chunk({ identity, delta: { role: 'assistant', content: '' } }),
      chunk({
        identity,
        delta: { content: null, tool_calls: toolCalls },
        finishReason: 'tool_calls',
        completionTokens,
      }),
    ]);
    return;
  }
  sendJson({
    context,
    status: 200,
    body: completion({
      identity,
      message: { tool_calls: toolCalls },
      finishReason: 'tool_calls',
      completionTokens,
    }),
  });
}
