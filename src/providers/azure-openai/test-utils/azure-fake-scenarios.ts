// How the fake Azure OpenAI upstream answers each scenario of FAKE_SCENARIOS plus Azure's own
// content-filter directives, once a request passed authentication and validation.
import type { Socket } from 'node:net';
import { assertNever } from '../../../spec/index.js';
import {
  createCompletionBody,
  createCompletionIdentity,
  createToolCallChunks,
  createToolCallId,
  createUsage,
  sampleArguments,
  type FakeToolCall,
  type StreamFraming,
} from '../../openai/test-utils/openai-fake-bodies.js';
import { isUsageChunk } from '../../openai/test-utils/openai-fake-recordings.js';
import {
  sendEvents,
  sendJson,
  type ResponseContext,
} from '../../openai/test-utils/openai-fake-responses.js';
import type { FakeRequest } from '../../openai/test-utils/openai-fake-scenarios.js';
import { findScenario, type FakeScenario } from '../../test-utils/scenarios.js';
import { loadAzureOpenAIRecordings } from './azure-fake-recordings.js';

/** Azure-only scenarios, chosen with `[[azure:NAME]]` in the prompt; they win over `[[scenario:]]`. */
export const AZURE_FAKE_SCENARIOS = [
  /** 400 `content_filter`: the prompt is blocked (sexual: medium, and a detected jailbreak). */
  'content-filter-prompt',
  /** 200 with `finish_reason: "content_filter"`: the completion is cut by the output filter. */
  'content-filter-completion',
  /** The recorded DeepSeek-on-Azure answer with `reasoning_content`. */
  'reasoning',
] as const;

export type AzureFakeScenario = (typeof AZURE_FAKE_SCENARIOS)[number];

/** The directive text to put in a prompt. */
export function azureScenarioDirective(scenario: AzureFakeScenario): string {
  return `[[azure:${scenario}]]`;
}

function findAzureScenario(body: string): AzureFakeScenario | FakeScenario {
  let found: string | undefined;
  for (const match of body.matchAll(/\[\[azure:([a-z0-9-]+)\]\]/g)) found = match[1];
  const azure = AZURE_FAKE_SCENARIOS.find((name) => name === found);
  return azure ?? findScenario(body);
}

const safe = { filtered: false, severity: 'safe' } as const;
const safeResults = { hate: safe, self_harm: safe, sexual: safe, violence: safe };

/** Sends an error in Azure's shape: `{ error: { code, message, ... } }`, compact JSON. */
export function sendAzureError({
  context,
  status,
  error,
  headers,
}: {
  context: ResponseContext;
  status: number;
  error: Record<string, unknown>;
  headers?: Record<string, string>;
}): void {
  sendJson({ context, status, body: JSON.stringify({ error }), ...(headers ? { headers } : {}) });
}

