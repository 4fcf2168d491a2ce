import { convertJsonResponseToolContent, type ToolUseContent } from '../../provider-utils/index.js';
import type { AssistantContentPart, CanonicalResponse, Warning } from '../../spec/index.js';
import type { AmazonBedrockConverseResponse } from './amazon-bedrock-api.js';
import { mapAmazonBedrockFinishReason } from './map-amazon-bedrock-finish-reason.js';
import { mapAmazonBedrockUsage } from './map-amazon-bedrock-usage.js';

export type ConvertAmazonBedrockResponseOptions = {
  readonly response: AmazonBedrockConverseResponse;
  /** The model that was asked: Converse does not name the model in its reply. */
  readonly modelId: string;
  /** The `x-amzn-requestid` of the reply, the only identifier Bedrock gives. */
  readonly responseId: string | undefined;
  /** JSON mode through the `json` tool: its input becomes the text answer. */
  readonly isJsonMode: boolean;
  readonly warnings: ReadonlyArray<Warning>;
};

/**
 * Converts a Converse reply to the canonical response. Tool inputs become JSON text; reasoning
 * blocks become reasoning parts (with their signature, or the redacted bytes as `redactedData`).
 * Blocks the canonical response has no place for (citations, images, documents) are skipped. In
 * JSON mode the `json` tool call becomes the text answer and any text around it is dropped, so the
 * client receives exactly one JSON text.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ContentBlock.html
 */
export function convertAmazonBedrockResponse({
  response,
  modelId,
  responseId,
  isJsonMode,
  warnings,
}: ConvertAmazonBedrockResponseOptions): CanonicalResponse {
  const { content, isJsonResponseFromTool } = convertJsonResponseToolContent({
    content: response.output.message.content.flatMap(convertBlock),
    isJsonMode,
  });
  return {
    ...(responseId ? { id: responseId } : {}),
    modelId,
    content,
    finishReason: mapAmazonBedrockFinishReason({
      stopReason: response.stopReason,
      isJsonResponseFromTool,
    }),
    rawFinishReason: response.stopReason,
    usage: mapAmazonBedrockUsage(response.usage),
    warnings,
  };
}

function convertBlock(
  block: AmazonBedrockConverseResponse['output']['message']['content'][number],
): Array<AssistantContentPart | ToolUseContent> {
  if (block.text != null) return [{ type: 'text', text: block.text }];
  if (block.toolUse) {
    const { toolUseId, name, input } = block.toolUse;
    return [{ type: 'tool-use', toolCallId: toolUseId, toolName: name, input }];
  }
  if (block.reasoningContent?.reasoningText) {
    const { text, signature } = block.reasoningContent.reasoningText;
    return [{ type: 'reasoning', text, ...(signature ? { signature } : {}) }];
  }
  if (block.reasoningContent?.redactedContent) {
    return [{ type: 'reasoning', text: '', redactedData: block.reasoningContent.redactedContent }];
  }
  return [];
}
