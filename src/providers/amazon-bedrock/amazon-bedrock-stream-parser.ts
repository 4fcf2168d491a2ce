import {
  JsonResponseToolStream,
  type CallTarget,
  type StreamTextBlock,
  type StreamToolInputBlock,
} from '../../provider-utils/index.js';
import { ProviderCallError, assertNever, type StreamEvent } from '../../spec/index.js';
import type { AmazonBedrockStreamEvent, AmazonBedrockUsage } from './amazon-bedrock-api.js';
import type { AwsEventStreamMessage } from './amazon-bedrock-event-stream.js';
import { mapAmazonBedrockFinishReason } from './map-amazon-bedrock-finish-reason.js';
import { mapAmazonBedrockUsage } from './map-amazon-bedrock-usage.js';
import { parseAmazonBedrockStreamMessage } from './parse-amazon-bedrock-stream-message.js';

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

type OpenBlock =
  | { readonly kind: 'text'; readonly text: StreamTextBlock }
  | {
      readonly kind: 'reasoning';
      readonly id: string;
      signature: string;
      redactedData: string;
    }
  | { readonly kind: 'tool-input'; readonly toolInput: StreamToolInputBlock }
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
  private readonly jsonMode: JsonResponseToolStream;

  constructor(options: AmazonBedrockStreamParserOptions) {
    this.options = options;
    this.jsonMode = new JsonResponseToolStream({ isJsonMode: options.isJsonMode });
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
    const toolInput = this.jsonMode.isJsonAnswerTool(toolUse.name)
      ? this.jsonMode.startJsonAnswer({ id: this.nextBlockId(index) }, out)
      : this.jsonMode.startToolCall({ id: toolUse.toolUseId, toolName: toolUse.name }, out);
    this.blocks.set(index, { kind: 'tool-input', toolInput });
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
    if (open?.kind === kind) return open;
    this.replaceOpenBlock(index, out);
    const id = this.nextBlockId(index);
    let block: OpenBlock;
    if (kind === 'text') {
      block = { kind: 'text', text: this.jsonMode.startText(id, out) };
    } else {
      this.jsonMode.emitHeldTexts(out);
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
      if (block.kind === 'text') this.jsonMode.appendText({ block: block.text, delta: text }, out);
      return;
    }
    if (toolUse) {
      const block = this.blocks.get(index);
      // An input delta without its contentBlockStart has no tool name: nothing to attach it to.
      if (block?.kind === 'tool-input') {
        this.jsonMode.appendToolInput({ block: block.toolInput, delta: toolUse.input }, out);
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
        this.jsonMode.endText(block.text, out);
        return;
      case 'reasoning':
        out.push({
          type: 'reasoning-end',
          id: block.id,
          ...(block.signature ? { signature: block.signature } : {}),
          ...(block.redactedData ? { redactedData: block.redactedData } : {}),
        });
        return;
      case 'tool-input':
        // A call without arguments streams no (or only empty) input: its input is `{}`.
        this.jsonMode.endToolInput(block.toolInput, out);
        return;
      case 'ignored':
        return;
      default:
        assertNever(block);
    }
  }

  private closeOpenBlocks(out: StreamEvent[]): void {
    const open = [...this.blocks.entries()].sort(([a], [b]) => a - b);
    this.blocks.clear();
    for (const [, block] of open) this.endBlock(block, out);
    this.jsonMode.endContent(out);
  }

  private finish(out: StreamEvent[]): void {
    out.push({
      type: 'response-end',
      finishReason: mapAmazonBedrockFinishReason({
        stopReason: this.stopReason,
        isJsonResponseFromTool: this.jsonMode.isJsonResponseFromTool,
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
