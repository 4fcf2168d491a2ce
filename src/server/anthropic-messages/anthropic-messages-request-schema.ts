import { z } from 'zod';

/**
 * The inbound Messages API body (what `@anthropic-ai/sdk` clients send). Loose at the top level so
 * unknown fields can become warnings instead of errors (STYLE.md rule 7). Content blocks the
 * gateway cannot serve are listed explicitly, so the conversion can reject them with a clear 400.
 * @see https://docs.anthropic.com/en/api/messages
 */

/** A prompt-caching breakpoint. @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching */
const cacheControlSchema = z
  .object({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() })
  .nullish();

const textBlockSchema = z.object({
  type: z.literal('text'),
  text: z.string(),
  cache_control: cacheControlSchema,
  citations: z.array(z.unknown()).nullish(),
});

const imageBlockSchema = z.object({
  type: z.literal('image'),
  source: z.discriminatedUnion('type', [
    z.object({
      type: z.literal('base64'),
      media_type: z.enum(['image/jpeg', 'image/png', 'image/gif', 'image/webp']),
      data: z.string().min(1),
    }),
    z.object({ type: z.literal('url'), url: z.url({ protocol: /^https?$/ }) }),
    z.object({ type: z.literal('file'), file_id: z.string() }),
  ]),
  cache_control: cacheControlSchema,
});

/** Block types of the Messages API that the gateway cannot serve (a 400 names them). */
export const UNSUPPORTED_BLOCK_TYPES = [
  'document',
  'search_result',
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'mcp_tool_use',
  'mcp_tool_result',
  'container_upload',
  'tool_reference',
] as const;

/** One of {@link UNSUPPORTED_BLOCK_TYPES}. */
export type UnsupportedBlockType = (typeof UNSUPPORTED_BLOCK_TYPES)[number];

const unsupportedBlockSchema = z.looseObject({ type: z.enum(UNSUPPORTED_BLOCK_TYPES) });

const toolResultBlockSchema = z.object({
  type: z.literal('tool_result'),
  tool_use_id: z.string().min(1),
  content: z
    .union([
      z.string(),
      z.array(
        z.discriminatedUnion('type', [textBlockSchema, imageBlockSchema, unsupportedBlockSchema]),
      ),
    ])
    .optional(),
  is_error: z.boolean().nullish(),
  cache_control: cacheControlSchema,
});

const toolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.unknown(),
  cache_control: cacheControlSchema,
});

const thinkingBlockSchema = z.object({
  type: z.literal('thinking'),
  thinking: z.string(),
  signature: z.string().optional(),
});

const redactedThinkingBlockSchema = z.object({
  type: z.literal('redacted_thinking'),
  data: z.string(),
});

const contentBlockSchema = z.discriminatedUnion(
  'type',
  [
    textBlockSchema,
    imageBlockSchema,
    toolUseBlockSchema,
    toolResultBlockSchema,
    thinkingBlockSchema,
    redactedThinkingBlockSchema,
    unsupportedBlockSchema,
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? "is not a content block type the gateway serves: use 'text', 'image', 'tool_use', 'tool_result', 'thinking' or 'redacted_thinking'"
        : undefined,
  },
);

const contentSchema = z.union([z.string(), z.array(contentBlockSchema)]);

const messageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('user'), content: contentSchema }),
  z.object({ role: z.literal('assistant'), content: contentSchema }),
  z.object({ role: z.literal('system'), content: z.union([z.string(), z.array(textBlockSchema)]) }),
]);

const customToolNamePattern = /^[a-zA-Z0-9_-]{1,128}$/;

/**
 * A tool definition: a custom tool (no `type`, or `custom`) needs a name and an `input_schema`;
 * anything else is one of Anthropic's server tools (`web_search_20250305`, `bash_20250124`, ...).
 */
