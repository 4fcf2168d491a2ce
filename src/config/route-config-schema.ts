import { z } from 'zod';
import { modelCatalogueOverrideSchema } from '../routing/catalogue/model-catalogue-entry.js';
import { TASK_FAMILIES } from '../routing/classifier/task-family.js';
import { ROUTER_OBJECTIVES } from '../routing/learned/operating-points.js';

const taskFamilySchema = z.enum(TASK_FAMILIES as [string, ...string[]], {
  error: () => `use a task family: ${TASK_FAMILIES.join(', ')}`,
});

const modelIdListSchema = z.array(z.string().min(1)).min(1, 'name at least one model id');

const qualitySchema = z.number().min(0).max(1);

/** Expected quality (0..1) of one model: a default and per task family. */
const qualityPriorSchema = z.union([
  qualitySchema,
  z
    .strictObject({ default: qualitySchema.optional() })
    .catchall(qualitySchema)
    .superRefine((value, context) => {
      for (const key of Object.keys(value)) {
        if (key !== 'default' && !(TASK_FAMILIES as readonly string[]).includes(key)) {
          context.addIssue({
            code: 'custom',
            path: [key],
            message: `unknown task family '${key}'; use default or one of ${TASK_FAMILIES.join(', ')}`,
          });
        }
      }
    }),
]);

/** Conditions of a rule; every condition given must hold. */
const ruleConditionSchema = z.strictObject({
  /** The request's task family is one of these. */
  task: z.array(taskFamilySchema).min(1).optional(),
  /** Estimated prompt tokens at least this many. */
  minInputTokens: z.int().min(0).optional(),
  /** Estimated prompt tokens at most this many. */
  maxInputTokens: z.int().min(0).optional(),
  /** The request defines tools (true) or does not (false). */
  tools: z.boolean().optional(),
  /** The request carries images (true) or does not (false). */
  images: z.boolean().optional(),
  /** The request asks for JSON output (true) or does not (false). */
  json: z.boolean().optional(),
  /** Request headers (names lower-case) equal to one of the values, e.g. `x-switchyard-tag: batch`. */
  headers: z
    .record(z.string().min(1), z.union([z.string(), z.array(z.string()).min(1)]))
    .optional(),
  /** The gateway API key's id is one of these. */
  keys: z.array(z.string().min(1)).min(1).optional(),
  /** The gateway API key's team is one of these. */
  teams: z.array(z.string().min(1)).min(1).optional(),
});

const routeCommonFields = {
  /** The virtual model name clients ask for (`auto`, `auto-cheap`, `coding`). */
  name: z.string().min(1),
  description: z.string().optional(),
  /** Models this route may choose from; defaults to every chat model. */
  candidates: z.array(z.string().min(1)).min(1).optional(),
  /** How many ranked models are tried in order (the first and its fallbacks). */
  maxTargets: z.int().min(1).max(10).default(3),
};

const constraintsSchema = z
  .strictObject({
    /** Exclude models whose predicted cost for the request is above this, in US dollars. */
    maxCostUsd: z.number().positive().optional(),
    /** Exclude models whose observed latency (EWMA) is above this, in ms. Unmeasured models pass. */
    maxLatencyMs: z.number().positive().optional(),
    /** Exclude models whose predicted quality is below this (0..1). */
    minQuality: qualitySchema.optional(),
  })
  .prefault({});

/** Quality per model: a number, or `{ default, <task family>: number }`. */
const qualityPriorsSchema = z.record(z.string().min(1), qualityPriorSchema).default({});

export const COST_QUALITY_PRESETS = ['quality', 'balanced', 'cost'] as const;

const rulesRouteSchema = z.strictObject({
  ...routeCommonFields,
  strategy: z.literal('rules'),
  rules: z
    .array(z.strictObject({ when: ruleConditionSchema, models: modelIdListSchema }))
    .min(1, 'give at least one rule'),
  /** Models used when no rule matches; defaults to the candidates in config order. */
  default: modelIdListSchema.optional(),
});

