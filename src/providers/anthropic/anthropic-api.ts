import { z } from 'zod';
import type { JsonSchema } from '../../spec/index.js';
import type { AnthropicCacheControl } from './anthropic-options.js';

// ---------------------------------------------------------------------------------------------
// Request (built by the gateway, so plain types rather than schemas).
// @see https://docs.anthropic.com/en/api/messages
// ---------------------------------------------------------------------------------------------

/** A text block of a request. */
export type AnthropicTextBlockParam = {
  type: 'text';
  text: string;
  cache_control?: AnthropicCacheControl;
};

/** An image block; `url` sources are fetched by Anthropic. */
export type AnthropicImageBlockParam = {
  type: 'image';
  source: { type: 'base64'; media_type: string; data: string } | { type: 'url'; url: string };
  cache_control?: AnthropicCacheControl;
};

/** A tool call the assistant made earlier; `input` is a JSON object. */
export type AnthropicToolUseBlockParam = {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
  cache_control?: AnthropicCacheControl;
};

/** The result of a tool call, sent in a user turn. */
export type AnthropicToolResultBlockParam = {
  type: 'tool_result';
  tool_use_id: string;
  content?: Array<AnthropicTextBlockParam | AnthropicImageBlockParam>;
  is_error?: boolean;
  cache_control?: AnthropicCacheControl;
};

/** A signed thinking block, sent back unchanged. */
export type AnthropicThinkingBlockParam = { type: 'thinking'; thinking: string; signature: string };

/** An encrypted thinking block, sent back unchanged. */
export type AnthropicRedactedThinkingBlockParam = { type: 'redacted_thinking'; data: string };

/** Any block of a request message. */
export type AnthropicContentBlockParam =
  | AnthropicTextBlockParam
  | AnthropicImageBlockParam
  | AnthropicToolUseBlockParam
  | AnthropicToolResultBlockParam
  | AnthropicThinkingBlockParam
  | AnthropicRedactedThinkingBlockParam;

/** One turn; roles must alternate. */
export type AnthropicMessageParam = {
  role: 'user' | 'assistant';
  content: AnthropicContentBlockParam[];
};

/** A client tool. */
export type AnthropicTool = {
  name: string;
  description?: string;
  input_schema: JsonSchema;
  cache_control?: AnthropicCacheControl;
};

/** How the model may use tools. */
export type AnthropicToolChoice =
  | { type: 'auto'; disable_parallel_tool_use?: boolean }
  | { type: 'any'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean }
  | { type: 'none' };

/** Extended thinking. `budget_tokens` is at least 1024 and below `max_tokens`. */
export type AnthropicThinking = { type: 'enabled'; budget_tokens: number };

/** The body of `POST /v1/messages`. */
export type AnthropicMessagesRequestBody = {
  model: string;
  max_tokens: number;
  system?: AnthropicTextBlockParam[];
  messages: AnthropicMessageParam[];
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
  thinking?: AnthropicThinking;
  temperature?: number;
  top_p?: number;
  top_k?: number;
  stop_sequences?: string[];
  metadata?: { user_id: string };
  service_tier?: 'auto' | 'standard_only';
  stream?: boolean;
};

/** The body of `POST /v1/messages/count_tokens`: the prompt part of a messages request. */
export type AnthropicCountTokensRequestBody = Pick<
  AnthropicMessagesRequestBody,
  'model' | 'system' | 'messages' | 'tools' | 'tool_choice' | 'thinking'
>;

// ---------------------------------------------------------------------------------------------
// Responses: minimal schemas, only the fields we read (STYLE.md rule 7).
// ---------------------------------------------------------------------------------------------

/** Token usage as Anthropic reports it; `input_tokens` excludes cache reads and writes. */
export const anthropicUsageSchema = z.object({
  input_tokens: z.number().nullish(),
  output_tokens: z.number().nullish(),
  cache_creation_input_tokens: z.number().nullish(),
  cache_read_input_tokens: z.number().nullish(),
  output_tokens_details: z.object({ thinking_tokens: z.number().nullish() }).nullish(),
});

/** Wire usage record. */
export type AnthropicUsage = z.infer<typeof anthropicUsageSchema>;

