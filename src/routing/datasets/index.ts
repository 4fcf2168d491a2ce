export { DatasetError, formatDatasetIssues } from './dataset-error.js';
export type { DatasetLineIssue } from './dataset-error.js';
export {
  CHARACTERS_PER_TOKEN,
  DEFAULT_OUTPUT_TOKENS,
  estimateCallCostUsd,
  estimateTokenCount,
} from './estimate-cost.js';
export type { EstimateCallCostOptions } from './estimate-cost.js';
export {
  importRouterBenchCsv,
  importRouterBenchDataset,
  readRouterBenchCsv,
} from './import-routerbench-csv.js';
export type {
  ImportRouterBenchCsvOptions,
  ImportRouterBenchCsvResult,
  ImportRouterBenchDatasetOptions,
  ImportRouterBenchDatasetSummary,
  RouterBenchImportOptions,
} from './import-routerbench-csv.js';
export { assignSplit, idHashFraction } from './split-by-id.js';
export type { SplitRule } from './split-by-id.js';
export { loadDataset, loadModelsFile } from './load-dataset.js';
export type { Dataset, LoadDatasetOptions } from './load-dataset.js';
export {
  formatZodIssues,
  loadOutcomes,
  parseOutcomeLine,
  readOutcomeLines,
} from './load-outcomes.js';
export type { LoadOutcomesResult, OutcomeLine } from './load-outcomes.js';
export { buildOutcomeMatrix, selectMatrixRows } from './outcome-matrix.js';
export type {
  BuildOutcomeMatrixOptions,
  CostSource,
  ExcludedModel,
  OutcomeMatrix,
} from './outcome-matrix.js';
export {
  modelInfoSchema,
  modelOutcomeSchema,
  modelsFileSchema,
  outcomeRecordSchema,
} from './outcome-schema.js';
export type {
  DatasetSplit,
  ModelInfo,
  ModelOutcome,
  ModelsFile,
  OutcomeRecord,
} from './outcome-schema.js';
export { createCsvParser, CsvSyntaxError, parseCsv } from './parse-csv.js';
export type { CsvParser } from './parse-csv.js';
export { parsePythonStringList } from './parse-python-string-list.js';
