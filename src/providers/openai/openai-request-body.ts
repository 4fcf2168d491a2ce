import type { CanonicalRequest, Warning } from '../../spec/index.js';
import type { OpenAIChatRequestBody } from './openai-api.js';
import type { OpenAIChatDialect, OpenAISetting } from './openai-chat-dialect.js';
import { convertToOpenAIMessages } from './convert-to-openai-messages.js';
import { convertOpenAIResponseFormat, prepareOpenAITools } from './openai-prepare-tools.js';

/** Fields that only the gateway sets; provider options may not override them. */
const reservedFields = new Set(['model', 'messages', 'stream', 'stream_options']);

/** Arguments of {@link buildOpenAIRequestBody}. */
export type BuildOpenAIRequestBodyOptions = {
  readonly request: CanonicalRequest;
  readonly modelId: string;
  readonly dialect: OpenAIChatDialect;
  readonly isStreaming: boolean;
};

/**
 * Builds the Chat Completions body for a canonical request, with a warning for every setting the
 * target cannot honour (STYLE.md rule 6).
 *
 * @see https://platform.openai.com/docs/api-reference/chat/create
 */
export function buildOpenAIRequestBody({
  request,
  modelId,
  dialect,
  isStreaming,
}: BuildOpenAIRequestBodyOptions): { body: OpenAIChatRequestBody; warnings: Warning[] } {
  const quirks = dialect.modelQuirks(modelId);
  const warnings: Warning[] = [];
  const supported = <TValue>(setting: OpenAISetting, value: TValue): TValue | undefined => {
    if (value === undefined) return undefined;
    const details = quirks.unsupportedSettings[setting];
    if (details === undefined) return value;
    warnings.push({ type: 'unsupported-setting', setting, details });
    return undefined;
  };
  // Settings in wire order; `reasoningBudgetTokens` has no standard field (dialects map it).
  const settings: Record<string, unknown> = {
    [dialect.maxTokensField]: supported('maxOutputTokens', request.maxOutputTokens),
    temperature: supported('temperature', request.temperature),
    top_p: supported('topP', request.topP),
    top_k: supported('topK', request.topK),
    frequency_penalty: supported('frequencyPenalty', request.frequencyPenalty),
    presence_penalty: supported('presencePenalty', request.presencePenalty),
    stop: supported(
      'stopSequences',
      request.stopSequences?.length ? request.stopSequences : undefined,
    ),
    seed: supported('seed', request.seed),
    reasoning_effort: supported('reasoningEffort', request.reasoningEffort),
    user: supported('user', request.user),
  };
  supported('reasoningBudgetTokens', request.reasoningBudgetTokens);

  const converted = convertToOpenAIMessages({
    messages: request.messages,
    systemMessageRole: quirks.systemMessageRole,
    imageInput: quirks.imageInput,
  });
  const tools = prepareOpenAITools({
    tools: request.tools,
    toolChoice: supported('toolChoice', request.toolChoice),
    parallelToolCalls: supported('parallelToolCalls', request.parallelToolCalls),
  });
  const format = convertOpenAIResponseFormat({
    responseFormat: request.responseFormat,
    supportsJsonSchema: dialect.supportsJsonSchema,
  });
  const options = dialect.parseProviderOptions(
    request.providerOptions?.[dialect.providerOptionsKey],
  );
  warnings.push(...converted.warnings, ...tools.warnings, ...format.warnings, ...options.warnings);

  let body: OpenAIChatRequestBody = {
    model: modelId,
    messages: converted.messages,
    ...withoutUndefined(settings),
    ...(format.responseFormat === undefined ? {} : { response_format: format.responseFormat }),
    ...tools.fields,
  };
  for (const [field, value] of Object.entries(options.values)) {
    if (value === undefined) continue;
    if (reservedFields.has(field)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.${dialect.providerOptionsKey}.${field}`,
        details: 'set by the gateway; cannot be overridden',
      });
    } else {
      body[field] = value;
    }
  }
  if (isStreaming) {
    body.stream = true;
    if (dialect.supportsStreamUsage) body.stream_options = { include_usage: true };
  }
  if (dialect.transformRequestBody) {
    body = dialect.transformRequestBody({ body, request, modelId, warnings });
  }
  return { body, warnings };
}

function withoutUndefined(record: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (value !== undefined) result[key] = value;
  return result;
}
