import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { CHARACTERS_PER_TOKEN, DEFAULT_OUTPUT_TOKENS } from '../datasets/estimate-cost.js';
import { DatasetError } from '../datasets/dataset-error.js';
import { loadDataset, type Dataset } from '../datasets/load-dataset.js';
import { buildOutcomeMatrix } from '../datasets/outcome-matrix.js';
import { createLearnedRouterFromArtifact, type LearnedRouter } from '../learned/learned-router.js';
import { ROUTER_OBJECTIVES, type RouterObjective } from '../learned/operating-points.js';
import { loadRouterArtifact } from '../learned/router-artifact.js';
import type { RouterArtifact } from '../learned/router-artifact-schema.js';
import { bootstrapCurveMetrics } from './bootstrap.js';
import { computeNonDecreasingHull } from './cost-quality-hull.js';
import { computeCurveMetrics, type TrainChosenPoints } from './curve-metrics.js';
import type { ProgressEvent } from './progress-bar.js';
import { formatReportMarkdown } from './report-markdown.js';
import type { EvaluationReport } from './report-types.js';
import { renderCurveSvg } from './render-curve-svg.js';
import {
  computeOracle,
  computeTradeOffCurve,
  createDefaultLambdaGrid,
  summarizeSingleModels,
  type OutcomeTable,
} from './routing-outcomes.js';

/** The objective whose operating point `decisions.jsonl` records. */
export const DECISION_OBJECTIVE: RouterObjective = 'best-single-quality';

const TRAIN_CHOSEN_OBJECTIVES = {
  at100: 'best-single-quality',
  at99: 'best-single-quality-99',
  at95: 'best-single-quality-95',
  halfCost: 'half-best-single-cost',
} as const satisfies Record<keyof TrainChosenPoints, RouterObjective>;

/** Options of {@link evaluateRouterOnDataset}. */
export type EvaluateRouterOnDatasetOptions = {
  dataset: Dataset;
  router: LearnedRouter;
  artifact: RouterArtifact;
  /** Bootstrap resamples. Defaults to 1000. */
  resamples?: number;
  /** Bootstrap seed. Defaults to 1. */
  seed?: number;
  onProgress?: (event: ProgressEvent) => void;
};

/** The report and the per-prompt decisions of an evaluation. */
export type EvaluationResult = {
  readonly report: EvaluationReport;
  readonly decisions: readonly { readonly id: string; readonly model: string }[];
};

const lambdaToJson = (lambda: number): number | null => (Number.isFinite(lambda) ? lambda : null);

/**
 * Evaluates a router on the `test` split: single models, oracle, the router's cost–quality curve
 * over its trade-off, the savings and quality metrics at the train-chosen and the best curve points,
 * with bootstrap intervals. Pure apart from the progress callback.
 */
