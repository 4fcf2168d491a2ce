import { assertNever, type StreamEvent } from '../../spec/index.js';
import {
  mapFinishReasonToAnthropic,
  renderAnthropicUsage,
} from './render-anthropic-messages-response.js';

const blockDeltaPrefix = 'event: content_block_delta\ndata: {"type":"content_block_delta","index":';
const blockStartPrefix = 'event: content_block_start\ndata: {"type":"content_block_start","index":';
const blockStopPrefix = 'event: content_block_stop\ndata: {"type":"content_block_stop","index":';
const messageStop = 'event: message_stop\ndata: {"type":"message_stop"}\n\n';

/** The kind of a canonical block, for opening it when a delta arrives before its start. */
type BlockKind = 'text' | 'thinking' | 'tool';

/**
 * Turns canonical stream events into Anthropic Messages SSE frames (`event: X\ndata: {...}\n\n`):
 * message_start, then per block content_block_start / content_block_delta / content_block_stop
 * with indexes in order of appearance, then message_delta (stop reason and the final usage) and
 * message_stop. The constant parts of each frame are precomputed; each delta costs one small
 * JSON.stringify.
 *
 * The canonical stream reports usage only at its end, so message_start carries an estimate of the
 * input tokens (when given) and zero output tokens, and message_delta carries the final input and
 * output counts (the API's message_delta usage is cumulative too, and clients overwrite
 * message_start's counts with it).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 */
export class AnthropicMessagesStreamEncoder {
  private readonly id: string;
  private readonly model: string;
  /** Index of each open block by canonical id; undefined for reasoning not yet opened. */
  private readonly openBlocks = new Map<string, number | undefined>();
  private nextIndex = 0;
  private hasStarted = false;
  private hasEnded = false;
  private readonly estimatedInputTokens: number;

  constructor({
    id,
    model,
    estimatedInputTokens = 0,
  }: {
    id: string;
    model: string;
    /** Sent in message_start until the final count arrives in message_delta. */
    estimatedInputTokens?: number;
  }) {
    this.id = id;
    this.model = model;
    this.estimatedInputTokens = estimatedInputTokens;
  }

  /** True once message_stop was encoded. */
  get isComplete(): boolean {
    return this.hasEnded;
  }

  /** SSE text for one event; empty when the event produces no frame. */
  encode(event: StreamEvent): string {
    if (this.hasEnded) return '';
    const start = this.hasStarted ? '' : this.start(event);
    switch (event.type) {
      case 'response-start':
        return start;
      case 'text-start':
        return start + this.open(event.id, textStart);
      case 'text-delta':
        return (
          start +
          this.delta({
            id: event.id,
            kind: 'text',
            delta: `{"type":"text_delta","text":${JSON.stringify(event.delta)}}`,
          })
        );
      case 'reasoning-start':
        // Opened lazily: a redacted block has no deltas and a different start frame.
        this.openBlocks.set(event.id, undefined);
        return start;
      case 'reasoning-delta':
        return (
          start +
          this.delta({
            id: event.id,
            kind: 'thinking',
            delta: `{"type":"thinking_delta","thinking":${JSON.stringify(event.delta)}}`,
          })
        );
      case 'reasoning-end':
        return start + this.endReasoning(event);
      case 'tool-call-start':
        return (
          start +
          this.open(
            event.id,
            `{"type":"tool_use","id":${JSON.stringify(event.id)},"name":${JSON.stringify(event.toolName)},"input":{}}`,
          )
        );
      case 'tool-call-delta':
        return (
          start +
          this.delta({
            id: event.id,
            kind: 'tool',
            delta: `{"type":"input_json_delta","partial_json":${JSON.stringify(event.delta)}}`,
          })
        );
      case 'text-end':
      case 'tool-call-end':
        return start + this.close(event.id);
      case 'response-end': {
        let text = start;
        for (const id of [...this.openBlocks.keys()]) text += this.close(id);
        this.hasEnded = true;
        const stopReason = mapFinishReasonToAnthropic(event);
        const usage = JSON.stringify(renderAnthropicUsage(event.usage));
        return `${text}event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"${stopReason}","stop_sequence":null},"usage":${usage}}\n\n${messageStop}`;
      }
      default:
        return assertNever(event);
    }
  }

  private start(event: StreamEvent): string {
    this.hasStarted = true;
    const model = event.type === 'response-start' ? event.modelId : this.model;
    const message = `{"id":${JSON.stringify(this.id)},"type":"message","role":"assistant","model":${JSON.stringify(model)},"content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":${this.estimatedInputTokens},"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":0}}`;
    return `event: message_start\ndata: {"type":"message_start","message":${message}}\n\n`;
  }

  /** Sends content_block_start for a block, giving it the next index. */
  private open(id: string, contentBlock: string): string {
    const index = this.nextIndex++;
    this.openBlocks.set(id, index);
    return `${blockStartPrefix}${index},"content_block":${contentBlock}}\n\n`;
  }

  /** A delta frame; opens the block first if its start was not sent (reasoning, or a lax stream). */
  private delta({ id, kind, delta }: { id: string; kind: BlockKind; delta: string }): string {
    const index = this.openBlocks.get(id);
    if (index !== undefined) return `${blockDeltaPrefix}${index},"delta":${delta}}\n\n`;
    const opened = this.open(id, startBlockFor({ id, kind }));
    return `${opened}${blockDeltaPrefix}${this.nextIndex - 1},"delta":${delta}}\n\n`;
  }

  private close(id: string): string {
    if (!this.openBlocks.has(id)) return '';
    let text = '';
    let index = this.openBlocks.get(id);
    if (index === undefined) {
      // Reasoning that never got content still shows up, as an empty thinking block.
      text = this.open(id, thinkingStart);
      index = this.nextIndex - 1;
    }
    this.openBlocks.delete(id);
    return `${text}${blockStopPrefix}${index}}\n\n`;
  }

  private endReasoning(event: Extract<StreamEvent, { type: 'reasoning-end' }>): string {
    if (!this.openBlocks.has(event.id)) this.openBlocks.set(event.id, undefined);
    let text = '';
    if (this.openBlocks.get(event.id) === undefined) {
      text = this.open(
        event.id,
        event.redactedData === undefined
          ? thinkingStart
          : `{"type":"redacted_thinking","data":${JSON.stringify(event.redactedData)}}`,
      );
    }
    if (event.signature !== undefined && event.redactedData === undefined) {
      text += this.delta({
        id: event.id,
        kind: 'thinking',
        delta: `{"type":"signature_delta","signature":${JSON.stringify(event.signature)}}`,
      });
    }
    return text + this.close(event.id);
  }
}

const textStart = '{"type":"text","text":""}';
const thinkingStart = '{"type":"thinking","thinking":"","signature":""}';

function startBlockFor({ id, kind }: { id: string; kind: BlockKind }): string {
  switch (kind) {
    case 'text':
      return textStart;
    case 'thinking':
      return thinkingStart;
    case 'tool':
      // A tool call seen first through a delta (no start event): its name is unknown.
      return `{"type":"tool_use","id":${JSON.stringify(id)},"name":"","input":{}}`;
    default:
      return assertNever(kind);
  }
}

/** An error inside an already-started stream, as the API sends it: `event: error`. */
export function encodeAnthropicStreamError(body: unknown): string {
  return `event: error\ndata: ${JSON.stringify(body)}\n\n`;
}
