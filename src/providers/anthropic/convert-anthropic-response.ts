import {
  assertNever,
  type AssistantContentPart,
  type CanonicalResponse,
  type Warning,
} from '../../spec/index.js';
import type { AnthropicMessageResponse } from './anthropic-api.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { mapAnthropicUsage } from './map-anthropic-usage.js';
import { JSON_RESPONSE_TOOL_NAME } from './prepare-anthropic-tools.js';

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
  const isJsonAnswer = (name: string) => isJsonMode && name === JSON_RESPONSE_TOOL_NAME;
  const hasJsonAnswer = response.content.some(
    (block) => block.type === 'tool_use' && isJsonAnswer(block.name),
  );
  let hasOtherToolCall = false;
  const content: AssistantContentPart[] = [];
  for (const block of response.content) {
    switch (block.type) {
      case 'text':
        if (!hasJsonAnswer) content.push({ type: 'text', text: block.text });
        break;
      case 'tool_use':
        if (isJsonAnswer(block.name)) {
          content.push({ type: 'text', text: JSON.stringify(block.input ?? {}) });
        } else {
          hasOtherToolCall = true;
          content.push({
            type: 'tool-call',
            toolCallId: block.id,
            toolName: block.name,
            input: JSON.stringify(block.input ?? {}),
          });
        }
        break;
      case 'thinking':
        content.push({
          type: 'reasoning',
          text: block.thinking,
          ...(block.signature ? { signature: block.signature } : {}),
        });
        break;
      case 'redacted_thinking':
        content.push({ type: 'reasoning', text: '', redactedData: block.data });
        break;
      case 'unknown':
        break;
      default:
        assertNever(block);
    }
  }
  return {
    ...(response.id ? { id: response.id } : {}),
    modelId: response.model ?? modelId,
    content,
    finishReason: mapAnthropicFinishReason({
      stopReason: response.stop_reason,
      isJsonResponseFromTool: hasJsonAnswer && !hasOtherToolCall,
    }),
    ...(response.stop_reason ? { rawFinishReason: response.stop_reason } : {}),
    usage: mapAnthropicUsage(response.usage),
    warnings,
  };
}
