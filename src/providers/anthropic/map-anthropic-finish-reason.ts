import type { FinishReason } from '../../spec/index.js';

/**
 * Maps Anthropic's `stop_reason` to the canonical finish reason. When the answer came through the
 * JSON-mode tool (and no other tool was called), `tool_use` means the answer is complete: `stop`.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export function mapAnthropicFinishReason({
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
    case 'refusal':
      return 'refusal';
    case null:
    case undefined:
      return 'other';
    default:
      // pause_turn (a server tool paused a long turn) and anything newer.
      return 'other';
  }
}
