import type { Dialect } from '../store/index.js';
import type {
  CanonicalRequest,
  FinishReason,
  GatewayError,
  Usage,
  Warning,
} from '../spec/index.js';
import type { CascadePolicy, RequestHeaders, RoutingDecision } from '../routing/policy/index.js';
import type { TargetInfo } from './model-registry.js';

/** One request as it enters the gateway core, already converted from its inbound dialect. */
export type GatewayCall = {
  readonly requestId: string;
  readonly dialect: Dialect;
  /** The `model` the client asked for. */
  readonly requestedModel: string;
  readonly request: CanonicalRequest;
  /** Warnings from converting the inbound request. */
  readonly warnings: ReadonlyArray<Warning>;
  /** The gateway API key's id; undefined when auth is off. */
  readonly keyId: string | undefined;
  /** The request's HTTP headers (lower-case names), for routing rules and hints. */
  readonly headers: RequestHeaders;
  /** Aborted when the client disconnects. */
  readonly abortSignal: AbortSignal;
  /** Arrival time, in ms since the epoch. */
  readonly startedAtMs: number;
  /** Arrival time on the monotonic clock (`performance.now()`), in ms. */
  readonly startedAtMonotonicMs: number;
};

/**
 * What stages see and may change before the upstream call. The same stages run on the chat and
 * the embeddings path; `call.dialect` and each target's `kind` say which.
 */
export type StageContext = {
  readonly call: GatewayCall;
  readonly isStream: boolean;
  /**
   * The targets to try, in order: on the chat path set by the routing stage, on the embeddings
   * path the one embedding model asked for. Stages read what each target is (never its callable
   * model). On the chat path they may drop or reorder targets, and only chat targets the model
   * registry resolved can be called (any other fails the request with an internal error); the
   * embeddings path calls the model asked for, so its stages may only refuse (throw).
   */
  targets: TargetInfo[];
  /** Why these targets, set by the routing stage; stored with the request log. */
  decision: RoutingDecision | undefined;
  /** Set by a cascade route: answers failing these checks move on to the next target. */
  cascade: CascadePolicy | undefined;
  /** Warnings gathered so far; stages may add. */
  readonly warnings: Warning[];
};

/** How a request ended, for stages that record or account (request log, ledger, metrics). */
export type CallOutcome = {
  readonly call: GatewayCall;
  readonly isStream: boolean;
  /** What served the request (or the last target tried); undefined when none was chosen. */
  readonly target: TargetInfo | undefined;
  /** The routing decision, when the routing stage made one. */
  readonly decision: RoutingDecision | undefined;
  /** HTTP status the client got (499 when the client went away). */
  readonly statusCode: number;
  readonly error: GatewayError | undefined;
  readonly finishReason: FinishReason | undefined;
  readonly usage: Usage | undefined;
  /** Answer text, gathered only when a stage asked for content. */
  readonly answerText: string | undefined;
  readonly warnings: ReadonlyArray<Warning>;
  readonly latencyMs: number;
  readonly firstByteMs: number | undefined;
};

/**
 * One step of the request path. `beforeCall` runs before any byte leaves for a vendor and may
 * change the targets or throw to refuse the request (fail closed). `afterCall` observes the
 * outcome and must not throw. Routing, governance, budgets and the ledger are stages.
 */
export type GatewayStage = {
  readonly name: string;
  readonly beforeCall?: (context: StageContext) => void | Promise<void>;
  readonly afterCall?: (outcome: CallOutcome) => void;
  /** Set when `afterCall` needs the answer text (costs a copy of it). */
  readonly needsAnswerText?: boolean;
};
