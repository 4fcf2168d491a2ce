import type { AssistantContentPart, CanonicalResponse, Warning } from '../../spec/index.js';
import type { AmazonBedrockConverseResponse } from './amazon-bedrock-api.js';
import { mapAmazonBedrockFinishReason } from './map-amazon-bedrock-finish-reason.js';
import { mapAmazonBedrockUsage } from './map-amazon-bedrock-usage.js';
import { JSON_RESPONSE_TOOL_NAME } from './prepare-amazon-bedrock-tools.js';

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
  const blocks = response.output.message.content;
  const isJsonAnswer = (name: string) => isJsonMode && name === JSON_RESPONSE_TOOL_NAME;
  const hasJsonAnswer = blocks.some((block) => block.toolUse && isJsonAnswer(block.toolUse.name));
  let hasOtherToolCall = false;
  const content: AssistantContentPart[] = [];
  for (const block of blocks) {
    if (block.text != null) {
      if (!hasJsonAnswer) content.push({ type: 'text', text: block.text });
    } else if (block.toolUse) {
      const input = JSON.stringify(block.toolUse.input ?? {});
      if (isJsonAnswer(block.toolUse.name)) {
        content.push({ type: 'text', text: input });
      } else {
        hasOtherToolCall = true;
        content.push({
          type: 'tool-call',
          toolCallId: block.toolUse.toolUseId,
          toolName: block.toolUse.name,
          input,
        });
      }
    } else if (block.reasoningContent?.reasoningText) {
      const { text, signature } = block.reasoningContent.reasoningText;
      content.push({ type: 'reasoning', text, ...(signature ? { signature } : {}) });
    } else if (block.reasoningContent?.redactedContent) {
      content.push({
        type: 'reasoning',
        text: '',
        redactedData: block.reasoningContent.redactedContent,
      });
    }
  }
  return {
    ...(responseId ? { id: responseId } : {}),
    modelId,
    content,
    finishReason: mapAmazonBedrockFinishReason({
      stopReason: response.stopReason,
      isJsonResponseFromTool: hasJsonAnswer && !hasOtherToolCall,
    }),
    rawFinishReason: response.stopReason,
    usage: mapAmazonBedrockUsage(response.usage),
    warnings,
  };
}
