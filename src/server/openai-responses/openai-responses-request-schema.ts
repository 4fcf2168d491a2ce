import { z } from 'zod';

/**
 * The inbound Responses API body (what `openai` SDK clients send to `client.responses.create`).
 * Loose at the top level so unknown fields become warnings instead of errors (STYLE.md rule 7).
 * @see https://platform.openai.com/docs/api-reference/responses/create
 */

const inputTextSchema = z.object({ type: z.literal('input_text'), text: z.string() });
const inputImageSchema = z.object({
  type: z.literal('input_image'),
  image_url: z.string().min(1).nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(['auto', 'low', 'high']).nullish(),
});
const inputFileSchema = z.looseObject({ type: z.literal('input_file') });
const inputAudioSchema = z.looseObject({ type: z.literal('input_audio') });
const outputTextSchema = z.looseObject({ type: z.literal('output_text'), text: z.string() });
const refusalSchema = z.object({ type: z.literal('refusal'), refusal: z.string() });

const contentPartSchema = z.discriminatedUnion('type', [
  inputTextSchema,
  inputImageSchema,
  inputFileSchema,
  inputAudioSchema,
  outputTextSchema,
  refusalSchema,
]);

const messageItemSchema = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'assistant', 'system', 'developer']),
  content: z.union([z.string(), z.array(contentPartSchema)]),
});

const functionCallItemSchema = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
});

const functionCallOutputItemSchema = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string().min(1),
  output: z.union([
    z.string(),
    z.array(z.discriminatedUnion('type', [inputTextSchema, inputImageSchema, inputFileSchema])),
  ]),
});

const reasoningItemSchema = z.looseObject({
  type: z.literal('reasoning'),
  summary: z.array(z.object({ type: z.literal('summary_text'), text: z.string() })).nullish(),
  content: z.array(z.object({ type: z.literal('reasoning_text'), text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
});

/** Input item types that only make sense inside OpenAI's hosted tools or stored state. */
export const UNSUPPORTED_ITEM_TYPES = [
  'item_reference',
  'file_search_call',
  'web_search_call',
  'computer_call',
  'computer_call_output',
  'image_generation_call',
  'code_interpreter_call',
  'local_shell_call',
  'local_shell_call_output',
  'shell_call',
  'shell_call_output',
  'apply_patch_call',
  'apply_patch_call_output',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
  'mcp_call',
  'custom_tool_call',
  'custom_tool_call_output',
  'compaction',
] as const;

const unsupportedItemSchema = z.looseObject({ type: z.enum(UNSUPPORTED_ITEM_TYPES) });

const inputItemSchema = z.discriminatedUnion('type', [
  messageItemSchema,
  functionCallItemSchema,
  functionCallOutputItemSchema,
  reasoningItemSchema,
  unsupportedItemSchema,
]);

/** The items of an array `input`. */
export const openAIResponsesInputItemsSchema = z.array(inputItemSchema);

const functionToolSchema = z.object({
  type: z.literal('function'),
  name: z
    .string()
    .regex(/^[a-zA-Z0-9_-]{1,64}$/, 'tool names use a-z, A-Z, 0-9, _ and -, at most 64 characters'),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

/** Tools that run inside OpenAI's hosted service; the gateway cannot run them for other vendors. */
export const BUILT_IN_TOOL_TYPES = [
  'web_search',
  'web_search_preview',
  'web_search_preview_2025_03_11',
  'web_search_2025_08_26',
  'file_search',
  'computer',
  'computer_use',
  'computer_use_preview',
  'code_interpreter',
  'image_generation',
  'local_shell',
  'shell',
  'apply_patch',
  'mcp',
  'custom',
  'namespace',
  'tool_search',
] as const;

const toolSchema = z.discriminatedUnion('type', [
  functionToolSchema,
  z.looseObject({ type: z.enum(BUILT_IN_TOOL_TYPES) }),
]);

const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), name: z.string().min(1) }),
  z.looseObject({ type: z.string().min(1) }),
]);

const textFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    name: z.string().min(1),
    description: z.string().nullish(),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullish(),
  }),
]);

export const openAIResponsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  // Items are checked on their own (openAIResponsesInputItemsSchema), so that an error names the
  // item's field instead of reporting that the whole `input` matches neither string nor array.
  input: z.union([z.string(), z.array(z.unknown()).min(1, 'must contain at least one item')]),
  instructions: z.string().nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  text: z
    .looseObject({ format: textFormatSchema.nullish(), verbosity: z.string().nullish() })
    .nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_output_tokens: z.int().positive().nullish(),
  reasoning: z
    .looseObject({
      effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
      summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
    })
    .nullish(),
  stream: z.boolean().nullish(),
  store: z.boolean().nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  user: z.string().nullish(),
  previous_response_id: z.string().nullish(),
  conversation: z.unknown().optional(),
  background: z.boolean().nullish(),
  prompt: z.unknown().optional(),
  truncation: z.enum(['auto', 'disabled']).nullish(),
  include: z.array(z.string()).nullish(),
});

export type OpenAIResponsesRequest = z.output<typeof openAIResponsesRequestSchema>;
export type OpenAIResponsesInputItem = z.output<typeof inputItemSchema>;
export type OpenAIResponsesContentPart = z.output<typeof contentPartSchema>;
export type OpenAIResponsesFunctionTool = z.output<typeof functionToolSchema>;

/** Fields accepted but not forwarded: each becomes an `unsupported-setting` warning when set. */
export const IGNORED_RESPONSES_FIELDS: Readonly<Record<string, string>> = {
  max_tool_calls: 'built-in tools are not supported, so there is nothing to cap',
  service_tier: 'not forwarded to upstream vendors',
  safety_identifier: 'not forwarded to upstream vendors',
  prompt_cache_key: 'not forwarded to upstream vendors',
  prompt_cache_retention: 'not forwarded to upstream vendors',
  top_logprobs: 'log probabilities are not returned by the gateway',
  stream_options: 'not forwarded to upstream vendors',
};

/** Every top-level field the schema knows. */
export const KNOWN_RESPONSES_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(openAIResponsesRequestSchema.shape),
  ...Object.keys(IGNORED_RESPONSES_FIELDS),
]);
