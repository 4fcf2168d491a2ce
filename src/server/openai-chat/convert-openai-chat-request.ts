import {
  InvalidRequestError,
  type CanonicalMessage,
  type CanonicalRequest,
  type ImagePart,
  type ResponseFormat,
  type TextPart,
  type ToolChoice,
  type ToolResultPart,
  type UserContentPart,
  type Warning,
} from '../../spec/index.js';
import { invalidBodyError } from '../zod-issues.js';
import {
  IGNORED_OPENAI_FIELDS,
  KNOWN_OPENAI_FIELDS,
  openAIChatRequestSchema,
  type OpenAIChatMessage,
  type OpenAIChatRequest,
} from './openai-chat-request-schema.js';

/** A validated Chat Completions request in canonical form. */
export type ConvertedOpenAIChatRequest = {
  readonly model: string;
  readonly request: CanonicalRequest;
  readonly isStream: boolean;
  readonly includeUsage: boolean;
  readonly warnings: Warning[];
};

/** Validates an inbound Chat Completions body and converts it to the canonical request. */
export function convertOpenAIChatRequest(body: unknown): ConvertedOpenAIChatRequest {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError({
      message: 'The request body must be a JSON object with "model" and "messages".',
    });
  }
  const parsed = openAIChatRequestSchema.safeParse(body);
  if (!parsed.success) {
    throw invalidBodyError({
      error: parsed.error,
      hint: 'See https://platform.openai.com/docs/api-reference/chat/create.',
    });
  }
  const input = parsed.data;
  const warnings: Warning[] = [];
  rejectUnservable(input);
  for (const key of Object.keys(input)) {
    const ignored = IGNORED_OPENAI_FIELDS[key];
    if (ignored !== undefined) {
      if (input[key] != null)
        warnings.push({ type: 'unsupported-setting', setting: key, details: ignored });
    } else if (!KNOWN_OPENAI_FIELDS.has(key)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: key,
        details: 'unknown field, ignored',
      });
    }
  }
  const request: Mutable<CanonicalRequest> = { messages: convertMessages(input.messages) };
  if (input.tools && input.tools.length > 0) {
    request.tools = input.tools.map(({ function: tool }) => ({
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      inputSchema: tool.parameters ?? { type: 'object', properties: {} },
      ...(tool.strict == null ? {} : { strict: tool.strict }),
    }));
  }
  const toolChoice = convertToolChoice(input.tool_choice);
  if (toolChoice) request.toolChoice = toolChoice;
  if (input.parallel_tool_calls != null) request.parallelToolCalls = input.parallel_tool_calls;
  const responseFormat = convertResponseFormat(input.response_format);
  if (responseFormat) request.responseFormat = responseFormat;
  const maxOutputTokens = input.max_completion_tokens ?? input.max_tokens;
  if (maxOutputTokens != null) request.maxOutputTokens = maxOutputTokens;
  if (input.temperature != null) request.temperature = input.temperature;
  if (input.top_p != null) request.topP = input.top_p;
  if (input.stop != null)
    request.stopSequences = typeof input.stop === 'string' ? [input.stop] : input.stop;
  if (input.seed != null) request.seed = input.seed;
  if (input.frequency_penalty != null) request.frequencyPenalty = input.frequency_penalty;
  if (input.presence_penalty != null) request.presencePenalty = input.presence_penalty;
  if (input.user != null) request.user = input.user;
  const effort = input.reasoning_effort;
  if (effort === 'minimal' || effort === 'low' || effort === 'medium' || effort === 'high')
    request.reasoningEffort = effort;
  else if (effort === 'xhigh') request.reasoningEffort = 'high';
  if (effort === 'xhigh' || effort === 'none') {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'reasoning_effort',
      details: `'${effort}' is mapped to ${effort === 'xhigh' ? "'high'" : 'the model default'}`,
    });
  }
  return {
    model: input.model,
    request,
    isStream: input.stream === true,
    includeUsage: input.stream_options?.include_usage === true,
    warnings,
  };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function rejectUnservable(input: OpenAIChatRequest): void {
  if (input.n != null && input.n > 1) {
    throw new InvalidRequestError({
      message:
        "'n' greater than 1 is not supported by the gateway; send separate requests instead.",
      param: 'n',
    });
  }
  if (input.functions !== undefined || input.function_call !== undefined) {
    throw new InvalidRequestError({
      message:
        "The deprecated 'functions' / 'function_call' parameters are not supported; use 'tools' and 'tool_choice'.",
      param: input.functions !== undefined ? 'functions' : 'function_call',
    });
  }
  if (input.modalities?.includes('audio')) {
    throw new InvalidRequestError({
      message: 'Audio output is not supported by the gateway.',
      param: 'modalities',
    });
  }
}

