import type { Usage } from '../../spec/index.js';
import type { OpenAIUsage } from './openai-api.js';

/**
 * Normalises Chat Completions usage (STYLE.md: OpenAI semantics are canonical). `prompt_tokens`
 * already counts cached tokens, and `completion_tokens` counts reasoning tokens, so both details
 * map to subsets. DeepSeek's `prompt_cache_hit_tokens` is read when the standard field is absent.
 *
 * @see https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage
 */
export function convertOpenAIUsage(usage: OpenAIUsage | null | undefined): Usage {
  const cachedInputTokens =
    usage?.prompt_tokens_details?.cached_tokens ?? usage?.prompt_cache_hit_tokens ?? undefined;
  const reasoningTokens = usage?.completion_tokens_details?.reasoning_tokens ?? undefined;
  return {
    inputTokens: usage?.prompt_tokens ?? 0,
    outputTokens: usage?.completion_tokens ?? 0,
    ...(cachedInputTokens === undefined ? {} : { cachedInputTokens }),
    ...(reasoningTokens === undefined ? {} : { reasoningTokens }),
  };
}
