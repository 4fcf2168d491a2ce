import type { CallTarget } from '../../provider-utils/index.js';
import { ProviderCallError, assertNever, type StreamEvent } from '../../spec/index.js';
import type { AmazonBedrockStreamEvent, AmazonBedrockUsage } from './amazon-bedrock-api.js';
import type { AwsEventStreamMessage } from './amazon-bedrock-event-stream.js';
import { mapAmazonBedrockFinishReason } from './map-amazon-bedrock-finish-reason.js';
import { mapAmazonBedrockUsage } from './map-amazon-bedrock-usage.js';
import { parseAmazonBedrockStreamMessage } from './parse-amazon-bedrock-stream-message.js';
import { JSON_RESPONSE_TOOL_NAME } from './prepare-amazon-bedrock-tools.js';

export type AmazonBedrockStreamParserOptions = {
  /** The model that was asked: ConverseStream does not name one. */
  readonly modelId: string;
  /** The `x-amzn-requestid` of the reply, used as the response id. */
  readonly responseId: string | undefined;
  /** JSON mode through the `json` tool: its input streams out as text. */
  readonly isJsonMode: boolean;
  readonly target: CallTarget;
  readonly url: string;
};

/** A text block held back in JSON mode until we know whether a `json` answer follows. */
type PendingText = { readonly id: string; readonly deltas: string[]; isOpen: boolean };

type OpenBlock =
  | { readonly kind: 'text'; readonly id: string }
  | { readonly kind: 'pending-text'; readonly pending: PendingText }
  | {
      readonly kind: 'reasoning';
      readonly id: string;
      signature: string;
      redactedData: string;
    }
  | { readonly kind: 'tool-call' | 'json-answer'; readonly id: string; hasInput: boolean }
  | { readonly kind: 'ignored' };

type DeltaKind = 'text' | 'reasoning';

/**
 * Turns ConverseStream events into canonical stream events: `response-start` first, start /
 * delta / end per content block, `response-end` (finish reason, usage) last. Converse announces
 * only tool-use blocks with `contentBlockStart`; text and reasoning blocks open with their first
 * delta, and some models never send their `contentBlockStop`, so `messageStop` closes whatever is
 * still open. `response-end` is emitted once both `messageStop` (the stop reason) and `metadata`
 * (the usage, which Bedrock sends last) have arrived, or at the end of the stream.
 * @see https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStreamOutput.html
 */
export class AmazonBedrockStreamParser {
  private readonly options: AmazonBedrockStreamParserOptions;
  private hasStarted = false;
  private hasEnded = false;
  private stopReason: string | undefined = undefined;
  private usage: AmazonBedrockUsage | undefined = undefined;
  private readonly blocks = new Map<number, OpenBlock>();
  private blockCount = 0;
  private pendingTexts: PendingText[] = [];
  private hasJsonAnswer = false;
  private hasOtherToolCall = false;

  constructor(options: AmazonBedrockStreamParserOptions) {
    this.options = options;
  }

  /** True once `response-end` was emitted. */
  get isFinished(): boolean {
    return this.hasEnded;
  }

  /** True once `messageStop` arrived: the answer is complete even if `metadata` never comes. */
  get hasStopped(): boolean {
    return this.stopReason !== undefined;
  }

  /** Processes one decoded event, appending the canonical events it produces to `out`. */
  process(event: AmazonBedrockStreamEvent, out: StreamEvent[]): void {
    if (this.hasEnded) return;
    switch (event.type) {
      case 'messageStart':
        this.ensureStarted(out);
        return;
      case 'contentBlockStart': {
        this.ensureStarted(out);
        const toolUse = event.start?.toolUse;
        if (toolUse) this.startToolUse({ index: event.contentBlockIndex, toolUse }, out);
        else if (event.start && Object.keys(event.start).length > 0) {
          // toolResult / image blocks: the canonical stream has no place for them.
          this.blocks.set(event.contentBlockIndex, { kind: 'ignored' });
        }
        return;
      }
      case 'contentBlockDelta':
        this.ensureStarted(out);
        this.processDelta(event, out);
        return;
      case 'contentBlockStop': {
        this.ensureStarted(out);
        const block = this.blocks.get(event.contentBlockIndex);
        if (block) {
          this.blocks.delete(event.contentBlockIndex);
          this.endBlock(block, out);
        }
        return;
      }
      case 'messageStop':
        this.ensureStarted(out);
        this.stopReason = event.stopReason;
        this.closeOpenBlocks(out);
        if (this.usage !== undefined) this.finish(out);
        return;
      case 'metadata':
        this.ensureStarted(out);
        this.usage = event.usage ?? {};
        if (this.stopReason !== undefined) this.finish(out);
        return;
      case 'unknown':
        return;
      default:
        assertNever(event);
    }
  }

