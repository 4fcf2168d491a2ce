import { randomBytes, randomInt } from 'node:crypto';

/**
 * Synthesised Chat Completions bodies for scenarios no recording covers (tool calls, truncation),
 * built exactly per the documented format: field order, ids and nulls as the live API sends them.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object
 * @see https://platform.openai.com/docs/api-reference/chat-streaming/streaming
 */

const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random base62 string, like the suffixes of OpenAI ids. */
export function randomBase62(length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) text += base62[randomInt(base62.length)];
  return text;
}

/** An `x-request-id` value. */
export function createRequestId(): string {
  return `req_${randomBytes(16).toString('hex')}`;
}

/** What every chunk and body of one completion shares. */
export type CompletionIdentity = {
  readonly id: string;
  readonly created: number;
  readonly model: string;
  readonly systemFingerprint: string;
};

/** A fresh `chatcmpl-` id and creation time for `model`. */
export function createCompletionIdentity(model: string): CompletionIdentity {
  return {
    id: `chatcmpl-${randomBase62(29)}`,
    created: Math.floor(Date.now() / 1000),
    model,
    systemFingerprint: 'fp_f1c2d3e4a5',
  };
}

/** A usage object as the live API sends it, details included. */
export function createUsage({
  promptTokens,
  completionTokens,
}: {
  promptTokens: number;
  completionTokens: number;
}): Record<string, unknown> {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** A tool call the fake model makes. */
export type FakeToolCall = {
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
};

/** A `call_` id like the live API's. */
export function createToolCallId(): string {
  return `call_${randomBase62(24)}`;
}

/** A non-streaming `chat.completion` body. */
export function createCompletionBody({
  identity,
  message,
  finishReason,
  usage,
}: {
  identity: CompletionIdentity;
  message: Record<string, unknown>;
  finishReason: string;
  usage: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', ...message, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: finishReason,
      },
    ],
    usage,
    service_tier: 'default',
    system_fingerprint: identity.systemFingerprint,
  };
}

/** How the request asked for its stream to be framed. */
export type StreamFraming = {
  readonly includeUsage: boolean;
  readonly includeObfuscation: boolean;
};

/** One `chat.completion.chunk`, serialised in the live API's field order. */
export function createChunk({
  identity,
  framing,
  choices,
  usage = null,
}: {
  identity: CompletionIdentity;
  framing: StreamFraming;
  choices: unknown[];
  usage?: Record<string, unknown> | null;
}): string {
  return JSON.stringify({
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: identity.model,
    service_tier: 'default',
    system_fingerprint: identity.systemFingerprint,
    choices,
    // With include_usage every chunk carries `usage`, null until the last one.
    ...(framing.includeUsage ? { usage } : {}),
    ...(framing.includeObfuscation ? { obfuscation: randomBase62(1 + randomInt(16)) } : {}),
  });
}

/** Splits text roughly the way a tokenizer would: words, spaces and punctuation runs. */
export function splitIntoTokens(text: string): string[] {
  return text.match(/\w+|\s+|[^\w\s]+/g) ?? [];
}

/** The chunks of a streamed tool-call answer, usage chunk included when asked for. */
export function createToolCallChunks({
  identity,
  framing,
  calls,
  promptTokens,
}: {
  identity: CompletionIdentity;
  framing: StreamFraming;
  calls: ReadonlyArray<FakeToolCall>;
  promptTokens: number;
}): string[] {
  const chunks: string[] = [];
  const choice = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });
  let completionTokens = 0;
  calls.forEach((call, index) => {
    const opening = {
      tool_calls: [
        { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } },
      ],
    };
    const delta =
      index === 0 ? { role: 'assistant', content: null, ...opening, refusal: null } : opening;
    chunks.push(createChunk({ identity, framing, choices: [choice(delta)] }));
    for (const piece of splitIntoTokens(call.arguments)) {
      completionTokens++;
      chunks.push(
        createChunk({
          identity,
          framing,
          choices: [choice({ tool_calls: [{ index, function: { arguments: piece } }] })],
        }),
      );
    }
  });
  chunks.push(createChunk({ identity, framing, choices: [choice({}, 'tool_calls')] }));
  if (framing.includeUsage) {
    const usage = createUsage({ promptTokens, completionTokens: completionTokens + 7 });
    chunks.push(createChunk({ identity, framing, choices: [], usage }));
  }
  return chunks;
}

const sampleStrings = ['Paris', 'London', 'Tokyo'];

/**
 * A plausible arguments object for a JSON schema: every required property (or every property
 * when none is required) gets a value of its type. `variant` varies the strings.
 */
export function sampleArguments(schema: unknown, variant: number): unknown {
  if (typeof schema !== 'object' || schema === null) return {};
  const record: Record<string, unknown> = { ...schema };
  if (Array.isArray(record.enum) && record.enum.length > 0) return record.enum[0];
  switch (record.type) {
    case 'string':
      return sampleStrings[variant % sampleStrings.length];
    case 'number':
    case 'integer':
      return variant + 1;
    case 'boolean':
      return true;
    case 'array':
      return [];
    default: {
      const properties =
        typeof record.properties === 'object' && record.properties !== null
          ? Object.entries(record.properties)
          : [];
      const required = Array.isArray(record.required) ? record.required : undefined;
      const result: Record<string, unknown> = {};
      for (const [name, propertySchema] of properties) {
        if (required === undefined || required.includes(name)) {
          result[name] = sampleArguments(propertySchema, variant);
        }
      }
      return result;
    }
  }
}
