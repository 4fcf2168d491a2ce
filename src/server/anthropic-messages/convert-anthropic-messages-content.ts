import {
  assertNever,
  InvalidRequestError,
  type AssistantContentPart,
  type CanonicalMessage,
  type ImagePart,
  type TextPart,
  type ToolResultPart,
  type UserContentPart,
} from '../../spec/index.js';
import {
  UNSUPPORTED_BLOCK_TYPES,
  type AnthropicCacheControl,
  type AnthropicContentBlock,
  type AnthropicImageBlock,
  type AnthropicMessage,
  type AnthropicMessagesRequest,
  type UnsupportedBlockType,
} from './anthropic-messages-request-schema.js';

/**
 * Where the client put prompt-cache breakpoints. The canonical request has no such concept, so
 * the ones Anthropic targets can honour travel in `providerOptions.anthropic`: on the last system
 * block, the last tool and the last block of the last message. The rest are listed as dropped.
 */
export type CacheBreakpoints = {
  system?: AnthropicCacheControl;
  tools?: AnthropicCacheControl;
  messages?: AnthropicCacheControl;
  /** Request fields of breakpoints no target receives. */
  readonly dropped: string[];
};

/** The converted conversation. */
export type ConvertedAnthropicMessages = {
  readonly messages: CanonicalMessage[];
  readonly cacheBreakpoints: CacheBreakpoints;
};

/**
 * Converts `system` and `messages` to canonical messages. `tool_result` blocks become a `tool`
 * message placed ahead of the rest of their user turn (Anthropic requires them first anyway), and
 * their tool names are recovered from the earlier `tool_use` blocks. Signed `thinking` blocks
 * become reasoning parts that keep their signature.
 * @see https://docs.anthropic.com/en/api/messages
 */
export function convertAnthropicMessages(
  input: Pick<AnthropicMessagesRequest, 'system' | 'messages' | 'cache_control'>,
): ConvertedAnthropicMessages {
  const cacheBreakpoints: CacheBreakpoints = { dropped: [] };
  const messages: CanonicalMessage[] = [];
  if (typeof input.system === 'string') {
    if (input.system.length > 0) messages.push({ role: 'system', content: input.system });
  } else if (input.system) {
    const blocks = input.system;
    blocks.forEach((block, index) => {
      messages.push({ role: 'system', content: block.text });
      if (!block.cache_control) return;
      if (index === blocks.length - 1) cacheBreakpoints.system = block.cache_control;
      else cacheBreakpoints.dropped.push(`system[${index}]`);
    });
  }
  const toolNames = new Map<string, string>();
  input.messages.forEach((message, messageIndex) => {
    const isLast = messageIndex === input.messages.length - 1;
    const blocks =
      typeof message.content === 'string'
        ? [{ type: 'text' as const, text: message.content }]
        : message.content;
    blocks.forEach((block, blockIndex) => {
      const cacheControl = cacheControlOf(block);
      if (!cacheControl) return;
      if (isLast && blockIndex === blocks.length - 1) cacheBreakpoints.messages = cacheControl;
      else cacheBreakpoints.dropped.push(`messages[${messageIndex}].content[${blockIndex}]`);
    });
    messages.push(...convertMessage({ role: message.role, blocks, messageIndex, toolNames }));
  });
  // Top-level `cache_control` caches up to the last cacheable block: the same breakpoint.
  if (input.cache_control) cacheBreakpoints.messages ??= input.cache_control;
  return { messages, cacheBreakpoints };
}

function cacheControlOf(block: AnthropicContentBlock): AnthropicCacheControl | undefined {
  if (isUnsupportedBlock(block)) return undefined;
  switch (block.type) {
    case 'text':
    case 'image':
    case 'tool_use':
    case 'tool_result':
      return block.cache_control ?? undefined;
    case 'thinking':
    case 'redacted_thinking':
      return undefined;
    default:
      return assertNever(block);
  }
}

type UnsupportedBlock = Extract<AnthropicContentBlock, { type: UnsupportedBlockType }>;

function isUnsupportedBlock(block: { type: string }): block is UnsupportedBlock {
  return (UNSUPPORTED_BLOCK_TYPES as ReadonlyArray<string>).includes(block.type);
}

type ConvertMessageOptions = {
  readonly role: AnthropicMessage['role'];
  readonly blocks: ReadonlyArray<AnthropicContentBlock>;
  readonly messageIndex: number;
  /** Tool names by tool_use id, filled from assistant turns for later tool results. */
  readonly toolNames: Map<string, string>;
};

