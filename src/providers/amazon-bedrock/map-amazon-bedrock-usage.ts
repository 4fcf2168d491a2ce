import type { Usage } from '../../spec/index.js';
import type { AmazonBedrockUsage } from './amazon-bedrock-api.js';

/**
 * Normalises Converse usage to the canonical (OpenAI) semantics. Bedrock's `inputTokens` counts
 * only the input tokens that were neither read from nor written to the prompt cache (`totalTokens`
 * is input + output + cache read + cache write), so the canonical `inputTokens` adds both back;
 * `cachedInputTokens` is `cacheReadInputTokens` and `cacheWriteInputTokens` keeps its name.
 * Bedrock does not report reasoning tokens separately.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_TokenUsage.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-caching.html
 */
export function mapAmazonBedrockUsage(usage: AmazonBedrockUsage | null | undefined): Usage {
  const cacheRead = usage?.cacheReadInputTokens ?? undefined;
  const cacheWrite = usage?.cacheWriteInputTokens ?? undefined;
  return {
    inputTokens: (usage?.inputTokens ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0),
    outputTokens: usage?.outputTokens ?? 0,
    ...(cacheRead === undefined ? {} : { cachedInputTokens: cacheRead }),
    ...(cacheWrite === undefined ? {} : { cacheWriteInputTokens: cacheWrite }),
  };
}
