import { parseJsonOrUndefined } from '../../provider-utils/index.js';
import {
  assertNever,
  type AssistantContentPart,
  type CanonicalResponse,
  type FinishReason,
  type Usage,
} from '../../spec/index.js';

/**
 * Anthropic's `stop_reason` values.
 * @see https://docs.anthropic.com/en/api/handling-stop-reasons
 */
export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

/**
 * Anthropic's `stop_reason` for a canonical finish reason. The vendor's own reason refines it when
 * it is an Anthropic value the canonical one cannot express (`stop_sequence`, `pause_turn`,
 * `model_context_window_exceeded`).
 */
export function mapFinishReasonToAnthropic({
  finishReason,
  rawFinishReason,
}: {
  finishReason: FinishReason;
  rawFinishReason?: string | undefined;
}): AnthropicStopReason {
  switch (finishReason) {
    case 'stop':
      return rawFinishReason === 'stop_sequence' ? 'stop_sequence' : 'end_turn';
    case 'length':
      return rawFinishReason === 'model_context_window_exceeded'
        ? 'model_context_window_exceeded'
        : 'max_tokens';
    case 'tool-calls':
      return 'tool_use';
    case 'content-filter':
    case 'refusal':
      return 'refusal';
    case 'error':
    case 'other':
      return rawFinishReason === 'pause_turn' ? 'pause_turn' : 'end_turn';
    default:
      return assertNever(finishReason);
  }
}

/**
 * Anthropic's `usage` object. Canonical `inputTokens` includes cache reads and writes (OpenAI
 * semantics); Anthropic's `input_tokens` excludes both, so they are subtracted.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function renderAnthropicUsage(usage: Usage) {
  const cacheRead = usage.cachedInputTokens ?? 0;
  const cacheWrite = usage.cacheWriteInputTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - cacheRead - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    output_tokens: usage.outputTokens,
  };
}

/** One content block of an Anthropic `message`. */
export type AnthropicResponseBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

/** Renders a canonical assistant part as an Anthropic content block. */
export function renderAnthropicBlock(part: AssistantContentPart): AnthropicResponseBlock {
  switch (part.type) {
    case 'text':
      return { type: 'text', text: part.text };
    case 'tool-call':
      return {
        type: 'tool_use',
        id: part.toolCallId,
        name: part.toolName,
        input: parseInput(part.input),
      };
    case 'reasoning':
      return part.redactedData === undefined
        ? { type: 'thinking', thinking: part.text, signature: part.signature ?? '' }
        : { type: 'redacted_thinking', data: part.redactedData };
    default:
      return assertNever(part);
  }
}

/** A tool call's input as a JSON value; an empty or unparseable text (cut off) becomes `{}`. */
function parseInput(input: string): unknown {
  if (input.trim().length === 0) return {};
  return parseJsonOrUndefined(input) ?? {};
}

/** Renders a canonical response as an Anthropic `message` object. */
export function renderAnthropicMessagesResponse({
  response,
  id,
}: {
  response: CanonicalResponse;
  id: string;
}) {
  return {
    id,
    type: 'message' as const,
    role: 'assistant' as const,
    model: response.modelId,
    content: response.content.map(renderAnthropicBlock),
    stop_reason: mapFinishReasonToAnthropic(response),
    stop_sequence: null,
    usage: renderAnthropicUsage(response.usage),
  };
}
