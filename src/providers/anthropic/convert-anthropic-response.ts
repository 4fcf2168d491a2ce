import { convertJsonResponseToolContent, type ToolUseContent } from '../../provider-utils/index.js';
import {
  assertNever,
  type AssistantContentPart,
  type CanonicalResponse,
  type Warning,
} from '../../spec/index.js';
import type { AnthropicMessageResponse } from './anthropic-api.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';

/** Input of `convertAnthropicResponse`. */
export type ConvertAnthropicResponseOptions = {
  readonly response: AnthropicMessageResponse;
  /** The model that was asked, used when the reply does not name one. */
  readonly modelId: string;
  /** JSON mode through the `json` tool: its input becomes the text answer. */
  readonly isJsonMode: boolean;
  readonly warnings: ReadonlyArray<Warning>;
};

/**
 * Converts a non-streaming Messages reply to the canonical response. Tool inputs become JSON
 * text; thinking blocks become reasoning parts (with their signature, or the redacted data).
 * Server-tool blocks and other block types the canonical response has no place for are skipped.
 * In JSON mode the `json` tool call becomes the text answer and any text around it is dropped,
 * so the client receives exactly one JSON text.
 * @see https://docs.anthropic.com/en/api/messages#response-content
 */
export function convertAnthropicResponse({
  response,
  modelId,
  isJsonMode,
  warnings,
}: ConvertAnthropicResponseOptions): CanonicalResponse {
  const { content, isJsonResponseFromTool } = convertJsonResponseToolContent({
    content: response.content.flatMap(convertBlock),
    isJsonMode,
  });
  return {
    ...(response.id ? { id: response.id } : {}),
    modelId: response.model ?? modelId,
    content,
    finishReason: mapAnthropicFinishReason({
      stopReason: response.stop_reason,
      isJsonResponseFromTool,
    }),
    ...(response.stop_reason ? { rawFinishReason: response.stop_reason } : {}),
    usage: mapAnthropicUsage(response.usage),
    warnings,
  };
}

function convertBlock(
  block: AnthropicMessageResponse['content'][number],
): Array<AssistantContentPart | ToolUseContent> {
  switch (block.type) {
    case 'text':
      return [{ type: 'text', text: block.text }];
    case 'tool_use':
      return [{ type: 'tool-use', toolCallId: block.id, toolName: block.name, input: block.input }];
    case 'thinking':
      return [
        {
          type: 'reasoning',
          text: block.thinking,
          ...(block.signature ? { signature: block.signature } : {}),
        },
      ];
    case 'redacted_thinking':
      return [{ type: 'reasoning', text: '', redactedData: block.data }];
    case 'unknown':
      return [];
    default:
      return assertNever(block);
  }
}
