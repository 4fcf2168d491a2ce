import { EMPTY_USAGE, type StreamEvent, type Usage } from '../../spec/index.js';
import type { OpenAIChatChunk } from './openai-api.js';
import { resolveOpenAIFinishReason } from './map-openai-finish-reason.js';
import { convertOpenAIUsage } from './openai-usage.js';

/** What an {@link OpenAIStreamParser} needs besides the chunks. */
export type OpenAIStreamParserOptions = {
  /** The requested model, used when the stream names none. */
  readonly modelId: string;
  /** Makes ids for tool calls that arrive without one. */
  readonly generateId: () => string;
  /** Builds the error thrown when the stream breaks the protocol or ends early. */
  readonly createError: (message: string) => Error;
};

type ToolCallState = {
  readonly index: number;
  readonly toolCallId: string;
  toolName: string;
  isStarted: boolean;
  isEnded: boolean;
  /** Argument text that arrived before the function name. */
  pendingInput: string;
};

type ToolCallDelta = NonNullable<
  NonNullable<NonNullable<OpenAIChatChunk['choices']>[number]['delta']>['tool_calls']
>[number];

/**
 * Turns Chat Completions stream chunks into canonical stream events with proper start/delta/end
 * lifecycles: `response-start` first; a text or reasoning block is closed before another kind of
 * block starts; tool calls are keyed by `index` (id and name first, arguments after, or all at
 * once); `response-end` comes only at `[DONE]` or the end of the body, after the usage chunk that
 * follows `finish_reason`.
 *
 * Events are appended to {@link events}, which the caller drains and clears after each chunk, so
 * the hot path allocates nothing but the events themselves.
 *
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export class OpenAIStreamParser {
  /** Events produced since the caller last cleared this array. */
  readonly events: StreamEvent[] = [];
  /** True once `response-end` was produced. */
  isEnded = false;
  private isStarted = false;
  private openBlock: { readonly kind: 'text' | 'reasoning'; readonly id: string } | undefined;
  private blockCount = 0;
  private readonly toolCalls = new Map<number, ToolCallState>();
  private openToolCall: ToolCallState | undefined;
  private rawFinishReason: string | undefined;
  private hasRefusal = false;
  private usage: Usage = EMPTY_USAGE;
  private readonly options: OpenAIStreamParserOptions;

  constructor(options: OpenAIStreamParserOptions) {
    this.options = options;
  }

  /** Processes one chunk. */
  processChunk(chunk: OpenAIChatChunk): void {
    if (this.isEnded) return;
    const choices = chunk.choices;
    const usage = chunk.usage ?? chunk.x_groq?.usage;
    if (!this.isStarted) {
      // Azure sends a preamble chunk with empty id and model (prompt_filter_results): skip it.
      if (!chunk.id && !chunk.model && !choices?.length && usage == null) return;
      this.start(chunk.id, chunk.model);
    }
    if (usage != null) this.usage = convertOpenAIUsage(usage);
    if (!choices) return;
    for (const choice of choices) {
      if (choice.index != null && choice.index !== 0) continue; // n > 1 has no canonical form
      const delta = choice.delta;
      if (delta) {
        // Some servers fill both fields with the same text; read one.
        const reasoning = delta.reasoning_content || delta.reasoning;
        if (reasoning) this.appendBlock('reasoning', reasoning);
        if (delta.content) this.appendBlock('text', delta.content);
        if (delta.refusal) {
          this.hasRefusal = true;
          this.appendBlock('text', delta.refusal);
        }
        if (delta.tool_calls) for (const call of delta.tool_calls) this.processToolCall(call);
      }
      if (choice.finish_reason) {
        this.rawFinishReason = choice.finish_reason;
        this.closeOpenBlocks();
      }
    }
  }

  /**
   * Ends the stream at `[DONE]` or at the end of the body. A stream that never sent a finish
   * reason was cut short: that throws, so the caller can retry.
   */
  end(): void {
    if (this.isEnded) return;
    if (this.rawFinishReason === undefined) {
      throw this.options.createError('the stream ended before the model finished its answer');
    }
    if (!this.isStarted) this.start(undefined, undefined);
    this.closeOpenBlocks();
    this.isEnded = true;
    this.events.push({
      type: 'response-end',
      finishReason: resolveOpenAIFinishReason({
        rawFinishReason: this.rawFinishReason,
        hasRefusal: this.hasRefusal,
        hasToolCalls: this.toolCalls.size > 0,
      }),
      rawFinishReason: this.rawFinishReason,
      usage: this.usage,
    });
  }

  private start(id: string | null | undefined, model: string | null | undefined): void {
    this.isStarted = true;
    this.events.push({
      type: 'response-start',
      ...(id ? { id } : {}),
      modelId: model || this.options.modelId,
    });
  }

  private appendBlock(kind: 'text' | 'reasoning', delta: string): void {
    let block = this.openBlock;
    if (block?.kind !== kind) {
      this.closeOpenBlocks();
      block = { kind, id: `${kind}-${this.blockCount++}` };
      this.openBlock = block;
      this.events.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', id: block.id });
    }
    this.events.push({
      type: kind === 'text' ? 'text-delta' : 'reasoning-delta',
      id: block.id,
      delta,
    });
  }

  private processToolCall(call: ToolCallDelta): void {
    const index = call.index ?? this.indexOfCallWithoutIndex(call.id);
    let state = this.toolCalls.get(index);
    if (state === undefined) {
      this.closeOpenBlocks();
      state = {
        index,
        toolCallId: call.id || this.options.generateId(),
        toolName: '',
        isStarted: false,
        isEnded: false,
        pendingInput: '',
      };
      this.toolCalls.set(index, state);
      this.openToolCall = state;
    } else if (state.isEnded) {
      throw this.options.createError(
        `arguments for tool call ${index} arrived after the next block had started`,
      );
    }
    const name = call.function?.name;
    const input = call.function?.arguments;
    const text = typeof input === 'string' ? input : input == null ? '' : JSON.stringify(input);
    if (!state.isStarted) {
      if (name) state.toolName = name;
      state.pendingInput += text;
      if (state.toolName) {
        state.isStarted = true;
        this.events.push({
          type: 'tool-call-start',
          id: state.toolCallId,
          toolName: state.toolName,
        });
        if (state.pendingInput) {
          this.events.push({
            type: 'tool-call-delta',
            id: state.toolCallId,
            delta: state.pendingInput,
          });
          state.pendingInput = '';
        }
      }
    } else if (text) {
      this.events.push({ type: 'tool-call-delta', id: state.toolCallId, delta: text });
    }
  }

  /** Servers that omit `index`: a new id is a new call, no id continues the current one. */
  private indexOfCallWithoutIndex(id: string | null | undefined): number {
    if (id) {
      for (const state of this.toolCalls.values()) if (state.toolCallId === id) return state.index;
      return this.toolCalls.size;
    }
    return this.openToolCall?.index ?? this.toolCalls.size;
  }

  private closeOpenBlocks(): void {
    const block = this.openBlock;
    if (block) {
      this.events.push({
        type: block.kind === 'text' ? 'text-end' : 'reasoning-end',
        id: block.id,
      });
      this.openBlock = undefined;
    }
    const call = this.openToolCall;
    if (call) {
      if (!call.isStarted) {
        throw this.options.createError(`tool call ${call.index} arrived without a function name`);
      }
      call.isEnded = true;
      this.events.push({ type: 'tool-call-end', id: call.toolCallId });
      this.openToolCall = undefined;
    }
  }
}