const costQualityRouteSchema = z.strictObject({
  ...routeCommonFields,
  strategy: z.literal('cost-quality'),
  /** `quality`: best predicted quality; `balanced`; `cost`: cheapest unless quality differs a lot. */
  preset: z.enum(COST_QUALITY_PRESETS).default('balanced'),
  /** Quality points given up per 10× price; overrides the preset. */
  priceWeight: z.number().min(0).optional(),
  constraints: constraintsSchema,
  /** Expected quality per model and task family (from your own evaluations). */
  qualityPriors: qualityPriorsSchema,
  /** A routing outcome dataset folder whose train split gives per-task quality means. */
  qualityPriorsFrom: z.string().min(1).optional(),
});

export const CASCADE_CHECKS = ['json', 'refusal', 'empty', 'truncated', 'verifier'] as const;

const cascadeRouteSchema = z.strictObject({
  ...routeCommonFields,
  strategy: z.literal('cascade'),
  /** Tried in order, cheapest first; the next is asked when a check fails. */
  models: z.array(z.string().min(1)).min(2, 'a cascade needs at least two models'),
  checks: z.array(z.enum(CASCADE_CHECKS)).min(1).default(['json', 'refusal', 'empty', 'truncated']),
  /** The `verifier` check: the answer must match `pattern` and have at least `minCharacters`. */
  verifier: z
    .strictObject({
      pattern: z
        .string()
        .min(1)
        .refine(
          (value) => {
            try {
              new RegExp(value);
              return true;
            } catch {
              return false;
            }
          },
          { message: 'must be a valid JavaScript regular expression' },
        )
        .optional(),
      minCharacters: z.int().min(0).default(0),
    })
    .optional(),
});

const leastLatencyRouteSchema = z.strictObject({
  ...routeCommonFields,
  strategy: z.literal('least-latency'),
});

const weightedRouteSchema = z.strictObject({
  ...routeCommonFields,
  strategy: z.literal('weighted'),
  /** Share of traffic per model id (any positive numbers; normalised). */
  weights: z
    .record(z.string().min(1), z.number().positive())
    .refine((weights) => Object.keys(weights).length > 0, { message: 'give at least one weight' }),
});

const learnedRouteSchema = z.strictObject({
  ...routeCommonFields,
  strategy: z.literal('learned'),
  /** A router artifact written by `switchyard router train`; reloaded when the file changes. */
  artifact: z.string().min(1),
  /** The operating point chosen on train, or an explicit `lambda`. */
  objective: z.enum(ROUTER_OBJECTIVES).default('best-single-quality'),
  lambda: z.number().min(0).optional(),
  /** Artifact model name → configured model id, where they differ. */
  modelMap: z.record(z.string().min(1), z.string().min(1)).default({}),
});

export const routeConfigSchema = z.discriminatedUnion('strategy', [
  rulesRouteSchema,
  costQualityRouteSchema,
  cascadeRouteSchema,
  leastLatencyRouteSchema,
  weightedRouteSchema,
  learnedRouteSchema,
]);

export const ROUTE_STRATEGIES = [
  'rules',
  'cost-quality',
  'cascade',
  'least-latency',
  'weighted',
  'learned',
] as const;

/** `catalogue`: where prices and capabilities come from, beyond the built-in table. */
export const catalogueConfigSchema = z
  .strictObject({
    /** A LiteLLM `model_prices_and_context_window.json` file; its entries replace built-in ones. */
    priceFile: z.string().min(1).optional(),
    /** Entries keyed by vendor model id; partial for known models, complete for new ones. */
    overrides: z.record(z.string().min(1), modelCatalogueOverrideSchema).default({}),
  })
  .prefault({});

export type RouteConfig = z.output<typeof routeConfigSchema>;
export type RouteStrategy = RouteConfig['strategy'];
export type CatalogueConfig = z.output<typeof catalogueConfigSchema>;
