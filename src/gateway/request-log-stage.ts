import type { RequestLogStore } from '../store/index.js';
import { formatWarning, type CanonicalRequest } from '../spec/index.js';
import type { GatewayStage } from './gateway-stage.js';

/** Records every finished request in the request log; content only when the config opts in. */
export function createRequestLogStage({
  store,
  storeContent,
  maxContentBytes,
}: {
  store: RequestLogStore;
  storeContent: boolean;
  maxContentBytes: number;
}): GatewayStage {
  return {
    name: 'request-log',
    needsAnswerText: storeContent,
    afterCall(outcome) {
      const { call, target, usage, error } = outcome;
      store.append({
        requestId: call.requestId,
        startedAtMs: call.startedAtMs,
        keyId: call.keyId,
        dialect: call.dialect,
        requestedModel: call.requestedModel,
        modelId: target?.modelId,
        provider: target?.providerId,
        vendorModel: target?.vendorModel,
        isStream: outcome.isStream,
        statusCode: outcome.statusCode,
        errorCode: error?.code,
        errorMessage: error?.message.slice(0, 500),
        finishReason: outcome.finishReason,
        inputTokens: usage?.inputTokens,
        outputTokens: usage?.outputTokens,
        cachedInputTokens: usage?.cachedInputTokens,
        reasoningTokens: usage?.reasoningTokens,
        latencyMs: Math.round(outcome.latencyMs * 1000) / 1000,
        firstByteMs:
          outcome.firstByteMs === undefined
            ? undefined
            : Math.round(outcome.firstByteMs * 1000) / 1000,
        warnings: outcome.warnings.map(formatWarning),
        content: storeContent
          ? capBytes(
              JSON.stringify({
                messages: summariseMessages(call.request),
                answer: outcome.answerText ?? null,
              }),
              maxContentBytes,
            )
          : undefined,
        route: outcome.decision?.route,
        decision: outcome.decision,
      });
    },
  };
}

function summariseMessages(request: CanonicalRequest): unknown[] {
  return request.messages.map((message) =>
    message.role === 'system'
      ? { role: 'system', text: message.content }
      : {
          role: message.role,
          parts: message.content.map((part) => (part.type === 'image' ? { type: 'image' } : part)),
        },
  );
}

function capBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  return `${Buffer.from(text).subarray(0, maxBytes).toString('utf8')}…[truncated]`;
}
