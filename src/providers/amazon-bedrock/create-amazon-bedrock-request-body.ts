import type { CanonicalRequest, Warning } from '../../spec/index.js';
import type {
  AmazonBedrockConverseRequestBody,
  AmazonBedrockCountTokensRequestBody,
  AmazonBedrockInferenceConfig,
} from './amazon-bedrock-api.js';
import {
  AMAZON_BEDROCK_PROVIDER_OPTIONS_KEY,
  isAnthropicModel,
  parseAmazonBedrockOptions,
  type AmazonBedrockOptions,
} from './amazon-bedrock-options.js';
import { convertToAmazonBedrockMessages } from './convert-to-amazon-bedrock-messages.js';
import { prepareAmazonBedrockTools } from './prepare-amazon-bedrock-tools.js';

/** Everything needed to send one canonical request to Converse. */
export type AmazonBedrockRequestPlan = {
  readonly body: AmazonBedrockConverseRequestBody;
  /** JSON mode is served by the `json` tool; its input becomes the text answer. */
  readonly isJsonMode: boolean;
  readonly warnings: ReadonlyArray<Warning>;
};

export type CreateAmazonBedrockRequestBodyOptions = {
  readonly request: CanonicalRequest;
  readonly modelId: string;
  /** ConverseStream takes a few fields Converse does not (`guardrailConfig.streamProcessingMode`). */
  readonly isStream: boolean;
};

/** Claude's smallest accepted `thinking.budget_tokens`. */
const MIN_THINKING_BUDGET_TOKENS = 1024;

/** `maxTokens` when thinking is on but the request sets no `maxOutputTokens`. */
const DEFAULT_MAX_OUTPUT_TOKENS_WITH_THINKING = 4096;

/** Converse's `inferenceConfig.temperature` range is 0 to 1. */
const MAX_TEMPERATURE = 1;

/**
 * Thinking budgets for the canonical `reasoningEffort`, in tokens (the Anthropic provider's
 * table): minimal 1,024, low 4,096, medium 12,288, high 24,576.
 */
const THINKING_BUDGET_TOKENS_BY_EFFORT = Object.freeze({
  minimal: 1024,
  low: 4096,
  medium: 12_288,
  high: 24_576,
});

/**
 * Builds the Converse body for a canonical request, with warnings for what the target cannot
 * honour. `topK` and thinking (`reasoningBudgetTokens` / `reasoningEffort`) reach Anthropic models
 * through `additionalModelRequestFields` (`top_k`, `thinking`); other models get a warning. With
 * thinking on, `maxTokens` is the output budget plus the thinking budget, and temperature / topP /
 * topK are dropped because Claude does not allow them with thinking.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/claude-messages-extended-thinking.html
 */
export function createAmazonBedrockRequestBody({
  request,
  modelId,
  isStream,
}: CreateAmazonBedrockRequestBodyOptions): AmazonBedrockRequestPlan {
  const warnings: Warning[] = [];
  const options = parseAmazonBedrockOptions(
    request.providerOptions?.[AMAZON_BEDROCK_PROVIDER_OPTIONS_KEY],
    warnings,
  );
  const isAnthropic = isAnthropicModel(modelId);
  const thinkingBudgetTokens = resolveThinkingBudget({ request, isAnthropic }, warnings);
  const isThinkingEnabled = thinkingBudgetTokens !== undefined;
  const prompt = convertToAmazonBedrockMessages({
    messages: request.messages,
    isAnthropicModel: isAnthropic,
  });
  warnings.push(...prompt.warnings);
  const tools = prepareAmazonBedrockTools({
    request,
    messages: prompt.messages,
    isThinkingEnabled,
  });
  warnings.push(...tools.warnings);

  const inferenceConfig = mapInferenceConfig({ request, thinkingBudgetTokens }, warnings);
  const additionalModelRequestFields: Record<string, unknown> = {};
  if (request.topK !== undefined && !isThinkingEnabled) {
    if (isAnthropic) additionalModelRequestFields.top_k = request.topK;
    else {
      warnings.push({
        type: 'unsupported-setting',
        setting: 'topK',
        details: `Converse has no topK; it is only forwarded (as top_k) to Anthropic models, not to '${modelId}'`,
      });
    }
  }
  if (thinkingBudgetTokens !== undefined) {
    additionalModelRequestFields.thinking = {
      type: 'enabled',
      budget_tokens: thinkingBudgetTokens,
    };
  }
  Object.assign(additionalModelRequestFields, options.additionalModelRequestFields);

  for (const setting of ['seed', 'frequencyPenalty', 'presencePenalty', 'user'] as const) {
    if (request[setting] !== undefined) {
      warnings.push({ type: 'unsupported-setting', setting, details: 'ignored by amazon-bedrock' });
    }
  }

  const guardrailConfig = mapGuardrailConfig({ options, isStream }, warnings);
  const body: AmazonBedrockConverseRequestBody = {
    messages: prompt.messages,
    ...(prompt.system ? { system: prompt.system } : {}),
    ...(inferenceConfig ? { inferenceConfig } : {}),
    ...(tools.toolConfig ? { toolConfig: tools.toolConfig } : {}),
    ...(Object.keys(additionalModelRequestFields).length > 0
      ? { additionalModelRequestFields }
      : {}),
    ...(guardrailConfig ? { guardrailConfig } : {}),
    ...(options.performanceConfig ? { performanceConfig: options.performanceConfig } : {}),
    ...(options.requestMetadata ? { requestMetadata: options.requestMetadata } : {}),
  };
  return { body, isJsonMode: tools.isJsonMode, warnings };
}

