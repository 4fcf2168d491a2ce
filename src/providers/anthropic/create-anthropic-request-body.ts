import { z } from 'zod';
import { InvalidRequestError, type CanonicalRequest, type Warning } from '../../spec/index.js';
import type {
  AnthropicCountTokensRequestBody,
  AnthropicMessagesRequestBody,
  AnthropicThinking,
} from './anthropic-api.js';
import { anthropicOptionsSchema, type AnthropicOptions } from './anthropic-options.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { prepareAnthropicTools } from './prepare-anthropic-tools.js';

/** Everything needed to send one canonical request to the Messages API. */
export type AnthropicRequestPlan = {
  readonly body: AnthropicMessagesRequestBody;
  /** `providerOptions.anthropic.extraBody`, merged over `body` when it is serialised. */
  readonly extraBody: Readonly<Record<string, unknown>> | undefined;
  /** Values for the `anthropic-beta` header. */
  readonly betas: ReadonlyArray<string>;
  /** JSON mode is served by the `json` tool; its input becomes the text answer. */
  readonly isJsonMode: boolean;
  readonly warnings: ReadonlyArray<Warning>;
};

/** Input of `createAnthropicRequestBody`. */
export type CreateAnthropicRequestBodyOptions = {
  readonly request: CanonicalRequest;
  readonly modelId: string;
  /** `max_tokens` when the request sets no `maxOutputTokens` (Anthropic requires one). */
  readonly defaultMaxOutputTokens: number;
};

/** Anthropic's smallest accepted `thinking.budget_tokens`. */
const MIN_THINKING_BUDGET_TOKENS = 1024;

/**
 * Thinking budgets for the canonical `reasoningEffort`, in tokens: minimal 1,024 (Anthropic's
 * minimum), low 4,096, medium 12,288, high 24,576. `reasoningBudgetTokens` wins when both are set.
 */
export const THINKING_BUDGET_TOKENS_BY_EFFORT = Object.freeze({
  minimal: 1024,
  low: 4096,
  medium: 12_288,
  high: 24_576,
});

/**
 * Builds the `POST /v1/messages` body for a canonical request, with the warnings for what
 * Anthropic cannot honour. With thinking on, `max_tokens` is the output budget plus the thinking
 * budget (Anthropic counts thinking as output), and temperature / top_p / top_k are dropped
 * because Anthropic does not allow them with thinking.
 * @see https://docs.anthropic.com/en/api/messages
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking
 */
export function createAnthropicRequestBody({
  request,
  modelId,
  defaultMaxOutputTokens,
}: CreateAnthropicRequestBodyOptions): AnthropicRequestPlan {
  const warnings: Warning[] = [];
  const options = parseAnthropicOptions(request.providerOptions?.anthropic, warnings);
  const thinking = resolveThinking(request, warnings);
  const prompt = convertToAnthropicMessages(request.messages);
  warnings.push(...prompt.warnings);
  const tools = prepareAnthropicTools({
    request,
    isThinkingEnabled: thinking !== undefined,
    cacheControl: options.toolsCacheControl,
  });
  warnings.push(...tools.warnings);

  const system = prompt.system;
  const lastSystemBlock = system?.at(-1);
  if (options.systemCacheControl && lastSystemBlock) {
    lastSystemBlock.cache_control = options.systemCacheControl;
  }
  const lastBlock = prompt.messages.at(-1)?.content.at(-1);
  // Thinking blocks cannot carry a cache breakpoint.
  const isCacheable = lastBlock?.type !== 'thinking' && lastBlock?.type !== 'redacted_thinking';
  if (options.messagesCacheControl && lastBlock && isCacheable) {
    lastBlock.cache_control = options.messagesCacheControl;
  }

  const body: AnthropicMessagesRequestBody = {
    model: modelId,
    max_tokens:
      (request.maxOutputTokens ?? defaultMaxOutputTokens) + (thinking?.budget_tokens ?? 0),
    ...(system ? { system } : {}),
    messages: prompt.messages,
    ...(tools.tools ? { tools: tools.tools } : {}),
    ...(tools.toolChoice ? { tool_choice: tools.toolChoice } : {}),
    ...(thinking ? { thinking } : {}),
    ...mapSamplingSettings({ request, isThinkingEnabled: thinking !== undefined }, warnings),
    ...(request.stopSequences?.length ? { stop_sequences: [...request.stopSequences] } : {}),
    ...(request.user === undefined ? {} : { metadata: { user_id: request.user } }),
    ...(options.serviceTier ? { service_tier: options.serviceTier } : {}),
  };
  for (const setting of ['seed', 'frequencyPenalty', 'presencePenalty'] as const) {
    if (request[setting] !== undefined) {
      warnings.push({ type: 'unsupported-setting', setting, details: 'ignored by anthropic' });
    }
  }
  return {
    body,
    extraBody: options.extraBody,
    betas: options.betas ?? [],
    isJsonMode: tools.isJsonMode,
    warnings,
  };
}

