import { parseJsonOrUndefined } from '../../provider-utils/index.js';
import {
  InvalidRequestError,
  assertNever,
  type AssistantContentPart,
  type CanonicalMessage,
  type ImagePart,
  type TextPart,
  type ToolResultPart,
  type Warning,
} from '../../spec/index.js';
import type {
  AnthropicContentBlockParam,
  AnthropicImageBlockParam,
  AnthropicMessageParam,
  AnthropicTextBlockParam,
  AnthropicToolResultBlockParam,
} from './anthropic-api.js';

/** The canonical conversation in Anthropic's shape. */
export type AnthropicPrompt = {
  /** All system messages, hoisted; undefined when there are none. */
  readonly system: AnthropicTextBlockParam[] | undefined;
  /** User/assistant turns, merged so that roles alternate. */
  readonly messages: AnthropicMessageParam[];
  readonly warnings: Warning[];
};

/**
 * Converts canonical messages to Anthropic's `system` + `messages`. System messages are hoisted
 * (Anthropic has no system role in `messages`); tool results become `tool_result` blocks of a
 * user turn; consecutive turns of the same role are merged because Anthropic requires roles to
 * alternate. Throws InvalidRequestError when a tool call's input is not a JSON object.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function convertToAnthropicMessages(
  messages: ReadonlyArray<CanonicalMessage>,
): AnthropicPrompt {
  const system: AnthropicTextBlockParam[] = [];
  const turns: AnthropicMessageParam[] = [];
  const warnings: Warning[] = [];
  let hasConversationStarted = false;

  messages.forEach((message, messageIndex) => {
    switch (message.role) {
      case 'system':
        if (hasConversationStarted) {
          warnings.push({
            type: 'other',
            message: `The system message at messages[${messageIndex}] was moved into the system prompt: Anthropic accepts system text only ahead of the conversation.`,
          });
        }
        if (message.content.length > 0) system.push({ type: 'text', text: message.content });
        return;
      case 'user':
        hasConversationStarted = true;
        appendTurn(turns, { role: 'user', content: message.content.flatMap(convertUserPart) });
        return;
      case 'tool':
        hasConversationStarted = true;
        appendTurn(turns, { role: 'user', content: message.content.map(convertToolResult) });
        return;
      case 'assistant':
        hasConversationStarted = true;
        appendTurn(turns, {
          role: 'assistant',
          content: message.content.flatMap((part, partIndex) =>
            convertAssistantPart(
              { part, param: `messages[${messageIndex}].content[${partIndex}]` },
              warnings,
            ),
          ),
        });
        return;
      default:
        return assertNever(message);
    }
  });

  trimFinalAssistantText(turns);
  return { system: system.length > 0 ? system : undefined, messages: turns, warnings };
}

/** Appends a turn, merging it into the previous one when the role repeats. */
function appendTurn(turns: AnthropicMessageParam[], turn: AnthropicMessageParam): void {
  if (turn.content.length === 0) return;
  const previous = turns.at(-1);
  if (previous?.role !== turn.role) {
    turns.push(turn);
    return;
  }
  previous.content.push(...turn.content);
  if (turn.role === 'user') {
    // Anthropic wants tool_result blocks ahead of any other content of a user turn.
    const results = previous.content.filter((block) => block.type === 'tool_result');
    const others = previous.content.filter((block) => block.type !== 'tool_result');
    previous.content = [...results, ...others];
  }
}

function convertUserPart(
  part: TextPart | ImagePart,
): Array<AnthropicTextBlockParam | AnthropicImageBlockParam> {
  switch (part.type) {
    case 'text':
      // Anthropic rejects empty text blocks.
      return part.text.length > 0 ? [{ type: 'text', text: part.text }] : [];
    case 'image':
      return [convertImage(part)];
    default:
      return assertNever(part);
  }
}

const dataUrlPattern = /^data:([^;,]+);base64,(.*)$/s;

function convertImage(part: ImagePart): AnthropicImageBlockParam {
  const source = part.source;
  if (source.type === 'base64') {
    return {
      type: 'image',
      source: { type: 'base64', media_type: source.mediaType, data: source.data },
    };
  }
  // Anthropic's url source only takes http(s); inline data URLs are sent as base64.
  const dataUrl = dataUrlPattern.exec(source.url);
  if (dataUrl?.[1] !== undefined && dataUrl[2] !== undefined) {
    return {
      type: 'image',
      source: { type: 'base64', media_type: dataUrl[1], data: dataUrl[2] },
    };
  }
  return { type: 'image', source: { type: 'url', url: source.url } };
}

function convertToolResult(part: ToolResultPart): AnthropicToolResultBlockParam {
  const content = part.content.flatMap(convertUserPart);
  return {
    type: 'tool_result',
    tool_use_id: part.toolCallId,
    ...(content.length > 0 ? { content } : {}),
    ...(part.isError ? { is_error: true } : {}),
  };
}

function convertAssistantPart(
  { part, param }: { part: AssistantContentPart; param: string },
  warnings: Warning[],
): AnthropicContentBlockParam[] {
  switch (part.type) {
    case 'text':
      return part.text.length > 0 ? [{ type: 'text', text: part.text }] : [];
    case 'tool-call':
      return [
        {
          type: 'tool_use',
          id: part.toolCallId,
          name: part.toolName,
          input: parseToolInput({ input: part.input, param, toolName: part.toolName }),
        },
      ];
    case 'reasoning':
      if (part.redactedData !== undefined) {
        return [{ type: 'redacted_thinking', data: part.redactedData }];
      }
      if (part.signature !== undefined) {
        return [{ type: 'thinking', thinking: part.text, signature: part.signature }];
      }
      warnings.push({
        type: 'other',
        message: `The reasoning at ${param} was dropped: Anthropic only accepts thinking blocks it signed.`,
      });
      return [];
    default:
      return assertNever(part);
  }
}

function parseToolInput({
  input,
  param,
  toolName,
}: {
  input: string;
  param: string;
  toolName: string;
}): Record<string, unknown> {
  // Some clients send "" for a call without arguments.
  if (input.trim().length === 0) return {};
  const parsed = parseJsonOrUndefined(input);
  if (isJsonObject(parsed)) return parsed;
  throw new InvalidRequestError({
    message: `The arguments of the call to tool '${toolName}' at ${param} are not a JSON object. Send the tool call's arguments as a JSON object text, e.g. '{"city":"Paris"}'.`,
    param,
  });
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Anthropic rejects a final assistant turn (a prefill) whose text ends in whitespace. */
function trimFinalAssistantText(turns: AnthropicMessageParam[]): void {
  const last = turns.at(-1);
  if (last?.role !== 'assistant') return;
  const block = last.content.at(-1);
  if (block?.type !== 'text') return;
  block.text = block.text.trimEnd();
  if (block.text.length > 0) return;
  last.content.pop();
  if (last.content.length === 0) turns.pop();
}