/**
 * The CountTokens body: the prompt fields of a Converse body, nothing about generation.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html
 */
export function toCountTokensBody(
  body: AmazonBedrockConverseRequestBody,
): AmazonBedrockCountTokensRequestBody {
  return {
    input: {
      converse: {
        messages: body.messages,
        ...(body.system ? { system: body.system } : {}),
        ...(body.toolConfig ? { toolConfig: body.toolConfig } : {}),
        ...(body.additionalModelRequestFields
          ? { additionalModelRequestFields: body.additionalModelRequestFields }
          : {}),
      },
    },
  };
}

function mapGuardrailConfig(
  { options, isStream }: { options: AmazonBedrockOptions; isStream: boolean },
  warnings: Warning[],
): Record<string, unknown> | undefined {
  if (!options.guardrailConfig) return undefined;
  const { streamProcessingMode, ...config } = options.guardrailConfig;
  if (isStream) return { ...config, ...(streamProcessingMode ? { streamProcessingMode } : {}) };
  if (streamProcessingMode) {
    warnings.push({
      type: 'unsupported-setting',
      setting: `providerOptions.${AMAZON_BEDROCK_PROVIDER_OPTIONS_KEY}.guardrailConfig.streamProcessingMode`,
      details: 'applies to streamed calls only',
    });
  }
  return config;
}

function resolveThinkingBudget(
  { request, isAnthropic }: { request: CanonicalRequest; isAnthropic: boolean },
  warnings: Warning[],
): number | undefined {
  const requested =
    request.reasoningBudgetTokens ??
    (request.reasoningEffort === undefined
      ? undefined
      : THINKING_BUDGET_TOKENS_BY_EFFORT[request.reasoningEffort]);
  if (requested === undefined || requested <= 0) return undefined;
  const setting =
    request.reasoningBudgetTokens === undefined ? 'reasoningEffort' : 'reasoningBudgetTokens';
  if (!isAnthropic) {
    warnings.push({
      type: 'unsupported-setting',
      setting,
      details:
        "only mapped for Anthropic models on amazon-bedrock; set the model's own field in providerOptions['amazon-bedrock'].additionalModelRequestFields",
    });
    return undefined;
  }
  if (requested < MIN_THINKING_BUDGET_TOKENS) {
    warnings.push({
      type: 'unsupported-setting',
      setting,
      details: `raised to ${MIN_THINKING_BUDGET_TOKENS}, the smallest thinking budget Claude accepts`,
    });
  }
  return Math.max(requested, MIN_THINKING_BUDGET_TOKENS);
}

function mapInferenceConfig(
  {
    request,
    thinkingBudgetTokens,
  }: { request: CanonicalRequest; thinkingBudgetTokens: number | undefined },
  warnings: Warning[],
): AmazonBedrockInferenceConfig | undefined {
  const config: AmazonBedrockInferenceConfig = {};
  if (thinkingBudgetTokens !== undefined) {
    config.maxTokens =
      (request.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS_WITH_THINKING) + thinkingBudgetTokens;
    for (const setting of ['temperature', 'topP', 'topK'] as const) {
      if (request[setting] !== undefined) {
        warnings.push({
          type: 'unsupported-setting',
          setting,
          details: 'Claude does not allow it with extended thinking',
        });
      }
    }
  } else {
    if (request.maxOutputTokens !== undefined) config.maxTokens = request.maxOutputTokens;
    if (request.temperature !== undefined) {
      config.temperature = Math.min(request.temperature, MAX_TEMPERATURE);
      if (request.temperature > MAX_TEMPERATURE) {
        warnings.push({
          type: 'unsupported-setting',
          setting: 'temperature',
          details: `${request.temperature} clamped to ${MAX_TEMPERATURE}, the highest Converse accepts`,
        });
      }
    }
    if (request.topP !== undefined) config.topP = request.topP;
  }
  if (request.stopSequences?.length) config.stopSequences = [...request.stopSequences];
  return Object.keys(config).length > 0 ? config : undefined;
}
