import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import { createRequestId } from '../../openai/test-utils/openai-fake-bodies.js';
import { sendJson, type ResponseContext } from '../../openai/test-utils/openai-fake-responses.js';
import { fakeRequestSchema } from '../../openai/test-utils/openai-fake-scenarios.js';
import { startFakeServer, type FakeUpstream } from '../../test-utils/fake-server.js';
import {
  answerFakeEmbeddings,
  type FakeEmbeddingsDialect,
} from '../../openai/test-utils/openai-fake-embeddings.js';
import { isMistralToolCallId } from '../mistral-tool-call-id.js';
import { answerMistralScenario, sendMistralError } from './mistral-fake-scenarios.js';

/** Options of {@link startMistralFakeUpstream}. */
export type MistralFakeUpstreamOptions = {
  /** When set, every request must carry `Authorization: Bearer <apiKey>`; others get a 401. */
  readonly apiKey?: string;
};

/** A running fake; point a client's base URL at {@link baseURL}. */
export type MistralFakeUpstream = FakeUpstream & {
  /** `origin` plus `/v1`. */
  readonly baseURL: string;
};

/** The top-level fields of Mistral's ChatCompletionRequest; any other is a 422, as upstream. */
const knownParameters = new Set([
  'model', 'temperature', 'top_p', 'max_tokens', 'stream', 'stop', 'random_seed', 'metadata',
  'messages', 'response_format', 'tools', 'tool_choice', 'presence_penalty', 'frequency_penalty',
  'n', 'prediction', 'parallel_tool_calls', 'prompt_mode', 'safe_prompt',
]); // prettier-ignore

const toolChoices = new Set(['auto', 'none', 'any', 'required']);

const modelList = {
  object: 'list',
  data: [
    { id: 'mistral-small-latest', object: 'model', owned_by: 'mistralai' },
    { id: 'magistral-medium-latest', object: 'model', owned_by: 'mistralai' },
  ],
};

/**
 * Starts a fake api.mistral.ai on 127.0.0.1 serving `POST /v1/chat/completions` and
 * `GET /v1/models`. Like Mistral it rejects unknown fields (422), OpenAI's `tool_choice` values it
 * lacks, and tool call ids that are not 9 letters or digits; it answers per the
 * `[[scenario:NAME]]` or `[[mistral:NAME]]` directive, replaying recordings byte for byte.
 */
/**
 * Mistral's embeddings body: no `dimensions` or `user` (422 on unknown fields), the vector size
 * is `output_dimension`, and `mistral-embed` vectors have 1024 values.
 * @see https://docs.mistral.ai/api/#tag/embeddings
 */
const mistralEmbeddingsDialect: FakeEmbeddingsDialect = {
  knownFields: new Set(['model', 'input', 'output_dimension', 'output_dtype', 'encoding_format']),
  dimensionsField: 'output_dimension',
  defaultDimensions: 1024,
  error: ({ status, message }) =>
    status === 400
      ? {
          object: 'error',
          message: { detail: [{ type: 'extra_forbidden', msg: message }] },
          type: 'invalid_request_error',
          code: null,
        }
      : {
          object: 'error',
          message,
          type: status === 429 ? 'rate_limited' : 'internal_server_error',
          code: String(status),
        },
};

export async function startMistralFakeUpstream(
  options: MistralFakeUpstreamOptions = {},
): Promise<MistralFakeUpstream> {
  const upstream = await startFakeServer(({ request, response, socket }) => {
    const context: ResponseContext = { response, requestId: createRequestId() };
    const path = request.url.split('?')[0];
    if (
      options.apiKey !== undefined &&
      request.headers.authorization !== `Bearer ${options.apiKey}`
    ) {
      sendJson({ context, status: 401, body: '{"message":"Unauthorized","request_id":"fake"}' });
    } else if (request.method === 'GET' && path === '/v1/models') {
      sendJson({ context, status: 200, body: JSON.stringify(modelList) });
    } else if (request.method === 'POST' && path === '/v1/chat/completions') {
      handleChat({ context, body: request.body, socket });
    } else if (request.method === 'POST' && path === '/v1/embeddings') {
      const reply = answerFakeEmbeddings({ body: request.body, dialect: mistralEmbeddingsDialect });
      sendJson({ context, status: reply.status, body: JSON.stringify(reply.body) });
    } else {
      sendJson({ context, status: 404, body: '{"detail":"Not Found"}' });
    }
  });
  return { ...upstream, baseURL: `${upstream.origin}/v1` };
}

function handleChat({
  context,
  body,
  socket,
}: {
  context: ResponseContext;
  body: string;
  socket: Parameters<typeof answerMistralScenario>[0]['socket'];
}): void {
  const raw = parseJsonOrUndefined(body);
  const problem = findProblem(raw);
  if (problem !== undefined) {
    sendMistralError({
      context,
      status: problem.status,
      message: problem.message,
      type: 'invalid_request_message_error',
      code: problem.code,
    });
    return;
  }
  const parsed = fakeRequestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const detail = [
      { type: 'invalid', loc: ['body', ...(issue?.path ?? [])], msg: issue?.message },
    ];
    sendMistralError({
      context,
      status: 422,
      message: { detail },
      type: 'invalid_request_message_error',
    });
    return;
  }
  answerMistralScenario({ context, request: parsed.data, body, socket });
}

type Problem = { status: number; message: unknown; code: string | null };

function findProblem(raw: unknown): Problem | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { status: 400, message: 'Invalid JSON body', code: null };
  }
  const record: Record<string, unknown> = { ...raw };
  const extra = Object.keys(record).filter((name) => !knownParameters.has(name));
  if (extra.length > 0) {
    const detail = extra.map((name) => ({
      type: 'extra_forbidden',
      loc: ['body', name],
      msg: 'Extra inputs are not permitted',
      input: record[name],
    }));
    return { status: 422, message: { detail }, code: null };
  }
  if (typeof record.tool_choice === 'string' && !toolChoices.has(record.tool_choice)) {
    return { status: 422, message: `Invalid tool_choice: ${record.tool_choice}`, code: null };
  }
  for (const id of toolCallIds(record.messages)) {
    if (!isMistralToolCallId(id)) {
      return {
        status: 400,
        message: `Tool call id was ${id} but must be a-z, A-Z, 0-9, with a length of 9.`,
        code: '3280',
      };
    }
  }
  return undefined;
}

function toolCallIds(messages: unknown): string[] {
  if (!Array.isArray(messages)) return [];
  const ids: string[] = [];
  for (const message of messages) {
    if (typeof message !== 'object' || message === null) continue;
    if ('tool_call_id' in message && typeof message.tool_call_id === 'string') {
      ids.push(message.tool_call_id);
    }
    if ('tool_calls' in message && Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) {
        if (
          typeof call === 'object' &&
          call !== null &&
          'id' in call &&
          typeof call.id === 'string'
        ) {
          ids.push(call.id);
        }
      }
    }
  }
  return ids;
}
