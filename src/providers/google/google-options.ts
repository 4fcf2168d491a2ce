import { z } from 'zod';

/**
 * Gemini model ids the gateway knows by name; any other string (including `models/...` and
 * `tunedModels/...` resource names) is passed through as is.
 * @see https://ai.google.dev/gemini-api/docs/models
 */
export type GoogleModelId =
  | 'gemini-3-pro-preview'
  | 'gemini-3-flash-preview'
  | 'gemini-2.5-pro'
  | 'gemini-2.5-flash'
  | 'gemini-2.5-flash-lite'
  | 'gemini-2.0-flash'
  | 'gemini-2.0-flash-lite'
  | 'gemini-flash-latest'
  | 'gemini-pro-latest'
  | 'gemma-3-27b-it'
  | (string & {});

/**
 * `providerOptions.google`: Gemini-only request features that the canonical request does not
 * carry (STYLE.md rule 2). Unknown keys become `unsupported-setting` warnings.
 */
export const googleOptionsSchema = z.object({
  /**
   * Safety filter thresholds, sent as `safetySettings`.
   * @see https://ai.google.dev/gemini-api/docs/safety-settings
   */
  safetySettings: z
    .array(z.object({ category: z.string().min(1), threshold: z.string().min(1) }))
    .optional(),
  /**
   * A context cache to answer from (`cachedContents/...`).
   * @see https://ai.google.dev/gemini-api/docs/caching
   */
  cachedContent: z.string().min(1).optional(),
  /**
   * Gemini 3's `thinkingLevel`. When set it replaces the `thinkingBudget` derived from
   * `reasoningEffort` / `reasoningBudgetTokens` (Gemini refuses both at once).
   */
  thinkingLevel: z.enum(['minimal', 'low', 'medium', 'high']).optional(),
  /**
   * Whether thought summaries come back as reasoning. Defaults to true when the request asks for
   * reasoning (effort, a positive budget or a thinking level), otherwise Gemini's default (off).
   */
  includeThoughts: z.boolean().optional(),
});

/** Parsed `providerOptions.google`. */
export type GoogleOptions = z.infer<typeof googleOptionsSchema>;
