// How the fake OpenAI upstream answers each scenario of FAKE_SCENARIOS, once a request passed
// authentication and validation in openai-fake-upstream.ts.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { z } from 'zod';
import { assertNever } from '../../../spec/index.js';
import { findScenario } from '../../test-utils/scenarios.js';
import {
  createCompletionBody,
  createCompletionIdentity,
  createToolCallChunks,
  createToolCallId,
  createUsage,
  sampleArguments,
  type FakeToolCall,
  type StreamFraming,
} from './openai-fake-bodies.js';
import {
  createReplayedStream,
  createTruncatedBody,
  createTruncatedChunks,
  sendError,
  sendEvents,
  sendJson,
  type ResponseContext,
} from './openai-fake-responses.js';
import { loadOpenAIRecordings } from './openai-fake-recordings.js';

/** The request fields the fake reads; everything else is accepted as is. */
export const fakeRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(z.unknown()).min(1),
  stream: z.boolean().nullish(),
  stream_options: z
    .object({ include_usage: z.boolean().nullish(), include_obfuscation: z.boolean().nullish() })
    .nullish(),
  tools: z
    .array(
      z.object({
        type: z.string(),
        function: z.object({ name: z.string(), parameters: z.unknown() }).nullish(),
      }),
    )
    .nullish(),
  tool_choice: z
    .union([z.string(), z.object({ type: z.string(), function: z.object({ name: z.string() }) })])
    .nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  max_tokens: z.number().int().nullish(),
  max_completion_tokens: z.number().int().nullish(),
  logprobs: z.boolean().nullish(),
});

/** A request as the fake reads it. */
export type FakeRequest = z.output<typeof fakeRequestSchema>;

/** Answers a missing or wrong key like api.openai.com does. */
export function sendAuthenticationError({
  context,
  authorization,
}: {
  context: ResponseContext;
  authorization: string | undefined;
}): void {
  const key = authorization?.replace(/^Bearer\s+/i, '') ?? '';
  const message = key
    ? `Incorrect API key provided: ${key.slice(0, 3)}${'*'.repeat(Math.max(0, key.length - 7))}${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`
    : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.";
  sendError({
    context,
    status: 401,
    message,
    type: 'invalid_request_error',
    code: key ? 'invalid_api_key' : null,
  });
}

