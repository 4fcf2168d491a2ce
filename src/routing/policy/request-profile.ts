import { estimateInputTokens } from '../../provider-utils/estimate-input-tokens.js';
import type { CanonicalRequest } from '../../spec/canonical-request.js';
import { classifyTask, type TaskClassification } from '../classifier/classify-task.js';
import type { TaskFamily } from '../classifier/task-family.js';

/** What a request needs of the model that serves it. */
export type RequestNeeds = {
  readonly tools: boolean;
  readonly images: boolean;
  /** JSON output, with or without a schema. */
  readonly json: boolean;
  /** JSON output constrained by a schema. */
  readonly jsonSchema: boolean;
};

/** Request headers by lower-case name, as Node gives them. */
export type RequestHeaders = Readonly<Record<string, string | string[] | undefined>>;

/** The first value of a header. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A client's trade-off: a preset name, or a number (a price weight, or a learned route's lambda). */
export type Tradeoff =
  { readonly preset: 'quality' | 'balanced' | 'cost' } | { readonly weight: number };

/**
 * Parses an `x-switchyard-tradeoff` value: `quality`, `balanced`, `cost` (any case) or a number
 * ≥ 0. Anything else is undefined (the gateway ignores it with a warning).
 */
export function parseTradeoff(value: string): Tradeoff | undefined {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'quality' || normalized === 'balanced' || normalized === 'cost')
    return { preset: normalized };
  const number = Number(normalized);
  return normalized !== '' && Number.isFinite(number) && number >= 0
    ? { weight: number }
    : undefined;
}

/** What routing knows about a request: its task, size, needs and who sent it. */
export type RequestProfile = {
  readonly task: TaskClassification;
  /** Prompt tokens, estimated from characters (4 a token), images and tool definitions (`estimateInputTokens`). */
  readonly estimatedInputTokens: number;
  /** The client's output-token limit, when it set one. */
  readonly requestedOutputTokens: number | undefined;
  /** Output tokens expected for the task family, capped by the client's limit; for cost prediction. */
  readonly expectedOutputTokens: number;
  readonly needs: RequestNeeds;
  /** Request headers routing rules may match (lower-case names). */
  readonly headers: RequestHeaders;
  readonly keyId: string | undefined;
  readonly team: string | undefined;
  /** The `x-switchyard-tradeoff` header, parsed; undefined when absent or unusable. */
  readonly tradeoff: Tradeoff | undefined;
  /** The user messages' text joined with blank lines, for the learned router; read lazily. */
  readonly promptText: () => string;
};

/**
 * Typical answer length per task family, in tokens: what a cost prediction assumes when the client
 * sets no limit. Rough figures from the shape of each task (one letter for a multiple-choice
 * answer, a function for code generation, a worked solution for math).
 */
export const EXPECTED_OUTPUT_TOKENS: Readonly<Record<TaskFamily, number>> = {
  'code-completion': 64,
  'code-generation': 600,
  math: 500,
  reasoning: 700,
  'multiple-choice': 16,
  extraction: 150,
  summarization: 250,
  translation: 400,
  'creative-writing': 600,
  'knowledge-qa': 250,
  chat: 250,
};

function hasImages(request: CanonicalRequest): boolean {
  for (const message of request.messages) {
    if (message.role !== 'user') continue;
    for (const part of message.content) if (part.type === 'image') return true;
  }
  return false;
}

function joinUserText(request: CanonicalRequest): string {
  const texts: string[] = [];
  for (const message of request.messages) {
    if (message.role !== 'user') continue;
    for (const part of message.content) if (part.type === 'text') texts.push(part.text);
  }
  return texts.join('\n\n');
}

/**
 * Profiles a request for routing: classifies its task (a valid `x-switchyard-task` header wins),
 * estimates its size and reads what it needs. Pure and allocation-light; no I/O.
 */
export function profileRequest({
  request,
  headers = {},
  keyId,
  team,
}: {
  request: CanonicalRequest;
  headers?: RequestHeaders;
  keyId?: string | undefined;
  team?: string | undefined;
}): RequestProfile {
  const taskHeader = headerValue(headers, 'x-switchyard-task');
  const task = classifyTask({ request, ...(taskHeader === undefined ? {} : { taskHeader }) });
  const estimatedInputTokens = estimateInputTokens(request, { measureToolSchemas: false });
  const requestedOutputTokens = request.maxOutputTokens;
  const typical =
    task.family === 'translation'
      ? Math.min(Math.max(estimatedInputTokens, 64), 2_000)
      : EXPECTED_OUTPUT_TOKENS[task.family];
  const format = request.responseFormat;
  const tradeoff = headerValue(headers, 'x-switchyard-tradeoff');
  let promptText: string | undefined;
  return {
    task,
    estimatedInputTokens,
    requestedOutputTokens,
    expectedOutputTokens:
      requestedOutputTokens === undefined ? typical : Math.min(typical, requestedOutputTokens),
    needs: {
      tools: (request.tools?.length ?? 0) > 0 && request.toolChoice?.type !== 'none',
      images: hasImages(request),
      json: format?.type === 'json',
      jsonSchema: format?.type === 'json' && format.schema !== undefined,
    },
    headers,
    keyId,
    team,
    tradeoff: tradeoff === undefined ? undefined : parseTradeoff(tradeoff),
    promptText: () => (promptText ??= joinUserText(request)),
  };
}
