import {
  type GatewayError,
  InternalError,
  toGatewayError,
  type CanonicalResponse,
  type FinishReason,
  type StreamEvent,
  type Usage,
  type Warning,
} from '../spec/index.js';
import { CircuitBreakers } from './circuit-breakers.js';
import { DEFAULT_RETRY_POLICY, executePlan, type RetryPolicy } from './execute-plan.js';
import type { CallOutcome, GatewayCall, GatewayStage, StageContext } from './gateway-stage.js';
import type { ResolvedTarget } from './model-registry.js';

/** A non-streamed result. */
export type GatewayResult = {
  readonly response: CanonicalResponse;
  readonly target: ResolvedTarget;
  readonly warnings: ReadonlyArray<Warning>;
};

/** A started stream; the upstream has accepted the call. */
export type GatewayStreamResult = {
  readonly stream: AsyncIterable<StreamEvent>;
  readonly target: ResolvedTarget;
  readonly warnings: ReadonlyArray<Warning>;
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

  constructor({
    stages,
    retryPolicy = DEFAULT_RETRY_POLICY,
    now = () => performance.now(),
  }: {
    stages: ReadonlyArray<GatewayStage>;
    /** Retries and fallbacks over the targets the stages chose. */
    retryPolicy?: RetryPolicy;
    now?: () => number;
  }) {
    this.retryPolicy = retryPolicy;
    this.breakers = new CircuitBreakers({
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
    const context = await this.prepare(call, false);
    const primary = firstTarget(context);
    try {
      const plan = await executePlan({
        targets: context.targets,
        call: (target) => target.model.generate(call.request, { abortSignal: call.abortSignal }),
        policy: this.retryPolicy,
        abortSignal: call.abortSignal,
        breakers: this.breakers,
      });
      const { result: response, target } = plan;
      const warnings = joinWarnings(context.warnings, plan.warnings, response.warnings);
      this.finish({
        call,
        isStream: false,
        target,
        statusCode: 200,
        error: undefined,
        finishReason: response.finishReason,
        usage: response.usage,
        answerText: this.needsAnswerText ? textOf(response) : undefined,
        warnings,
        latencyMs: this.now() - call.startedAtMonotonicMs,
        firstByteMs: undefined,
      });
      return { response, target, warnings };
    } catch (error) {
      throw this.fail({
        call,
        isStream: false,
        target: primary,
        error,
        warnings: context.warnings,
      });
    }
  }

  /**
   * Starts a stream. Retries and fallbacks happen only until a target accepts the call, so never
   * after the first byte has reached the client.
   */
  async stream(call: GatewayCall): Promise<GatewayStreamResult> {
    const context = await this.prepare(call, true);
    const primary = firstTarget(context);
    try {
      const plan = await executePlan({
        targets: context.targets,
        call: (target) => target.model.stream(call.request, { abortSignal: call.abortSignal }),
        policy: this.retryPolicy,
        abortSignal: call.abortSignal,
        breakers: this.breakers,
      });
      const { result: started, target } = plan;
      const warnings = joinWarnings(context.warnings, plan.warnings, started.warnings);
      return {
        stream: this.observe({ call, target, warnings, stream: started.stream }),
        target,
        warnings,
      };
    } catch (error) {
      throw this.fail({ call, isStream: true, target: primary, error, warnings: context.warnings });
    }
  }

  private async prepare(call: GatewayCall, isStream: boolean): Promise<StageContext> {
    const context: StageContext = { call, isStream, targets: [], warnings: [...call.warnings] };
    try {
      for (const stage of this.beforeStages) {
        const pending = stage.beforeCall?.(context);
        if (pending) await pending;
      }
      return context;
    } catch (error) {
      throw this.fail({
        call,
        isStream,
        target: context.targets[0],
        error,
        warnings: context.warnings,
      });
    }
  }

  /** Wraps a stream to record its outcome when it ends, fails or is abandoned. */
  private async *observe({
    call,
    target,
    warnings,
    stream,
  }: {
    call: GatewayCall;
    target: ResolvedTarget;
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
    error,
    warnings,
  }: {
    call: GatewayCall;
    isStream: boolean;
    target: ResolvedTarget | undefined;
    error: unknown;
    warnings: ReadonlyArray<Warning>;
  }): unknown {
    const aborted = call.abortSignal.aborted;
    const gatewayError = aborted ? undefined : toGatewayError(error);
    this.finish({
      call,
      isStream,
      target,
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

function firstTarget(context: StageContext): ResolvedTarget {
  const target = context.targets[0];
  if (!target) throw new InternalError({ message: 'No stage chose a target for this request.' });
  return target;
}

function textOf(response: CanonicalResponse): string {
  let text = '';
  for (const part of response.content) if (part.type === 'text') text += part.text;
  return text;
}
