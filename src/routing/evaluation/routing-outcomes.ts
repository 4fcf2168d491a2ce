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

/** Mean score and total cost of always using each model (over the rows it answered). */
export function summarizeSingleModels(table: OutcomeTable): PolicySummary[] {
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
    summaries.push({ meanScore: count > 0 ? scoreSum / count : Number.NaN, totalCostUsd: costSum });
  }
  return summaries;
}

/** Index of the best single model: highest mean score, ties to the cheaper one. */
export function findBestSingleModel(summaries: readonly PolicySummary[]): number {
  let best = -1;
  summaries.forEach((summary, index) => {
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

/** Index of the cheapest single model by total cost. */
export function findCheapestModel(summaries: readonly PolicySummary[]): number {
  let cheapest = -1;
  summaries.forEach((summary, index) => {
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
 * costScaleUsd` among the models with an outcome in `table` (ties to the cheaper prediction).
 * `lambda = Infinity` picks the cheapest predicted model.
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
    for (let model = 0; model < table.modelCount; model += 1) {
      const cell = row * table.modelCount + model;
      if (Number.isNaN(table.scores[cell] ?? Number.NaN)) continue;
      const cost = predictions.predictedCostUsd[cell] ?? 0;
      const value = isCostOnly ? -cost : (predictions.predictedQuality[cell] ?? 0) - weight * cost;
      if (value > bestValue || (value === bestValue && cost < bestCost)) {
        best = model;
        bestValue = value;
        bestCost = cost;
      }
    }
    choices[row] = Math.max(0, best);
  }
  return choices;
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

/** The router's cost–quality curve: one point per trade-off `lambda`. */
export function computeTradeOffCurve({
  table,
  predictions,
  lambdas = createDefaultLambdaGrid(),
}: {
  table: OutcomeTable;
  predictions: PredictionTable;
  lambdas?: readonly number[];
}): CurvePoint[] {
  return lambdas.map((lambda) => ({
    lambda,
    ...summarizeChoices({ table, choices: chooseByTradeOff({ table, predictions, lambda }) }),
  }));
}
