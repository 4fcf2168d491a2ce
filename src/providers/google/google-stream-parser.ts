import {
  invalidResponseError,
  safeParseJson,
  type CallTarget,
  type ServerSentEvent,
} from '../../provider-utils/index.js';
import { ProviderCallError, type StreamEvent } from '../../spec/index.js';
import {
  googleStreamChunkSchema,
  type GoogleFunctionCall,
  type GoogleResponsePart,
  type GoogleStreamChunk,
  type GoogleUsageMetadata,
} from './google-api.js';
import { createGoogleStreamError } from './google-error.js';
import { GoogleStreamedArguments } from './google-streamed-arguments.js';
import { encodeGeminiSignature } from './google-thought-signature.js';
import { mapGoogleFinishReason } from './map-google-finish-reason.js';
import { mapGoogleUsage, mergeGoogleUsage } from './map-google-usage.js';

/** What {@link GoogleStreamParser} needs to know about the call. */
export type GoogleStreamParserOptions = {
  /** The model that was asked, used until (or unless) a chunk names its `modelVersion`. */
  readonly modelId: string;
  readonly target: CallTarget;
  readonly url: string;
  /** Makes ids for function calls, which Gemini usually sends without one. */
  readonly generateId: () => string;
};

type OpenBlock =
  | { readonly kind: 'text'; readonly id: string }
  | { readonly kind: 'reasoning'; readonly id: string; signature: string | undefined };

/** A function call whose arguments are still arriving (`willContinue`). */
type OpenCall = {
  readonly id: string;
  readonly arguments: GoogleStreamedArguments;
  readonly signature: string | undefined;
};

/**
 * Turns `streamGenerateContent?alt=sse` chunks into canonical stream events: `response-start`
 * first, start/delta/end per block, `response-end` (finish reason, usage of the last chunk) last.
 * Each chunk holds the next parts of the first candidate:
 * - consecutive text parts are one text block, consecutive thought parts one reasoning block
 * - a whole `functionCall` part gives tool-call-start, one delta with its JSON arguments and
 *   tool-call-end at once; a call streamed in pieces (`willContinue`, `partialArgs`) starts when
 *   its name arrives and ends with the piece without `willContinue` (or the next call, or the
 *   end), with its assembled arguments as one delta
 * - a `thoughtSignature` on a text or function-call part closes that block and is passed on as an
 *   empty reasoning block carrying the signature (see google-thought-signature.ts)
 * An `error` chunk throws.
 * @see https://ai.google.dev/api/generate-content#method:-models.streamgeneratecontent
 */
export class GoogleStreamParser {
  private readonly options: GoogleStreamParserOptions;
  private hasStarted = false;
  private hasEnded = false;
  private finishReason: string | undefined = undefined;
  private blockReason: string | undefined = undefined;
  private usage: GoogleUsageMetadata = {};
  private block: OpenBlock | undefined = undefined;
  private call: OpenCall | undefined = undefined;
  private hasToolCalls = false;
  private nextBlockNumber = 0;

  constructor(options: GoogleStreamParserOptions) {
    this.options = options;
  }

  /** True once a chunk gave a finish reason, or said the prompt was blocked. */
  get hasFinishReason(): boolean {
    return this.finishReason !== undefined || this.blockReason !== undefined;
  }

  /** Processes one chunk, appending the canonical events it produces to `out`. */
  process(chunk: GoogleStreamChunk, out: StreamEvent[]): void {
    if (this.hasEnded) return;
    if (chunk.error) {
      throw createGoogleStreamError({
        error: chunk.error,
        target: this.options.target,
        url: this.options.url,
      });
    }
    if (!this.hasStarted) {
      this.hasStarted = true;
      out.push({
        type: 'response-start',
        ...(chunk.responseId ? { id: chunk.responseId } : {}),
        modelId: chunk.modelVersion ?? this.options.modelId,
      });
    }
    this.usage = mergeGoogleUsage(this.usage, chunk.usageMetadata);
    this.blockReason = chunk.promptFeedback?.blockReason ?? this.blockReason;
    const candidate = chunk.candidates?.[0];
    for (const part of candidate?.content?.parts ?? []) this.processPart(part, out);
    this.finishReason = candidate?.finishReason ?? this.finishReason;
  }

  /** Closes what is open and emits `response-end`. */
  finish(out: StreamEvent[]): void {
    if (this.hasEnded) return;
    this.closeBlock(out);
    this.endCall(out);
    const isPromptBlocked = this.finishReason === undefined && this.blockReason !== undefined;
    const rawFinishReason = this.finishReason ?? this.blockReason;
    out.push({
      type: 'response-end',
      finishReason: isPromptBlocked
        ? 'content-filter'
        : mapGoogleFinishReason({
            finishReason: this.finishReason,
            hasToolCalls: this.hasToolCalls,
          }),
      ...(rawFinishReason === undefined ? {} : { rawFinishReason }),
      usage: mapGoogleUsage(this.usage),
    });
    this.hasEnded = true;
  }

