/**
 * Measured outcomes of `rowCount` prompts × `modelCount` models, row-major (`row * modelCount +
 * model`). A missing outcome is `NaN` in both arrays; such a model is never chosen for that row.
 */
export type OutcomeTable = {
  readonly rowCount: number;
  readonly modelCount: number;
  readonly scores: Float64Array;
  readonly costsUsd: Float64Array;
  /**
   * Optional weight per row (mean about 1). Mean scores become weighted means and total costs
   * weighted sums, e.g. to re-weight cross-validation rows to a task-balanced mix.
   */
  readonly rowWeights?: Float64Array;
};

/**
 * Row weights under which every task weighs the same in total (mean weight 1): a stand-in for a
 * test set whose task mix differs from `train`'s.
 */
export function computeTaskBalancedWeights(taskLabels: ArrayLike<number>): Float64Array {
  const counts = new Map<number, number>();
  for (let row = 0; row < taskLabels.length; row += 1) {
    const task = taskLabels[row] ?? 0;
    counts.set(task, (counts.get(task) ?? 0) + 1);
  }
  const weights = new Float64Array(taskLabels.length);
  for (let row = 0; row < taskLabels.length; row += 1) {
    weights[row] = taskLabels.length / (counts.size * (counts.get(taskLabels[row] ?? 0) ?? 1));
  }
  return weights;
}

/** Predictions for the same rows and models as an {@link OutcomeTable}. */
export type PredictionTable = {
  readonly predictedQuality: Float64Array;
  readonly predictedCostUsd: Float64Array;
  /** Cost unit of the trade-off: the objective is `quality − lambda × cost / costScaleUsd`. */
  readonly costScaleUsd: number;
};

/** Mean score and total cost of one policy over a set of rows. */
export type PolicySummary = {
  readonly meanScore: number;
  readonly totalCostUsd: number;
};

/** Per-row choice (model index) and the resulting summary. */
export type PolicyResult = PolicySummary & { readonly choices: Int32Array };

/**
 * Mean score and total cost of always using each model. A model that answered only some rows is
 * summarised over those: its mean score is theirs, and its total cost is its mean cost per answered
 * row times all rows, so it stays comparable with policies that cover every row.
 */
export function summarizeSingleModels(table: OutcomeTable): PolicySummary[] {
  let totalWeight = 0;
  for (let row = 0; row < table.rowCount; row += 1) totalWeight += table.rowWeights?.[row] ?? 1;
  const summaries: PolicySummary[] = [];
  for (let model = 0; model < table.modelCount; model += 1) {
    let scoreSum = 0;
    let costSum = 0;
    let count = 0;
    for (let row = 0; row < table.rowCount; row += 1) {
      const score = table.scores[row * table.modelCount + model] ?? Number.NaN;
      if (Number.isNaN(score)) continue;
      const weight = table.rowWeights?.[row] ?? 1;
      scoreSum += weight * score;
      costSum += weight * (table.costsUsd[row * table.modelCount + model] ?? 0);
      count += weight;
    }
    summaries.push(
      count > 0
        ? { meanScore: scoreSum / count, totalCostUsd: (costSum / count) * totalWeight }
        : { meanScore: Number.NaN, totalCostUsd: Number.NaN },
    );
  }
  return summaries;
}

/** Index of the best single model: highest mean score, ties to the cheaper one; models without outcomes (NaN) never win. */
export function findBestSingleModel(summaries: readonly PolicySummary[]): number {
  let best = -1;
  summaries.forEach((summary, index) => {
    if (Number.isNaN(summary.meanScore)) return;
    const current = summaries[best];
    if (
      current === undefined ||
      summary.meanScore > current.meanScore ||
      (summary.meanScore === current.meanScore && summary.totalCostUsd < current.totalCostUsd)
    ) {
      best = index;
    }
  });
  return best;
}

/** Index of the cheapest single model by total cost; models without outcomes (NaN) are skipped. */
export function findCheapestModel(summaries: readonly PolicySummary[]): number {
  let cheapest = -1;
  summaries.forEach((summary, index) => {
    if (Number.isNaN(summary.totalCostUsd)) return;
    if (cheapest === -1 || summary.totalCostUsd < (summaries[cheapest]?.totalCostUsd ?? Infinity))
      cheapest = index;
  });
  return cheapest;
}

