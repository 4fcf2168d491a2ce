import type { AssistantContentPart, CanonicalResponse, Warning } from '../../spec/index.js';
import type { GoogleGenerateContentResponse } from './google-api.js';
import { encodeGeminiSignature } from './google-thought-signature.js';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';
import { mapGoogleUsage } from './map-google-usage.js';

/** Input of {@link convertGoogleResponse}. */
export type ConvertGoogleResponseOptions = {
  readonly response: GoogleGenerateContentResponse;
  /** The model that was asked, used when the reply does not name one. */
  readonly modelId: string;
  readonly warnings: ReadonlyArray<Warning>;
  /** Makes ids for function calls, which Gemini usually sends without one. */
  readonly generateId: () => string;
};

/**
 * Converts a `generateContent` reply to the canonical response, from its first candidate:
 * text parts become text, thought parts reasoning, function calls tool calls (with Gemini's `id`
 * when it sends one, else a generated one). A `thoughtSignature` on a text or function-call part
 * becomes an empty reasoning part right after it, carrying the signature (see
 * google-thought-signature.ts). A prompt blocked before any candidate (`promptFeedback.
 * blockReason`) gives empty content and the `content-filter` finish reason. Parts the canonical
 * response has no place for (inline data, executable code) are skipped.
 * @see https://ai.google.dev/api/generate-content#generatecontentresponse
 */
export function convertGoogleResponse({
  response,
  modelId,
  warnings,
  generateId,
}: ConvertGoogleResponseOptions): CanonicalResponse {
  const candidate = response.candidates?.[0];
  const content: AssistantContentPart[] = [];
  let hasToolCalls = false;
  for (const part of candidate?.content?.parts ?? []) {
    const signature = part.thoughtSignature
      ? encodeGeminiSignature(part.thoughtSignature)
      : undefined;
    const call = part.functionCall;
    if (call?.name) {
      hasToolCalls = true;
      content.push({
        type: 'tool-call',
        toolCallId: call.id ?? generateId(),
        toolName: call.name,
        input: JSON.stringify(call.args ?? {}),
      });
    } else if (part.text != null && part.thought === true) {
      content.push({ type: 'reasoning', text: part.text, ...(signature ? { signature } : {}) });
      continue;
    } else if (part.text != null) {
      if (part.text.length > 0) content.push({ type: 'text', text: part.text });
    } else {
      continue;
    }
    if (signature) content.push({ type: 'reasoning', text: '', signature });
  }
  const blockReason = response.promptFeedback?.blockReason ?? undefined;
  const rawFinishReason = candidate?.finishReason ?? (candidate ? undefined : blockReason);
  return {
    ...(response.responseId ? { id: response.responseId } : {}),
    modelId: response.modelVersion ?? modelId,
    content,
    finishReason:
      candidate === undefined && blockReason !== undefined
        ? 'content-filter'
        : mapGoogleFinishReason({ finishReason: candidate?.finishReason, hasToolCalls }),
    ...(rawFinishReason ? { rawFinishReason } : {}),
    usage: mapGoogleUsage(response.usageMetadata),
    warnings,
  };
}
