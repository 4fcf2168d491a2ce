import type { Usage } from '../../spec/index.js';
import type { AnthropicUsage } from './anthropic-api.js';

/**
 * Normalises Anthropic usage to the canonical (OpenAI) semantics: Anthropic's `input_tokens`
 * excludes cache reads and cache writes, so the canonical `inputTokens` adds both back;
 * `cachedInputTokens` is `cache_read_input_tokens` and `cacheWriteInputTokens` is
 * `cache_creation_input_tokens`. `reasoningTokens` is `output_tokens_details.thinking_tokens`.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching#tracking-cache-performance
 */
export function mapAnthropicUsage(usage: AnthropicUsage): Usage {
  const cacheRead = usage.cache_read_input_tokens ?? undefined;
  const cacheWrite = usage.cache_creation_input_tokens ?? undefined;
  const reasoning = usage.output_tokens_details?.thinking_tokens ?? undefined;
  return {
    inputTokens: (usage.input_tokens ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0),
    outputTokens: usage.output_tokens ?? 0,
    ...(cacheRead === undefined ? {} : { cachedInputTokens: cacheRead }),
    ...(cacheWrite === undefined ? {} : { cacheWriteInputTokens: cacheWrite }),
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
  };
}

/**
 * Merges a later usage report into an earlier one. Anthropic's `message_delta` usage is
 * cumulative, so each field it carries replaces the `message_start` value.
 */
export function mergeAnthropicUsage(
  earlier: AnthropicUsage,
  later: AnthropicUsage | null | undefined,
): AnthropicUsage {
  if (!later) return earlier;
  return {
    input_tokens: later.input_tokens ?? earlier.input_tokens,
    output_tokens: later.output_tokens ?? earlier.output_tokens,
    cache_creation_input_tokens:
      later.cache_creation_input_tokens ?? earlier.cache_creation_input_tokens,
    cache_read_input_tokens: later.cache_read_input_tokens ?? earlier.cache_read_input_tokens,
    output_tokens_details: later.output_tokens_details ?? earlier.output_tokens_details,
  };
}
