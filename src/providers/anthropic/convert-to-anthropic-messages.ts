import {
  appendOrMergeTurn,
  parseBase64DataUrl,
  parseToolCallInput,
  trimFinalAssistantText,
  type TurnShape,
} from '../../provider-utils/index.js';
import {
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

/** Anthropic wants tool_result blocks ahead of any other content of a user turn. */
const turnShape: TurnShape<AnthropicMessageParam, AnthropicContentBlockParam> = {
  partsOf: (turn) => turn.content,
  isToolResult: (block) => block.type === 'tool_result',
};

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
  const appendTurn = (turn: AnthropicMessageParam) =>
    appendOrMergeTurn({ turns, turn, shape: turnShape });

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
        appendTurn({ role: 'user', content: message.content.flatMap(convertUserPart) });
        return;
      case 'tool':
        hasConversationStarted = true;
        appendTurn({ role: 'user', content: message.content.map(convertToolResult) });
        return;
      case 'assistant':
        hasConversationStarted = true;
        appendTurn({
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

  // Anthropic rejects a final assistant turn (a prefill) whose text ends in whitespace.
  trimFinalAssistantText({
    turns,
    partsOf: turnShape.partsOf,
    asText: (block) => (block.type === 'text' ? block : undefined),
  });
  return { system: system.length > 0 ? system : undefined, messages: turns, warnings };
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

function convertImage(part: ImagePart): AnthropicImageBlockParam {
  const source = part.source;
  if (source.type === 'base64') {
    return {
      type: 'image',
      source: { type: 'base64', media_type: source.mediaType, data: source.data },
    };
  }
  // Anthropic's url source only takes http(s); inline data URLs are sent as base64.
  const dataUrl = parseBase64DataUrl(source.url);
  if (dataUrl !== undefined) {
    return {
      type: 'image',
      source: { type: 'base64', media_type: dataUrl.mediaType, data: dataUrl.data },
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
          input: parseToolCallInput({ input: part.input, param, toolName: part.toolName }),
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