  /** Emits `response-end` after a `messageStop` whose `metadata` never came. */
  end(out: StreamEvent[]): void {
    if (!this.hasEnded && this.hasStopped) this.finish(out);
  }

  private ensureStarted(out: StreamEvent[]): void {
    if (this.hasStarted) return;
    this.hasStarted = true;
    const id = this.options.responseId;
    out.push({
      type: 'response-start',
      ...(id === undefined ? {} : { id }),
      modelId: this.options.modelId,
    });
  }

  private nextBlockId(index: number): string {
    this.blockCount += 1;
    return `${index}-${this.blockCount}`;
  }

  private startToolUse(
    { index, toolUse }: { index: number; toolUse: { toolUseId: string; name: string } },
    out: StreamEvent[],
  ): void {
    this.replaceOpenBlock(index, out);
    if (this.options.isJsonMode && toolUse.name === JSON_RESPONSE_TOOL_NAME) {
      // The JSON answer: text before it was preamble, so it is dropped.
      this.pendingTexts = [];
      this.hasJsonAnswer = true;
      const id = this.nextBlockId(index);
      out.push({ type: 'text-start', id });
      this.blocks.set(index, { kind: 'json-answer', id, hasInput: false });
      return;
    }
    this.flushPendingTexts(out);
    this.hasOtherToolCall = true;
    out.push({ type: 'tool-call-start', id: toolUse.toolUseId, toolName: toolUse.name });
    this.blocks.set(index, { kind: 'tool-call', id: toolUse.toolUseId, hasInput: false });
  }

  /** Ends a block still open at `index` (a model that skipped its `contentBlockStop`). */
  private replaceOpenBlock(index: number, out: StreamEvent[]): void {
    const open = this.blocks.get(index);
    if (!open) return;
    this.blocks.delete(index);
    this.endBlock(open, out);
  }

  /** The open block of the delta's kind at `index`, opening one when there is none. */
  private blockFor(
    { index, kind }: { index: number; kind: DeltaKind },
    out: StreamEvent[],
  ): OpenBlock {
    const open = this.blocks.get(index);
    const openKind = open?.kind === 'pending-text' ? 'text' : open?.kind;
    if (open && openKind === kind) return open;
    this.replaceOpenBlock(index, out);
    const id = this.nextBlockId(index);
    let block: OpenBlock;
    if (kind === 'text' && this.options.isJsonMode) {
      const pending: PendingText = { id, deltas: [], isOpen: true };
      this.pendingTexts.push(pending);
      block = { kind: 'pending-text', pending };
    } else if (kind === 'text') {
      out.push({ type: 'text-start', id });
      block = { kind: 'text', id };
    } else {
      this.flushPendingTexts(out);
      out.push({ type: 'reasoning-start', id });
      block = { kind: 'reasoning', id, signature: '', redactedData: '' };
    }
    this.blocks.set(index, block);
    return block;
  }

  private processDelta(
    event: Extract<AmazonBedrockStreamEvent, { type: 'contentBlockDelta' }>,
    out: StreamEvent[],
  ): void {
    const index = event.contentBlockIndex;
    const { text, toolUse, reasoningContent } = event.delta;
    if (text != null) {
      if (text.length === 0) return;
      const block = this.blockFor({ index, kind: 'text' }, out);
      if (block.kind === 'text') out.push({ type: 'text-delta', id: block.id, delta: text });
      else if (block.kind === 'pending-text') block.pending.deltas.push(text);
      return;
    }
    if (toolUse) {
      const block = this.blocks.get(index);
      // An input delta without its contentBlockStart has no tool name: nothing to attach it to.
      if (toolUse.input.length === 0) return;
      if (block?.kind === 'tool-call') {
        block.hasInput = true;
        out.push({ type: 'tool-call-delta', id: block.id, delta: toolUse.input });
      } else if (block?.kind === 'json-answer') {
        block.hasInput = true;
        out.push({ type: 'text-delta', id: block.id, delta: toolUse.input });
      }
      return;
    }
    if (reasoningContent) {
      const block = this.blockFor({ index, kind: 'reasoning' }, out);
      if (block.kind !== 'reasoning') return;
      if (reasoningContent.text) {
        out.push({ type: 'reasoning-delta', id: block.id, delta: reasoningContent.text });
      }
      if (reasoningContent.signature) block.signature += reasoningContent.signature;
      if (reasoningContent.redactedContent) block.redactedData += reasoningContent.redactedContent;
    }
    // citation, image and toolResult deltas have no canonical counterpart.
  }

