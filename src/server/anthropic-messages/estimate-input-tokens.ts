import {
  assertNever,
  type CanonicalRequest,
  type ImagePart,
  type TextPart,
} from '../../spec/index.js';

/** Characters per token assumed by the estimate (a common rule of thumb for English and code). */
const CHARACTERS_PER_TOKEN = 4;

/**
 * Tokens assumed per image: a 1,092 × 1,092 pixel image under Anthropic's (width × height) / 750
 * rule. The gateway does not decode images, so their size is unknown.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/vision#calculate-image-costs
 */
const TOKENS_PER_IMAGE = 1600;

/**
 * A rough input-token count for targets that cannot count exactly: about four characters a token
 * over all text (system, messages, tool calls and results, tool names, descriptions and schemas),
 * plus a fixed amount per image.
 */
export function estimateInputTokens(request: CanonicalRequest): number {
  let characters = 0;
  let images = 0;
  const addParts = (parts: ReadonlyArray<TextPart | ImagePart>) => {
    for (const part of parts) {
      if (part.type === 'text') characters += part.text.length;
      else images++;
    }
  };
  for (const message of request.messages) {
    switch (message.role) {
      case 'system':
        characters += message.content.length;
        break;
      case 'user':
        addParts(message.content);
        break;
      case 'assistant':
        for (const part of message.content) {
          if (part.type === 'text' || part.type === 'reasoning') characters += part.text.length;
          else characters += part.toolName.length + part.input.length;
        }
        break;
      case 'tool':
        for (const part of message.content) addParts(part.content);
        break;
      default:
        return assertNever(message);
    }
  }
  for (const tool of request.tools ?? []) {
    characters += tool.name.length + (tool.description?.length ?? 0);
    characters += JSON.stringify(tool.inputSchema).length;
  }
  return Math.ceil(characters / CHARACTERS_PER_TOKEN) + images * TOKENS_PER_IMAGE;
}