export function evaluateRouterOnDataset({
  dataset,
  router,
  artifact,
  resamples = 1000,
  seed = 1,
  onProgress,
}: EvaluateRouterOnDatasetOptions): EvaluationResult {
  const matrix = buildOutcomeMatrix({ dataset, split: 'test' });
  const rowCount = matrix.ids.length;
  if (rowCount === 0)
    throw new DatasetError({
      message: `The test split of ${dataset.dataDir} is empty: no line has "split": "test", so there is nothing to report on.`,
      path: dataset.dataDir,
    });
  const modelCount = matrix.modelIds.length;
  const table: OutcomeTable = {
    rowCount,
    modelCount,
    scores: matrix.scores,
    costsUsd: matrix.costsUsd,
  };
  const routerIndex = matrix.modelIds.map((id) => router.modelIds.indexOf(id));
  const unknownModels = matrix.modelIds.filter((_, column) => routerIndex[column] === -1);
  if (unknownModels.length === modelCount)
    throw new DatasetError({
      message: `The router was trained on ${router.modelIds.map((id) => `"${id}"`).join(', ')}, and none of them is in ${dataset.dataDir} (${matrix.modelIds.map((id) => `"${id}"`).join(', ')}). Evaluate it on a dataset with outcomes for its models, or retrain it on this one.`,
      path: dataset.dataDir,
    });
  const predictedQuality = new Float64Array(rowCount * modelCount);
  const predictedCostUsd = new Float64Array(rowCount * modelCount);
  const quality = new Float64Array(router.modelIds.length);
  const cost = new Float64Array(router.modelIds.length);
  for (let row = 0; row < rowCount; row += 1) {
    router.predictInto({ prompt: matrix.prompts[row] ?? '', quality, costUsd: cost });
    routerIndex.forEach((index, column) => {
      // A dataset model the router was not trained on can never be chosen.
      predictedQuality[row * modelCount + column] = index < 0 ? -Infinity : (quality[index] ?? 0);
      predictedCostUsd[row * modelCount + column] = index < 0 ? Infinity : (cost[index] ?? 0);
    });
    if ((row + 1) % 50 === 0 || row + 1 === rowCount)
      onProgress?.({ phase: 'predict', done: row + 1, total: rowCount });
  }
  const predictions = { predictedQuality, predictedCostUsd, costScaleUsd: router.costScaleUsd };
  const chosenLambda = (objective: RouterObjective): number =>
    router.operatingPoints[objective].lambda ?? Infinity;
  const lambdas = [
    ...new Set([
      ...createDefaultLambdaGrid(),
      ...Object.values(TRAIN_CHOSEN_OBJECTIVES).map(chosenLambda),
    ]),
  ].sort((first, second) => first - second);
  const curve = computeTradeOffCurve({ table, predictions, lambdas });
  const indexOfLambda = (objective: RouterObjective): number =>
    curve.findIndex((point) => point.lambda === chosenLambda(objective));
  const trainChosen: TrainChosenPoints = {
    at100: indexOfLambda(TRAIN_CHOSEN_OBJECTIVES.at100),
    at99: indexOfLambda(TRAIN_CHOSEN_OBJECTIVES.at99),
    at95: indexOfLambda(TRAIN_CHOSEN_OBJECTIVES.at95),
    halfCost: indexOfLambda(TRAIN_CHOSEN_OBJECTIVES.halfCost),
  };
  const singles = summarizeSingleModels(table);
  const metrics = computeCurveMetrics({ points: curve, singles, trainChosen });
  const intervals = bootstrapCurveMetrics({
    table,
    curveChoices: curve.map((point) => point.choices),
    trainChosen,
    resamples,
    seed,
    onProgress: (done, total) => {
      if (done % 20 === 0 || done === total) onProgress?.({ phase: 'bootstrap', done, total });
    },
  });
  const oracle = computeOracle(table);
  const bestSingle = singles[metrics.bestSingleIndex] ?? {
    meanScore: Number.NaN,
    totalCostUsd: Number.NaN,
  };
  const countPicks = (choices: Int32Array): Record<string, number> => {
    const picks: Record<string, number> = {};
    for (const choice of choices) {
      const id = matrix.modelIds[choice] ?? '';
      picks[id] = (picks[id] ?? 0) + 1;
    }
    return picks;
  };
  const decisionPoint = curve[indexOfLambda(DECISION_OBJECTIVE)] ?? curve[0];
  const operatingPoints = Object.fromEntries(
    ROUTER_OBJECTIVES.map((objective) => {
      const point = curve[indexOfLambda(objective)];
      const chosen = router.operatingPoints[objective];
      return [
        objective,
        {
          lambda: chosen.lambda,
          trainMeanScore: chosen.trainMeanScore,
          trainTotalCostUsd: chosen.trainTotalCostUsd,
          meanScore: point?.meanScore ?? Number.NaN,
          totalCostUsd: point?.totalCostUsd ?? Number.NaN,
          costSaved:
            point === undefined ? Number.NaN : 1 - point.totalCostUsd / bestSingle.totalCostUsd,
        },
      ];
    }),
  );
  const costSources = new Set(Object.values(matrix.costSource));
  const partialModels = matrix.modelIds.filter((_, column) => {
    for (let row = 0; row < rowCount; row += 1)
      if (Number.isNaN(matrix.scores[row * modelCount + column] ?? Number.NaN)) return true;
    return false;
  });
  const report: EvaluationReport = {
    dataset: basename(resolve(dataset.dataDir)),
    split: 'test',
    rows: rowCount,
    router: {
      contentHash: artifact.contentHash,
      createdAt: artifact.createdAt,
      hyperParameters: artifact.training.hyperParameters,
      costSaved: metrics.costSaved,
      costSavedTrainChosen: metrics.costSavedTrainChosen,
      costSavedIntervals: {
        bestPoint: intervals.costSaved,
        trainChosen: intervals.costSavedTrainChosen,
      },
      qualityAtHalfCost: metrics.qualityAtHalfCost,
      qualityAtHalfCostDelta:
        metrics.qualityAtHalfCost === null
          ? null
          : metrics.qualityAtHalfCost - bestSingle.meanScore,
      qualityAtHalfCostTrainChosen: metrics.qualityAtHalfCostTrainChosen,
      qualityAtHalfCostIntervals: {
        bestPoint: intervals.qualityAtHalfCost,
        delta: intervals.qualityAtHalfCostDelta,
        trainChosen: intervals.qualityAtHalfCostTrainChosen,
      },
      apgr: metrics.apgr,
      apgrInterval: intervals.apgr,
      aiq: metrics.aiq,
      aiqInterval: intervals.aiq,
      maxQuality: metrics.maxQuality,
      maxQualityInterval: intervals.maxQuality,
      operatingPoints,
      decisionObjective: DECISION_OBJECTIVE,
      decisionPicks: decisionPoint === undefined ? {} : countPicks(decisionPoint.choices),
      curve: curve.map((point) => ({
        lambda: lambdaToJson(point.lambda),
        meanScore: point.meanScore,
        totalCostUsd: point.totalCostUsd,
      })),
      hull: computeNonDecreasingHull(
        curve.map((point) => ({ costUsd: point.totalCostUsd, quality: point.meanScore })),
      ),
    },
    bestSingle: {
      model: matrix.modelIds[metrics.bestSingleIndex] ?? '',
      meanScore: bestSingle.meanScore,
      totalCostUsd: bestSingle.totalCostUsd,
    },
    oracle: {
      meanScore: oracle.meanScore,
      totalCostUsd: oracle.totalCostUsd,
      picks: countPicks(oracle.choices),
    },
    models: Object.fromEntries(
      matrix.modelIds.map((id, index) => [
        id,
        {
          meanScore: singles[index]?.meanScore ?? Number.NaN,
          totalCostUsd: singles[index]?.totalCostUsd ?? Number.NaN,
          costSource: matrix.costSource[id] ?? 'estimated',
        },
      ]),
    ),
    costNote: [
      costSources.has('estimated') || costSources.has('mixed')
        ? `Some costs are estimated: (ceil(characters / ${CHARACTERS_PER_TOKEN}) input tokens × input price + ${DEFAULT_OUTPUT_TOKENS} output tokens × output price) / 1e6 USD from models.json prices, or for a model without prices at its own recorded dollars per such token. Router, single models and oracle all use these same costs.`
        : 'All costs are the recorded per-call costUsd.',
      ...(partialModels.length > 0
        ? [
            `Some models answered only part of the prompts (${partialModels.join(', ')}): a single model's mean score is over the prompts it answered and its total cost is its mean cost per answered prompt × ${rowCount}; the router and the oracle choose, per prompt, among the models that answered it.`,
          ]
        : []),
    ].join(' '),
    excludedModels: matrix.excludedModels,
    modelsUnknownToRouter: unknownModels,
    bootstrap: { resamples: intervals.resamples, seed },
  };
  const decisions = (decisionPoint?.choices ?? new Int32Array(0)).reduce<
    { id: string; model: string }[]
  >((list, choice, row) => {
    list.push({ id: matrix.ids[row] ?? '', model: matrix.modelIds[choice] ?? '' });
    return list;
  }, []);
  return { report, decisions };
}

