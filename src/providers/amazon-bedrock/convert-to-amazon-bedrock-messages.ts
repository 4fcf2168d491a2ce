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
  AmazonBedrockContentBlock,
  AmazonBedrockImageBlock,
  AmazonBedrockImageFormat,
  AmazonBedrockMessage,
  AmazonBedrockSystemBlock,
  AmazonBedrockTextBlock,
  AmazonBedrockToolResultBlock,
} from './amazon-bedrock-api.js';

/** The canonical conversation in Converse's shape. */
export type AmazonBedrockPrompt = {
  /** All system messages, hoisted; undefined when there are none. */
  readonly system: AmazonBedrockSystemBlock[] | undefined;
  /** User/assistant turns, merged so that roles alternate. */
  readonly messages: AmazonBedrockMessage[];
  readonly warnings: Warning[];
};

export type ConvertToAmazonBedrockMessagesOptions = {
  readonly messages: ReadonlyArray<CanonicalMessage>;
  /**
   * Anthropic models only accept reasoning they signed, so unsigned reasoning is dropped for them;
   * other models get it back as plain `reasoningText`.
   */
  readonly isAnthropicModel: boolean;
};

/**
 * Converts canonical messages to Converse `system` + `messages`. System messages are hoisted;
 * tool results become `toolResult` blocks of a user turn (ahead of its other blocks); consecutive
 * turns of the same role are merged because Converse requires roles to alternate. Images must be
 * inline bytes: URL images are dropped with a warning. Throws InvalidRequestError when a tool
 * call's input is not a JSON object.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Message.html
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 */
export function convertToAmazonBedrockMessages({
  messages,
  isAnthropicModel,
}: ConvertToAmazonBedrockMessagesOptions): AmazonBedrockPrompt {
  const system: AmazonBedrockSystemBlock[] = [];
  const turns: AmazonBedrockMessage[] = [];
  const warnings: Warning[] = [];
  let hasConversationStarted = false;

  messages.forEach((message, messageIndex) => {
    const param = `messages[${messageIndex}]`;
    switch (message.role) {
      case 'system':
        if (hasConversationStarted) {
          warnings.push({
            type: 'other',
            message: `The system message at ${param} was moved into the system prompt: Bedrock accepts system text only ahead of the conversation.`,
          });
        }
        // SystemContentBlock.text is a NonEmptyString.
        if (message.content.length > 0) system.push({ text: message.content });
        return;
      case 'user':
        hasConversationStarted = true;
        appendTurn(turns, {
          role: 'user',
          content: message.content.flatMap((part, partIndex) =>
            convertUserPart({ part, param: `${param}.content[${partIndex}]` }, warnings),
          ),
        });
        return;
      case 'tool':
        hasConversationStarted = true;
        appendTurn(turns, {
          role: 'user',
          content: message.content.map((part, partIndex) =>
            convertToolResult({ part, param: `${param}.content[${partIndex}]` }, warnings),
          ),
        });
        return;
      case 'assistant':
        hasConversationStarted = true;
        appendTurn(turns, {
          role: 'assistant',
          content: message.content.flatMap((part, partIndex) =>
            convertAssistantPart(
              { part, param: `${param}.content[${partIndex}]`, isAnthropicModel },
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
function appendTurn(turns: AmazonBedrockMessage[], turn: AmazonBedrockMessage): void {
  if (turn.content.length === 0) return;
  const previous = turns.at(-1);
  if (previous?.role !== turn.role) {
    turns.push(turn);
    return;
  }
  previous.content.push(...turn.content);
  if (turn.role === 'user') {
    // Claude (through Converse) wants the tool results ahead of any other content of a user turn.
    const results = previous.content.filter((block) => 'toolResult' in block);
    const others = previous.content.filter((block) => !('toolResult' in block));
    previous.content = [...results, ...others];
  }
}

function convertUserPart(
  { part, param }: { part: TextPart | ImagePart; param: string },
  warnings: Warning[],
): Array<AmazonBedrockTextBlock | AmazonBedrockImageBlock> {
  switch (part.type) {
    case 'text':
      // Converse rejects blank text blocks.
      return part.text.length > 0 ? [{ text: part.text }] : [];
    case 'image': {
      const image = convertImage({ part, param }, warnings);
      return image ? [image] : [];
    }
    default:
      return assertNever(part);
  }
}

const dataUrlPattern = /^data:([^;,]+);base64,(.*)$/s;

const IMAGE_FORMAT_BY_MEDIA_TYPE: Readonly<Record<string, AmazonBedrockImageFormat>> =
  Object.freeze({
    'image/png': 'png',
    'image/jpeg': 'jpeg',
    'image/jpg': 'jpeg',
    'image/gif': 'gif',
    'image/webp': 'webp',
  });

/**
 * Converse takes images as inline bytes (or S3 locations), never URLs: an http(s) image is dropped
 * with a warning rather than fetched by the gateway. Data URLs are inlined.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ImageBlock.html
 */
function convertImage(
  { part, param }: { part: ImagePart; param: string },
  warnings: Warning[],
): AmazonBedrockImageBlock | undefined {
  let mediaType: string;
  let data: string;
  if (part.source.type === 'base64') {
    mediaType = part.source.mediaType;
    data = part.source.data;
  } else {
    const dataUrl = dataUrlPattern.exec(part.source.url);
    if (dataUrl?.[1] === undefined || dataUrl[2] === undefined) {
      warnings.push({
        type: 'other',
        message: `The image at ${param} was dropped: Bedrock needs image bytes and does not fetch URLs. Send it as base64 data instead.`,
      });
      return undefined;
    }
    mediaType = dataUrl[1];
    data = dataUrl[2];
  }
  const format = IMAGE_FORMAT_BY_MEDIA_TYPE[mediaType.toLowerCase()];
  if (format === undefined) {
    warnings.push({
      type: 'other',
      message: `The image at ${param} was dropped: Bedrock accepts png, jpeg, gif and webp images, not '${mediaType}'.`,
    });
    return undefined;
  }
  return { image: { format, source: { bytes: data } } };
}

function convertToolResult(
  { part, param }: { part: ToolResultPart; param: string },
  warnings: Warning[],
): AmazonBedrockToolResultBlock {
  const content = part.content.flatMap((resultPart, index) =>
    convertUserPart({ part: resultPart, param: `${param}.content[${index}]` }, warnings),
  );
  return {
    toolResult: {
      toolUseId: part.toolCallId,
      content,
      ...(part.isError ? { status: 'error' as const } : {}),
    },
  };
}

function convertAssistantPart(
  {
    part,
    param,
    isAnthropicModel,
  }: { part: AssistantContentPart; param: string; isAnthropicModel: boolean },
  warnings: Warning[],
): AmazonBedrockContentBlock[] {
  switch (part.type) {
    case 'text':
      return part.text.length > 0 ? [{ text: part.text }] : [];
    case 'tool-call':
      return [
        {
          toolUse: {
            toolUseId: part.toolCallId,
            name: part.toolName,
            input: parseToolInput({ input: part.input, param, toolName: part.toolName }),
          },
        },
      ];
    case 'reasoning':
      if (part.redactedData !== undefined) {
        return [{ reasoningContent: { redactedContent: part.redactedData } }];
      }
      if (part.signature !== undefined) {
        return [
          { reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } },
        ];
      }
      if (part.text.length === 0) return [];
      if (isAnthropicModel) {
        warnings.push({
          type: 'other',
          message: `The reasoning at ${param} was dropped: Anthropic models on Bedrock only accept reasoning they signed.`,
        });
        return [];
      }
      return [{ reasoningContent: { reasoningText: { text: part.text } } }];
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

/** Claude on Bedrock rejects a final assistant turn (a prefill) whose text ends in whitespace. */
function trimFinalAssistantText(turns: AmazonBedrockMessage[]): void {
  const last = turns.at(-1);
  if (last?.role !== 'assistant') return;
  const block = last.content.at(-1);
  if (block === undefined || !('text' in block)) return;
  block.text = block.text.trimEnd();
  if (block.text.length > 0) return;
  last.content.pop();
  if (last.content.length === 0) turns.pop();
}
