import type { Dialect } from '../store/index.js';
import type {
  CanonicalRequest,
  FinishReason,
  GatewayError,
  Usage,
  Warning,
} from '../spec/index.js';
import type { CascadePolicy, RequestHeaders, RoutingDecision } from '../routing/policy/index.js';
import type { ResolvedTarget } from './model-registry.js';

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

/** What stages see and may change before the upstream call. */
export type StageContext = {
  readonly call: GatewayCall;
  readonly isStream: boolean;
  /** The targets to try, in order; set by the routing stage. */
  targets: ResolvedTarget[];
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
  readonly target: ResolvedTarget | undefined;
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
