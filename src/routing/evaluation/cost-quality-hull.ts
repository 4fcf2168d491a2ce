/** One point of a cost–quality curve: a total cost in US dollars and a mean score in [0, 1]. */
export type CostQualityPoint = {
  readonly costUsd: number;
  readonly quality: number;
};

function cross(
  origin: CostQualityPoint,
  first: CostQualityPoint,
  second: CostQualityPoint,
): number {
  return (
    (first.costUsd - origin.costUsd) * (second.quality - origin.quality) -
    (first.quality - origin.quality) * (second.costUsd - origin.costUsd)
  );
}

/**
 * The non-decreasing convex hull of a set of operating points (RouterBench): the upper concave
 * envelope from the cheapest point up to the best point. Mixing two operating points at random
 * reaches any point on the segment between them, so every point under the hull is reachable.
 * Sorted by cost; empty for no points.
 */
export function computeNonDecreasingHull(points: readonly CostQualityPoint[]): CostQualityPoint[] {
  const sorted = [...points].sort(
    (first, second) => first.costUsd - second.costUsd || second.quality - first.quality,
  );
  const upper: CostQualityPoint[] = [];
  for (const point of sorted) {
    const last = upper[upper.length - 1];
    if (last !== undefined && last.costUsd === point.costUsd) continue; // keep the best at equal cost
    while (upper.length >= 2) {
      const first = upper[upper.length - 2];
      const second = upper[upper.length - 1];
      if (first === undefined || second === undefined || cross(first, second, point) < 0) break;
      upper.pop();
    }
    upper.push(point);
  }
  let bestIndex = 0;
  upper.forEach((point, index) => {
    if (point.quality > (upper[bestIndex]?.quality ?? -Infinity)) bestIndex = index;
  });
  return upper.slice(0, bestIndex + 1);
}

/**
 * The hull's quality at `costUsd`: linear between hull points, flat after the last one, and
 * `belowValue` (default: the first point's quality) before the first one.
 */
export function interpolateHull({
  hull,
  costUsd,
  belowValue,
}: {
  hull: readonly CostQualityPoint[];
  costUsd: number;
  belowValue?: number;
}): number {
  const first = hull[0];
  if (first === undefined) return Number.NaN;
  if (costUsd < first.costUsd) return belowValue ?? first.quality;
  for (let index = 1; index < hull.length; index += 1) {
    const right = hull[index];
    const left = hull[index - 1];
    if (right === undefined || left === undefined) break;
    if (costUsd <= right.costUsd) {
      const span = right.costUsd - left.costUsd;
      return span <= 0
        ? right.quality
        : left.quality + ((costUsd - left.costUsd) / span) * (right.quality - left.quality);
    }
  }
  return hull[hull.length - 1]?.quality ?? first.quality;
}

/** Exact integral of the (piecewise linear, flat-extended) hull over `[fromUsd, toUsd]`. */
export function integrateHull({
  hull,
  fromUsd,
  toUsd,
}: {
  hull: readonly CostQualityPoint[];
  fromUsd: number;
  toUsd: number;
}): number {
  if (toUsd <= fromUsd || hull.length === 0) return 0;
  const breaks = [
    fromUsd,
    ...hull.map((point) => point.costUsd).filter((cost) => cost > fromUsd && cost < toUsd),
    toUsd,
  ];
  let area = 0;
  for (let index = 1; index < breaks.length; index += 1) {
    const left = breaks[index - 1] ?? fromUsd;
    const right = breaks[index] ?? toUsd;
    const leftValue = interpolateHull({ hull, costUsd: left });
    const rightValue = interpolateHull({ hull, costUsd: right });
    area += ((leftValue + rightValue) / 2) * (right - left);
  }
  return area;
}

/**
 * RouterBench's AIQ (average improvement in quality): the area under the router's non-decreasing
 * convex hull over its own cost range `[cheapest point, most expensive point]`, divided by the
 * width of that range, so it is a mean score in [0, 1].
 */
export function computeAiq(points: readonly CostQualityPoint[]): number {
  const hull = computeNonDecreasingHull(points);
  if (hull.length === 0) return Number.NaN;
  const costs = points.map((point) => point.costUsd);
  const fromUsd = Math.min(...costs);
  const toUsd = Math.max(...costs);
  if (toUsd <= fromUsd) return hull[hull.length - 1]?.quality ?? Number.NaN;
  return integrateHull({ hull, fromUsd, toUsd }) / (toUsd - fromUsd);
}

/**
 * APGR (average performance gap recovered): the mean over costs from the cheapest single model's
 * to the best single model's of `(hull(c) − weak quality) / (best quality − weak quality)`, where
 * the hull is the router's non-decreasing hull with the cheapest model's point added (routing
 * everything to it is always an option). 1 means the router matches the best model at every
 * budget; above 1 means it beats it. `NaN` when the best single model is the cheapest.
 */
export function computeApgr({
  points,
  weak,
  strong,
}: {
  points: readonly CostQualityPoint[];
  weak: CostQualityPoint;
  strong: CostQualityPoint;
}): number {
  const gap = strong.quality - weak.quality;
  const width = strong.costUsd - weak.costUsd;
  if (!(gap > 0) || !(width > 0)) return Number.NaN;
  const hull = computeNonDecreasingHull([...points, weak]);
  const area = integrateHull({ hull, fromUsd: weak.costUsd, toUsd: strong.costUsd });
  return (area / width - weak.quality) / gap;
}