  private endBlock(block: OpenBlock, out: StreamEvent[]): void {
    switch (block.kind) {
      case 'text':
        out.push({ type: 'text-end', id: block.id });
        return;
      case 'pending-text':
        block.pending.isOpen = false;
        return;
      case 'reasoning':
        out.push({
          type: 'reasoning-end',
          id: block.id,
          ...(block.signature ? { signature: block.signature } : {}),
          ...(block.redactedData ? { redactedData: block.redactedData } : {}),
        });
        return;
      case 'tool-call':
      case 'json-answer': {
        const isJson = block.kind === 'json-answer';
        // A call without arguments streams no (or only empty) input: its input is `{}`.
        if (!block.hasInput) {
          out.push({ type: isJson ? 'text-delta' : 'tool-call-delta', id: block.id, delta: '{}' });
        }
        out.push({ type: isJson ? 'text-end' : 'tool-call-end', id: block.id });
        return;
      }
      case 'ignored':
        return;
      default:
        assertNever(block);
    }
  }

  /** Emits held-back JSON-mode text, in order, because no `json` answer replaced it. */
  private flushPendingTexts(out: StreamEvent[]): void {
    if (this.pendingTexts.length === 0) return;
    for (const pending of this.pendingTexts) {
      out.push({ type: 'text-start', id: pending.id });
      if (pending.deltas.length > 0) {
        out.push({ type: 'text-delta', id: pending.id, delta: pending.deltas.join('') });
      }
      if (!pending.isOpen) {
        out.push({ type: 'text-end', id: pending.id });
        continue;
      }
      for (const [index, block] of this.blocks) {
        if (block.kind === 'pending-text' && block.pending === pending) {
          this.blocks.set(index, { kind: 'text', id: pending.id });
        }
      }
    }
    this.pendingTexts = [];
  }

  private closeOpenBlocks(out: StreamEvent[]): void {
    const open = [...this.blocks.entries()].sort(([a], [b]) => a - b);
    this.blocks.clear();
    for (const [, block] of open) this.endBlock(block, out);
    if (this.hasJsonAnswer) this.pendingTexts = [];
    else this.flushPendingTexts(out);
  }

  private finish(out: StreamEvent[]): void {
    out.push({
      type: 'response-end',
      finishReason: mapAmazonBedrockFinishReason({
        stopReason: this.stopReason,
        isJsonResponseFromTool: this.hasJsonAnswer && !this.hasOtherToolCall,
      }),
      ...(this.stopReason === undefined ? {} : { rawFinishReason: this.stopReason }),
      usage: mapAmazonBedrockUsage(this.usage),
    });
    this.hasEnded = true;
  }
}

export type ParseAmazonBedrockStreamOptions = AmazonBedrockStreamParserOptions & {
  readonly messages: AsyncIterable<AwsEventStreamMessage>;
};

/**
 * Parses the decoded event-stream messages of a ConverseStream reply into canonical stream events.
 * A stream that ends without `messageStop` (a cut connection) becomes a retryable ProviderCallError.
 */
export async function* parseAmazonBedrockStream({
  messages,
  ...options
}: ParseAmazonBedrockStreamOptions): AsyncGenerator<StreamEvent> {
  const parser = new AmazonBedrockStreamParser(options);
  const out: StreamEvent[] = [];
  for await (const message of messages) {
    parser.process(
      parseAmazonBedrockStreamMessage({ message, target: options.target, url: options.url }),
      out,
    );
    yield* out;
    out.length = 0;
  }
  parser.end(out);
  yield* out;
  if (!parser.isFinished) {
    throw new ProviderCallError({
      ...options.target,
      url: options.url,
      statusCode: undefined,
      isRetryable: true,
      message: `Provider '${options.target.provider}' ended its stream before messageStop; the response is incomplete.`,
    });
  }
}
