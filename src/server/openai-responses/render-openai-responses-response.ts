import type { CanonicalResponse, FinishReason, Usage } from '../../spec/index.js';
import type { OpenAIResponsesEcho } from './convert-openai-responses-request.js';

/** `usage` of a Response object. */
export function renderOpenAIResponsesUsage(usage: Usage) {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: {
      cached_tokens: usage.cachedInputTokens ?? 0,
      cache_write_tokens: usage.cacheWriteInputTokens ?? 0,
    },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
}

export type OpenAIResponsesUsage = ReturnType<typeof renderOpenAIResponsesUsage>;

/** One item of a Response's `output`. */
export type OpenAIResponsesOutputItem =
  | {
      type: 'message';
      id: string;
      role: 'assistant';
      status: ItemStatus;
      content: Array<{ type: 'output_text'; text: string; annotations: []; logprobs: [] }>;
    }
  | {
      type: 'function_call';
      id: string;
      call_id: string;
      name: string;
      arguments: string;
      status: ItemStatus;
    }
  | {
      type: 'reasoning';
      id: string;
      summary: Array<{ type: 'summary_text'; text: string }>;
      encrypted_content?: string;
      status: ItemStatus;
    };

type ItemStatus = 'in_progress' | 'completed' | 'incomplete';

/** The Response `status` and `incomplete_details` for a canonical finish reason. */
export function mapFinishReasonToResponseStatus(reason: FinishReason): {
  status: 'completed' | 'incomplete';
  incompleteReason: 'max_output_tokens' | 'content_filter' | undefined;
} {
  switch (reason) {
    case 'length':
      return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
    case 'content-filter':
      return { status: 'incomplete', incompleteReason: 'content_filter' };
    case 'stop':
    case 'tool-calls':
    case 'refusal':
    case 'error':
    case 'other':
      return { status: 'completed', incompleteReason: undefined };
  }
}

/** Everything of a Response object except what changes while it is generated. */
export type OpenAIResponsesEnvelope = {
  readonly id: string;
  readonly createdSeconds: number;
  readonly model: string;
  readonly echo: OpenAIResponsesEcho;
};

/**
 * A full Response object, with the request's settings echoed as the spec requires.
 * @see https://platform.openai.com/docs/api-reference/responses/object
 */
export function renderResponseObject({
  envelope,
  status,
  output,
  usage,
  incompleteReason,
  error,
  completedSeconds,
}: {
  envelope: OpenAIResponsesEnvelope;
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  output: ReadonlyArray<OpenAIResponsesOutputItem>;
  usage: OpenAIResponsesUsage | null;
  incompleteReason?: 'max_output_tokens' | 'content_filter' | undefined;
  error?: { code: string; message: string } | undefined;
  completedSeconds?: number | undefined;
}) {
  let outputText = '';
  for (const item of output) {
    if (item.type === 'message') for (const part of item.content) outputText += part.text;
  }
  return {
    id: envelope.id,
    object: 'response' as const,
    created_at: envelope.createdSeconds,
    status,
    completed_at: status === 'completed' ? (completedSeconds ?? envelope.createdSeconds) : null,
    error: error ?? null,
    incomplete_details: incompleteReason === undefined ? null : { reason: incompleteReason },
    model: envelope.model,
    output,
    output_text: outputText,
    // The spec types `usage` and `user` as non-null (the live API sends null); absent is valid.
    ...(usage === null ? {} : { usage }),
    ...envelope.echo,
  };
}

/** Renders a canonical (non-streamed) response as a Response object. */
export function renderOpenAIResponsesResponse({
  response,
  envelope,
  completedSeconds,
}: {
  response: CanonicalResponse;
  envelope: OpenAIResponsesEnvelope;
  completedSeconds: number;
}) {
  const { status, incompleteReason } = mapFinishReasonToResponseStatus(response.finishReason);
  const itemStatus = status === 'completed' ? 'completed' : 'incomplete';
  const output: OpenAIResponsesOutputItem[] = [];
  let message: Extract<OpenAIResponsesOutputItem, { type: 'message' }> | undefined;
  response.content.forEach((part, index) => {
    switch (part.type) {
      case 'text':
        if (!message) {
          message = {
            type: 'message',
            id: `msg_${envelope.id.slice('resp_'.length)}_${index}`,
            role: 'assistant',
            status: itemStatus,
            content: [],
          };
          output.push(message);
        }
        message.content.push({
          type: 'output_text',
          text: part.text,
          annotations: [],
          logprobs: [],
        });
        return;
      case 'tool-call':
        message = undefined;
        output.push({
          type: 'function_call',
          id: `fc_${part.toolCallId}`,
          call_id: part.toolCallId,
          name: part.toolName,
          arguments: part.input,
          status: 'completed',
        });
        return;
      case 'reasoning':
        message = undefined;
        // Redacted reasoning has no text a client could show or send back; it is left out.
        if (part.redactedData !== undefined) return;
        output.push({
          type: 'reasoning',
          id: `rs_${envelope.id.slice('resp_'.length)}_${index}`,
          summary: part.text.length > 0 ? [{ type: 'summary_text', text: part.text }] : [],
          ...(part.signature === undefined ? {} : { encrypted_content: part.signature }),
          status: 'completed',
        });
        return;
    }
  });
  return renderResponseObject({
    envelope: { ...envelope, model: response.modelId },
    status,
    output,
    usage: renderOpenAIResponsesUsage(response.usage),
    incompleteReason,
    completedSeconds,
  });
}
