import type { AssistantContentPart } from './canonical-request.js';
import type { Warning } from './warning.js';

/**
 * Why generation ended. `tool-calls`: the model wants tools run; `length`: the output-token limit
 * (or context) was hit; `content-filter`: a safety system stopped it; `refusal`: the model declined.
 */
export type FinishReason =
  'stop' | 'length' | 'tool-calls' | 'content-filter' | 'refusal' | 'error' | 'other';

/**
 * Token usage, normalised to OpenAI's semantics: `inputTokens` counts every prompt token, cached
 * ones included; `cachedInputTokens` and `cacheWriteInputTokens` are subsets of it;
 * `reasoningTokens` is a subset of `outputTokens`.
 */
export type Usage = {
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cachedInputTokens?: number;
  readonly cacheWriteInputTokens?: number;
  readonly reasoningTokens?: number;
};

export type CanonicalResponse = {
  /** The vendor's response id, when it gives one. */
  readonly id?: string;
  /** The model that answered, as the vendor names it. */
  readonly modelId: string;
  readonly content: ReadonlyArray<AssistantContentPart>;
  readonly finishReason: FinishReason;
  /** The vendor's own finish/stop reason, before mapping. */
  readonly rawFinishReason?: string;
  readonly usage: Usage;
  readonly warnings: ReadonlyArray<Warning>;
};

/** Adds two usage records (used when a stream reports usage in parts). */
export function addUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    ...sumOptional('cachedInputTokens', a.cachedInputTokens, b.cachedInputTokens),
    ...sumOptional('cacheWriteInputTokens', a.cacheWriteInputTokens, b.cacheWriteInputTokens),
    ...sumOptional('reasoningTokens', a.reasoningTokens, b.reasoningTokens),
  };
}

function sumOptional<TKey extends string>(
  key: TKey,
  a: number | undefined,
  b: number | undefined,
): Partial<Record<TKey, number>> {
  if (a === undefined && b === undefined) return {};
  return { [key]: (a ?? 0) + (b ?? 0) } as Partial<Record<TKey, number>>;
}

export const EMPTY_USAGE: Usage = Object.freeze({ inputTokens: 0, outputTokens: 0 });
