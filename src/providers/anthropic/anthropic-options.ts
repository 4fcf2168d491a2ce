import { z } from 'zod';

/**
 * Anthropic model ids the gateway knows by name; any other string is passed through as is.
 * @see https://docs.anthropic.com/en/docs/about-claude/models/overview
 */
export type AnthropicModelId =
  | 'claude-opus-4-5'
  | 'claude-opus-4-1'
  | 'claude-opus-4-0'
  | 'claude-sonnet-4-5'
  | 'claude-sonnet-4-0'
  | 'claude-haiku-4-5'
  | 'claude-3-7-sonnet-latest'
  | 'claude-3-5-haiku-latest'
  | (string & {});

/**
 * A prompt-caching breakpoint (`cache_control`). `ttl` defaults to `5m` at Anthropic.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching
 */
export const anthropicCacheControlSchema = z.object({
  type: z.literal('ephemeral'),
  ttl: z.enum(['5m', '1h']).optional(),
});

/** A `cache_control` value, as sent on the wire. */
export type AnthropicCacheControl = z.infer<typeof anthropicCacheControlSchema>;

/**
 * `providerOptions.anthropic`: Anthropic-only request features that the canonical request does
 * not carry (STYLE.md rule 2). Unknown keys become `unsupported-setting` warnings.
 */
export const anthropicOptionsSchema = z.object({
  /** Beta feature names, sent comma-separated in the `anthropic-beta` header. */
  betas: z.array(z.string().min(1)).optional(),
  /** Puts a `cache_control` breakpoint on the last system block. */
  systemCacheControl: anthropicCacheControlSchema.optional(),
  /** Puts a `cache_control` breakpoint on the last tool definition. */
  toolsCacheControl: anthropicCacheControlSchema.optional(),
  /** Puts a `cache_control` breakpoint on the last content block of the last message. */
  messagesCacheControl: anthropicCacheControlSchema.optional(),
  /** The wire `service_tier`. */
  serviceTier: z.enum(['auto', 'standard_only']).optional(),
  /**
   * Extra top-level wire fields (e.g. `container`, `context_management`, `mcp_servers`). They are
   * merged into the body last, so they override the fields the gateway computed: use with care.
   */
  extraBody: z.record(z.string(), z.unknown()).optional(),
});

/** Parsed `providerOptions.anthropic`. */
export type AnthropicOptions = z.infer<typeof anthropicOptionsSchema>;
