import { assertNever, type StreamEvent } from '../../spec/index.js';
import { mapFinishReasonToOpenAI, renderOpenAIUsage } from './render-openai-chat-response.js';

/**
 * Turns canonical stream events into `chat.completion.chunk` SSE frames. The constant part of each
 * chunk is serialised once per stream; each event costs one small JSON.stringify.
 */
export class OpenAIChatStreamEncoder {
  private readonly prefix: string;
  private readonly includeUsage: boolean;
  private readonly toolIndexById = new Map<string, number>();
  private hasStarted = false;

  constructor({
    id,
    model,
    createdSeconds,
    includeUsage,
  }: {
    id: string;
    model: string;
    createdSeconds: number;
    includeUsage: boolean;
  }) {
    this.prefix = `data: {"id":${JSON.stringify(id)},"object":"chat.completion.chunk","created":${createdSeconds},"model":${JSON.stringify(model)},"choices":[`;
    this.includeUsage = includeUsage;
  }

  /** SSE text for one event; empty when the event has no OpenAI counterpart. */
  encode(event: StreamEvent): string {
    switch (event.type) {
      case 'response-start':
        if (this.hasStarted) return '';
        this.hasStarted = true;
        return this.choice('{"role":"assistant","content":"","refusal":null}', 'null');
      case 'text-delta':
        return this.choice(`{"content":${JSON.stringify(event.delta)}}`, 'null');
      case 'tool-call-start': {
        const index = this.toolIndexById.size;
        this.toolIndexById.set(event.id, index);
        return this.choice(
          `{"tool_calls":[{"index":${index},"id":${JSON.stringify(event.id)},"type":"function","function":{"name":${JSON.stringify(event.toolName)},"arguments":""}}]}`,
          'null',
        );
      }
      case 'tool-call-delta': {
        const index = this.toolIndexById.get(event.id) ?? 0;
        return this.choice(
          `{"tool_calls":[{"index":${index},"function":{"arguments":${JSON.stringify(event.delta)}}}]}`,
          'null',
        );
      }
      case 'response-end': {
        let text = this.choice('{}', `"${mapFinishReasonToOpenAI(event.finishReason)}"`);
        if (this.includeUsage) {
          text += `${this.prefix}],"usage":${JSON.stringify(renderOpenAIUsage(event.usage))}}\n\n`;
        }
        return `${text}data: [DONE]\n\n`;
      }
      case 'text-start':
      case 'text-end':
      case 'reasoning-start':
      case 'reasoning-delta':
      case 'reasoning-end':
      case 'tool-call-end':
        return '';
      default:
        return assertNever(event);
    }
  }

  private choice(delta: string, finishReason: string): string {
    const usage = this.includeUsage ? ',"usage":null' : '';
    return `${this.prefix}{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finishReason}}]${usage}}\n\n`;
  }
}

/** An error sent inside an already-started stream, as OpenAI does. */
export function encodeOpenAIStreamError({
  message,
  type,
  code,
}: {
  message: string;
  type: string;
  code: string;
}): string {
  return `data: ${JSON.stringify({ error: { message, type, param: null, code } })}\n\n`;
}
