import { z } from 'zod';

/** Exact match after normalisation: by default case and runs of whitespace are ignored. */
export const exactScorerSchema = z.strictObject({
  type: z.literal('exact'),
  /** Compare letter case too. Defaults to false. */
  isCaseSensitive: z.boolean().default(false),
  /** Collapse runs of whitespace to one space and trim. Defaults to true. */
  shouldNormaliseWhitespace: z.boolean().default(true),
  /** Drop leading and trailing punctuation (`"Paris."` → `Paris`). Defaults to false. */
  shouldStripPunctuation: z.boolean().default(false),
});

/** The answer must match a regular expression (`pattern`, or the task's `reference`). */
export const regexScorerSchema = z.strictObject({
  type: z.literal('regex'),
  /** JavaScript regular expression source; defaults to the task's `reference`. */
  pattern: z.string().min(1).optional(),
  /** Regular expression flags, e.g. `i`. Defaults to none. */
  flags: z
    .string()
    .regex(/^[dgimsuy]*$/, 'use JavaScript regex flags (d, g, i, m, s, u, y)')
    .default(''),
});

/** The last number in the answer must be within a tolerance of the numeric `reference`. */
export const numericScorerSchema = z.strictObject({
  type: z.literal('numeric'),
  /** Largest accepted |answer − reference|. Defaults to 1e-6. */
  absoluteTolerance: z.number().nonnegative().default(1e-6),
  /** Largest accepted |answer − reference| / |reference|. Defaults to 0 (off). */
  relativeTolerance: z.number().nonnegative().default(0),
});

/** The letter (A–E) the answer chooses must equal the `reference` letter. */
export const multipleChoiceScorerSchema = z.strictObject({
  type: z.literal('multiple-choice'),
});

/** The answer must be JSON (optionally in a ```json fence) that validates against `schema`. */
export const jsonSchemaScorerSchema = z.strictObject({
  type: z.literal('json-schema'),
  /** A JSON Schema in the supported subset (docs/evaluation.md). */
  schema: z.record(z.string(), z.unknown()),
});

/** An LLM judge: a configured chat model grades the answer (graded) or compares it with the reference (pairwise). */
export const judgeScorerSchema = z.strictObject({
  type: z.literal('judge'),
  /** The configured model id of the judge; defaults to `--judge-model`. */
  model: z.string().min(1).optional(),
  /** `graded`: a score on 1..maxScore; `pairwise`: which of two answers is better. Defaults to graded. */
  mode: z.enum(['graded', 'pairwise']).default('graded'),
  /** What a good answer looks like; shown to the judge. */
  rubric: z.string().min(1).default('Judge correctness first, then completeness and clarity.'),
  /** Top of the graded scale (1..maxScore). Defaults to 10. */
  maxScore: z.int().min(2).max(100).default(10),
});

/** How one task's answer is scored. */
export const scorerSpecSchema = z.discriminatedUnion('type', [
  exactScorerSchema,
  regexScorerSchema,
  numericScorerSchema,
  multipleChoiceScorerSchema,
  jsonSchemaScorerSchema,
  judgeScorerSchema,
]);

/** One turn of a multi-turn task. */
const suiteMessageSchema = z.strictObject({
  role: z.enum(['user', 'assistant']),
  content: z.string(),
});

/** Generation settings that a header or a task may set. */
const generationFields = {
  /** Output-token limit of each call. */
  maxOutputTokens: z.int().positive().optional(),
  /** Sampling temperature of each call. */
  temperature: z.number().min(0).max(2).optional(),
};

/** The optional first line of a suite: `{"suite": {...}}`, defaults for every task. */
export const suiteHeaderSchema = z.strictObject({
  suite: z.strictObject({
    /** Name shown in the dataset README. */
    name: z.string().min(1).optional(),
    /** Default task family. */
    task: z.string().min(1).optional(),
    /** Default system prompt. */
    system: z.string().optional(),
    /** Default scorer. */
    scorer: scorerSpecSchema.optional(),
    ...generationFields,
  }),
});

/** One task line of a suite. */
export const suiteTaskLineSchema = z
  .strictObject({
    /** Unique within the suite. */
    id: z.string().min(1),
    /** The user's text; give this or `messages`. */
    prompt: z.string().min(1).optional(),
    /** A conversation ending in a user turn; give this or `prompt`. */
    messages: z.array(suiteMessageSchema).min(1).optional(),
    system: z.string().optional(),
    /** Task family or benchmark name (the dataset's `task`). */
    task: z.string().min(1).optional(),
    /** Defaults to a hash-based 80/20 assignment of the id. */
    split: z.enum(['train', 'test']).optional(),
    /** The expected answer: text, a number, or several accepted texts. */
    reference: z.union([z.string(), z.number(), z.array(z.string()).min(1)]).optional(),
    scorer: scorerSpecSchema.optional(),
    ...generationFields,
  })
  .superRefine((line, context) => {
    if ((line.prompt === undefined) === (line.messages === undefined)) {
      context.addIssue({
        code: 'custom',
        path: ['prompt'],
        message: 'give exactly one of prompt (a string) and messages (a list of turns)',
      });
    }
    if (line.messages !== undefined && line.messages.at(-1)?.role !== 'user') {
      context.addIssue({
        code: 'custom',
        path: ['messages'],
        message: 'the last message must be a user turn',
      });
    }
  });

/** A validated scorer spec, defaults applied. */
export type ScorerSpec = z.output<typeof scorerSpecSchema>;
/** A scorer spec as written in a suite or `--scorer`. */
export type ScorerSpecInput = z.input<typeof scorerSpecSchema>;
/** A validated judge scorer spec. */
export type JudgeScorerSpec = z.output<typeof judgeScorerSchema>;
/** The defaults of a suite header line. */
export type SuiteHeader = z.output<typeof suiteHeaderSchema>['suite'];
/** One validated task line, before defaults are applied. */
export type SuiteTaskLine = z.output<typeof suiteTaskLineSchema>;

/** A task ready to run: defaults applied and its scorer checked against its reference. */
export type SuiteTask = {
  readonly id: string;
  readonly task: string;
  readonly split: 'train' | 'test';
  readonly system: string | undefined;
  /** The conversation, ending in a user turn. */
  readonly messages: ReadonlyArray<{
    readonly role: 'user' | 'assistant';
    readonly content: string;
  }>;
  /** The user turns joined by blank lines: the dataset's `prompt`. */
  readonly prompt: string;
  readonly reference: string | number | ReadonlyArray<string> | undefined;
  readonly scorer: ScorerSpec;
  readonly maxOutputTokens: number | undefined;
  readonly temperature: number | undefined;
  /** Short hash of everything that decides the result; a changed task is run again on resume. */
  readonly fingerprint: string;
  /** 1-based line of the suite file. */
  readonly lineNumber: number;
};