/** Answers a valid chat completion request per its directive. */
export function answerAzureScenario({
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
  const recordings = loadAzureOpenAIRecordings();
  const isStreaming = request.stream === true;
  const framing: StreamFraming = {
    includeUsage: request.stream_options?.include_usage === true,
    includeObfuscation: request.stream_options?.include_obfuscation !== false,
  };
  const promptTokens = Math.max(1, Math.ceil(body.length / 4));
  const scenario = findAzureScenario(body);
  const stream = (lines: ReadonlyArray<string>) =>
    sendEvents({
      context,
      events: [
        ...lines
          .filter((line) => framing.includeUsage || !isUsageChunk(line))
          .map((line) => `data: ${line}\n\n`),
        'data: [DONE]\n\n',
      ],
    });
  const answerText = ({ text, finishReason }: { text: string; finishReason: string }) => {
    if (isStreaming) stream(createTextChunks({ text, finishReason, framing, request }));
    else sendJson({ context, status: 200, body: createTextBody({ request, text, finishReason }) });
  };
  switch (scenario) {
    case 'text':
      // Both recorded on Azure: a model-router stream, and a DeepSeek completion (which reasons).
      if (isStreaming) stream(recordings.textChunks);
      else sendJson({ context, status: 200, body: recordings.reasoningBody });
      return;
    case 'reasoning':
      if (isStreaming) stream(recordings.reasoningChunks);
      else sendJson({ context, status: 200, body: recordings.reasoningBody });
      return;
    case 'json':
      answerText({ text: '{"city":"Copenhagen","country":"Denmark"}', finishReason: 'stop' });
      return;
    case 'max-tokens':
      answerText({ text: 'Capital of Denmark', finishReason: 'length' });
      return;
    case 'content-filter-completion':
      answerText({ text: 'The first step is', finishReason: 'content_filter' });
      return;
    case 'content-filter-prompt':
      sendAzureError({
        context,
        status: 400,
        error: {
          message:
            "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766",
          type: null,
          param: 'prompt',
          code: 'content_filter',
          status: 400,
          innererror: {
            code: 'ResponsibleAIPolicyViolation',
            content_filter_result: {
              ...safeResults,
              sexual: { filtered: true, severity: 'medium' },
              jailbreak: { filtered: true, detected: true },
            },
          },
        },
      });
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
    case 'error-400':
      sendAzureError({
        context,
        status: 400,
        error: {
          message: "Invalid value for 'temperature': must be between 0 and 2.",
          type: 'invalid_request_error',
          param: 'temperature',
          code: 'invalid_value',
        },
      });
      return;
    case 'error-401':
      sendAzureError({ context, status: 401, error: accessDenied });
      return;
    case 'error-429':
      sendAzureError({
        context,
        status: 429,
        error: {
          code: '429',
          message:
            'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.',
        },
        headers: { 'retry-after': '1', 'retry-after-ms': '250' },
      });
      return;
    case 'error-500':
      sendAzureError({
        context,
        status: 500,
        error: {
          code: 'InternalServerError',
          message: 'The server had an error while processing your request. Sorry about that!',
        },
      });
      return;
    case 'error-503':
      sendAzureError({
        context,
        status: 503,
        error: {
          code: 'ServiceUnavailable',
          message:
            'The service is temporarily unable to process your request. Please try again later.',
        },
      });
      return;
    case 'malformed':
      if (isStreaming) stream(['{"object":"chat.completion.chunk","choices":"not a list"}']);
      else sendJson({ context, status: 200, body: '{"object":"chat.completion","result":42}' });
      return;
    case 'hang-headers':
      return; // never answers; closing the fake destroys the socket
    case 'stall-stream':
    case 'cut-stream': {
      context.response.writeHead(200, {
        'content-type': isStreaming ? 'text/event-stream; charset=utf-8' : 'application/json',
      });
      const [preamble = '{}', first = '{}'] = recordings.textChunks;
      context.response.write(
        isStreaming
          ? `data: ${preamble}\n\ndata: ${first}\n\n`
          : recordings.reasoningBody.slice(0, 64),
      );
      if (scenario === 'cut-stream') context.response.write('', () => socket.destroy());
      return; // stall-stream: never writes again
    }
    default:
      assertNever(scenario);
  }
}

/** Azure's 401 for a wrong or missing `api-key`. */
export const accessDenied = {
  code: '401',
  message:
    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
};

/** The recorded preamble chunk: empty id and model, `prompt_filter_results`, no choices. */
function preambleChunk(): string {
  return loadAzureOpenAIRecordings().textChunks[0] ?? '{}';
}

function filterResultsFor(finishReason: string): Record<string, unknown> {
  return finishReason === 'content_filter'
    ? { ...safeResults, violence: { filtered: true, severity: 'high' } }
    : safeResults;
}

function createTextBody({
  request,
  text,
  finishReason,
}: {
  request: FakeRequest;
  text: string;
  finishReason: string;
}): string {
  const body = createCompletionBody({
    identity: createCompletionIdentity(request.model),
    message: { content: text },
    finishReason,
    usage: createUsage({ promptTokens: 18, completionTokens: text.split(' ').length }),
  });
  const choices = Array.isArray(body.choices) ? body.choices : [];
  return JSON.stringify({
    ...body,
    choices: choices.map((choice: object) => ({
      ...choice,
      content_filter_results: filterResultsFor(finishReason),
    })),
    prompt_filter_results: [{ prompt_index: 0, content_filter_results: safeResults }],
  });
}

function createTextChunks({
  text,
  finishReason,
  framing,
  request,
}: {
  text: string;
  finishReason: string;
  framing: StreamFraming;
  request: FakeRequest;
}): string[] {
  const identity = createCompletionIdentity(request.model);
  const chunk = (delta: object, reason: string | null, filters: object) =>
    JSON.stringify({
      choices: [
        { content_filter_results: filters, delta, finish_reason: reason, index: 0, logprobs: null },
      ],
      created: identity.created,
      id: identity.id,
      model: identity.model,
      object: 'chat.completion.chunk',
      system_fingerprint: null,
      ...(framing.includeUsage ? { usage: null } : {}),
    });
  const words = text.split(/(?= )/);
  const lines = [
    preambleChunk(),
    chunk({ content: '', refusal: null, role: 'assistant' }, null, {}),
    ...words.map((word) => chunk({ content: word }, null, safeResults)),
    chunk({}, finishReason, filterResultsFor(finishReason)),
  ];
  if (framing.includeUsage) {
    lines.push(
      JSON.stringify({
        choices: [],
        created: identity.created,
        id: identity.id,
        model: identity.model,
        object: 'chat.completion.chunk',
        system_fingerprint: null,
        usage: createUsage({ promptTokens: 18, completionTokens: words.length }),
      }),
    );
  }
  return lines;
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
  const first = functions[0];
  if (first === undefined) {
    sendAzureError({
      context,
      status: 400,
      error: {
        message: "The fake upstream's tool-call scenarios need a function tool in 'tools'.",
        type: 'invalid_request_error',
        param: 'tools',
        code: null,
      },
    });
    return;
  }
  const targets = isParallel && request.parallel_tool_calls !== false ? [first, first] : [first];
  const calls: FakeToolCall[] = targets.map((tool, variant) => ({
    id: createToolCallId(),
    name: tool.name,
    arguments: JSON.stringify(sampleArguments(tool.parameters, variant)),
  }));
  const identity = createCompletionIdentity(request.model);
  if (request.stream === true) {
    const chunks = createToolCallChunks({ identity, framing, calls, promptTokens });
    sendEvents({
      context,
      events: [preambleChunk(), ...chunks]
        .map((chunk) => `data: ${chunk}\n\n`)
        .concat('data: [DONE]\n\n'),
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
  sendJson({ context, status: 200, body: JSON.stringify(completion) });
}
