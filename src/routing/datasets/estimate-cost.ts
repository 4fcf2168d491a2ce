import type { ModelInfo } from './outcome-schema.js';

/** Characters per token assumed by {@link estimateTokenCount}. */
export const CHARACTERS_PER_TOKEN = 4;

/**
 * Output tokens assumed per call when a dataset records neither cost nor output tokens
 * (llmrouter-14task). A flat assumption: the same for every model, task and prompt.
 */
export const DEFAULT_OUTPUT_TOKENS = 256;

/** Rough token count of a text: `ceil(characters / 4)`, the usual rule of thumb for English BPE vocabularies. */
export function estimateTokenCount(text: string): number {
  return Math.ceil(text.length / CHARACTERS_PER_TOKEN);
}

/** Options of {@link estimateCallCostUsd}. */
export type EstimateCallCostOptions = {
  /** The prompt as the model saw it. */
  prompt: string;
  /** The model's prices, from `models.json`. */
  modelInfo: ModelInfo | undefined;
  /** Output tokens of the call. Defaults to {@link DEFAULT_OUTPUT_TOKENS}. */
  outputTokens?: number;
  /** Input tokens of the call, when known. Defaults to {@link estimateTokenCount} of the prompt. */
  inputTokens?: number;
};

/**
 * Estimated cost of one call in US dollars:
 * `(inputTokens × inputUsdPerMillionTokens + outputTokens × outputUsdPerMillionTokens) / 1e6`.
 * Returns `undefined` when the model has no input or output price.
 */
export function estimateCallCostUsd({
  prompt,
  modelInfo,
  outputTokens = DEFAULT_OUTPUT_TOKENS,
  inputTokens = estimateTokenCount(prompt),
}: EstimateCallCostOptions): number | undefined {
  const inputPrice = modelInfo?.inputUsdPerMillionTokens;
  const outputPrice = modelInfo?.outputUsdPerMillionTokens;
  if (inputPrice === undefined || outputPrice === undefined) return undefined;
  return (inputTokens * inputPrice + outputTokens * outputPrice) / 1e6;
}
