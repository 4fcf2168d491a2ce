import {
  toGatewayError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type Warning,
} from '../spec/index.js';
import { embedInBatches } from './embedding-batches.js';
import { CLIENT_CLOSED_STATUS } from './gateway.js';
import type { CallOutcome, GatewayCall, GatewayStage, StageContext } from './gateway-stage.js';
import type { ModelRegistry, ResolvedEmbeddingTarget } from './model-registry.js';

/** An embeddings request as it enters the core; `call.request` carries the inputs as user text. */
export type EmbeddingCall = {
  readonly call: GatewayCall;
  readonly request: EmbeddingRequest;
};

/** A finished embeddings request. */
export type EmbeddingResult = {
  readonly response: EmbeddingResponse;
  readonly target: ResolvedEmbeddingTarget;
  readonly warnings: ReadonlyArray<Warning>;
};

/** Options of {@link EmbeddingGateway}. */
export type EmbeddingGatewayOptions = {
  readonly registry: ModelRegistry;
  /**
   * The chat path's stages. Their `beforeCall` hooks (policy, budgets) and `afterCall` observers
   * (request log, ledger) run for embeddings too, except model resolution, which is replaced by
   * the embedding lookup. They see the embedding model as a target of `kind: 'embedding'`.
   */
  readonly stages: ReadonlyArray<GatewayStage>;
  /** Most upstream calls of one request in flight at once. Defaults to 4. */
  readonly maxConcurrentCalls?: number;
  readonly now?: () => number;
};

/** Stages that choose chat targets and so do not apply to embeddings. */
const CHAT_RESOLUTION_STAGES = new Set(['routing']);

/**
 * The embeddings path: resolve the embedding model, run the shared stages, split the inputs into
 * the model's batch size, call the vendor, and report the outcome to the observing stages.
 */
export class EmbeddingGateway {
  private readonly registry: ModelRegistry;
  private readonly beforeStages: ReadonlyArray<GatewayStage>;
  private readonly afterStages: ReadonlyArray<GatewayStage>;
  private readonly maxConcurrentCalls: number;
  private readonly now: () => number;

  constructor({
    registry,
    stages,
    maxConcurrentCalls = 4,
    now = () => performance.now(),
  }: EmbeddingGatewayOptions) {
    this.registry = registry;
    const shared = stages.filter((stage) => !CHAT_RESOLUTION_STAGES.has(stage.name));
    this.beforeStages = shared.filter((stage) => stage.beforeCall);
    this.afterStages = shared.filter((stage) => stage.afterCall);
    this.maxConcurrentCalls = maxConcurrentCalls;
    this.now = now;
  }

  async embed({ call, request }: EmbeddingCall): Promise<EmbeddingResult> {
    const context: StageContext = {
      call,
      isStream: false,
      targets: [],
      decision: undefined,
      cascade: undefined,
      warnings: [...call.warnings],
    };
    let target: ResolvedEmbeddingTarget | undefined;
    try {
      target = this.registry.resolveEmbedding(call.requestedModel);
      context.targets = [target];
      for (const stage of this.beforeStages) {
        const pending = stage.beforeCall?.(context);
        if (pending) await pending;
      }
      const response = await embedInBatches({
        model: target.embeddingModel,
        request,
        maxConcurrentCalls: this.maxConcurrentCalls,
        abortSignal: call.abortSignal,
      });
      const warnings = [...context.warnings, ...response.warnings];
      this.finish({ call, target, statusCode: 200, error: undefined, response, warnings });
      return { response, target, warnings };
    } catch (error) {
      const isAborted = call.abortSignal.aborted;
      const gatewayError = isAborted ? undefined : toGatewayError(error);
      this.finish({
        call,
        target,
        statusCode: gatewayError?.statusCode ?? CLIENT_CLOSED_STATUS,
        error: gatewayError,
        response: undefined,
        warnings: context.warnings,
      });
      throw isAborted ? error : gatewayError;
    }
  }

  private finish({
    call,
    target,
    statusCode,
    error,
    response,
    warnings,
  }: Pick<CallOutcome, 'call' | 'statusCode' | 'error' | 'warnings'> & {
    target: ResolvedEmbeddingTarget | undefined;
    response: EmbeddingResponse | undefined;
  }): void {
    const outcome: CallOutcome = {
      call,
      isStream: false,
      target,
      decision: undefined,
      statusCode,
      error,
      finishReason: undefined,
      usage: response ? { inputTokens: response.usage.inputTokens, outputTokens: 0 } : undefined,
      answerText: undefined,
      warnings,
      latencyMs: this.now() - call.startedAtMonotonicMs,
      firstByteMs: undefined,
    };
    for (const stage of this.afterStages) {
      try {
        stage.afterCall?.(outcome);
      } catch {
        // afterCall must not throw; a faulty observer must never fail the request.
      }
    }
  }
}
