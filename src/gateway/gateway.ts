import {
  GatewayError,
  InternalError,
  toGatewayError,
  type CanonicalResponse,
  type FinishReason,
  type StreamEvent,
  type Usage,
  type Warning,
} from '../spec/index.js';
import {
  checkCascadeAnswer,
  type CascadePolicy,
  type RoutingDecision,
} from '../routing/policy/index.js';
import { CircuitBreakers } from './circuit-breakers.js';
import {
  AllTargetsFailedError,
  DEFAULT_RETRY_POLICY,
  executePlan,
  type Acceptance,
  type RetryPolicy,
} from './execute-plan.js';
import type { CallOutcome, GatewayCall, GatewayStage, StageContext } from './gateway-stage.js';
import { isChatTarget, type ResolvedTarget, type TargetInfo } from './model-registry.js';

/** A non-streamed result. */
export type GatewayResult = {
  readonly response: CanonicalResponse;
  readonly target: ResolvedTarget;
  readonly warnings: ReadonlyArray<Warning>;
  /** Why this target was chosen; its id is the request id. */
  readonly decision: RoutingDecision | undefined;
};

/** A started stream; the upstream has accepted the call. */
export type GatewayStreamResult = {
  readonly stream: AsyncIterable<StreamEvent>;
  readonly target: ResolvedTarget;
  readonly warnings: ReadonlyArray<Warning>;
  readonly decision: RoutingDecision | undefined;
};

/** Every retry and fallback of a request together took longer than `retries.deadlineMs`. */
function deadlineError(deadlineMs: number): GatewayError {
  return new GatewayError({
    code: 'upstream_timeout',
    message: `The request did not finish within its deadline of ${deadlineMs} ms across every retry and fallback. Raise retries.deadlineMs if this model is just slow, or ask for fewer output tokens.`,
  });
}

/** The signal upstream calls get: the client's, plus the request's deadline. */
type CallSignal = {
  readonly signal: AbortSignal;
  /** Whether the deadline (not the client) aborted it. */
  readonly isExpired: () => boolean;
  /** Stops the deadline clock (the call finished, or its stream started). */
  readonly stopClock: () => void;
};

/** Where client disconnects are reported: 499, as nginx does. */
export const CLIENT_CLOSED_STATUS = 499;

/**
 * The request path: stages before the call, the upstream call, stages after it. Every surface
 * (OpenAI, Anthropic, ...) goes through here.
 */
export class Gateway {
  private readonly stages: ReadonlyArray<GatewayStage>;
  private readonly beforeStages: ReadonlyArray<GatewayStage>;
  private readonly afterStages: ReadonlyArray<GatewayStage>;
  private readonly needsAnswerText: boolean;
  private readonly now: () => number;
  private readonly retryPolicy: RetryPolicy;
  private readonly breakers: CircuitBreakers;
  private readonly deadlineMs: number | undefined;

  constructor({
    stages,
    retryPolicy = DEFAULT_RETRY_POLICY,
    breakers,
    deadlineMs,
    now = () => performance.now(),
  }: {
    stages: ReadonlyArray<GatewayStage>;
    /** Retries and fallbacks over the targets the stages chose. */
    retryPolicy?: RetryPolicy;
    /** Shared with the routing stage, which reads circuit state; created from the policy otherwise. */
    breakers?: CircuitBreakers;
    /** Total time for a request's retries and fallbacks (until its stream starts, for streams). */
    deadlineMs?: number;
    now?: () => number;
  }) {
    this.retryPolicy = retryPolicy;
    this.deadlineMs = deadlineMs;
    this.breakers =
      breakers ??
      new CircuitBreakers({
        settings: {
          failureThreshold: retryPolicy.circuitFailureThreshold,
          cooldownMs: retryPolicy.circuitCooldownMs,
        },
      });
    this.stages = stages;
    this.beforeStages = stages.filter((stage) => stage.beforeCall);
    this.afterStages = stages.filter((stage) => stage.afterCall);
    this.needsAnswerText = stages.some((stage) => stage.needsAnswerText);
    this.now = now;
  }

  /** The stage names in order, for diagnostics. */
  get stageNames(): string[] {
    return this.stages.map((stage) => stage.name);
  }

  async generate(call: GatewayCall): Promise<GatewayResult> {
    const { context, targets } = await this.prepare(call, false);
    const primary = firstTarget(targets);
    const callSignal = this.startDeadline(call);
    const { cascade } = context;
    try {
      const plan = await executePlan({
        targets,
        call: (target) => target.model.generate(call.request, { abortSignal: callSignal.signal }),
        policy: this.retryPolicy,
        abortSignal: callSignal.signal,
        breakers: this.breakers,
        ...(cascade
          ? { accept: (response: CanonicalResponse) => acceptResponse(response, call, cascade) }
          : {}),
      });
      callSignal.stopClock();
      const { result: response, target } = plan;
      const warnings = joinWarnings(context.warnings, plan.warnings, response.warnings);
      this.finish({
        call,
        isStream: false,
        target,
        decision: context.decision,
        statusCode: 200,
        error: undefined,
        finishReason: response.finishReason,
        usage: response.usage,
        answerText: this.needsAnswerText ? textOf(response) : undefined,
        warnings,
        latencyMs: this.now() - call.startedAtMonotonicMs,
        firstByteMs: undefined,
      });
      return { response, target, warnings, decision: context.decision };
    } catch (error) {
      callSignal.stopClock();
      throw this.fail({
        call,
        isStream: false,
        target: lastTriedTarget(targets, error) ?? primary,
        decision: context.decision,
        error: callSignal.isExpired() ? deadlineError(this.deadlineMs ?? 0) : error,
        warnings: context.warnings,
      });
    }
  }

