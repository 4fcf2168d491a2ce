import { computeAiq, computeApgr } from './cost-quality-hull.js';
import { findBestSingleModel, findCheapestModel, type PolicySummary } from './routing-outcomes.js';

/** Quality levels, as fractions of the best single model's mean score, at which savings are reported. */
export const QUALITY_LEVELS = { at100: 1, at99: 0.99, at95: 0.95 } as const;

/** Names of the quality levels: `at100`, `at99`, `at95`. */
export type QualityLevel = keyof typeof QUALITY_LEVELS;

/** Indices into the curve's points of the operating points chosen on `train`. */
export type TrainChosenPoints = Readonly<Record<QualityLevel | 'halfCost', number>>;

/** Metrics of one cost–quality curve against the single models (all on the same rows). */
export type CurveMetrics = {
  readonly bestSingleIndex: number;
  /** 1 − cost ÷ best single cost at the cheapest curve point reaching each quality level; `null` when none does. */
  readonly costSaved: Readonly<Record<QualityLevel, number | null>>;
  /** Same at the train-chosen points; `null` when that point misses the quality level. */
  readonly costSavedTrainChosen: Readonly<Record<QualityLevel, number | null>>;
  /** Best mean score among curve points costing at most half the best single model's cost; `null` if none. */
  readonly qualityAtHalfCost: number | null;
  /** Mean score at the train-chosen half-cost point (`null` if it costs more than half). */
  readonly qualityAtHalfCostTrainChosen: number | null;
  readonly apgr: number;
  readonly aiq: number;
  readonly maxQuality: number;
};

const toPoint = (summary: PolicySummary): { costUsd: number; quality: number } => ({
  costUsd: summary.totalCostUsd,
  quality: summary.meanScore,
});

// Scores are means of many rows: compare with a little slack so 0.88 counts as reaching 0.88.
const EPSILON = 1e-9;

/** Computes {@link CurveMetrics} for curve points and single-model summaries over the same rows. */
export function computeCurveMetrics({
  points,
  singles,
  trainChosen,
}: {
  points: readonly PolicySummary[];
  singles: readonly PolicySummary[];
  trainChosen: TrainChosenPoints;
}): CurveMetrics {
  const bestSingleIndex = findBestSingleModel(singles);
  const best = singles[bestSingleIndex] ?? { meanScore: Number.NaN, totalCostUsd: Number.NaN };
  const weak = singles[findCheapestModel(singles)] ?? best;
  // A saving is a fraction of the best single model's cost: undefined (null) when that is $0.
  const saved = (point: PolicySummary | undefined, level: QualityLevel): number | null =>
    point !== undefined &&
    best.totalCostUsd > 0 &&
    point.meanScore + EPSILON >= QUALITY_LEVELS[level] * best.meanScore
      ? 1 - point.totalCostUsd / best.totalCostUsd
      : null;
  const cheapestReaching = (level: QualityLevel): number | null => {
    let bestSaved: number | null = null;
    for (const point of points) {
      const value = saved(point, level);
      if (value !== null && (bestSaved === null || value > bestSaved)) bestSaved = value;
    }
    return bestSaved;
  };
  const halfBudget = best.totalCostUsd / 2;
  let qualityAtHalfCost: number | null = null;
  for (const point of points) {
    if (
      point.totalCostUsd <= halfBudget + EPSILON &&
      (qualityAtHalfCost === null || point.meanScore > qualityAtHalfCost)
    ) {
      qualityAtHalfCost = point.meanScore;
    }
  }
  const halfPoint = points[trainChosen.halfCost];
  return {
    bestSingleIndex,
    costSaved: {
      at100: cheapestReaching('at100'),
      at99: cheapestReaching('at99'),
      at95: cheapestReaching('at95'),
    },
    costSavedTrainChosen: {
      at100: saved(points[trainChosen.at100], 'at100'),
      at99: saved(points[trainChosen.at99], 'at99'),
      at95: saved(points[trainChosen.at95], 'at95'),
    },
    qualityAtHalfCost,
    qualityAtHalfCostTrainChosen:
      halfPoint !== undefined && halfPoint.totalCostUsd <= halfBudget + EPSILON
        ? halfPoint.meanScore
        : null,
    apgr: computeApgr({ points: points.map(toPoint), weak: toPoint(weak), strong: toPoint(best) }),
    aiq: computeAiq(points.map(toPoint)),
    maxQuality: Math.max(...points.map((point) => point.meanScore)),
  };
}
