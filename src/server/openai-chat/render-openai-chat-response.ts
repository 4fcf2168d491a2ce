import type { CanonicalResponse, FinishReason, Usage } from '../../spec/index.js';

/** OpenAI's finish_reason for a canonical one. */
export function mapFinishReasonToOpenAI(
  reason: FinishReason,
): 'stop' | 'length' | 'tool_calls' | 'content_filter' {
  switch (reason) {
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    case 'stop':
    case 'refusal':
    case 'error':
    case 'other':
      return 'stop';
  }
}

/** The `usage` object of Chat Completions. */
export function renderOpenAIUsage(usage: Usage) {
  return {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: usage.reasoningTokens ?? 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** Renders a canonical response as a `chat.completion` object. */
export function renderOpenAIChatResponse({
  response,
  id,
  createdSeconds,
}: {
  response: CanonicalResponse;
  id: string;
  createdSeconds: number;
}) {
  let text = '';
  let hasText = false;
  const toolCalls: Array<{
    id: string;
    type: 'function';
    function: { name: string; arguments: string };
  }> = [];
  for (const part of response.content) {
    if (part.type === 'text') {
      text += part.text;
      hasText = true;
    } else if (part.type === 'tool-call') {
      toolCalls.push({
        id: part.toolCallId,
        type: 'function',
        function: { name: part.toolName, arguments: part.input },
      });
    }
  }
  const isRefusal = response.finishReason === 'refusal';
  return {
    id,
    object: 'chat.completion' as const,
    created: createdSeconds,
    model: response.modelId,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant' as const,
          content: isRefusal || !hasText ? null : text,
          refusal: isRefusal ? text : null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
          annotations: [],
        },
        logprobs: null,
        finish_reason: mapFinishReasonToOpenAI(response.finishReason),
      },
    ],
    usage: renderOpenAIUsage(response.usage),
  };
}
