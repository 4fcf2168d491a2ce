import type { Usage } from '../../spec/index.js';
import type { GoogleUsageMetadata } from './google-api.js';

/**
 * Normalises Gemini's `usageMetadata` to the canonical (OpenAI) semantics:
 * - `inputTokens` is `promptTokenCount` (which already includes cached tokens) plus
 *   `toolUsePromptTokenCount` (tool results Gemini fed itself, billed as input)
 * - `outputTokens` is `candidatesTokenCount` plus `thoughtsTokenCount`, since thinking is billed
 *   as output; `reasoningTokens` is `thoughtsTokenCount`
 * - `cachedInputTokens` is `cachedContentTokenCount`
 * @see https://ai.google.dev/api/generate-content#UsageMetadata
 */
export function mapGoogleUsage(usage: GoogleUsageMetadata | null | undefined): Usage {
  const thoughts = usage?.thoughtsTokenCount ?? undefined;
  const cached = usage?.cachedContentTokenCount ?? undefined;
  return {
    inputTokens: (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0),
    outputTokens: (usage?.candidatesTokenCount ?? 0) + (thoughts ?? 0),
    ...(cached === undefined ? {} : { cachedInputTokens: cached }),
    ...(thoughts === undefined ? {} : { reasoningTokens: thoughts }),
  };
}

/**
 * Merges a later stream chunk's usage into the earlier one. Gemini's counts are cumulative, so
 * each field the later chunk carries replaces the earlier value (early chunks of some streams
 * carry no counts at all).
 */
export function mergeGoogleUsage(
  earlier: GoogleUsageMetadata,
  later: GoogleUsageMetadata | null | undefined,
): GoogleUsageMetadata {
  if (!later) return earlier;
  return {
    promptTokenCount: later.promptTokenCount ?? earlier.promptTokenCount,
    candidatesTokenCount: later.candidatesTokenCount ?? earlier.candidatesTokenCount,
    thoughtsTokenCount: later.thoughtsTokenCount ?? earlier.thoughtsTokenCount,
    cachedContentTokenCount: later.cachedContentTokenCount ?? earlier.cachedContentTokenCount,
    toolUsePromptTokenCount: later.toolUsePromptTokenCount ?? earlier.toolUsePromptTokenCount,
    totalTokenCount: later.totalTokenCount ?? earlier.totalTokenCount,
  };
}
