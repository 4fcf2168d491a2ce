import type { Interval } from './bootstrap.js';
import type { CostQualityPoint } from './cost-quality-hull.js';
import type { QualityLevel } from './curve-metrics.js';

/** A mean score and total cost in US dollars. */
export type ScoreAndCost = { readonly meanScore: number; readonly totalCostUsd: number };

/** A saving's 95% interval and the fraction of resamples where the quality level was reached. */
export type SavingInterval = Interval & { readonly reachedFraction: number };

/** `report.json` of `switchyard router evaluate`. Scores are in [0, 1]; costs in US dollars. */
export type EvaluationReport = {
  readonly dataset: string;
  readonly split: 'test';
  readonly rows: number;
  readonly bestSingle: ScoreAndCost & { readonly model: string };
  readonly oracle: ScoreAndCost & { readonly picks: Readonly<Record<string, number>> };
  readonly models: Readonly<Record<string, ScoreAndCost & { readonly costSource: string }>>;
  readonly router: {
    readonly contentHash: string;
    readonly createdAt: string;
    readonly hyperParameters: unknown;
    /** Saved fraction of the best single model's cost at the cheapest curve point reaching each level; `null` if none. */
    readonly costSaved: Readonly<Record<QualityLevel, number | null>>;
    /** Saved fraction at the points chosen on `train`; `null` when that point misses the level on `test`. */
    readonly costSavedTrainChosen: Readonly<Record<QualityLevel, number | null>>;
    readonly costSavedIntervals: {
      readonly bestPoint: Readonly<Record<QualityLevel, SavingInterval>>;
      readonly trainChosen: Readonly<Record<QualityLevel, SavingInterval>>;
    };
    /** Best mean score among curve points costing at most half the best single model's cost. */
    readonly qualityAtHalfCost: number | null;
    /** `qualityAtHalfCost` minus the best single model's mean score. */
    readonly qualityAtHalfCostDelta: number | null;
    readonly qualityAtHalfCostTrainChosen: number | null;
    readonly qualityAtHalfCostIntervals: {
      readonly bestPoint: Interval;
      readonly delta: Interval;
      readonly trainChosen: Interval;
    };
    readonly apgr: number;
    readonly apgrInterval: Interval;
    readonly aiq: number;
    readonly aiqInterval: Interval;
    readonly maxQuality: number;
    readonly maxQualityInterval: Interval;
    readonly operatingPoints: Readonly<
      Record<
        string,
        {
          readonly lambda: number | null;
          readonly trainMeanScore: number;
          readonly trainTotalCostUsd: number;
          readonly meanScore: number;
          readonly totalCostUsd: number;
          readonly costSaved: number;
        }
      >
    >;
    readonly decisionObjective: string;
    readonly decisionPicks: Readonly<Record<string, number>>;
    readonly curve: readonly {
      readonly lambda: number | null;
      readonly meanScore: number;
      readonly totalCostUsd: number;
    }[];
    readonly hull: readonly CostQualityPoint[];
  };
  readonly costNote: string;
  /** Dataset models left out of the evaluation because none of their test outcomes has a known cost. */
  readonly excludedModels: readonly { readonly modelId: string; readonly reason: string }[];
  /** Dataset models the router has no outcomes for: it never chooses them (single models and oracle still use them). */
  readonly modelsUnknownToRouter: readonly string[];
  readonly bootstrap: { readonly resamples: number; readonly seed: number };
};