function convertMessage({
  role,
  blocks,
  messageIndex,
  toolNames,
}: ConvertMessageOptions): CanonicalMessage[] {
  const param = (blockIndex: number) => `messages[${messageIndex}].content[${blockIndex}]`;
  switch (role) {
    case 'system':
      return [
        {
          role: 'system',
          content: blocks.map((block, index) => expectText(block, param(index)).text).join('\n'),
        },
      ];
    case 'user': {
      const results: ToolResultPart[] = [];
      const content: UserContentPart[] = [];
      blocks.forEach((block, index) => {
        if (block.type === 'tool_result') {
          const toolName = toolNames.get(block.tool_use_id);
          results.push({
            type: 'tool-result',
            toolCallId: block.tool_use_id,
            ...(toolName === undefined ? {} : { toolName }),
            content: convertToolResultContent(block.content, `${param(index)}.content`),
            isError: block.is_error === true,
          });
        } else {
          content.push(convertUserBlock(block, param(index)));
        }
      });
      const converted: CanonicalMessage[] = [];
      if (results.length > 0) converted.push({ role: 'tool', content: results });
      if (content.length > 0 || results.length === 0) converted.push({ role: 'user', content });
      return converted;
    }
    case 'assistant':
      return [
        {
          role: 'assistant',
          content: blocks.map((block, index) =>
            convertAssistantBlock({ block, param: param(index), toolNames }),
          ),
        },
      ];
  }
}

function convertUserBlock(block: AnthropicContentBlock, param: string): UserContentPart {
  if (isUnsupportedBlock(block)) throw unsupportedBlockError(block.type, param);
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'image':
      return convertImage(block, param);
    case 'tool_use':
    case 'thinking':
    case 'redacted_thinking':
      throw new InvalidRequestError({
        message: `'${block.type}' blocks belong in assistant messages, not user messages (${param}).`,
        param: `${param}.type`,
      });
    case 'tool_result':
      // Handled by the caller; listed for exhaustiveness.
      throw new InvalidRequestError({ message: 'Unexpected tool_result block.', param });
    default:
      return assertNever(block);
  }
}

function convertAssistantBlock({
  block,
  param,
  toolNames,
}: {
  block: AnthropicContentBlock;
  param: string;
  toolNames: Map<string, string>;
}): AssistantContentPart {
  if (isUnsupportedBlock(block)) throw unsupportedBlockError(block.type, param);
  switch (block.type) {
    case 'text':
      return { type: 'text', text: block.text };
    case 'tool_use':
      toolNames.set(block.id, block.name);
      return {
        type: 'tool-call',
        toolCallId: block.id,
        toolName: block.name,
        input: block.input === undefined ? '{}' : JSON.stringify(block.input),
      };
    case 'thinking':
      return {
        type: 'reasoning',
        text: block.thinking,
        ...(block.signature ? { signature: block.signature } : {}),
      };
    case 'redacted_thinking':
      return { type: 'reasoning', text: '', redactedData: block.data };
    case 'image':
    case 'tool_result':
      throw new InvalidRequestError({
        message: `'${block.type}' blocks belong in user messages, not assistant messages (${param}).`,
        param: `${param}.type`,
      });
    default:
      return assertNever(block);
  }
}

function convertToolResultContent(
  content: Extract<AnthropicContentBlock, { type: 'tool_result' }>['content'],
  param: string,
): Array<TextPart | ImagePart> {
  if (content === undefined) return [];
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return content.map((block, index) => {
    if (isUnsupportedBlock(block)) throw unsupportedBlockError(block.type, `${param}[${index}]`);
    switch (block.type) {
      case 'text':
        return { type: 'text', text: block.text };
      case 'image':
        return convertImage(block, `${param}[${index}]`);
      default:
        return assertNever(block);
    }
  });
}

function convertImage(block: AnthropicImageBlock, param: string): ImagePart {
  const source = block.source;
  switch (source.type) {
    case 'base64':
      return {
        type: 'image',
        source: { type: 'base64', mediaType: source.media_type, data: source.data },
      };
    case 'url':
      return { type: 'image', source: { type: 'url', url: source.url } };
    case 'file':
      throw new InvalidRequestError({
        message: `Images from the Files API (source type 'file', ${param}) are not supported by the gateway; send the image as base64 or an https URL.`,
        param: `${param}.source.type`,
      });
  }
}

function expectText(block: AnthropicContentBlock, param: string): { text: string } {
  if (block.type === 'text') return block;
  throw new InvalidRequestError({
    message: `System messages take only text blocks; ${param} is '${block.type}'.`,
    param: `${param}.type`,
  });
}

function unsupportedBlockError(type: string, param: string): InvalidRequestError {
  const advice =
    type === 'document'
      ? 'Document (PDF) blocks are not supported by the gateway yet; extract the text and send it as a text block.'
      : `'${type}' blocks are not supported by the gateway; it serves text, image, tool_use, tool_result and thinking blocks.`;
  return new InvalidRequestError({ message: `${advice} (at ${param})`, param: `${param}.type` });
}