/** Answers a valid chat completion request per its `[[scenario:NAME]]` directive. */
export function answerScenario({
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
  const recordings = loadOpenAIRecordings();
  const isStreaming = request.stream === true;
  const framing: StreamFraming = {
    includeUsage: request.stream_options?.include_usage === true,
    includeObfuscation: request.stream_options?.include_obfuscation !== false,
  };
  const promptTokens = Math.max(1, Math.ceil(body.length / 4));
  const scenario = findScenario(body);
  switch (scenario) {
    case 'text':
      if (isStreaming)
        sendEvents({
          context,
          events: createReplayedStream({ kind: 'text', framing, recordings }),
        });
      else sendJson({ context, status: 200, body: recordings.textBody });
      return;
    case 'json':
      if (isStreaming) {
        const kind = request.logprobs === true ? 'json-logprobs' : 'json';
        sendEvents({ context, events: createReplayedStream({ kind, framing, recordings }) });
      } else {
        sendJson({ context, status: 200, body: recordings.jsonBody });
      }
      return;
    case 'tool-call':
    case 'parallel-tool-calls':
      answerToolCalls({
        context,
        request,
        framing,
        promptTokens,
        isParallel: scenario === 'parallel-tool-calls',
      });
      return;
    case 'max-tokens': {
      // Each recorded chunk is one token; stop after the limit (at most 16, to stay small).
      const limit = Math.max(
        1,
        Math.min(request.max_completion_tokens ?? request.max_tokens ?? 16, 16),
      );
      if (isStreaming)
        sendEvents({
          context,
          events: createTruncatedChunks({ recordings, tokens: limit, framing }),
        });
      else
        sendJson({
          context,
          status: 200,
          body: createTruncatedBody({ recordings, tokens: limit }),
        });
      return;
    }
    case 'error-400':
      sendJson({ context, status: 400, body: recordings.invalidRequestBody });
      return;
    case 'error-401':
      sendAuthenticationError({ context, authorization: 'Bearer sk-fake-rejected-key-0000' });
      return;
    case 'error-429':
      sendError({
        context,
        status: 429,
        message: `Rate limit reached for ${request.model} in organization org-fake on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 250ms. Visit https://platform.openai.com/account/rate-limits to learn more.`,
        type: 'requests',
        code: 'rate_limit_exceeded',
        headers: {
          'retry-after-ms': '250',
          'retry-after': '1',
          'x-ratelimit-limit-requests': '3',
          'x-ratelimit-remaining-requests': '0',
          'x-ratelimit-reset-requests': '250ms',
        },
      });
      return;
    case 'error-500':
      sendError({
        context,
        status: 500,
        message: `The server had an error while processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if the error persists. (Please include the request ID ${context.requestId} in your message.)`,
        type: 'server_error',
      });
      return;
    case 'error-503':
      sendError({
        context,
        status: 503,
        message: 'The engine is currently overloaded, please try again later.',
        type: 'server_error',
      });
      return;
    case 'malformed':
      if (isStreaming) {
        sendEvents({
          context,
          events: [
            'data: {"object":"chat.completion.chunk","choices":"not a list"}\n\n',
            'data: [DONE]\n\n',
          ],
        });
      } else {
        sendJson({
          context,
          status: 200,
          body: '{"object":"chat.completion","result":"This body does not follow the Chat Completions format."}',
        });
      }
      return;
    case 'hang-headers':
      return; // never answers; closing the fake destroys the socket
    case 'stall-stream':
    case 'cut-stream': {
      const first = isStreaming
        ? `data: ${recordings.textChunks[0] ?? '{}'}\n\n`
        : recordings.textBody.slice(0, 64);
      writeFirstPart({ context, isStreaming, text: first });
      if (scenario === 'cut-stream') context.response.write('', () => socket.destroy());
      return; // stall-stream: never writes again
    }
    default:
      assertNever(scenario);
  }
}

function writeFirstPart({
  context,
  isStreaming,
  text,
}: {
  context: ResponseContext;
  isStreaming: boolean;
  text: string;
}): void {
  const response: ServerResponse = context.response;
  response.writeHead(200, {
    'content-type': isStreaming ? 'text/event-stream; charset=utf-8' : 'application/json',
    'x-request-id': context.requestId,
  });
  response.write(text);
}

function answerToolCalls({
  context,
  request,
  framing,
  promptTokens,
  isParallel,
}: {
  context: ResponseContext;
  request: FakeRequest;
  framing: StreamFraming;
  promptTokens: number;
  isParallel: boolean;
}): void {
  const functions = (request.tools ?? []).flatMap((tool) =>
    tool.type === 'function' && tool.function ? [tool.function] : [],
  );
  const toolChoice = request.tool_choice;
  const chosen =
    typeof toolChoice === 'object' && toolChoice !== null
      ? functions.find((tool) => tool.name === toolChoice.function.name)
      : undefined;
  const first = chosen ?? functions[0];
  if (first === undefined) {
    sendError({
      context,
      status: 400,
      message:
        "The fake upstream's tool-call scenarios need at least one function tool in 'tools'.",
      type: 'invalid_request_error',
      param: 'tools',
    });
    return;
  }
  const targets =
    isParallel && request.parallel_tool_calls !== false
      ? [first, chosen ?? functions[1] ?? first]
      : [first];
  const calls: FakeToolCall[] = targets.map((tool, variant) => ({
    id: createToolCallId(),
    name: tool.name,
    arguments: JSON.stringify(sampleArguments(tool.parameters, variant)),
  }));
  const identity = createCompletionIdentity(request.model);
  if (request.stream === true) {
    sendEvents({
      context,
      events: [
        ...createToolCallChunks({ identity, framing, calls, promptTokens }).map(
          (chunk) => `data: ${chunk}\n\n`,
        ),
        'data: [DONE]\n\n',
      ],
    });
    return;
  }
  const message = {
    content: null,
    tool_calls: calls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    })),
  };
  const usage = createUsage({ promptTokens, completionTokens: 12 * calls.length });
  const completion = createCompletionBody({ identity, message, finishReason: 'tool_calls', usage });
  sendJson({ context, status: 200, body: JSON.stringify(completion, null, 2) });
}