/** Summary of a per-row choice of models. */
export function summarizeChoices({
  table,
  choices,
}: {
  table: OutcomeTable;
  choices: Int32Array;
}): PolicyResult {
  let scoreSum = 0;
  let costSum = 0;
  let weightSum = 0;
  for (let row = 0; row < table.rowCount; row += 1) {
    const cell = row * table.modelCount + (choices[row] ?? 0);
    const weight = table.rowWeights?.[row] ?? 1;
    scoreSum += weight * (table.scores[cell] ?? 0);
    costSum += weight * (table.costsUsd[cell] ?? 0);
    weightSum += weight;
  }
  return {
    meanScore: weightSum > 0 ? scoreSum / weightSum : Number.NaN,
    totalCostUsd: costSum,
    choices,
  };
}

/** The oracle: for each row, the cheapest model among those with the row's top score. */
export function computeOracle(table: OutcomeTable): PolicyResult {
  const choices = new Int32Array(table.rowCount);
  for (let row = 0; row < table.rowCount; row += 1) {
    let best = -1;
    for (let model = 0; model < table.modelCount; model += 1) {
      const cell = row * table.modelCount + model;
      const score = table.scores[cell] ?? Number.NaN;
      if (Number.isNaN(score)) continue;
      const bestCell = row * table.modelCount + best;
      if (
        best === -1 ||
        score > (table.scores[bestCell] ?? -Infinity) ||
        (score === table.scores[bestCell] &&
          (table.costsUsd[cell] ?? 0) < (table.costsUsd[bestCell] ?? 0))
      ) {
        best = model;
      }
    }
    choices[row] = Math.max(0, best);
  }
  return summarizeChoices({ table, choices });
}

/**
 * Chooses, for each row, the model maximising `predictedQuality − lambda × predictedCost /
 * costScaleUsd` among the models with an outcome in `table` (ties to the cheaper prediction, then
 * the higher predicted quality). `lambda = Infinity` picks the cheapest predicted model.
 */
export function chooseByTradeOff({
  table,
  predictions,
  lambda,
}: {
  table: OutcomeTable;
  predictions: PredictionTable;
  lambda: number;
}): Int32Array {
  const choices = new Int32Array(table.rowCount);
  const weight = Number.isFinite(lambda) ? lambda / predictions.costScaleUsd : 0;
  const isCostOnly = !Number.isFinite(lambda);
  for (let row = 0; row < table.rowCount; row += 1) {
    let best = -1;
    let bestValue = -Infinity;
    let bestCost = Infinity;
    let bestQuality = -Infinity;
    for (let model = 0; model < table.modelCount; model += 1) {
      const cell = row * table.modelCount + model;
      if (Number.isNaN(table.scores[cell] ?? Number.NaN)) continue;
      const cost = predictions.predictedCostUsd[cell] ?? 0;
      const quality = predictions.predictedQuality[cell] ?? 0;
      const value = isCostOnly ? -cost : quality - weight * cost;
      // Higher value; on a tie the cheaper prediction, then the higher predicted quality (which
      // decides between equally priced models when λ is Infinity and the value is −cost).
      const isBetter =
        value !== bestValue
          ? value > bestValue
          : cost !== bestCost
            ? cost < bestCost
            : quality > bestQuality;
      if (isBetter) {
        best = model;
        bestValue = value;
        bestCost = cost;
        bestQuality = quality;
      }
    }
    choices[row] = Math.max(0, best);
  }
  return choices;
}

/** What {@link buildRowEnvelope} reads, and its scratch buffers (sized for the table's models, reused across rows). */
type EnvelopeContext = {
  readonly table: OutcomeTable;
  readonly predictions: PredictionTable;
  readonly buffers: {
    readonly order: Int32Array;
    readonly hull: Int32Array;
    readonly hullQuality: Float64Array;
    readonly hullCost: Float64Array;
  };
};

