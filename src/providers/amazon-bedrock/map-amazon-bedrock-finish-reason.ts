import type { FinishReason } from '../../spec/index.js';

/**
 * Maps Converse's `stopReason` to the canonical finish reason. When the answer came through the
 * JSON-mode tool (and no other tool was called), `tool_use` means the answer is complete: `stop`.
 * `malformed_model_output`, `malformed_tool_use` and any newer reason map to `other`.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_ResponseSyntax
 */
export function mapAmazonBedrockFinishReason({
  stopReason,
  isJsonResponseFromTool = false,
}: {
  stopReason: string | null | undefined;
  isJsonResponseFromTool?: boolean;
}): FinishReason {
  switch (stopReason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return isJsonResponseFromTool ? 'stop' : 'tool-calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content-filter';
    case null:
    case undefined:
      return 'other';
    default:
      return 'other';
  }
}
