import {
  assertNever,
  type AssistantMessage,
  type CanonicalMessage,
  type ImagePart,
  type UserMessage,
  type Warning,
} from '../../spec/index.js';
import type { OpenAIImageInput } from './openai-chat-dialect.js';
import type {
  OpenAIChatMessage,
  OpenAIMessageToolCall,
  OpenAIUserContentPart,
} from './openai-api.js';

/** Arguments of {@link convertToOpenAIMessages}. */
export type ConvertToOpenAIMessagesOptions = {
  readonly messages: ReadonlyArray<CanonicalMessage>;
  /** `developer` for OpenAI reasoning models, `system` everywhere else. */
  readonly systemMessageRole: 'system' | 'developer';
  /** Which images the target takes; others are dropped with a warning. */
  readonly imageInput: OpenAIImageInput;
};

/**
 * Converts canonical messages to Chat Completions messages. Reasoning parts are dropped (Chat
 * Completions has no field for them), and images in tool results are omitted (tool messages are
 * text only); each adds one warning.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create#chat-create-messages
 */
export function convertToOpenAIMessages({
  messages,
  systemMessageRole,
  imageInput,
}: ConvertToOpenAIMessagesOptions): { messages: OpenAIChatMessage[]; warnings: Warning[] } {
  const output: OpenAIChatMessage[] = [];
  const warnings = new Map<string, Warning>();
  const warnOnce = (message: string) => warnings.set(message, { type: 'other', message });

  for (const message of messages) {
    switch (message.role) {
      case 'system':
        output.push({ role: systemMessageRole, content: message.content });
        break;
      case 'user':
        output.push(convertUserMessage({ message, imageInput, warnOnce }));
        break;
      case 'assistant':
        output.push(convertAssistantMessage({ message, warnOnce }));
        break;
      case 'tool':
        for (const result of message.content) {
          const texts: string[] = [];
          for (const part of result.content) {
            if (part.type === 'text') texts.push(part.text);
            else warnOnce('Images in tool results are not supported by Chat Completions; omitted.');
          }
          output.push({ role: 'tool', tool_call_id: result.toolCallId, content: texts.join('\n') });
        }
        break;
      default:
        assertNever(message);
    }
  }
  return { messages: output, warnings: [...warnings.values()] };
}

function convertUserMessage({
  message,
  imageInput,
  warnOnce,
}: {
  message: UserMessage;
  imageInput: OpenAIImageInput;
  warnOnce: (message: string) => void;
}): OpenAIChatMessage {
  const only = message.content.length === 1 ? message.content[0] : undefined;
  // A lone text part goes out as a plain string: every compatible server accepts that form.
  if (only?.type === 'text') return { role: 'user', content: only.text };
  const parts: OpenAIUserContentPart[] = [];
  for (const part of message.content) {
    if (part.type === 'text') parts.push({ type: 'text', text: part.text });
    else if (
      imageInput === 'any' ||
      (imageInput === 'data-url-only' && part.source.type === 'base64')
    ) {
      parts.push(convertImagePart(part));
    } else if (imageInput === 'data-url-only') {
      warnOnce('This server takes images only as inline base64 data; image URLs were omitted.');
    } else {
      warnOnce('This model does not accept image input; images were omitted.');
    }
  }
  return { role: 'user', content: parts };
}

function convertImagePart(part: ImagePart): OpenAIUserContentPart {
  const url =
    part.source.type === 'url'
      ? part.source.url
      : `data:${part.source.mediaType};base64,${part.source.data}`;
  return {
    type: 'image_url',
    image_url: part.detail === undefined ? { url } : { url, detail: part.detail },
  };
}

function convertAssistantMessage({
  message,
  warnOnce,
}: {
  message: AssistantMessage;
  warnOnce: (message: string) => void;
}): OpenAIChatMessage {
  let text = '';
  const toolCalls: OpenAIMessageToolCall[] = [];
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
        text += part.text;
        break;
      case 'tool-call':
        toolCalls.push({
          id: part.toolCallId,
          type: 'function',
          function: { name: part.toolName, arguments: part.input },
        });
        break;
      case 'reasoning':
        warnOnce(
          'Reasoning parts of assistant messages cannot be sent to Chat Completions; dropped.',
        );
        break;
      default:
        assertNever(part);
    }
  }
  if (toolCalls.length === 0) return { role: 'assistant', content: text };
  // `null` rather than "" next to tool calls, as OpenAI's own clients send it.
  return { role: 'assistant', content: text.length > 0 ? text : null, tool_calls: toolCalls };
}
