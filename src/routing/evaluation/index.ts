export { bootstrapCurveMetrics } from './bootstrap.js';
export type { BootstrapOptions, CurveMetricIntervals, Interval } from './bootstrap.js';
export {
  computeAiq,
  computeApgr,
  computeNonDecreasingHull,
  integrateHull,
  interpolateHull,
} from './cost-quality-hull.js';
export type { CostQualityPoint } from './cost-quality-hull.js';
export { computeCurveMetrics, QUALITY_LEVELS } from './curve-metrics.js';
export type { CurveMetrics, QualityLevel, TrainChosenPoints } from './curve-metrics.js';
export {
  DECISION_OBJECTIVE,
  evaluateRouter,
  evaluateRouterOnDataset,
  writeEvaluationReport,
} from './evaluate-router.js';
export type {
  EvaluateRouterOnDatasetOptions,
  EvaluateRouterOptions,
  EvaluationResult,
} from './evaluate-router.js';
export { createProgressReporter, formatProgressBar } from './progress-bar.js';
export type { ProgressEvent, ProgressReporterOptions, ProgressStream } from './progress-bar.js';
export { formatReportMarkdown } from './report-markdown.js';
export type { EvaluationReport, SavingInterval, ScoreAndCost } from './report-types.js';
export { renderCurveSvg } from './render-curve-svg.js';
export {
  chooseByTradeOff,
  computeOracle,
  computeTradeOffCurve,
  computeTradeOffSummaries,
  createDefaultLambdaGrid,
  findBestSingleModel,
  findCheapestModel,
  computeTaskBalancedWeights,
  summarizeChoices,
  summarizeSingleModels,
} from './routing-outcomes.js';
export type {
  CurvePoint,
  CurveSummaryPoint,
  OutcomeTable,
  PolicyResult,
  PolicySummary,
  PredictionTable,
} from './routing-outcomes.js';