function convertMessages(messages: ReadonlyArray<OpenAIChatMessage>): CanonicalMessage[] {
  const result: CanonicalMessage[] = [];
  const toolNames = new Map<string, string>();
  let pendingResults: ToolResultPart[] | undefined;
  messages.forEach((message, index) => {
    if (message.role !== 'tool' && pendingResults) {
      result.push({ role: 'tool', content: pendingResults });
      pendingResults = undefined;
    }
    switch (message.role) {
      case 'system':
      case 'developer':
        result.push({ role: 'system', content: joinText(message.content) });
        return;
      case 'user':
        result.push({ role: 'user', content: convertUserContent(message.content, index) });
        return;
      case 'assistant': {
        const content: Array<
          TextPart | { type: 'tool-call'; toolCallId: string; toolName: string; input: string }
        > = [];
        const text =
          message.content == null
            ? ''
            : typeof message.content === 'string'
              ? message.content
              : message.content
                  .map((part) => (part.type === 'text' ? part.text : part.refusal))
                  .join('');
        if (text.length > 0) content.push({ type: 'text', text });
        else if (message.refusal) content.push({ type: 'text', text: message.refusal });
        for (const call of message.tool_calls ?? []) {
          toolNames.set(call.id, call.function.name);
          content.push({
            type: 'tool-call',
            toolCallId: call.id,
            toolName: call.function.name,
            input: call.function.arguments || '{}',
          });
        }
        if (message.function_call !== undefined) {
          throw new InvalidRequestError({
            message: "Assistant 'function_call' is deprecated and not supported; use 'tool_calls'.",
            param: `messages[${index}].function_call`,
          });
        }
        result.push({ role: 'assistant', content });
        return;
      }
      case 'tool': {
        const toolName = toolNames.get(message.tool_call_id);
        pendingResults ??= [];
        pendingResults.push({
          type: 'tool-result',
          toolCallId: message.tool_call_id,
          ...(toolName === undefined ? {} : { toolName }),
          content: [{ type: 'text', text: joinText(message.content) }],
          isError: false,
        });
        return;
      }
      case 'function':
        throw new InvalidRequestError({
          message:
            "Messages with role 'function' are deprecated and not supported; use role 'tool' with 'tool_call_id'.",
          param: `messages[${index}].role`,
        });
    }
  });
  if (pendingResults) result.push({ role: 'tool', content: pendingResults });
  return result;
}

function joinText(content: string | ReadonlyArray<{ text: string }>): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

function convertUserContent(
  content: Extract<OpenAIChatMessage, { role: 'user' }>['content'],
  messageIndex: number,
): UserContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((part, partIndex): UserContentPart => {
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text };
      case 'image_url':
        return convertImage({
          url: part.image_url.url,
          detail: part.image_url.detail,
          param: `messages[${messageIndex}].content[${partIndex}].image_url.url`,
        });
      case 'input_audio':
      case 'file':
        throw new InvalidRequestError({
          message: `Content parts of type '${part.type}' are not supported by the gateway yet; send text or image_url parts.`,
          param: `messages[${messageIndex}].content[${partIndex}].type`,
        });
    }
  });
}

const dataUrlPattern = /^data:([a-z]+\/[a-z0-9.+-]+);base64,/i;

function convertImage({
  url,
  detail,
  param,
}: {
  url: string;
  detail: ImagePart['detail'] | undefined;
  param: string;
}): ImagePart {
  const extra = detail === undefined ? {} : { detail };
  if (url.startsWith('data:')) {
    const match = dataUrlPattern.exec(url);
    if (!match?.[1]) {
      throw new InvalidRequestError({
        message: "Image data URLs must look like 'data:image/png;base64,<data>'.",
        param,
      });
    }
    return {
      type: 'image',
      source: {
        type: 'base64',
        mediaType: match[1].toLowerCase(),
        data: url.slice(match[0].length),
      },
      ...extra,
    };
  }
  if (!/^https?:\/\//i.test(url)) {
    throw new InvalidRequestError({
      message: 'Image URLs must be http(s) URLs or base64 data URLs.',
      param,
    });
  }
  return { type: 'image', source: { type: 'url', url }, ...extra };
}

function convertToolChoice(choice: OpenAIChatRequest['tool_choice']): ToolChoice | undefined {
  if (choice == null) return undefined;
  if (typeof choice === 'string') return { type: choice };
  return { type: 'tool', toolName: choice.function.name };
}

function convertResponseFormat(
  format: OpenAIChatRequest['response_format'],
): ResponseFormat | undefined {
  if (format == null) return undefined;
  switch (format.type) {
    case 'text':
      return { type: 'text' };
    case 'json_object':
      return { type: 'json' };
    case 'json_schema': {
      const { name, description, schema, strict } = format.json_schema;
      return {
        type: 'json',
        name,
        ...(schema === undefined ? {} : { schema }),
        ...(description === undefined ? {} : { description }),
        ...(strict == null ? {} : { strict }),
      };
    }
  }
}
