import { z } from 'zod';

/** One model's measured outcome on one prompt (FORMAT.md, `outcomes[m]`). */
export const modelOutcomeSchema = z.object({
  score: z.number().min(0).max(1),
  costUsd: z.number().nonnegative().optional(),
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
  latencyMs: z.number().nonnegative().optional(),
  response: z.string().optional(),
});

/** One line of `outcomes.jsonl`: one prompt and how every model did on it. */
export const outcomeRecordSchema = z.object({
  id: z.string().min(1),
  task: z.string().min(1),
  split: z.enum(['train', 'test']),
  prompt: z.string(),
  outcomes: z
    .record(z.string().min(1), modelOutcomeSchema)
    .refine(
      (outcomes) => Object.keys(outcomes).length > 0,
      'at least one model outcome is required',
    ),
});

/** What `models.json` says about one model; prices are US dollars per million tokens. */
export const modelInfoSchema = z.object({
  vendor: z.string().optional(),
  inputUsdPerMillionTokens: z.number().nonnegative().optional(),
  outputUsdPerMillionTokens: z.number().nonnegative().optional(),
});

/** The whole `models.json` file. */
export const modelsFileSchema = z.object({
  models: z.record(z.string().min(1), modelInfoSchema),
});

/** A model's outcome on one prompt. */
export type ModelOutcome = z.infer<typeof modelOutcomeSchema>;
/** One validated line of `outcomes.jsonl`. */
export type OutcomeRecord = z.infer<typeof outcomeRecordSchema>;
/** Known facts about one model (vendor, prices per million tokens). */
export type ModelInfo = z.infer<typeof modelInfoSchema>;
/** The validated `models.json` file. */
export type ModelsFile = z.infer<typeof modelsFileSchema>;
/** Which part of a dataset a record belongs to. */
export type DatasetSplit = OutcomeRecord['split'];