/**
 * Writes into `buffers.hull` the models that win some trade-off for one row, from the best
 * predicted quality (λ = 0) to the cheapest (λ = ∞), with their predictions: the upper envelope
 * of the lines `quality − w × cost` over `w ≥ 0`, in decreasing cost. Only models with an outcome
 * and finite predictions take part. Returns how many were written.
 */
function buildRowEnvelope({ table, predictions, buffers }: EnvelopeContext, row: number): number {
  const { order, hull, hullQuality, hullCost } = buffers;
  const base = row * table.modelCount;
  const quality = predictions.predictedQuality;
  const cost = predictions.predictedCostUsd;
  // Insertion sort (a handful of models): decreasing cost, then decreasing quality, then index.
  let count = 0;
  for (let model = 0; model < table.modelCount; model += 1) {
    const cell = base + model;
    const modelQuality = quality[cell] ?? 0;
    const modelCost = cost[cell] ?? 0;
    if (
      Number.isNaN(table.scores[cell] ?? Number.NaN) ||
      !Number.isFinite(modelQuality) ||
      !Number.isFinite(modelCost)
    )
      continue;
    let at = count;
    while (at > 0) {
      const previous = base + (order[at - 1] ?? 0);
      const previousCost = cost[previous] ?? 0;
      if (
        previousCost > modelCost ||
        (previousCost === modelCost && (quality[previous] ?? 0) >= modelQuality)
      )
        break;
      order[at] = order[at - 1] ?? 0;
      at -= 1;
    }
    order[at] = model;
    count += 1;
  }
  let size = 0;
  for (let index = 0; index < count; index += 1) {
    const model = order[index] ?? 0;
    const modelQuality = quality[base + model] ?? 0;
    const modelCost = cost[base + model] ?? 0;
    // Equal cost: the earlier (better) one is kept.
    if (size > 0 && hullCost[size - 1] === modelCost) continue;
    // A dearer model no better than this one never wins for w ≥ 0.
    while (size > 0 && (hullQuality[size - 1] ?? 0) <= modelQuality) size -= 1;
    // The middle of three is dropped when the cheaper pair crosses no later than the dearer pair.
    while (size >= 2) {
      const firstCross =
        ((hullQuality[size - 2] ?? 0) - (hullQuality[size - 1] ?? 0)) /
        ((hullCost[size - 2] ?? 0) - (hullCost[size - 1] ?? 0));
      const secondCross =
        ((hullQuality[size - 1] ?? 0) - modelQuality) / ((hullCost[size - 1] ?? 0) - modelCost);
      if (secondCross > firstCross) break;
      size -= 1;
    }
    hull[size] = model;
    hullQuality[size] = modelQuality;
    hullCost[size] = modelCost;
    size += 1;
  }
  return size;
}

/** A point of the router's cost–quality curve: the trade-off and what it gave. */
export type CurvePoint = PolicyResult & { readonly lambda: number };

/** Default trade-off sweep: 0, then 160 values log-spaced from 1e-4 to 1e4, then Infinity. */
export function createDefaultLambdaGrid(): number[] {
  const grid = [0];
  for (let step = 0; step <= 160; step += 1) grid.push(10 ** (-4 + step / 20));
  grid.push(Infinity);
  return grid;
}

/** A curve point without the per-prompt choices. */
export type CurveSummaryPoint = PolicySummary & { readonly lambda: number };

/**
 * Walks every row's upper envelope along the λs sorted ascending, adding each row's choice to the
 * per-λ sums (in row order, like {@link summarizeChoices}) and, when `choices` is given, writing it
 * there. Each row's winners over all trade-offs are found once (O(M log M)) instead of scoring
 * every model at every λ: O(rows × (M log M + λs)) rather than O(rows × M × λs).
 */
