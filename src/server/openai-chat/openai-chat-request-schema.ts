import { z } from 'zod';

/**
 * The inbound Chat Completions body (what `openai` SDK clients send). Loose at the top level so
 * unknown fields can become warnings instead of errors (STYLE.md rule 7).
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
const textPartSchema = z.object({ type: z.literal('text'), text: z.string() });
const imagePartSchema = z.object({
  type: z.literal('image_url'),
  image_url: z.object({
    url: z.string().min(1),
    detail: z.enum(['auto', 'low', 'high']).optional(),
  }),
});
const audioPartSchema = z.object({ type: z.literal('input_audio'), input_audio: z.unknown() });
const filePartSchema = z.object({ type: z.literal('file'), file: z.unknown() });
const refusalPartSchema = z.object({ type: z.literal('refusal'), refusal: z.string() });

const textContentSchema = z.union([z.string(), z.array(textPartSchema)]);

const toolCallSchema = z.object({
  id: z.string().min(1),
  type: z.literal('function').default('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

const messageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: textContentSchema, name: z.string().optional() }),
  z.object({
    role: z.literal('developer'),
    content: textContentSchema,
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal('user'),
    content: z.union([
      z.string(),
      z.array(
        z.discriminatedUnion('type', [
          textPartSchema,
          imagePartSchema,
          audioPartSchema,
          filePartSchema,
        ]),
      ),
    ]),
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal('assistant'),
    content: z
      .union([
        z.string(),
        z.array(z.discriminatedUnion('type', [textPartSchema, refusalPartSchema])),
      ])
      .nullish(),
    refusal: z.string().nullish(),
    tool_calls: z.array(toolCallSchema).nullish(),
    function_call: z.unknown().optional(),
    name: z.string().optional(),
  }),
  z.object({
    role: z.literal('tool'),
    tool_call_id: z.string().min(1),
    content: textContentSchema,
  }),
  z.object({ role: z.literal('function'), name: z.string(), content: z.string().nullable() }),
]);

const toolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z
      .string()
      .regex(
        /^[a-zA-Z0-9_-]{1,64}$/,
        'tool names use a-z, A-Z, 0-9, _ and -, at most 64 characters',
      ),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoiceSchema = z.union([
  z.enum(['none', 'auto', 'required']),
  z.object({ type: z.literal('function'), function: z.object({ name: z.string() }) }),
]);

const responseFormatSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

export const openAIChatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1, 'must contain at least one message'),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: responseFormatSchema.nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  max_tokens: z.int().positive().nullish(),
  max_completion_tokens: z.int().positive().nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.int().nullish(),
  n: z.int().min(1).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
  user: z.string().nullish(),
  functions: z.unknown().optional(),
  function_call: z.unknown().optional(),
  modalities: z.array(z.string()).nullish(),
});

export type OpenAIChatRequest = z.output<typeof openAIChatRequestSchema>;
export type OpenAIChatMessage = OpenAIChatRequest['messages'][number];

/** Fields accepted but not forwarded: each becomes an `unsupported-setting` warning when present. */
export const IGNORED_OPENAI_FIELDS: Readonly<Record<string, string>> = {
  logprobs: 'log probabilities are not returned by the gateway',
  top_logprobs: 'log probabilities are not returned by the gateway',
  logit_bias: 'not forwarded to upstream vendors',
  store: 'the gateway does not store completions at the vendor',
  metadata: 'not forwarded to upstream vendors',
  service_tier: 'not forwarded to upstream vendors',
  prediction: 'predicted outputs are not supported',
  web_search_options: 'web search is not supported',
  prompt_cache_key: 'not forwarded to upstream vendors',
  safety_identifier: 'not forwarded to upstream vendors',
  verbosity: 'not forwarded to upstream vendors',
};

/** Every top-level field the schema knows. */
export const KNOWN_OPENAI_FIELDS: ReadonlySet<string> = new Set([
  ...Object.keys(openAIChatRequestSchema.shape),
  ...Object.keys(IGNORED_OPENAI_FIELDS),
]);