/** Options of {@link evaluateRouter}. */
export type EvaluateRouterOptions = Omit<
  EvaluateRouterOnDatasetOptions,
  'dataset' | 'router' | 'artifact'
> & {
  dataDir: string;
  routerFile: string;
  /** Folder receiving report.md, report.json, curve.svg and decisions.jsonl; created if missing. */
  reportDir: string;
};

/** `switchyard router evaluate --data DIR --router FILE --report DIR`: evaluates on `test` and writes the report files. */
export async function evaluateRouter({
  dataDir,
  routerFile,
  reportDir,
  ...options
}: EvaluateRouterOptions): Promise<EvaluationReport> {
  const dataset = await loadDataset({ dataDir });
  const loaded = await loadRouterArtifact(routerFile);
  const router = createLearnedRouterFromArtifact(loaded);
  const { report, decisions } = evaluateRouterOnDataset({
    dataset,
    router,
    artifact: loaded.artifact,
    ...options,
  });
  await writeEvaluationReport({ report, decisions, reportDir });
  return report;
}

/** Writes report.json, report.md, curve.svg and decisions.jsonl into `reportDir`. */
export async function writeEvaluationReport({
  report,
  decisions,
  reportDir,
}: EvaluationResult & { reportDir: string }): Promise<void> {
  await mkdir(reportDir, { recursive: true });
  await writeFile(join(reportDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`, 'utf8');
  await writeFile(join(reportDir, 'report.md'), formatReportMarkdown(report), 'utf8');
  await writeFile(join(reportDir, 'curve.svg'), renderCurveSvg(report), 'utf8');
  await writeFile(
    join(reportDir, 'decisions.jsonl'),
    decisions.map((decision) => JSON.stringify(decision)).join('\n') + '\n',
    'utf8',
  );
}
