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
  AmazonBedrockContentBlock,
  AmazonBedrockImageBlock,
  AmazonBedrockImageFormat,
  AmazonBedrockMessage,
  AmazonBedrockSystemBlock,
  AmazonBedrockTextBlock,
  AmazonBedrockToolResultBlock,
} from './amazon-bedrock-api.js';

/** Claude (through Converse) wants the tool results ahead of any other content of a user turn. */
const turnShape: TurnShape<AmazonBedrockMessage, AmazonBedrockContentBlock> = {
  partsOf: (turn) => turn.content,
  isToolResult: (block) => 'toolResult' in block,
};

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
  const appendTurn = (turn: AmazonBedrockMessage) =>
    appendOrMergeTurn({ turns, turn, shape: turnShape });

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
        appendTurn({
          role: 'user',
          content: message.content.flatMap((part, partIndex) =>
            convertUserPart({ part, param: `${param}.content[${partIndex}]` }, warnings),
          ),
        });
        return;
      case 'tool':
        hasConversationStarted = true;
        appendTurn({
          role: 'user',
          content: message.content.map((part, partIndex) =>
            convertToolResult({ part, param: `${param}.content[${partIndex}]` }, warnings),
          ),
        });
        return;
      case 'assistant':
        hasConversationStarted = true;
        appendTurn({
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

  // Claude on Bedrock rejects a final assistant turn (a prefill) whose text ends in whitespace.
  trimFinalAssistantText({
    turns,
    partsOf: turnShape.partsOf,
    asText: (block) => ('text' in block ? block : undefined),
  });
  return { system: system.length > 0 ? system : undefined, messages: turns, warnings };
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
    const dataUrl = parseBase64DataUrl(part.source.url);
    if (dataUrl === undefined) {
      warnings.push({
        type: 'other',
        message: `The image at ${param} was dropped: Bedrock needs image bytes and does not fetch URLs. Send it as base64 data instead.`,
      });
      return undefined;
    }
    ({ mediaType, data } = dataUrl);
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
            input: parseToolCallInput({ input: part.input, param, toolName: part.toolName }),
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
