import { z } from 'zod';

/**
 * Wire format of OpenAI Chat Completions (STYLE.md rule 7): the request body we build, and minimal
 * schemas of what we read back (only the fields we use, `.nullish()` because OpenAI-compatible
 * servers omit or null what they lack).
 *
 * @see https://platform.openai.com/docs/api-reference/chat
 */

/** One content part of a user message. */
export type OpenAIUserContentPart =
  | { readonly type: 'text'; readonly text: string }
  | {
      readonly type: 'image_url';
      readonly image_url: { readonly url: string; readonly detail?: 'auto' | 'low' | 'high' };
    };

/** A tool call inside an assistant message. */
export type OpenAIMessageToolCall = {
  readonly id: string;
  readonly type: 'function';
  readonly function: { readonly name: string; readonly arguments: string };
};

/** One message of the `messages` array. */
export type OpenAIChatMessage =
  | { readonly role: 'system' | 'developer'; readonly content: string }
  | { readonly role: 'user'; readonly content: string | ReadonlyArray<OpenAIUserContentPart> }
  | {
      readonly role: 'assistant';
      readonly content: string | null;
      readonly tool_calls?: ReadonlyArray<OpenAIMessageToolCall>;
    }
  | { readonly role: 'tool'; readonly tool_call_id: string; readonly content: string };

/** A function tool definition. */
export type OpenAIFunctionTool = {
  readonly type: 'function';
  readonly function: {
    readonly name: string;
    readonly description?: string;
    readonly parameters: Readonly<Record<string, unknown>>;
    readonly strict?: boolean;
  };
};

/** `tool_choice`: a mode or one named function. */
export type OpenAIToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { readonly type: 'function'; readonly function: { readonly name: string } };

/** `response_format`: JSON mode or structured output with a schema. */
export type OpenAIResponseFormat =
  | { readonly type: 'json_object' }
  | {
      readonly type: 'json_schema';
      readonly json_schema: {
        readonly name: string;
        readonly description?: string;
        readonly schema: Readonly<Record<string, unknown>>;
        readonly strict?: boolean;
      };
    };

/**
 * The body of `POST /chat/completions`. Open-ended: provider options and compatible servers add
 * fields of their own (`top_k`, `reasoning`, ...).
 */
export type OpenAIChatRequestBody = {
  model: string;
  messages: ReadonlyArray<OpenAIChatMessage>;
  [field: string]: unknown;
};

/** Token usage; DeepSeek and Groq extras are read as fallbacks. */
export const openaiUsageSchema = z.object({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  prompt_tokens_details: z.object({ cached_tokens: z.number().nullish() }).nullish(),
  completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).nullish(),
  /** DeepSeek: prompt tokens served from its context cache. */
  prompt_cache_hit_tokens: z.number().nullish(),
});

/** Usage as read from the wire. */
export type OpenAIUsage = z.output<typeof openaiUsageSchema>;

/** Tool-call arguments: a JSON string per the spec; some local servers send the parsed object. */
const toolArgumentsSchema = z.union([z.string(), z.record(z.string(), z.unknown())]);

/** Response of a non-streaming call. */
export const openaiChatResponseSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z.array(
    z.object({
      message: z.object({
        content: z.string().nullish(),
        /** DeepSeek, vLLM, llama.cpp. */
        reasoning_content: z.string().nullish(),
        /** Ollama, OpenRouter, Groq, newer vLLM. */
        reasoning: z.string().nullish(),
        refusal: z.string().nullish(),
        tool_calls: z
          .array(
            z.object({
              id: z.string().nullish(),
              function: z.object({ name: z.string(), arguments: toolArgumentsSchema.nullish() }),
            }),
          )
          .nullish(),
      }),
      finish_reason: z.string().nullish(),
    }),
  ),
  usage: openaiUsageSchema.nullish(),
});

/** A non-streaming response as read from the wire. */
export type OpenAIChatResponse = z.output<typeof openaiChatResponseSchema>;

/** One streamed `chat.completion.chunk` (or an in-stream error object). */
export const openaiChatChunkSchema = z.object({
  id: z.string().nullish(),
  model: z.string().nullish(),
  /** `"error"` on vLLM's in-stream errors. */
  object: z.string().nullish(),
  choices: z
    .array(
      z.object({
        index: z.number().nullish(),
        delta: z
          .object({
            content: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            refusal: z.string().nullish(),
            tool_calls: z
              .array(
                z.object({
                  index: z.number().nullish(),
                  id: z.string().nullish(),
                  function: z
                    .object({
                      name: z.string().nullish(),
                      arguments: toolArgumentsSchema.nullish(),
                    })
                    .nullish(),
                }),
              )
              .nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .nullish(),
  usage: openaiUsageSchema.nullish(),
  /** Groq reports stream usage here. */
  x_groq: z.object({ usage: openaiUsageSchema.nullish() }).nullish(),
  error: z.unknown().optional(),
});

/** One stream chunk as read from the wire. */
export type OpenAIChatChunk = z.output<typeof openaiChatChunkSchema>;

/** `GET /models`. */
export const openaiModelListSchema = z.object({
  data: z.array(z.object({ id: z.string() })),
});
