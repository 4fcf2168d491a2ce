import type { ModelCatalogueEntry } from '../catalogue/model-catalogue-entry.js';
import type { TaskFamily } from '../classifier/task-family.js';
import type { LearnedRouter } from '../learned/learned-router.js';
import type { RouterObjective } from '../learned/operating-points.js';
import type { RequestProfile } from './request-profile.js';

/** Where a candidate's catalogue entry came from. */
export type EntrySource =
  /** The built-in table or an imported price file. */
  | 'catalogue'
  /** The config (`models[].catalogue` or `catalogue.overrides`), alone or over a catalogue entry. */
  | 'config'
  /** Nothing known: capabilities assumed, price taken as zero. */
  | 'assumed';

/** A configured chat model a route may choose, with what the catalogue knows of it. */
export type RouteCandidate = {
  readonly modelId: string;
  readonly providerId: string;
  /** The vendor's name for the model (`models[].model`). */
  readonly vendorModel: string;
  /** `models[3]`: where the model is configured. */
  readonly configPath: string;
  readonly entry: ModelCatalogueEntry;
  readonly entrySource: EntrySource;
};

/** Expected quality (0..1) of a model by task family, with a fallback for other families. */
export type QualityPrior = {
  readonly default: number | undefined;
  readonly byFamily: Readonly<Partial<Record<TaskFamily, number>>>;
  /** Where it came from, for explanations (`routes[0].qualityPriors`, `dataset llmrouter-14task`). */
  readonly source: string;
};

/** A rule's conditions; every condition given must hold. */
export type RuleCondition = {
  readonly task?: ReadonlyArray<TaskFamily>;
  readonly minInputTokens?: number;
  readonly maxInputTokens?: number;
  readonly tools?: boolean;
  readonly images?: boolean;
  readonly json?: boolean;
  readonly headers?: Readonly<Record<string, string | ReadonlyArray<string>>>;
  readonly keys?: ReadonlyArray<string>;
  readonly teams?: ReadonlyArray<string>;
};

export type CostConstraints = {
  readonly maxCostUsd?: number | undefined;
  readonly maxLatencyMs?: number | undefined;
  readonly minQuality?: number | undefined;
};

export type CascadeCheck = 'json' | 'refusal' | 'empty' | 'truncated' | 'verifier';

export type CascadePolicy = {
  readonly checks: ReadonlyArray<CascadeCheck>;
  readonly verifier?: { readonly pattern?: RegExp; readonly minCharacters: number };
};

type RouteBase = {
  readonly name: string;
  /** `routes[2]`, or `built-in` for the default `auto`. */
  readonly configPath: string;
  /** Model ids the route may choose, in config order. */
  readonly candidateIds: ReadonlyArray<string>;
  /** How many ranked models are tried in order. */
  readonly maxTargets: number;
};

export type RulesRoute = RouteBase & {
  readonly strategy: 'rules';
  readonly rules: ReadonlyArray<{
    readonly when: RuleCondition;
    readonly models: ReadonlyArray<string>;
  }>;
  readonly defaultModels: ReadonlyArray<string> | undefined;
};

export type CostQualityPreset = 'quality' | 'balanced' | 'cost';

export type CostQualityRoute = RouteBase & {
  readonly strategy: 'cost-quality';
  readonly preset: CostQualityPreset;
  /** Overrides the preset's price weight. */
  readonly priceWeight: number | undefined;
  readonly constraints: CostConstraints;
  readonly priors: ReadonlyMap<string, QualityPrior>;
};

export type CascadeRoute = RouteBase & {
  readonly strategy: 'cascade';
  /** Tried in this order, cheapest first. */
  readonly models: ReadonlyArray<string>;
  readonly cascade: CascadePolicy;
};

export type LeastLatencyRoute = RouteBase & { readonly strategy: 'least-latency' };

export type WeightedRoute = RouteBase & {
  readonly strategy: 'weighted';
  readonly weights: ReadonlyMap<string, number>;
};

export type LearnedRoute = RouteBase & {
  readonly strategy: 'learned';
  /** The current router (it is reloaded when its file changes); undefined while it cannot load. */
  readonly router: () => LearnedRouter | undefined;
  readonly artifactPath: string;
  readonly objective: RouterObjective;
  readonly lambda: number | undefined;
  /** Configured model id → the model's name in the artifact. */
  readonly artifactNames: ReadonlyMap<string, string>;
};

/** A route, compiled from config: what `selectTargets` decides with. */
export type RoutePolicy =
  RulesRoute | CostQualityRoute | CascadeRoute | LeastLatencyRoute | WeightedRoute | LearnedRoute;

/** What the router has observed: latency averages and circuit state, read at decision time. */
export type RoutingStats = {
  /** Moving average of the model's latency in ms (time to first byte for streams); undefined when unmeasured. */
  latencyMs(modelId: string): number | undefined;
  /** Whether the model's deployment is failing and its circuit open. */
  isCircuitOpen(modelId: string): boolean;
};

/** An extra eligibility check (governance, budgets): a reason to exclude the candidate, or undefined. */
export type CandidateFilter = (input: {
  readonly candidate: RouteCandidate;
  readonly request: RequestProfile;
}) => string | undefined;
