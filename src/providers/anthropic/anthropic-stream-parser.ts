import {
  EventSourceParser,
  JsonResponseToolStream,
  invalidResponseError,
  type CallTarget,
  type ServerSentEvent,
  type StreamTextBlock,
  type StreamToolInputBlock,
} from '../../provider-utils/index.js';
import { ProviderCallError, assertNever, type StreamEvent } from '../../spec/index.js';
import type {
  AnthropicContentBlock,
  AnthropicStreamChunk,
  AnthropicUsage,
} from './anthropic-api.js';
import { createAnthropicStreamError } from './anthropic-error.js';
import { mapAnthropicFinishReason } from './map-anthropic-finish-reason.js';
import { mapAnthropicUsage, mergeAnthropicUsage } from './map-anthropic-usage.js';
import { parseAnthropicStreamChunk } from './parse-anthropic-stream-chunk.js';

/** Settings of one stream parser. */
export type AnthropicStreamParserOptions = {
  /** The model that was asked, used until (or unless) `message_start` names one. */
  readonly modelId: string;
  /** JSON mode through the `json` tool: its input streams out as text. */
  readonly isJsonMode: boolean;
  readonly target: CallTarget;
  readonly url: string;
};

type OpenBlock =
  | { readonly kind: 'text'; readonly text: StreamTextBlock }
  | { readonly kind: 'reasoning'; readonly id: string; signature: string | undefined }
  | { readonly kind: 'redacted-reasoning'; readonly id: string; readonly data: string }
  | { readonly kind: 'tool-input'; readonly toolInput: StreamToolInputBlock }
  | { readonly kind: 'ignored' };

/**
 * Turns Anthropic Messages stream events into canonical stream events: `response-start` first,
 * start/delta/end per content block, `response-end` (finish reason, usage) last. Blocks the
 * canonical stream has no place for (server tools, citations) are skipped. A duplicate
 * `message_start` for the open message is ignored; a different message starting mid-stream, or
 * an `error` event, throws.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming#event-types
 */
export class AnthropicStreamParser {
  private readonly options: AnthropicStreamParserOptions;
  private messageId: string | undefined = undefined;
  private hasStarted = false;
  private hasEnded = false;
  private usage: AnthropicUsage = {};
  private stopReason: string | undefined = undefined;
  private readonly blocks = new Map<number, OpenBlock>();
  private readonly jsonMode: JsonResponseToolStream;

  constructor(options: AnthropicStreamParserOptions) {
    this.options = options;
    this.jsonMode = new JsonResponseToolStream({ isJsonMode: options.isJsonMode });
  }

  /** True once `message_stop` has been processed. */
  get isFinished(): boolean {
    return this.hasEnded;
  }

  /** Processes one wire event, appending the canonical events it produces to `out`. */
  process(chunk: AnthropicStreamChunk, out: StreamEvent[]): void {
    if (this.hasEnded) return;
    switch (chunk.type) {
      case 'content_block_delta':
        this.processDelta(chunk, out);
        return;
      case 'message_start':
        this.processMessageStart(chunk.message, out);
        return;
      case 'content_block_start':
        this.ensureStarted(out);
        this.startBlock({ index: chunk.index, block: chunk.content_block }, out);
        return;
      case 'content_block_stop': {
        const block = this.blocks.get(chunk.index);
        if (block) {
          this.blocks.delete(chunk.index);
          this.endBlock(block, out);
        }
        return;
      }
      case 'message_delta':
        this.ensureStarted(out);
        this.stopReason = chunk.delta.stop_reason ?? this.stopReason;
        this.usage = mergeAnthropicUsage(this.usage, chunk.usage);
        return;
      case 'message_stop':
        this.ensureStarted(out);
        this.finish(out);
        return;
      case 'error':
        throw createAnthropicStreamError({
          error: chunk.error,
          target: this.options.target,
          url: this.options.url,
        });
      case 'ping':
      case 'unknown':
        return;
      default:
        assertNever(chunk);
    }
  }

  private processMessageStart(
    message: Extract<AnthropicStreamChunk, { type: 'message_start' }>['message'],
    out: StreamEvent[],
  ): void {
    const id = message.id ?? undefined;
    if (this.hasStarted) {
      if (id === this.messageId) return; // a repeated message_start for the same message
      throw invalidResponseError({
        target: this.options.target,
        url: this.options.url,
        text: '',
        detail: `message '${id ?? '(no id)'}' started while message '${this.messageId ?? '(no id)'}' was still open`,
      });
    }
    this.hasStarted = true;
    this.messageId = id;
    this.usage = mergeAnthropicUsage(this.usage, message.usage);
    out.push({
      type: 'response-start',
      ...(id === undefined ? {} : { id }),
      modelId: message.model ?? this.options.modelId,
    });
  }

  private ensureStarted(out: StreamEvent[]): void {
    if (this.hasStarted) return;
    this.hasStarted = true;
    out.push({ type: 'response-start', modelId: this.options.modelId });
  }

