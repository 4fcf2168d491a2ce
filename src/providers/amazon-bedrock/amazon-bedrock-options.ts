import { z } from 'zod';
import { InvalidRequestError, type Warning } from '../../spec/index.js';

/**
 * Bedrock model ids the gateway knows by name; any other string (other foundation models,
 * cross-region inference profiles such as `us.` / `eu.` / `apac.` / `global.` ids, and ARNs of
 * inference profiles, provisioned or custom models) is passed through as is.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html
 */
export type AmazonBedrockModelId =
  | 'anthropic.claude-sonnet-4-5-20250929-v1:0'
  | 'anthropic.claude-haiku-4-5-20251001-v1:0'
  | 'anthropic.claude-opus-4-1-20250805-v1:0'
  | 'us.anthropic.claude-sonnet-4-5-20250929-v1:0'
  | 'eu.anthropic.claude-sonnet-4-5-20250929-v1:0'
  | 'global.anthropic.claude-sonnet-4-5-20250929-v1:0'
  | 'amazon.nova-pro-v1:0'
  | 'amazon.nova-lite-v1:0'
  | 'amazon.nova-micro-v1:0'
  | 'meta.llama3-3-70b-instruct-v1:0'
  | 'mistral.mistral-large-2407-v1:0'
  | (string & {});

/** The `providerOptions` key this provider reads: its provider type. */
export const AMAZON_BEDROCK_PROVIDER_OPTIONS_KEY = 'amazon-bedrock';

/**
 * `providerOptions['amazon-bedrock']`: Converse features the canonical request does not carry
 * (STYLE.md rule 2). Unknown keys become `unsupported-setting` warnings.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_RequestSyntax
 */
export const amazonBedrockOptionsSchema = z.object({
  /**
   * Model-specific request fields, merged over the ones the gateway computes (`top_k`,
   * `thinking`), e.g. `{ "anthropic_beta": ["..."] }` or a reasoning setting of a non-Anthropic model.
   */
  additionalModelRequestFields: z.record(z.string(), z.unknown()).optional(),
  /** A Bedrock guardrail to apply. */
  guardrailConfig: z
    .object({
      guardrailIdentifier: z.string().min(1),
      guardrailVersion: z.string().min(1),
      trace: z.enum(['enabled', 'disabled', 'enabled_full']).optional(),
      streamProcessingMode: z.enum(['sync', 'async']).optional(),
    })
    .optional(),
  /** Latency-optimised inference, where the model offers it. */
  performanceConfig: z.object({ latency: z.enum(['standard', 'optimized']) }).optional(),
  /** Up to 16 key/value pairs recorded in Bedrock's invocation logs. */
  requestMetadata: z.record(z.string(), z.string()).optional(),
});

/** Parsed `providerOptions['amazon-bedrock']`. */
export type AmazonBedrockOptions = z.infer<typeof amazonBedrockOptionsSchema>;

/** Validates the provider options; unknown keys become warnings, invalid values an error. */
export function parseAmazonBedrockOptions(
  raw: Readonly<Record<string, unknown>> | undefined,
  warnings: Warning[],
): AmazonBedrockOptions {
  if (raw === undefined) return {};
  const param = `providerOptions.${AMAZON_BEDROCK_PROVIDER_OPTIONS_KEY}`;
  const result = amazonBedrockOptionsSchema.safeParse(raw);
  if (!result.success) {
    throw new InvalidRequestError({
      message: `Invalid ${param}:\n${z.prettifyError(result.error)}`,
      param,
    });
  }
  const known = new Set(Object.keys(amazonBedrockOptionsSchema.shape));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: `${param}.${key}`,
        details: 'unknown amazon-bedrock option, ignored',
      });
    }
  }
  return result.data;
}

/**
 * True for Anthropic Claude models: foundation-model ids (`anthropic.claude-…`), cross-region
 * inference profiles (`us.anthropic.claude-…`) and ARNs that name one. Application inference
 * profile ARNs do not name their model, so they count as non-Anthropic.
 */
export function isAnthropicModel(modelId: string): boolean {
  return /(^|[.:/])anthropic\./.test(modelId);
}
