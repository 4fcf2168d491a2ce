import type { TaskFamily } from '../classifier/task-family.js';
import type { CascadeCheck } from './route-policy.js';

/** How one candidate fared in a decision. */
export type CandidateVerdict = {
  readonly modelId: string;
  readonly providerId: string;
  readonly configPath: string;
  /** Why the model could not serve this request; empty when it was eligible. */
  readonly excludedBy: string[];
  /** Facts that shaped its rank without excluding it (open circuit, unknown price, ...). */
  readonly notes: string[];
  /** Expected quality in [0, 1], for strategies that predict it. */
  predictedQuality: number | undefined;
  /** Where the quality prediction came from. */
  qualitySource: string | undefined;
  /** Expected cost of this request on this model, in US dollars. */
  readonly predictedCostUsd: number;
  /** Observed latency average, in ms; undefined when unmeasured. */
  readonly predictedLatencyMs: number | undefined;
  /** The strategy's score (higher is better), when it computes one. */
  score: number | undefined;
  /** Position in the targets (1 = tried first); undefined when not a target. */
  rank: number | undefined;
};

/** The router's decision for one request, with its reasons: stored and shown by `GET /v1/decisions/{id}`. */
export type RoutingDecision = {
  /** The route name, or `direct` when the client named a model. */
  readonly route: string;
  readonly strategy: string;
  /** Where the route is configured (`routes[1]`, `built-in`, `models[0]`). */
  readonly configPath: string;
  readonly task:
    | { readonly family: TaskFamily; readonly confidence: number; readonly signals: string[] }
    | undefined;
  readonly request:
    | {
        readonly estimatedInputTokens: number;
        readonly expectedOutputTokens: number;
        readonly needs: string[];
      }
    | undefined;
  /** The objective, in words (`balanced: quality − 0.05 × decades of price`). */
  readonly objective: string | undefined;
  readonly candidates: CandidateVerdict[];
  /** Model ids to try, in order. Empty when no model can serve the request. */
  readonly targets: string[];
  /** Why the first target won, in one sentence. */
  readonly reason: string;
  /** Checks that make a cascade escalate to the next target. */
  readonly cascadeChecks: ReadonlyArray<CascadeCheck> | undefined;
};