  private startBlock(
    { index, block }: { index: number; block: AnthropicContentBlock },
    out: StreamEvent[],
  ): void {
    const id = String(index);
    switch (block.type) {
      case 'text': {
        const text = this.jsonMode.startText(id, out);
        this.jsonMode.appendText({ block: text, delta: block.text }, out);
        this.blocks.set(index, { kind: 'text', text });
        return;
      }
      case 'thinking':
        this.jsonMode.emitHeldTexts(out);
        out.push({ type: 'reasoning-start', id });
        if (block.thinking.length > 0) {
          out.push({ type: 'reasoning-delta', id, delta: block.thinking });
        }
        this.blocks.set(index, { kind: 'reasoning', id, signature: block.signature || undefined });
        return;
      case 'redacted_thinking':
        this.jsonMode.emitHeldTexts(out);
        out.push({ type: 'reasoning-start', id });
        this.blocks.set(index, { kind: 'redacted-reasoning', id, data: block.data });
        return;
      case 'tool_use': {
        const toolInput = this.jsonMode.isJsonAnswerTool(block.name)
          ? this.jsonMode.startJsonAnswer({ id, startInput: block.input }, out)
          : this.jsonMode.startToolCall(
              { id: block.id, toolName: block.name, startInput: block.input },
              out,
            );
        this.blocks.set(index, { kind: 'tool-input', toolInput });
        return;
      }
      case 'unknown':
        this.blocks.set(index, { kind: 'ignored' });
        return;
      default:
        assertNever(block);
    }
  }

  private processDelta(
    chunk: Extract<AnthropicStreamChunk, { type: 'content_block_delta' }>,
    out: StreamEvent[],
  ): void {
    const block = this.blocks.get(chunk.index);
    if (!block) return;
    const delta = chunk.delta;
    switch (delta.type) {
      case 'text_delta':
        if (block.kind === 'text') {
          this.jsonMode.appendText({ block: block.text, delta: delta.text }, out);
        }
        return;
      case 'input_json_delta':
        if (block.kind === 'tool-input') {
          this.jsonMode.appendToolInput({ block: block.toolInput, delta: delta.partial_json }, out);
        }
        return;
      case 'thinking_delta':
        if (block.kind === 'reasoning' && delta.thinking.length > 0) {
          out.push({ type: 'reasoning-delta', id: block.id, delta: delta.thinking });
        }
        return;
      case 'signature_delta':
        if (block.kind === 'reasoning') block.signature = (block.signature ?? '') + delta.signature;
        return;
      case 'unknown':
        return;
      default:
        assertNever(delta);
    }
  }

  private endBlock(block: OpenBlock, out: StreamEvent[]): void {
    switch (block.kind) {
      case 'text':
        this.jsonMode.endText(block.text, out);
        return;
      case 'reasoning':
        out.push({
          type: 'reasoning-end',
          id: block.id,
          ...(block.signature ? { signature: block.signature } : {}),
        });
        return;
      case 'redacted-reasoning':
        out.push({ type: 'reasoning-end', id: block.id, redactedData: block.data });
        return;
      case 'tool-input':
        // Streamed calls normally carry their input in deltas; else the start input is sent.
        this.jsonMode.endToolInput(block.toolInput, out);
        return;
      case 'ignored':
        return;
      default:
        assertNever(block);
    }
  }

  private finish(out: StreamEvent[]): void {
    // Blocks still open here were cut off (e.g. a tool input truncated by max_tokens).
    const open = [...this.blocks.entries()].sort(([a], [b]) => a - b);
    this.blocks.clear();
    for (const [, block] of open) this.endBlock(block, out);
    this.jsonMode.endContent(out);
    out.push({
      type: 'response-end',
      finishReason: mapAnthropicFinishReason({
        stopReason: this.stopReason,
        isJsonResponseFromTool: this.jsonMode.isJsonResponseFromTool,
      }),
      ...(this.stopReason === undefined ? {} : { rawFinishReason: this.stopReason }),
      usage: mapAnthropicUsage(this.usage),
    });
    this.hasEnded = true;
  }
}

/** Input of `parseAnthropicStream`. */
export type ParseAnthropicStreamOptions = AnthropicStreamParserOptions & {
  /** The raw response body. */
  readonly chunks: AsyncIterable<Uint8Array>;
};

/**
 * Parses a streamed Messages reply (the raw `text/event-stream` body) into canonical stream
 * events. Unreadable events and a stream that ends without `message_stop` (a cut connection)
 * become retryable ProviderCallErrors. Each body chunk is parsed as a whole before its events
 * are yielded, so the hot path has one async hop per canonical event.
 */
export async function* parseAnthropicStream({
  chunks,
  ...options
}: ParseAnthropicStreamOptions): AsyncGenerator<StreamEvent> {
  const parser = new AnthropicStreamParser(options);
  const decoder = new TextDecoder();
  const serverSentEvents = new EventSourceParser();
  const out: StreamEvent[] = [];
  const process = (events: ServerSentEvent[]) => {
    for (const event of events) {
      const parsed = parseAnthropicStreamChunk(event.data);
      if (!parsed.success) {
        throw invalidResponseError({
          target: options.target,
          url: options.url,
          text: event.data,
          detail: `stream event: ${parsed.error.message}`,
        });
      }
      parser.process(parsed.value, out);
    }
  };
  // Events decoded before a failure in the same chunk still reach the consumer, then it throws.
  const processAndYield = function* (events: ServerSentEvent[]) {
    let failure: { error: unknown } | undefined;
    try {
      process(events);
    } catch (error) {
      failure = { error };
    }
    for (const canonicalEvent of out) yield canonicalEvent;
    out.length = 0;
    if (failure) throw failure.error;
  };
  for await (const chunk of chunks) {
    yield* processAndYield(serverSentEvents.feed(decoder.decode(chunk, { stream: true })));
  }
  const tail = decoder.decode();
  yield* processAndYield([...(tail ? serverSentEvents.feed(tail) : []), ...serverSentEvents.end()]);
  if (!parser.isFinished) {
    throw new ProviderCallError({
      ...options.target,
      url: options.url,
      statusCode: undefined,
      isRetryable: true,
      message: `Provider '${options.target.provider}' ended its stream before message_stop; the response is incomplete.`,
    });
  }
}
