import { setTimeout as delay } from 'node:timers/promises';
import {
  ProviderCallError,
  type AssistantContentPart,
  type CanonicalRequest,
  type CanonicalResponse,
  type CallOptions,
  type FinishReason,
  type LanguageModel,
  type StreamEvent,
  type StreamResult,
  type TokenCount,
  type Usage,
  type Warning,
} from '../../spec/index.js';
import {
  createReplayPromptKey,
  splitReplayText,
  type SimulatedReplaySettings,
} from './simulated-replay.js';
import {
  estimateTokens,
  exampleForSchema,
  hashText,
  pickTool,
  requestText,
  simulatedWords,
} from './simulated-content.js';

/** Behaviour of simulated models. */
export type SimulatedModelSettings = {
  readonly latencyMs: number;
  readonly tokensPerSecond: number;
  readonly outputTokens: number;
  readonly failureRate: number;
  /** Draws a number in [0, 1) per call, to decide simulated failures. */
  readonly random: () => number;
  /** Id generator for responses and tool calls. */
  readonly generateId: () => string;
  /** Recorded outcomes to answer with, when configured. */
  readonly replay: SimulatedReplaySettings | undefined;
};

/** What a call answers with, and how long it waits before the first token (ms). */
type PreparedCall = { readonly plan: Plan; readonly latencyMs: number };

type Plan = {
  readonly content: AssistantContentPart[];
  /** Text pieces to stream, one per simulated token. */
  readonly pieces: string[];
  readonly finishReason: FinishReason;
  readonly usage: Usage;
  readonly warnings: Warning[];
};

/**
 * A local model that answers deterministically from the prompt's hash. Its answers are not
 * produced by any AI model; it exists for demos, benchmarks and fault tests.
 */