function walkTradeOffs({
  table,
  predictions,
  lambdas,
  choices,
}: {
  table: OutcomeTable;
  predictions: PredictionTable;
  lambdas: readonly number[];
  choices: Int32Array[] | null;
}): CurveSummaryPoint[] {
  const { rowCount, modelCount } = table;
  const ascending = lambdas
    .map((_, index) => index)
    .sort((first, second) => (lambdas[first] ?? 0) - (lambdas[second] ?? 0) || first - second);
  const weights = Float64Array.from(ascending, (index) => {
    const lambda = lambdas[index] ?? 0;
    return Number.isFinite(lambda) ? lambda / predictions.costScaleUsd : Infinity;
  });
  const scoreSums = new Float64Array(lambdas.length);
  const costSums = new Float64Array(lambdas.length);
  let weightSum = 0;
  const context: EnvelopeContext = {
    table,
    predictions,
    buffers: {
      order: new Int32Array(modelCount),
      hull: new Int32Array(modelCount),
      hullQuality: new Float64Array(modelCount),
      hullCost: new Float64Array(modelCount),
    },
  };
  const { hull, hullQuality, hullCost } = context.buffers;
  for (let row = 0; row < rowCount; row += 1) {
    const rowWeight = table.rowWeights?.[row] ?? 1;
    weightSum += rowWeight;
    const size = buildRowEnvelope(context, row);
    let position = 0;
    for (let step = 0; step < ascending.length; step += 1) {
      const index = ascending[step] ?? 0;
      const weight = weights[step] ?? 0;
      let model: number;
      if (size === 0) {
        // No model with finite predictions: the direct rule decides.
        const cells = { start: row * modelCount, end: (row + 1) * modelCount };
        model =
          chooseByTradeOff({
            table: { ...table, rowCount: 1, scores: table.scores.subarray(cells.start, cells.end) },
            predictions: {
              ...predictions,
              predictedQuality: predictions.predictedQuality.subarray(cells.start, cells.end),
              predictedCostUsd: predictions.predictedCostUsd.subarray(cells.start, cells.end),
            },
            lambda: lambdas[index] ?? 0,
          })[0] ?? 0;
      } else {
        if (weight === Infinity) position = size - 1;
        else {
          // The next hull model is cheaper, so a tie moves to it.
          while (
            position + 1 < size &&
            (hullQuality[position + 1] ?? 0) - weight * (hullCost[position + 1] ?? 0) >=
              (hullQuality[position] ?? 0) - weight * (hullCost[position] ?? 0)
          )
            position += 1;
        }
        model = hull[position] ?? 0;
      }
      const rowChoices = choices?.[index];
      if (rowChoices !== undefined) rowChoices[row] = model;
      const cell = row * modelCount + model;
      scoreSums[index] = (scoreSums[index] ?? 0) + rowWeight * (table.scores[cell] ?? 0);
      costSums[index] = (costSums[index] ?? 0) + rowWeight * (table.costsUsd[cell] ?? 0);
    }
  }
  return lambdas.map((lambda, index) => ({
    lambda,
    meanScore: weightSum > 0 ? (scoreSums[index] ?? 0) / weightSum : Number.NaN,
    totalCostUsd: costSums[index] ?? 0,
  }));
}

/** Options of {@link computeTradeOffCurve} and {@link computeTradeOffSummaries}. */
export type TradeOffCurveOptions = {
  table: OutcomeTable;
  predictions: PredictionTable;
  /** Defaults to {@link createDefaultLambdaGrid}. */
  lambdas?: readonly number[];
};

/**
 * The router's cost–quality curve: one point per trade-off `lambda`, with the per-prompt choices,
 * which are those of {@link chooseByTradeOff} at each λ.
 */
export function computeTradeOffCurve({
  table,
  predictions,
  lambdas = createDefaultLambdaGrid(),
}: TradeOffCurveOptions): CurvePoint[] {
  const choices = lambdas.map(() => new Int32Array(table.rowCount));
  return walkTradeOffs({ table, predictions, lambdas, choices }).map((point, index) => ({
    ...point,
    choices: choices[index] ?? new Int32Array(table.rowCount),
  }));
}

/** {@link computeTradeOffCurve} without the choices: what ranking many candidate curves needs. */
export function computeTradeOffSummaries({
  table,
  predictions,
  lambdas = createDefaultLambdaGrid(),
}: TradeOffCurveOptions): CurveSummaryPoint[] {
  return walkTradeOffs({ table, predictions, lambdas, choices: null });
}
