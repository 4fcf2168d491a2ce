export { benchmarkDecision, createBenchmarkPrompt } from './benchmark-decision.js';
export type { BenchmarkDecisionOptions, DecisionTiming } from './benchmark-decision.js';
export {
  computeInverseDocumentFrequency,
  copySparseVector,
  createFeatureExtractor,
  DEFAULT_FEATURE_CONFIG,
  DENSE_FEATURE_COUNT,
  featureConfigSchema,
} from './feature-extractor.js';
export type {
  FeatureConfig,
  FeatureExtractor,
  FeatureExtractorOptions,
  SparseVector,
} from './feature-extractor.js';
export {
  createLearnedRouter,
  createLearnedRouterFromArtifact,
  loadLearnedRouter,
  NoKnownCandidateError,
} from './learned-router.js';
export type {
  CandidatePrediction,
  ChooseOptions,
  LearnedRouter,
  PredictOptions,
  RouterDecision,
  SkippedCandidate,
} from './learned-router.js';
export { chooseOperatingPoints, ROUTER_OBJECTIVES } from './operating-points.js';
export type { OperatingPoint, RouterObjective } from './operating-points.js';
export {
  computeContentHash,
  createRouterArtifact,
  formatRouterArtifact,
  loadRouterArtifact,
  parseRouterArtifact,
  RouterArtifactError,
  toCanonicalJson,
} from './router-artifact.js';
export type { CreateRouterArtifactOptions } from './router-artifact.js';
export {
  ROUTER_ARTIFACT_FORMAT,
  ROUTER_ARTIFACT_VERSION,
  routerArtifactSchema,
} from './router-artifact-schema.js';
export type { RouterArtifact } from './router-artifact-schema.js';
export type { RouterHyperParameters, RouterModel } from './router-model.js';
export type { DenseTaskModel } from './dense-task-model.js';
export { watchLearnedRouter } from './watch-learned-router.js';
export type { WatchedLearnedRouter, WatchLearnedRouterOptions } from './watch-learned-router.js';
export { assignFolds, createSeededRandom, shuffledIndices } from './seeded-random.js';
export type { RandomSource } from './seeded-random.js';
export {
  DEFAULT_CANDIDATE_SETTINGS,
  DEFAULT_CV_REPEATS,
  DEFAULT_DENSE_RIDGES,
  DEFAULT_DENSE_WEIGHTS,
  DEFAULT_RESIDUAL_WEIGHTS,
  trainRouter,
  trainRouterOnDataset,
} from './train-router.js';
export type {
  TrainRouterOnDatasetOptions,
  TrainRouterOptions,
  TrainRouterSummary,
} from './train-router.js';
