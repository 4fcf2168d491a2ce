import type { Socket } from 'node:net';
import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import { startFakeServer, type FakeUpstream } from '../../test-utils/fake-server.js';
import { createRequestId } from './openai-fake-bodies.js';
import { answerFakeEmbeddings } from './openai-fake-embeddings.js';
import { sendError, sendJson, type ResponseContext } from './openai-fake-responses.js';
import {
  answerScenario,
  fakeRequestSchema,
  sendAuthenticationError,
} from './openai-fake-scenarios.js';

/** Options of {@link startOpenAIFakeUpstream}. */
export type OpenAIFakeUpstreamOptions = {
  /** When set, every request must carry `Authorization: Bearer <apiKey>`; others get a 401. */
  readonly apiKey?: string;
  /** Path in front of `/chat/completions` and `/models`. Defaults to `/v1`. */
  readonly pathPrefix?: string;
  /**
   * Accept request fields the OpenAI API does not define, as compatible servers do (`top_k`, ...).
   * Defaults to false: like api.openai.com, the fake answers them with a 400.
   */
  readonly allowUnknownParameters?: boolean;
};

/** A running fake; point a client's base URL at {@link baseURL}. */
export type OpenAIFakeUpstream = FakeUpstream & {
  /** `origin` plus the path prefix, e.g. `http://127.0.0.1:43211/v1`. */
  readonly baseURL: string;
};

/** Every top-level field of CreateChatCompletionRequest in the OpenAPI spec. */
const knownParameters = new Set([
  'messages', 'model', 'modalities', 'verbosity', 'reasoning_effort', 'max_completion_tokens',
  'frequency_penalty', 'presence_penalty', 'web_search_options', 'top_logprobs', 'response_format',
  'audio', 'store', 'stream', 'stop', 'logit_bias', 'logprobs', 'max_tokens', 'n', 'prediction',
  'seed', 'stream_options', 'tools', 'tool_choice', 'parallel_tool_calls', 'function_call',
  'functions', 'metadata', 'temperature', 'top_p', 'user', 'safety_identifier', 'prompt_cache_key',
  'prompt_cache_retention', 'prompt_cache_options', 'service_tier', 'moderation',
]); // prettier-ignore

const modelList = {
  object: 'list',
  data: [
    { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
    { id: 'gpt-4.1-nano', object: 'model', created: 1744321025, owned_by: 'system' },
    { id: 'gpt-5-mini', object: 'model', created: 1754425928, owned_by: 'system' },
  ],
};

/**
 * Starts a fake api.openai.com on 127.0.0.1 serving `POST {prefix}/chat/completions` and
 * `GET {prefix}/models`. The answer follows the `[[scenario:NAME]]` directive in the request body
 * (see FAKE_SCENARIOS): text answers replay recorded traffic byte for byte, tool calls and
 * truncation are synthesised per the documented format, errors use OpenAI's error shape.
 */
export async function startOpenAIFakeUpstream(
  options: OpenAIFakeUpstreamOptions = {},
): Promise<OpenAIFakeUpstream> {
  const prefix = options.pathPrefix ?? '/v1';
  const upstream = await startFakeServer(({ request, response, socket }) => {
    const context: ResponseContext = { response, requestId: createRequestId() };
    const path = request.url.split('?')[0];
    const authorization = request.headers.authorization;
    if (options.apiKey !== undefined && authorization !== `Bearer ${options.apiKey}`) {
      sendAuthenticationError({ context, authorization });
    } else if (request.method === 'GET' && path === `${prefix}/models`) {
      sendJson({ context, status: 200, body: JSON.stringify(modelList, null, 2) });
    } else if (request.method === 'POST' && path === `${prefix}/chat/completions`) {
      handleChatCompletion({ context, body: request.body, socket, options });
    } else if (request.method === 'POST' && path === `${prefix}/embeddings`) {
      const reply = answerFakeEmbeddings({ body: request.body });
      sendJson({ context, status: reply.status, body: JSON.stringify(reply.body) });
    } else {
      sendError({
        context,
        status: 404,
        message: `Invalid URL (${request.method} ${path})`,
        type: 'invalid_request_error',
      });
    }
  });
  return { ...upstream, baseURL: `${upstream.origin}${prefix}` };
}

function handleChatCompletion({
  context,
  body,
  socket,
  options,
}: {
  context: ResponseContext;
  body: string;
  socket: Socket;
  options: OpenAIFakeUpstreamOptions;
}): void {
  const raw = parseJsonOrUndefined(body);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    sendError({
      context,
      status: 400,
      message:
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
      type: 'invalid_request_error',
    });
    return;
  }
  const unknown = Object.keys(raw).find((name) => !knownParameters.has(name));
  if (unknown !== undefined && !options.allowUnknownParameters) {
    sendError({
      context,
      status: 400,
      message: `Unrecognized request argument supplied: ${unknown}`,
      type: 'invalid_request_error',
    });
    return;
  }
  const parsed = fakeRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = issue?.path.join('.') ?? '';
    sendError({
      context,
      status: 400,
      message:
        param === 'model'
          ? 'you must provide a model parameter'
          : `Invalid value for '${param}': ${issue?.message ?? 'invalid'}.`,
      type: 'invalid_request_error',
      param: param === 'model' ? null : param,
      code: param === 'model' ? null : 'invalid_value',
    });
    return;
  }
  const request = parsed.data;
  if (request.stream_options != null && request.stream !== true) {
    sendError({
      context,
      status: 400,
      message: "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      type: 'invalid_request_error',
      param: 'stream_options',
      code: 'invalid_value',
    });
    return;
  }
  answerScenario({ context, request, body, socket });
}