/**
 * Accepts any object whose `type` is not in `knownTypes`, as `{ type: 'unknown', originalType }`,
 * so new vendor block and event types are skipped instead of failing the response.
 */
function unknownTypeSchema(knownTypes: ReadonlyArray<string>) {
  const known = new Set(knownTypes);
  return z
    .object({ type: z.string().refine((type) => !known.has(type)) })
    .transform((value) => ({ type: 'unknown' as const, originalType: value.type }));
}

const textBlockSchema = z.object({ type: z.literal('text'), text: z.string() });
const toolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string(),
  name: z.string(),
  input: z.unknown(),
});
const thinkingBlockSchema = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().nullish(),
});
const redactedThinkingBlockSchema = z.object({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

/** A response content block; server-tool and other newer blocks parse as `unknown`. */
export const anthropicContentBlockSchema = z.union([
  z.discriminatedUnion('type', [
    textBlockSchema,
    toolUseBlockSchema,
    thinkingBlockSchema,
    redactedThinkingBlockSchema,
  ]),
  unknownTypeSchema(['text', 'tool_use', 'thinking', 'redacted_thinking']),
]);

/** Parsed response content block. */
export type AnthropicContentBlock = z.infer<typeof anthropicContentBlockSchema>;

/** The non-streaming `message` object. */
export const anthropicMessageResponseSchema = z.object({
  type: z.literal('message'),
  id: z.string().nullish(),
  model: z.string().nullish(),
  content: z.array(anthropicContentBlockSchema),
  stop_reason: z.string().nullish(),
  usage: anthropicUsageSchema,
});

/** Parsed `message` object. */
export type AnthropicMessageResponse = z.infer<typeof anthropicMessageResponseSchema>;

/** The error object of an error body and of a mid-stream `error` event. */
export const anthropicErrorObjectSchema = z.object({ type: z.string(), message: z.string() });

const deltaSchema = z.union([
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('text_delta'), text: z.string() }),
    z.object({ type: z.literal('input_json_delta'), partial_json: z.string() }),
    z.object({ type: z.literal('thinking_delta'), thinking: z.string() }),
    z.object({ type: z.literal('signature_delta'), signature: z.string() }),
  ]),
  unknownTypeSchema(['text_delta', 'input_json_delta', 'thinking_delta', 'signature_delta']),
]);

/**
 * One server-sent event of a streamed message.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export const anthropicStreamChunkSchema = z.union([
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('message_start'),
      message: z.object({
        id: z.string().nullish(),
        model: z.string().nullish(),
        usage: anthropicUsageSchema.nullish(),
      }),
    }),
    z.object({
      type: z.literal('content_block_start'),
      index: z.number(),
      content_block: anthropicContentBlockSchema,
    }),
    z.object({ type: z.literal('content_block_delta'), index: z.number(), delta: deltaSchema }),
    z.object({ type: z.literal('content_block_stop'), index: z.number() }),
    z.object({
      type: z.literal('message_delta'),
      delta: z.object({ stop_reason: z.string().nullish() }),
      usage: anthropicUsageSchema.nullish(),
    }),
    z.object({ type: z.literal('message_stop') }),
    z.object({ type: z.literal('ping') }),
    z.object({ type: z.literal('error'), error: anthropicErrorObjectSchema }),
  ]),
  unknownTypeSchema([
    'message_start',
    'content_block_start',
    'content_block_delta',
    'content_block_stop',
    'message_delta',
    'message_stop',
    'ping',
    'error',
  ]),
]);

/** Parsed stream event. */
export type AnthropicStreamChunk = z.infer<typeof anthropicStreamChunkSchema>;

/** Response of `POST /v1/messages/count_tokens`. */
export const anthropicCountTokensResponseSchema = z.object({ input_tokens: z.number() });

/**
 * One page of `GET /v1/models`.
 * @see https://docs.anthropic.com/en/api/models-list
 */
export const anthropicModelsPageSchema = z.object({
  data: z.array(z.object({ id: z.string() })),
  has_more: z.boolean().nullish(),
  last_id: z.string().nullish(),
});
