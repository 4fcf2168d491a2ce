import type { StreamEvent } from '../spec/index.js';
import { JSON_RESPONSE_TOOL_NAME } from './json-response-tool.js';

/** A streamed text block. In JSON mode it is held back until we know whether a `json` answer follows. */
export type StreamTextBlock = {
  readonly id: string;
  /** Deltas received while the block is held back. */
  readonly heldDeltas: string[];
  isHeld: boolean;
  isOpen: boolean;
};

/** A streamed tool call, or the `json` tool call whose input streams out as the text answer. */
export type StreamToolInputBlock = {
  readonly id: string;
  readonly isJsonAnswer: boolean;
  /** The input announced with the call's start, sent when no input delta arrives; absent: `{}`. */
  readonly startInput: unknown;
  hasInput: boolean;
};

/**
 * The JSON-mode side of a stream parser for vendors that serve JSON mode through the forced `json`
 * tool (see `prepareJsonResponseTool`). Text blocks are held back until it is known whether a
 * `json` answer follows: a `json` call drops them (they were preamble) and streams its input as
 * text; another tool call, a reasoning block or the end of the content without a `json` answer
 * emits them, in order. Outside JSON mode text streams straight through. The parser keeps its own
 * block bookkeeping and calls these methods with the canonical ids it chose.
 */
export class JsonResponseToolStream {
  private readonly isJsonMode: boolean;
  private heldTexts: StreamTextBlock[] = [];
  private hasJsonAnswer = false;
  private hasOtherToolCall = false;

  constructor({ isJsonMode }: { isJsonMode: boolean }) {
    this.isJsonMode = isJsonMode;
  }

  /** True when the answer came through the `json` tool and no other tool was called. */
  get isJsonResponseFromTool(): boolean {
    return this.hasJsonAnswer && !this.hasOtherToolCall;
  }

  /** Whether a tool call of this name is the JSON answer. */
  isJsonAnswerTool(toolName: string): boolean {
    return this.isJsonMode && toolName === JSON_RESPONSE_TOOL_NAME;
  }

  /** Opens a text block: announced at once, or held back in JSON mode. */
  startText(id: string, out: StreamEvent[]): StreamTextBlock {
    const block: StreamTextBlock = { id, heldDeltas: [], isHeld: this.isJsonMode, isOpen: true };
    if (block.isHeld) this.heldTexts.push(block);
    else out.push({ type: 'text-start', id });
    return block;
  }

  /** Adds text to a block; empty deltas are skipped. */
  appendText(
    { block, delta }: { block: StreamTextBlock; delta: string },
    out: StreamEvent[],
  ): void {
    if (delta.length === 0) return;
    if (block.isHeld) block.heldDeltas.push(delta);
    else out.push({ type: 'text-delta', id: block.id, delta });
  }

  /** Closes a text block; a held one ends when it is emitted. */
  endText(block: StreamTextBlock, out: StreamEvent[]): void {
    if (block.isHeld) block.isOpen = false;
    else out.push({ type: 'text-end', id: block.id });
  }

  /** Opens the `json` answer under the text id `id`: held text before it is dropped. */
  startJsonAnswer(
    { id, startInput }: { id: string; startInput?: unknown },
    out: StreamEvent[],
  ): StreamToolInputBlock {
    this.heldTexts = [];
    this.hasJsonAnswer = true;
    out.push({ type: 'text-start', id });
    return { id, isJsonAnswer: true, startInput, hasInput: false };
  }

  /** Opens a tool call (not the `json` answer): held text is emitted first. */
  startToolCall(
    { id, toolName, startInput }: { id: string; toolName: string; startInput?: unknown },
    out: StreamEvent[],
  ): StreamToolInputBlock {
    this.emitHeldTexts(out);
    this.hasOtherToolCall = true;
    out.push({ type: 'tool-call-start', id, toolName });
    return { id, isJsonAnswer: false, startInput, hasInput: false };
  }

  /** Adds streamed input JSON to a tool call (as text for the `json` answer); empty deltas are skipped. */
  appendToolInput(
    { block, delta }: { block: StreamToolInputBlock; delta: string },
    out: StreamEvent[],
  ): void {
    if (delta.length === 0) return;
    block.hasInput = true;
    out.push({ type: block.isJsonAnswer ? 'text-delta' : 'tool-call-delta', id: block.id, delta });
  }

  /** Closes a tool call; one that streamed no input gets its start input (or `{}`). */
  endToolInput(block: StreamToolInputBlock, out: StreamEvent[]): void {
    const isJson = block.isJsonAnswer;
    if (!block.hasInput) {
      const delta = JSON.stringify(block.startInput ?? {});
      out.push({ type: isJson ? 'text-delta' : 'tool-call-delta', id: block.id, delta });
    }
    out.push({ type: isJson ? 'text-end' : 'tool-call-end', id: block.id });
  }

  /**
   * Emits held-back text, in order, because something other than a `json` answer followed (a
   * tool call, a reasoning block). A block still open streams straight through from now on.
   */
  emitHeldTexts(out: StreamEvent[]): void {
    if (this.heldTexts.length === 0) return;
    for (const block of this.heldTexts) {
      block.isHeld = false;
      out.push({ type: 'text-start', id: block.id });
      if (block.heldDeltas.length > 0) {
        out.push({ type: 'text-delta', id: block.id, delta: block.heldDeltas.join('') });
      }
      if (!block.isOpen) out.push({ type: 'text-end', id: block.id });
    }
    this.heldTexts = [];
  }

  /** At the end of the content: held text is emitted unless a `json` answer replaced it. */
  endContent(out: StreamEvent[]): void {
    if (this.hasJsonAnswer) this.heldTexts = [];
    else this.emitHeldTexts(out);
  }
}
