import {
  assertNever,
  type CanonicalRequest,
  type ImagePart,
  type TextPart,
} from '../spec/index.js';

/** Characters per token assumed by the estimate (a common rule of thumb for English and code). */
const CHARACTERS_PER_TOKEN = 4;

/**
 * Tokens assumed per image: a 1,092 × 1,092 pixel image under Anthropic's (width × height) / 750
 * rule. The gateway does not decode images, so their size is unknown.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/vision#calculate-image-costs
 */
const TOKENS_PER_IMAGE = 1600;

/** Tokens assumed per tool definition's schema when schemas are not measured. */
const TOKENS_PER_TOOL_SCHEMA = 120;

/**
 * A rough input-token count for targets that cannot count exactly (token counting) and for
 * routing: about four characters a token over all text (system, messages, tool calls and
 * results, tool names and descriptions), plus a fixed amount per image. Tool schemas are measured
 * by serialising them, or with `measureToolSchemas: false` (the routing hot path) counted as a
 * fixed amount each.
 */
export function estimateInputTokens(
  request: CanonicalRequest,
  { measureToolSchemas = true }: { measureToolSchemas?: boolean } = {},
): number {
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
  let schemaTokens = 0;
  for (const tool of request.tools ?? []) {
    characters += tool.name.length + (tool.description?.length ?? 0);
    if (measureToolSchemas) characters += JSON.stringify(tool.inputSchema).length;
    else schemaTokens += TOKENS_PER_TOOL_SCHEMA;
  }
  return Math.ceil(characters / CHARACTERS_PER_TOKEN) + images * TOKENS_PER_IMAGE + schemaTokens;
}
