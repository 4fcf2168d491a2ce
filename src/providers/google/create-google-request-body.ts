import { z } from 'zod';
import { InvalidRequestError, type CanonicalRequest, type Warning } from '../../spec/index.js';
import {
  convertJsonSchemaToGoogleSchema,
  describeDropped,
  isEmptyObjectSchema,
} from './convert-json-schema-to-google-schema.js';
import { convertToGoogleContents } from './convert-to-google-contents.js';
import type {
  GoogleCountTokensRequest,
  GoogleGenerateContentRequest,
  GoogleGenerationConfig,
  GoogleThinkingConfig,
} from './google-api.js';
import { googleOptionsSchema, type GoogleOptions } from './google-options.js';
import { isSignatureValidatingModel } from './google-thought-signature.js';
import { prepareGoogleTools } from './prepare-google-tools.js';

/** Everything needed to send one canonical request to `generateContent`. */
export type GoogleRequestPlan = {
  readonly body: GoogleGenerateContentRequest;
  readonly warnings: ReadonlyArray<Warning>;
};

/** Input of {@link createGoogleRequestBody}. */
export type CreateGoogleRequestBodyOptions = {
  readonly request: CanonicalRequest;
  /** The model id as configured (`gemini-2.5-flash`, `models/...`, `tunedModels/...`). */
  readonly modelId: string;
};

/** Gemini accepts at most this many stop sequences. */
const MAX_STOP_SEQUENCES = 5;

/**
 * `thinkingBudget` for the canonical `reasoningEffort`, in tokens: minimal 512, low 2,048,
 * medium 8,192, high 24,576. Every value lies inside the range of all Gemini 2.5 models
 * (Flash-Lite's minimum is 512, Flash's maximum 24,576); `reasoningBudgetTokens` wins when both
 * are set.
 * @see https://ai.google.dev/gemini-api/docs/thinking#set-budget
 */
export const THINKING_BUDGET_TOKENS_BY_EFFORT = Object.freeze({
  minimal: 512,
  low: 2048,
  medium: 8192,
  high: 24_576,
});

/**
 * Builds the `generateContent` body for a canonical request, with the warnings for what Gemini
 * cannot honour. Sampling settings, stop sequences, seed and penalties go to `generationConfig`;
 * a JSON response format sets `responseMimeType: application/json` and, with a schema, a
 * converted `responseSchema` (dropped with a warning when a tool call is forced, which Gemini
 * refuses to combine with it); reasoning becomes `thinkingConfig`. With a thinking budget and a
 * `maxOutputTokens`, the budget is added to `maxOutputTokens`, because Gemini counts thinking
 * tokens against it.
 * @see https://ai.google.dev/api/generate-content#method:-models.generatecontent
 */
export function createGoogleRequestBody({
  request,
  modelId,
}: CreateGoogleRequestBodyOptions): GoogleRequestPlan {
  const warnings: Warning[] = [];
  const options = parseGoogleOptions(request.providerOptions?.google, warnings);
  const modelName = modelId.slice(modelId.lastIndexOf('/') + 1);
  const prompt = convertToGoogleContents({
    messages: request.messages,
    isSystemInstructionSupported: !modelName.startsWith('gemma-'),
    isSignatureRequired: isSignatureValidatingModel(modelId),
  });
  warnings.push(...prompt.warnings);
  if (prompt.contents.length === 0) {
    throw new InvalidRequestError({
      message:
        'Gemini needs at least one user or assistant message; the request has only system messages.',
      param: 'messages',
    });
  }
  const tools = prepareGoogleTools(request);
  warnings.push(...tools.warnings);
  const thinkingConfig = resolveThinkingConfig({ request, options }, warnings);
  const isToolCallForced = tools.toolConfig?.functionCallingConfig.mode === 'ANY';
  if (isToolCallForced && request.responseFormat?.type === 'json') {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'responseFormat',
      details:
        'dropped: google refuses a JSON response format together with a forced tool call (toolChoice required or a named tool), whose answer is a tool call anyway',
    });
  }
  const generationConfig = createGenerationConfig(
    { request, thinkingConfig, isJsonFormatAllowed: !isToolCallForced },
    warnings,
  );

  if (request.user !== undefined) {
    warnings.push({ type: 'unsupported-setting', setting: 'user', details: 'ignored by google' });
  }
  const body: GoogleGenerateContentRequest = {
    contents: prompt.contents,
    ...(prompt.systemInstruction ? { systemInstruction: prompt.systemInstruction } : {}),
    ...(tools.tools ? { tools: tools.tools } : {}),
    ...(tools.toolConfig ? { toolConfig: tools.toolConfig } : {}),
    ...(Object.keys(generationConfig).length > 0 ? { generationConfig } : {}),
    ...(options.safetySettings ? { safetySettings: options.safetySettings } : {}),
    ...(options.cachedContent ? { cachedContent: options.cachedContent } : {}),
  };
  return { body, warnings };
}

