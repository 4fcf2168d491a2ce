import { z } from 'zod';
import { featureConfigSchema } from './feature-extractor.js';
import type { ROUTER_OBJECTIVES } from './operating-points.js';

/** `format` of a router artifact. */
export const ROUTER_ARTIFACT_FORMAT = 'switchyard-router';
/** Current `version` of the router artifact format. */
export const ROUTER_ARTIFACT_VERSION = 2;

const base64Schema = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');

/** A linear model: little-endian float32 weights, feature-major, base64. */
export const linearModelSchema = z.strictObject({
  dimension: z.number().int().positive(),
  outputCount: z.number().int().positive(),
  weights: base64Schema,
  bias: z.array(z.number()),
});

/** An operating point chosen on `train` (see `OperatingPoint`). */
export const operatingPointSchema = z.strictObject({
  lambda: z.number().nonnegative().nullable(),
  trainMeanScore: z.number(),
  trainTotalCostUsd: z.number(),
  isObjectiveMet: z.boolean(),
});

/** Hyper-parameters recorded in the artifact. */
export const hyperParametersSchema = z.strictObject({
  tableSmoothing: z.number().nonnegative(),
  residualL2: z.number().nonnegative().nullable(),
  residualEpochs: z.number().int().nonnegative(),
  residualLearningRate: z.number().nonnegative(),
  residualWeight: z.number(),
  clusterCount: z.number().int().nonnegative().optional(),
  clusterTemperature: z.number().nonnegative().optional(),
  clusterWeight: z.number().min(0).max(1).optional(),
  denseRidge: z.number().nonnegative().optional(),
  denseWeight: z.number().nonnegative().optional(),
});

/** The cluster table (see `ClusterQualityModel`): centroids, cluster-major score table (base64 float32). */
export const clusterQualitySchema = z.strictObject({
  centroids: linearModelSchema,
  table: base64Schema,
  temperature: z.number().positive(),
  weight: z.number().min(0).max(1),
});

/** The within-task dense-feature trend (see `DenseTaskModel`): base64 float32 means and coefficients. */
export const denseTaskSchema = z.strictObject({
  means: base64Schema,
  coefficients: base64Schema,
  ridge: z.number().nonnegative(),
  weight: z.number().nonnegative(),
});

/**
 * The router artifact written by `trainRouter` (JSON). `contentHash` is `sha256:<hex>` of the
 * canonical JSON (sorted keys, no spaces) of every field except `contentHash` and `createdAt`.
 */
export const routerArtifactSchema = z.strictObject({
  format: z.literal(ROUTER_ARTIFACT_FORMAT),
  version: z.literal(ROUTER_ARTIFACT_VERSION),
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  createdAt: z.string(),
  models: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        costPerCharacterUsd: z.number().nonnegative(),
        /** Cost intercept per task, in `tasks` order. */
        costPerTaskUsd: z.array(z.number()),
        /** Smoothed mean score per task, in `tasks` order. */
        taskMeanScore: z.array(z.number()),
      }),
    )
    .min(1),
  tasks: z.array(z.string()).min(1),
  features: featureConfigSchema.extend({ inverseDocumentFrequency: base64Schema }),
  taskClassifier: linearModelSchema,
  quality: z.strictObject({
    residual: linearModelSchema.nullable(),
    residualWeight: z.number(),
    clusters: clusterQualitySchema.nullable().optional(),
    denseTask: denseTaskSchema.nullable(),
  }),
  costScaleUsd: z.number().positive(),
  operatingPoints: z.strictObject({
    'max-quality': operatingPointSchema,
    'min-cost': operatingPointSchema,
    'best-single-quality': operatingPointSchema,
    'best-single-quality-99': operatingPointSchema,
    'best-single-quality-95': operatingPointSchema,
    'half-best-single-cost': operatingPointSchema,
  } satisfies Record<(typeof ROUTER_OBJECTIVES)[number], typeof operatingPointSchema>),
  training: z.strictObject({
    dataset: z.string(),
    trainRows: z.number().int().nonnegative(),
    folds: z.number().int().positive(),
    /** Cross-validation runs (fold seeds `seed`, `seed + 1`, ...) pooled for selection. */
    cvRepeats: z.number().int().positive().optional(),
    seed: z.number().int(),
    hyperParameters: hyperParametersSchema,
    candidates: z.array(
      z.strictObject({ hyperParameters: hyperParametersSchema, criterion: z.number() }),
    ),
    trainingMs: z.number().nonnegative(),
    /** Dataset models left out of training because no cost of theirs was known. */
    excludedModels: z.array(z.strictObject({ modelId: z.string(), reason: z.string() })).optional(),
  }),
});

/** A parsed (still base64-encoded) router artifact. */
export type RouterArtifact = z.infer<typeof routerArtifactSchema>;
