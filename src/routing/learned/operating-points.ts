import type { CurvePoint, PolicySummary } from '../evaluation/routing-outcomes.js';
import { QUALITY_LEVELS } from '../evaluation/curve-metrics.js';

/** Named objectives a route can ask for; each maps to a trade-off chosen on `train`. */
export const ROUTER_OBJECTIVES = [
  'max-quality',
  'min-cost',
  'best-single-quality',
  'best-single-quality-99',
  'best-single-quality-95',
  'half-best-single-cost',
] as const;

/** A named routing objective; see {@link ROUTER_OBJECTIVES}. */
export type RouterObjective = (typeof ROUTER_OBJECTIVES)[number];

/** An operating point: the trade-off `lambda` (`null` = cheapest model) and what it gave in cross-validation on `train`. */
export type OperatingPoint = {
  /** Weight of cost in `quality − lambda × cost / costScaleUsd`; `null` means always the cheapest predicted model. */
  readonly lambda: number | null;
  /** Out-of-fold mean score on `train` at this point. */
  readonly trainMeanScore: number;
  /** Out-of-fold total cost on `train` at this point, in US dollars. */
  readonly trainTotalCostUsd: number;
  /** Whether the point met its objective in cross-validation (always true for max-quality and min-cost). */
  readonly isObjectiveMet: boolean;
};

const LEVEL_BY_OBJECTIVE = {
  'best-single-quality': QUALITY_LEVELS.at100,
  'best-single-quality-99': QUALITY_LEVELS.at99,
  'best-single-quality-95': QUALITY_LEVELS.at95,
} as const;

const toOperatingPoint = (point: CurvePoint, isObjectiveMet: boolean): OperatingPoint => ({
  lambda: Number.isFinite(point.lambda) ? point.lambda : null,
  trainMeanScore: point.meanScore,
  trainTotalCostUsd: point.totalCostUsd,
  isObjectiveMet,
});

/**
 * Chooses the operating point of every objective on an out-of-fold curve over `train`:
 * for a quality level, the cheapest point whose mean score reaches that fraction of the best single
 * model's (else the best point); for half cost, the best point costing at most half the best single
 * model's cost (else the cheapest point).
 */
export function chooseOperatingPoints({
  curve,
  bestSingle,
}: {
  curve: readonly CurvePoint[];
  bestSingle: PolicySummary;
}): Record<RouterObjective, OperatingPoint> {
  const byQuality = [...curve].sort(
    (first, second) =>
      second.meanScore - first.meanScore || first.totalCostUsd - second.totalCostUsd,
  );
  const byCost = [...curve].sort(
    (first, second) =>
      first.totalCostUsd - second.totalCostUsd || second.meanScore - first.meanScore,
  );
  const best = byQuality[0];
  const cheapest = byCost[0];
  if (best === undefined || cheapest === undefined)
    throw new Error('Cannot choose operating points on an empty curve.');
  const atLevel = (fraction: number): OperatingPoint => {
    const point = byCost.find(
      (candidate) => candidate.meanScore + 1e-9 >= fraction * bestSingle.meanScore,
    );
    return point === undefined ? toOperatingPoint(best, false) : toOperatingPoint(point, true);
  };
  const halfBudget = bestSingle.totalCostUsd / 2;
  const half = byQuality.find((candidate) => candidate.totalCostUsd <= halfBudget);
  return {
    'max-quality': toOperatingPoint(curve.find((point) => point.lambda === 0) ?? best, true),
    'min-cost': { ...toOperatingPoint(cheapest, true), lambda: null },
    'best-single-quality': atLevel(LEVEL_BY_OBJECTIVE['best-single-quality']),
    'best-single-quality-99': atLevel(LEVEL_BY_OBJECTIVE['best-single-quality-99']),
    'best-single-quality-95': atLevel(LEVEL_BY_OBJECTIVE['best-single-quality-95']),
    'half-best-single-cost':
      half === undefined ? toOperatingPoint(cheapest, false) : toOperatingPoint(half, true),
  };
}