/** The `count_tokens` body: the prompt fields of a messages body, nothing about generation. */
export function toCountTokensBody(
  body: AnthropicMessagesRequestBody,
): AnthropicCountTokensRequestBody {
  return {
    model: body.model,
    ...(body.system ? { system: body.system } : {}),
    messages: body.messages,
    ...(body.tools ? { tools: body.tools } : {}),
    ...(body.tool_choice ? { tool_choice: body.tool_choice } : {}),
    ...(body.thinking ? { thinking: body.thinking } : {}),
  };
}

function parseAnthropicOptions(
  raw: Readonly<Record<string, unknown>> | undefined,
  warnings: Warning[],
): AnthropicOptions {
  if (raw === undefined) return {};
  const result = anthropicOptionsSchema.safeParse(raw);
  if (!result.success) {
    throw new InvalidRequestError({
      message: `Invalid providerOptions.anthropic:\n${z.prettifyError(result.error)}`,
      param: 'providerOptions.anthropic',
    });
  }
  const known = new Set(Object.keys(anthropicOptionsSchema.shape));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.anthropic.${key}`,
        details: 'unknown anthropic option, ignored',
      });
    }
  }
  return result.data;
}

function resolveThinking(
  request: CanonicalRequest,
  warnings: Warning[],
): AnthropicThinking | undefined {
  const requested =
    request.reasoningBudgetTokens ??
    (request.reasoningEffort === undefined
      ? undefined
      : THINKING_BUDGET_TOKENS_BY_EFFORT[request.reasoningEffort]);
  if (requested === undefined || requested <= 0) return undefined;
  if (requested < MIN_THINKING_BUDGET_TOKENS) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'reasoningBudgetTokens',
      details: `raised to ${MIN_THINKING_BUDGET_TOKENS}, the smallest budget anthropic accepts`,
    });
  }
  return { type: 'enabled', budget_tokens: Math.max(requested, MIN_THINKING_BUDGET_TOKENS) };
}

function mapSamplingSettings(
  { request, isThinkingEnabled }: { request: CanonicalRequest; isThinkingEnabled: boolean },
  warnings: Warning[],
): Pick<AnthropicMessagesRequestBody, 'temperature' | 'top_p' | 'top_k'> {
  const settings = { temperature: request.temperature, topP: request.topP, topK: request.topK };
  if (isThinkingEnabled) {
    for (const [setting, value] of Object.entries(settings)) {
      if (value !== undefined) {
        warnings.push({
          type: 'unsupported-setting',
          setting,
          details: 'anthropic does not allow it with extended thinking',
        });
      }
    }
    return {};
  }
  let temperature = settings.temperature;
  if (temperature !== undefined && temperature > 1) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'temperature',
      details: `${temperature} clamped to 1, the highest anthropic accepts`,
    });
    temperature = 1;
  }
  return {
    ...(temperature === undefined ? {} : { temperature }),
    ...(settings.topP === undefined ? {} : { top_p: settings.topP }),
    ...(settings.topK === undefined ? {} : { top_k: settings.topK }),
  };
}