  private processPart(part: GoogleResponsePart, out: StreamEvent[]): void {
    if (part.functionCall) {
      this.closeBlock(out);
      this.processFunctionCall(part.functionCall, part.thoughtSignature ?? undefined, out);
      return;
    }
    if (part.text == null) return; // inline data, executable code: no canonical place
    const signature = part.thoughtSignature
      ? encodeGeminiSignature(part.thoughtSignature)
      : undefined;
    if (part.thought === true) {
      this.endCall(out);
      if (this.block?.kind !== 'reasoning' || this.block.signature !== undefined) {
        this.closeBlock(out);
        this.block = { kind: 'reasoning', id: this.newBlockId(), signature: undefined };
        out.push({ type: 'reasoning-start', id: this.block.id });
      }
      if (part.text.length > 0) {
        out.push({ type: 'reasoning-delta', id: this.block.id, delta: part.text });
      }
      this.block.signature = signature;
      return;
    }
    this.endCall(out);
    if (part.text.length > 0) {
      if (this.block?.kind !== 'text') {
        this.closeBlock(out);
        this.block = { kind: 'text', id: this.newBlockId() };
        out.push({ type: 'text-start', id: this.block.id });
      }
      out.push({ type: 'text-delta', id: this.block.id, delta: part.text });
    }
    if (signature !== undefined) {
      if (this.block?.kind === 'text') this.closeBlock(out);
      this.pushSignature(signature, out);
    }
  }

  private processFunctionCall(
    call: GoogleFunctionCall,
    thoughtSignature: string | undefined,
    out: StreamEvent[],
  ): void {
    const signature = thoughtSignature ? encodeGeminiSignature(thoughtSignature) : undefined;
    if (!call.name) {
      // A continuation piece of the open call; without an open call there is nothing to add to.
      if (!this.call) return;
      this.call.arguments.apply(call.partialArgs ?? []);
      if (call.args) Object.assign(this.call.arguments.args, call.args);
      if (!call.willContinue) this.endCall(out);
      return;
    }
    this.endCall(out);
    this.hasToolCalls = true;
    const id = call.id ?? this.options.generateId();
    out.push({ type: 'tool-call-start', id, toolName: call.name });
    const streamed = new GoogleStreamedArguments();
    streamed.apply(call.partialArgs ?? []);
    if (call.args) Object.assign(streamed.args, call.args);
    this.call = { id, arguments: streamed, signature };
    if (!call.willContinue) this.endCall(out);
  }

  private endCall(out: StreamEvent[]): void {
    const call = this.call;
    if (!call) return;
    this.call = undefined;
    out.push({ type: 'tool-call-delta', id: call.id, delta: JSON.stringify(call.arguments.args) });
    out.push({ type: 'tool-call-end', id: call.id });
    if (call.signature !== undefined) this.pushSignature(call.signature, out);
  }

  private closeBlock(out: StreamEvent[]): void {
    const block = this.block;
    if (!block) return;
    this.block = undefined;
    if (block.kind === 'text') {
      out.push({ type: 'text-end', id: block.id });
      return;
    }
    out.push({
      type: 'reasoning-end',
      id: block.id,
      ...(block.signature === undefined ? {} : { signature: block.signature }),
    });
  }

  /** An empty reasoning block that carries the signature of the part before it. */
  private pushSignature(signature: string, out: StreamEvent[]): void {
    const id = this.newBlockId();
    out.push({ type: 'reasoning-start', id });
    out.push({ type: 'reasoning-end', id, signature });
  }

  private newBlockId(): string {
    const id = String(this.nextBlockNumber);
    this.nextBlockNumber += 1;
    return id;
  }
}

/** Input of {@link parseGoogleStream}. */
export type ParseGoogleStreamOptions = GoogleStreamParserOptions & {
  readonly events: AsyncIterable<ServerSentEvent>;
};

/**
 * Parses the server-sent events of a streamed Gemini reply into canonical stream events. Gemini
 * ends a stream by closing it after the chunk with the finish reason; unreadable chunks and a
 * stream that ends without any finish reason (a cut connection) become retryable
 * ProviderCallErrors.
 */
export async function* parseGoogleStream({
  events,
  ...options
}: ParseGoogleStreamOptions): AsyncGenerator<StreamEvent> {
  const parser = new GoogleStreamParser(options);
  const out: StreamEvent[] = [];
  for await (const event of events) {
    if (event.data.trim().length === 0) continue;
    const parsed = safeParseJson({ text: event.data, schema: googleStreamChunkSchema });
    if (!parsed.success) {
      throw invalidResponseError({
        target: options.target,
        url: options.url,
        text: event.data,
        detail: `stream chunk: ${parsed.error.message}`,
      });
    }
    parser.process(parsed.value, out);
    for (const canonicalEvent of out) yield canonicalEvent;
    out.length = 0;
  }
  if (!parser.hasFinishReason) {
    throw new ProviderCallError({
      ...options.target,
      url: options.url,
      statusCode: undefined,
      isRetryable: true,
      message: `Provider '${options.target.provider}' ended its stream before a finish reason; the response is incomplete.`,
    });
  }
  parser.finish(out);
  yield* out;
}