/** The `countTokens` body: the prompt fields of a generate body, nothing about generation. */
export function toCountTokensBody({
  body,
  modelPath,
}: {
  body: GoogleGenerateContentRequest;
  /** `models/gemini-2.5-flash` and the like. */
  modelPath: string;
}): GoogleCountTokensRequest {
  return {
    generateContentRequest: {
      model: modelPath,
      contents: body.contents,
      ...(body.systemInstruction ? { systemInstruction: body.systemInstruction } : {}),
      ...(body.tools ? { tools: body.tools } : {}),
      ...(body.toolConfig ? { toolConfig: body.toolConfig } : {}),
      ...(body.cachedContent ? { cachedContent: body.cachedContent } : {}),
    },
  };
}

function parseGoogleOptions(
  raw: Readonly<Record<string, unknown>> | undefined,
  warnings: Warning[],
): GoogleOptions {
  if (raw === undefined) return {};
  const result = googleOptionsSchema.safeParse(raw);
  if (!result.success) {
    throw new InvalidRequestError({
      message: `Invalid providerOptions.google:\n${z.prettifyError(result.error)}`,
      param: 'providerOptions.google',
    });
  }
  const known = new Set(Object.keys(googleOptionsSchema.shape));
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: `providerOptions.google.${key}`,
        details: 'unknown google option, ignored',
      });
    }
  }
  return result.data;
}

function resolveThinkingConfig(
  { request, options }: { request: CanonicalRequest; options: GoogleOptions },
  warnings: Warning[],
): GoogleThinkingConfig | undefined {
  const budget =
    request.reasoningBudgetTokens ??
    (request.reasoningEffort === undefined
      ? undefined
      : THINKING_BUDGET_TOKENS_BY_EFFORT[request.reasoningEffort]);
  if (options.thinkingLevel !== undefined) {
    if (budget !== undefined) {
      warnings.push({
        type: 'unsupported-setting',
        setting:
          request.reasoningBudgetTokens === undefined ? 'reasoningEffort' : 'reasoningBudgetTokens',
        details: 'replaced by providerOptions.google.thinkingLevel; gemini takes one or the other',
      });
    }
    return {
      thinkingLevel: options.thinkingLevel,
      includeThoughts: options.includeThoughts ?? true,
    };
  }
  if (budget === undefined) {
    return options.includeThoughts === undefined
      ? undefined
      : { includeThoughts: options.includeThoughts };
  }
  const thinkingBudget = Math.round(budget);
  // 0 turns thinking off where the model allows it; there are no thoughts to include then.
  const includeThoughts = options.includeThoughts ?? thinkingBudget !== 0;
  return { thinkingBudget, ...(includeThoughts ? { includeThoughts } : {}) };
}

function createGenerationConfig(
  {
    request,
    thinkingConfig,
    isJsonFormatAllowed,
  }: {
    request: CanonicalRequest;
    thinkingConfig: GoogleThinkingConfig | undefined;
    isJsonFormatAllowed: boolean;
  },
  warnings: Warning[],
): GoogleGenerationConfig {
  const thinkingBudget = Math.max(0, thinkingConfig?.thinkingBudget ?? 0);
  let stopSequences = request.stopSequences ? [...request.stopSequences] : undefined;
  if (stopSequences && stopSequences.length > MAX_STOP_SEQUENCES) {
    warnings.push({
      type: 'unsupported-setting',
      setting: 'stopSequences',
      details: `only the first ${MAX_STOP_SEQUENCES} were sent; google accepts no more`,
    });
    stopSequences = stopSequences.slice(0, MAX_STOP_SEQUENCES);
  }
  const config: GoogleGenerationConfig = {
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.topP === undefined ? {} : { topP: request.topP }),
    ...(request.topK === undefined ? {} : { topK: request.topK }),
    ...(request.maxOutputTokens === undefined
      ? {}
      : { maxOutputTokens: request.maxOutputTokens + thinkingBudget }),
    ...(stopSequences?.length ? { stopSequences } : {}),
    ...(request.seed === undefined ? {} : { seed: request.seed }),
    ...(request.presencePenalty === undefined ? {} : { presencePenalty: request.presencePenalty }),
    ...(request.frequencyPenalty === undefined
      ? {}
      : { frequencyPenalty: request.frequencyPenalty }),
    ...(thinkingConfig ? { thinkingConfig } : {}),
  };
  const format = request.responseFormat;
  if (format?.type === 'json' && isJsonFormatAllowed) {
    config.responseMimeType = 'application/json';
    if (format.schema !== undefined) {
      const { schema, dropped } = convertJsonSchemaToGoogleSchema(format.schema);
      // An object schema without properties is "any JSON object", which JSON mode already is.
      if (!isEmptyObjectSchema(schema) && schema !== undefined) config.responseSchema = schema;
      if (dropped.length > 0) {
        warnings.push({
          type: 'unsupported-setting',
          setting: 'responseFormat.schema',
          details: `keywords google does not support were dropped: ${describeDropped(dropped)}`,
        });
      }
    }
  }
  return config;
}