  /**
   * Starts a stream. Retries and fallbacks happen only until a target accepts the call, so never
   * after the first byte has reached the client.
   */
  async stream(call: GatewayCall): Promise<GatewayStreamResult> {
    const { context, targets } = await this.prepare(call, true);
    const primary = firstTarget(targets);
    const callSignal = this.startDeadline(call);
    const { cascade, decision } = context;
    try {
      const plan = await executePlan({
        targets,
        call: (target) => target.model.stream(call.request, { abortSignal: callSignal.signal }),
        policy: this.retryPolicy,
        abortSignal: callSignal.signal,
        breakers: this.breakers,
        ...(cascade
          ? {
              accept: (started: {
                stream: AsyncIterable<StreamEvent>;
                warnings: ReadonlyArray<Warning>;
              }) => acceptStream(started, call, cascade),
            }
          : {}),
      });
      callSignal.stopClock();
      const { result: started, target } = plan;
      const warnings = joinWarnings(context.warnings, plan.warnings, started.warnings);
      return {
        stream: this.observe({ call, target, decision, warnings, stream: started.stream }),
        target,
        warnings,
        decision,
      };
    } catch (error) {
      callSignal.stopClock();
      throw this.fail({
        call,
        isStream: true,
        target: lastTriedTarget(targets, error) ?? primary,
        decision,
        error: callSignal.isExpired() ? deadlineError(this.deadlineMs ?? 0) : error,
        warnings: context.warnings,
      });
    }
  }

  /**
   * The signal for upstream calls: aborted when the client goes away or, once `deadlineMs` has
   * passed, by the deadline. Without a deadline it is the client's own signal.
   */
  private startDeadline(call: GatewayCall): CallSignal {
    const { deadlineMs } = this;
    if (deadlineMs === undefined) {
      return { signal: call.abortSignal, isExpired: () => false, stopClock: () => {} };
    }
    const controller = new AbortController();
    let expired = false;
    const forwardAbort = () => controller.abort(call.abortSignal.reason);
    if (call.abortSignal.aborted) forwardAbort();
    else call.abortSignal.addEventListener('abort', forwardAbort, { once: true });
    const timer = setTimeout(() => {
      expired = !call.abortSignal.aborted;
      controller.abort(deadlineError(deadlineMs));
    }, deadlineMs);
    return {
      signal: controller.signal,
      isExpired: () => expired,
      stopClock: () => clearTimeout(timer),
    };
  }

  /** Runs the stages' `beforeCall`; returns the context and its targets, which must be chat targets. */
  private async prepare(
    call: GatewayCall,
    isStream: boolean,
  ): Promise<{ context: StageContext; targets: ResolvedTarget[] }> {
    const context: StageContext = {
      call,
      isStream,
      targets: [],
      decision: undefined,
      cascade: undefined,
      warnings: [...call.warnings],
    };
    try {
      for (const stage of this.beforeStages) {
        const pending = stage.beforeCall?.(context);
        if (pending) await pending;
      }
      return { context, targets: chatTargetsOf(context.targets) };
    } catch (error) {
      throw this.fail({
        call,
        isStream,
        target: context.targets[0],
        decision: context.decision,
        error,
        warnings: context.warnings,
      });
    }
  }

  /** Wraps a stream to record its outcome when it ends, fails or is abandoned. */
  private async *observe({
    call,
    target,
    decision,
    warnings,
    stream,
  }: {
    call: GatewayCall;
    target: ResolvedTarget;
    decision: RoutingDecision | undefined;
    warnings: ReadonlyArray<Warning>;
    stream: AsyncIterable<StreamEvent>;
  }): AsyncGenerator<StreamEvent> {
    let firstByteMs: number | undefined;
    let finishReason: FinishReason | undefined;
    let usage: Usage | undefined;
    let answerText = this.needsAnswerText ? '' : undefined;
    let error: GatewayError | undefined;
    let statusCode = 200;
    try {
      for await (const event of stream) {
        firstByteMs ??= this.now() - call.startedAtMonotonicMs;
        if (event.type === 'response-end') {
          finishReason = event.finishReason;
          usage = event.usage;
        } else if (answerText !== undefined && event.type === 'text-delta') {
          answerText += event.delta;
        }
        yield event;
      }
    } catch (caught) {
      if (call.abortSignal.aborted) statusCode = CLIENT_CLOSED_STATUS;
      else error = toGatewayError(caught);
      throw caught;
    } finally {
      // Reached on normal end, on error, and when the consumer stops early (client went away).
      if (finishReason === undefined && error === undefined) statusCode = CLIENT_CLOSED_STATUS;
      this.finish({
        call,
        isStream: true,
        target,
        decision,
        statusCode,
        error,
        finishReason,
        usage,
        answerText,
        warnings,
        latencyMs: this.now() - call.startedAtMonotonicMs,
        firstByteMs,
      });
    }
  }