export class SimulatedLanguageModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  private readonly settings: SimulatedModelSettings;

  constructor({
    provider,
    modelId,
    settings,
  }: {
    provider: string;
    modelId: string;
    settings: SimulatedModelSettings;
  }) {
    this.provider = provider;
    this.modelId = modelId;
    this.settings = settings;
  }

  async generate(request: CanonicalRequest, options: CallOptions): Promise<CanonicalResponse> {
    const { plan, latencyMs } = await this.prepare(request);
    await this.startCall(options, latencyMs);
    const generationMs =
      this.settings.tokensPerSecond > 0
        ? (plan.usage.outputTokens / this.settings.tokensPerSecond) * 1000
        : 0;
    if (generationMs > 0) await delay(generationMs, undefined, { signal: options.abortSignal });
    return {
      id: `sim-${this.settings.generateId()}`,
      modelId: this.modelId,
      content: plan.content,
      finishReason: plan.finishReason,
      usage: plan.usage,
      warnings: plan.warnings,
    };
  }

  async stream(request: CanonicalRequest, options: CallOptions): Promise<StreamResult> {
    const { plan, latencyMs } = await this.prepare(request);
    await this.startCall(options, latencyMs);
    return { stream: this.events(plan, options), warnings: plan.warnings };
  }

  countTokens(request: CanonicalRequest): Promise<TokenCount> {
    return Promise.resolve({ inputTokens: estimateTokens(requestText(request)), isEstimate: true });
  }

  private async startCall(options: CallOptions, latencyMs: number): Promise<void> {
    if (latencyMs > 0) await delay(latencyMs, undefined, { signal: options.abortSignal });
    else options.abortSignal?.throwIfAborted();
    if (this.settings.failureRate > 0 && this.settings.random() < this.settings.failureRate) {
      throw new ProviderCallError({
        provider: this.provider,
        modelId: this.modelId,
        url: 'simulated://failure',
        statusCode: 503,
        message: `Simulated failure of provider '${this.provider}' (failureRate ${this.settings.failureRate}).`,
      });
    }
  }

  /** The recorded answer when replay has one for this prompt and model, else the simulated one. */
  private async prepare(request: CanonicalRequest): Promise<PreparedCall> {
    const replay = this.settings.replay;
    if (!replay) return { plan: this.plan(request), latencyMs: this.settings.latencyMs };
    const source = replay.description ?? 'the replay dataset';
    const outcomes = await replay.lookup(createReplayPromptKey(request));
    const outcome = outcomes?.[this.modelId];
    if (outcome?.response !== undefined) {
      const text = outcome.response;
      const plan: Plan = {
        content: [{ type: 'text', text }],
        pieces: splitReplayText(text),
        finishReason: 'stop',
        usage: {
          inputTokens: outcome.inputTokens ?? Math.max(1, estimateTokens(requestText(request))),
          outputTokens: outcome.outputTokens ?? estimateTokens(text),
        },
        warnings: [],
      };
      const latencyMs =
        outcome.latencyMs === undefined
          ? this.settings.latencyMs
          : outcome.latencyMs * (replay.latencyScale ?? 0);
      return { plan, latencyMs };
    }
    const reason =
      outcomes === undefined
        ? `the prompt is not in ${source}`
        : outcome === undefined
          ? `${source} has this prompt but no outcome of model '${this.modelId}' (it has ${Object.keys(outcomes).join(', ') || 'none'})`
          : `${source} has no recorded response of model '${this.modelId}' for this prompt`;
    if (replay.onMissing === 'fail') {
      throw new ProviderCallError({
        provider: this.provider,
        modelId: this.modelId,
        url: 'simulated://replay',
        statusCode: 404,
        isRetryable: false,
        message: `Replay of provider '${this.provider}' cannot answer: ${reason}. Send a recorded prompt (the user turns joined by blank lines), or set replay.onMissing: simulate.`,
      });
    }
    const plan = this.plan(request);
    plan.warnings.push({
      type: 'other',
      message: `replay: ${reason}; answered with simulated text`,
    });
    return { plan, latencyMs: this.settings.latencyMs };
  }

  private plan(request: CanonicalRequest): Plan {
    const text = requestText(request);
    const inputTokens = Math.max(1, estimateTokens(text));
    const warnings: Warning[] = [];
    const tool = pickTool(request);
    if (tool) {
      const callCount =
        request.parallelToolCalls !== false &&
        (request.tools?.length ?? 0) > 1 &&
        request.toolChoice?.type !== 'tool'
          ? 2
          : 1;
      const tools = callCount === 2 ? (request.tools ?? []).slice(0, 2) : [tool];
      const content: AssistantContentPart[] = tools.map((definition) => ({
        type: 'tool-call',
        toolCallId: `call_${hashText(text + definition.name).toString(36)}`,
        toolName: definition.name,
        input: JSON.stringify(exampleForSchema({ schema: definition.inputSchema })),
      }));
      const outputTokens =
        content.reduce(
          (sum, part) => sum + estimateTokens(part.type === 'tool-call' ? part.input : ''),
          0,
        ) + 5;
      return {
        content,
        pieces: [],
        finishReason: 'tool-calls',
        usage: { inputTokens, outputTokens },
        warnings,
      };
    }
    const format = request.responseFormat;
    if (format?.type === 'json') {
      const value = format.schema
        ? exampleForSchema({ schema: format.schema })
        : { answer: 'simulated' };
      const json = JSON.stringify(value);
      return {
        content: [{ type: 'text', text: json }],
        pieces: [json],
        finishReason: 'stop',
        usage: { inputTokens, outputTokens: Math.max(1, estimateTokens(json)) },
        warnings,
      };
    }
    const limit = request.maxOutputTokens ?? Number.POSITIVE_INFINITY;
    const tokenCount = Math.max(1, Math.min(this.settings.outputTokens, limit));
    const words = simulatedWords({ seedText: text, tokenCount });
    const pieces = words.map((word, index) => (index === 0 ? word : ` ${word}`));
    const finishReason: FinishReason = limit < this.settings.outputTokens ? 'length' : 'stop';
    return {
      content: [{ type: 'text', text: pieces.join('') }],
      pieces,
      finishReason,
      usage: { inputTokens, outputTokens: tokenCount },
      warnings,
    };
  }

  private async *events(plan: Plan, options: CallOptions): AsyncGenerator<StreamEvent> {
    const pauseMs = this.settings.tokensPerSecond > 0 ? 1000 / this.settings.tokensPerSecond : 0;
    yield {
      type: 'response-start',
      id: `sim-${this.settings.generateId()}`,
      modelId: this.modelId,
    };
    if (plan.pieces.length > 0) {
      yield { type: 'text-start', id: 'text-0' };
      for (const piece of plan.pieces) {
        if (pauseMs > 0) await delay(pauseMs, undefined, { signal: options.abortSignal });
        yield { type: 'text-delta', id: 'text-0', delta: piece };
      }
      yield { type: 'text-end', id: 'text-0' };
    }
    for (const part of plan.content) {
      if (part.type !== 'tool-call') continue;
      yield { type: 'tool-call-start', id: part.toolCallId, toolName: part.toolName };
      yield { type: 'tool-call-delta', id: part.toolCallId, delta: part.input };
      yield { type: 'tool-call-end', id: part.toolCallId };
    }
    yield { type: 'response-end', finishReason: plan.finishReason, usage: plan.usage };
  }
}