const toolSchema = z
  .looseObject({
    type: z.string().nullish(),
    name: z.string().min(1),
    description: z.string().optional(),
    input_schema: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
    cache_control: cacheControlSchema,
  })
  .superRefine((tool, context) => {
    if (tool.type != null && tool.type !== 'custom') return;
    if (!customToolNamePattern.test(tool.name)) {
      context.addIssue({
        code: 'custom',
        path: ['name'],
        message: 'tool names use a-z, A-Z, 0-9, _ and -, at most 128 characters',
      });
    }
    if (tool.input_schema === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['input_schema'],
        message: 'is required for custom tools (a JSON Schema object)',
      });
    }
  });

const disableParallelToolUse = z.boolean().nullish();

const toolChoiceSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auto'), disable_parallel_tool_use: disableParallelToolUse }),
  z.object({ type: z.literal('any'), disable_parallel_tool_use: disableParallelToolUse }),
  z.object({
    type: z.literal('tool'),
    name: z.string().min(1),
    disable_parallel_tool_use: disableParallelToolUse,
  }),
  z.object({ type: z.literal('none') }),
]);

const thinkingDisplay = z.enum(['summarized', 'omitted']).nullish();

const thinkingSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('enabled'),
    budget_tokens: z.int().min(1024, 'must be at least 1024'),
    display: thinkingDisplay,
  }),
  z.object({ type: z.literal('disabled') }),
  z.object({ type: z.literal('adaptive'), display: thinkingDisplay }),
  z.object({ type: z.literal('between_tools') }),
]);

const outputConfigSchema = z.object({
  effort: z.enum(['low', 'medium', 'high', 'xhigh', 'max']).nullish(),
  format: z
    .object({ type: z.literal('json_schema'), schema: z.record(z.string(), z.unknown()) })
    .nullish(),
});

const requestShape = {
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1, 'must contain at least one message'),
  max_tokens: z.int().min(1, 'must be at least 1'),
  system: z.union([z.string(), z.array(textBlockSchema)]).optional(),
  stop_sequences: z.array(z.string()).nullish(),
  temperature: z.number().min(0).max(1).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.int().min(0).nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  thinking: thinkingSchema.nullish(),
  metadata: z.object({ user_id: z.string().nullish() }).nullish(),
  stream: z.boolean().nullish(),
  output_config: outputConfigSchema.nullish(),
  cache_control: cacheControlSchema,
};

export const anthropicMessagesRequestSchema = z.looseObject(requestShape);

/** `POST /v1/messages/count_tokens` takes the prompt fields; `max_tokens` is not needed. */
export const anthropicCountTokensRequestSchema = z.looseObject({
  ...requestShape,
  max_tokens: requestShape.max_tokens.optional(),
});

export type AnthropicMessagesRequest = z.output<typeof anthropicCountTokensRequestSchema>;
export type AnthropicMessage = AnthropicMessagesRequest['messages'][number];
export type AnthropicContentBlock = z.output<typeof contentBlockSchema>;
export type AnthropicTextBlock = z.output<typeof textBlockSchema>;
export type AnthropicImageBlock = z.output<typeof imageBlockSchema>;
export type AnthropicTool = z.output<typeof toolSchema>;
export type AnthropicCacheControl = NonNullable<z.output<typeof cacheControlSchema>>;

/** Fields accepted but not forwarded: each becomes an `unsupported-setting` warning when present. */
export const IGNORED_ANTHROPIC_FIELDS: Readonly<Record<string, string>> = {
  service_tier: 'not forwarded to upstream vendors',
  container: 'code-execution containers are not supported by the gateway',
  mcp_servers: "the MCP connector is not supported; those servers' tools are not available",
  context_management: 'context editing is not supported by the gateway',
  inference_geo: 'not forwarded to upstream vendors',
  speed: 'not forwarded to upstream vendors',
  diagnostics: 'not supported by the gateway',
};

/** Every top-level field the schema knows. */
export const KNOWN_ANTHROPIC_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(requestShape),
  ...Object.keys(IGNORED_ANTHROPIC_FIELDS),
]);
