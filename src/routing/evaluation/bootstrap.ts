import { createSeededRandom } from '../learned/seeded-random.js';
import { computeCurveMetrics, type CurveMetrics, type TrainChosenPoints } from './curve-metrics.js';
import type { OutcomeTable, PolicySummary } from './routing-outcomes.js';

/** A 95% percentile interval; a `null` bound means "the quality level was not reached" there. */
export type Interval = { readonly low: number | null; readonly high: number | null };

/** Bootstrap intervals of the scalar fields of {@link CurveMetrics}, and how often each saving exists. */
export type CurveMetricIntervals = {
  readonly resamples: number;
  readonly costSaved: Record<
    'at100' | 'at99' | 'at95',
    Interval & { readonly reachedFraction: number }
  >;
  readonly costSavedTrainChosen: Record<
    'at100' | 'at99' | 'at95',
    Interval & { readonly reachedFraction: number }
  >;
  readonly qualityAtHalfCost: Interval;
  readonly qualityAtHalfCostTrainChosen: Interval;
  /** Difference router − best single at half cost, in score units. */
  readonly qualityAtHalfCostDelta: Interval;
  readonly apgr: Interval;
  readonly aiq: Interval;
  readonly maxQuality: Interval;
};

/** Options of {@link bootstrapCurveMetrics}. */
export type BootstrapOptions = {
  table: OutcomeTable;
  /** Per curve point, the model chosen for each row. */
  curveChoices: readonly Int32Array[];
  trainChosen: TrainChosenPoints;
  /** Number of resamples. Defaults to 1000. */
  resamples?: number;
  /** Seed of the resampling. Defaults to 1. */
  seed?: number;
  onProgress?: (done: number, total: number) => void;
};

function percentileInterval(values: readonly (number | null)[]): Interval {
  // null (level not reached) sorts below every number.
  const sorted = [...values].sort((first, second) => (first ?? -Infinity) - (second ?? -Infinity));
  const at = (fraction: number): number | null => {
    const value =
      sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(fraction * (sorted.length - 1))))];
    return value === undefined || value === null || Number.isNaN(value) ? null : value;
  };
  return { low: at(0.025), high: at(0.975) };
}

/**
 * Bootstrap (resampling the rows with replacement, seeded) 95% intervals of the curve metrics.
 * The best single model, the curve and every metric are recomputed on each resample; the routing
 * decisions themselves are fixed.
 */
export function bootstrapCurveMetrics({
  table,
  curveChoices,
  trainChosen,
  resamples = 1000,
  seed = 1,
  onProgress,
}: BootstrapOptions): CurveMetricIntervals {
  const { rowCount, modelCount } = table;
  const random = createSeededRandom(seed);
  const pointScores = curveChoices.map((choices) =>
    Float64Array.from(
      { length: rowCount },
      (_, row) => table.scores[row * modelCount + (choices[row] ?? 0)] ?? 0,
    ),
  );
  const pointCosts = curveChoices.map((choices) =>
    Float64Array.from(
      { length: rowCount },
      (_, row) => table.costsUsd[row * modelCount + (choices[row] ?? 0)] ?? 0,
    ),
  );
  const counts = new Int32Array(rowCount);
  const samples: CurveMetrics[] = [];
  const bestSingleQualities: number[] = [];
  for (let resample = 0; resample < resamples; resample += 1) {
    counts.fill(0);
    for (let draw = 0; draw < rowCount; draw += 1) {
      const row = Math.floor(random() * rowCount);
      counts[row] = (counts[row] ?? 0) + 1;
    }
    const sum = (values: ArrayLike<number>, stride = 1, offset = 0): number => {
      let total = 0;
      for (let row = 0; row < rowCount; row += 1)
        total += (counts[row] ?? 0) * (values[row * stride + offset] ?? 0);
      return total;
    };
    const points: PolicySummary[] = pointScores.map((scores, index) => ({
      meanScore: sum(scores) / rowCount,
      totalCostUsd: sum(pointCosts[index] ?? scores),
    }));
    const singles: PolicySummary[] = [];
    for (let model = 0; model < modelCount; model += 1) {
      let scoreSum = 0;
      let costSum = 0;
      let answered = 0;
      for (let row = 0; row < rowCount; row += 1) {
        const count = counts[row] ?? 0;
        const score = table.scores[row * modelCount + model] ?? Number.NaN;
        if (count === 0 || Number.isNaN(score)) continue;
        scoreSum += count * score;
        costSum += count * (table.costsUsd[row * modelCount + model] ?? 0);
        answered += count;
      }
      singles.push({
        meanScore: answered > 0 ? scoreSum / answered : Number.NaN,
        totalCostUsd: costSum,
      });
    }
    const metrics = computeCurveMetrics({ points, singles, trainChosen });
    samples.push(metrics);
    bestSingleQualities.push(singles[metrics.bestSingleIndex]?.meanScore ?? Number.NaN);
    onProgress?.(resample + 1, resamples);
  }
  const savedInterval = (
    key: 'costSaved' | 'costSavedTrainChosen',
    level: 'at100' | 'at99' | 'at95',
  ) => {
    const values = samples.map((sample) => sample[key][level]);
    return {
      ...percentileInterval(values),
      reachedFraction: values.filter((value) => value !== null).length / resamples,
    };
  };
  const savedIntervals = (
    key: 'costSaved' | 'costSavedTrainChosen',
  ): CurveMetricIntervals['costSaved'] => ({
    at100: savedInterval(key, 'at100'),
    at99: savedInterval(key, 'at99'),
    at95: savedInterval(key, 'at95'),
  });
  return {
    resamples,
    costSaved: savedIntervals('costSaved'),
    costSavedTrainChosen: savedIntervals('costSavedTrainChosen'),
    qualityAtHalfCost: percentileInterval(samples.map((sample) => sample.qualityAtHalfCost)),
    qualityAtHalfCostTrainChosen: percentileInterval(
      samples.map((sample) => sample.qualityAtHalfCostTrainChosen),
    ),
    qualityAtHalfCostDelta: percentileInterval(
      samples.map((sample, index) =>
        sample.qualityAtHalfCost === null
          ? null
          : sample.qualityAtHalfCost - (bestSingleQualities[index] ?? Number.NaN),
      ),
    ),
    apgr: percentileInterval(samples.map((sample) => sample.apgr)),
    aiq: percentileInterval(samples.map((sample) => sample.aiq)),
    maxQuality: percentileInterval(samples.map((sample) => sample.maxQuality)),
  };
}
