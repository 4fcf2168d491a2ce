import type { FinishReason } from '../../spec/index.js';

/** Finish reasons that mean a safety or policy filter stopped the answer. */
const CONTENT_FILTER_REASONS = new Set([
  'SAFETY',
  'RECITATION',
  'BLOCKLIST',
  'PROHIBITED_CONTENT',
  'SPII',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

/**
 * Maps Gemini's `finishReason` to the canonical finish reason. `STOP` is `tool-calls` when the
 * answer holds a function call (Gemini has no reason of its own for that); `MAX_TOKENS` is
 * `length`; the safety and policy reasons (`SAFETY`, `RECITATION`, `BLOCKLIST`,
 * `PROHIBITED_CONTENT`, `SPII`, `IMAGE_SAFETY`, `IMAGE_PROHIBITED_CONTENT`, `IMAGE_RECITATION`)
 * are `content-filter`; `MALFORMED_FUNCTION_CALL` is `error`; everything else (`LANGUAGE`,
 * `OTHER`, `UNEXPECTED_TOOL_CALL`, newer reasons, none) is `other`.
 * @see https://ai.google.dev/api/generate-content#FinishReason
 */
export function mapGoogleFinishReason({
  finishReason,
  hasToolCalls,
}: {
  finishReason: string | null | undefined;
  hasToolCalls: boolean;
}): FinishReason {
  if (finishReason == null) return 'other';
  if (finishReason === 'STOP') return hasToolCalls ? 'tool-calls' : 'stop';
  if (finishReason === 'MAX_TOKENS') return 'length';
  if (finishReason === 'MALFORMED_FUNCTION_CALL') return 'error';
  if (CONTENT_FILTER_REASONS.has(finishReason)) return 'content-filter';
  return 'other';
}