  private fail({
    call,
    isStream,
    target,
    decision,
    error,
    warnings,
  }: {
    call: GatewayCall;
    isStream: boolean;
    target: TargetInfo | undefined;
    decision: RoutingDecision | undefined;
    error: unknown;
    warnings: ReadonlyArray<Warning>;
  }): unknown {
    const aborted = call.abortSignal.aborted;
    const gatewayError = aborted ? undefined : toGatewayError(error);
    this.finish({
      call,
      isStream,
      target,
      decision,
      statusCode: gatewayError?.statusCode ?? CLIENT_CLOSED_STATUS,
      error: gatewayError,
      finishReason: undefined,
      usage: undefined,
      answerText: undefined,
      warnings,
      latencyMs: this.now() - call.startedAtMonotonicMs,
      firstByteMs: undefined,
    });
    return aborted ? error : gatewayError;
  }

  private finish(outcome: CallOutcome): void {
    for (const stage of this.afterStages) {
      try {
        stage.afterCall?.(outcome);
      } catch {
        // afterCall must not throw; a faulty observer must never fail the request.
      }
    }
  }
}

/** Concatenates warning lists, allocating only when more than one has entries. */
function joinWarnings(...lists: ReadonlyArray<ReadonlyArray<Warning>>): ReadonlyArray<Warning> {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? [];
  return nonEmpty.flat();
}

/**
 * The targets the stages chose, as chat targets to call. Only a stage's bug puts anything else
 * there (an embedding target, or target info not resolved by the model registry).
 */
function chatTargetsOf(targets: ReadonlyArray<TargetInfo>): ResolvedTarget[] {
  return targets.map((target) => {
    if (isChatTarget(target)) return target;
    throw new InternalError({
      message: `A stage chose '${target.modelId}' (${target.kind}), which is not a chat model this gateway can call.`,
    });
  });
}

/** The target whose failure ended the request (the last one tried), when the error says. */
function lastTriedTarget(
  targets: ReadonlyArray<ResolvedTarget>,
  error: unknown,
): ResolvedTarget | undefined {
  if (!(error instanceof AllTargetsFailedError)) return undefined;
  const last = error.attempts.at(-1);
  return last && targets.find((target) => target.modelId === last.modelId);
}

function firstTarget(targets: ReadonlyArray<ResolvedTarget>): ResolvedTarget {
  const target = targets[0];
  if (!target) throw new InternalError({ message: 'No stage chose a target for this request.' });
  return target;
}

function textOf(response: CanonicalResponse): string {
  let text = '';
  for (const part of response.content) if (part.type === 'text') text += part.text;
  return text;
}

/** A cascade's check of a non-streamed answer. */
function acceptResponse(
  response: CanonicalResponse,
  call: GatewayCall,
  policy: CascadePolicy,
): Promise<Acceptance<CanonicalResponse>> {
  let toolCallCount = 0;
  for (const part of response.content) if (part.type === 'tool-call') toolCallCount += 1;
  const reason = checkCascadeAnswer({
    answer: { text: textOf(response), toolCallCount, finishReason: response.finishReason },
    wantsJson: call.request.responseFormat?.type === 'json',
    policy,
  });
  return Promise.resolve(
    reason === undefined
      ? { accepted: true, result: response }
      : { accepted: false, result: response, reason },
  );
}

type StartedStream = { stream: AsyncIterable<StreamEvent>; warnings: ReadonlyArray<Warning> };

/**
 * A cascade's check of a streamed answer: the stream is read to its end before anything reaches
 * the client (a cascade trades first-byte time for the check), then replayed.
 */
async function acceptStream<TStarted extends StartedStream>(
  started: TStarted,
  call: GatewayCall,
  policy: CascadePolicy,
): Promise<Acceptance<TStarted>> {
  const events: StreamEvent[] = [];
  let text = '';
  let toolCallCount = 0;
  let finishReason: FinishReason = 'other';
  for await (const event of started.stream) {
    events.push(event);
    if (event.type === 'text-delta') text += event.delta;
    else if (event.type === 'tool-call-start') toolCallCount += 1;
    else if (event.type === 'response-end') finishReason = event.finishReason;
  }
  const replay: TStarted = { ...started, stream: replayEvents(events) };
  const reason = checkCascadeAnswer({
    answer: { text, toolCallCount, finishReason },
    wantsJson: call.request.responseFormat?.type === 'json',
    policy,
  });
  return reason === undefined
    ? { accepted: true, result: replay }
    : { accepted: false, result: replay, reason };
}

async function* replayEvents(events: ReadonlyArray<StreamEvent>): AsyncGenerator<StreamEvent> {
  for (const event of events) yield await Promise.resolve(event);
}
