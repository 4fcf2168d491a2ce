import { z } from 'zod';

/**
 * What the router knows about one model: who makes it, where it runs, what it can do and what it
 * costs. Prices are list prices in US dollars per million tokens.
 */
export type ModelCatalogueEntry = {
  /** The company whose model it is (`openai`, `anthropic`, `meta`, ...), not the host serving it. */
  readonly vendor: string;
  /** Where the model is served when that matters for price or residency (`us`, `eu`, `us-east-1`). */
  readonly region?: string;
  /** Largest prompt the model accepts, in tokens. */
  readonly contextWindowTokens: number;
  /** Largest completion the model produces in one call, in tokens. */
  readonly maxOutputTokens: number;
  /** Whether the model accepts tool (function) definitions. */
  readonly supportsTools: boolean;
  /** Whether the model accepts image input. */
  readonly supportsVision: boolean;
  /** Whether the model can be constrained to a JSON schema (structured output). */
  readonly supportsJsonSchema: boolean;
  /** Whether the model reasons ("thinks") before answering. */
  readonly supportsReasoning: boolean;
  /** Price of prompt tokens, in US dollars per million tokens. */
  readonly inputUsdPerMillionTokens: number;
  /** Price of completion tokens (reasoning tokens included), in US dollars per million tokens. */
  readonly outputUsdPerMillionTokens: number;
  /** Price of prompt tokens read from the vendor's prompt cache, in US dollars per million tokens. */
  readonly cachedInputUsdPerMillionTokens?: number;
  /** Free-form labels for routing rules (`flagship`, `small`, `code`, `open-weights`, `bedrock`). */
  readonly tags: readonly string[];
  /** Whether this is a *house* model: the operator's own or first-party model, preferred by policy. */
  readonly isHouse: boolean;
};

const tokenCountSchema = z.int().positive();
const usdPerMillionTokensSchema = z.number().nonnegative().finite();

/** Schema of a complete catalogue entry, as written in a data file or a config. */
export const modelCatalogueEntrySchema = z.strictObject({
  vendor: z.string().min(1),
  region: z.string().min(1).optional(),
  contextWindowTokens: tokenCountSchema,
  maxOutputTokens: tokenCountSchema,
  supportsTools: z.boolean(),
  supportsVision: z.boolean(),
  supportsJsonSchema: z.boolean(),
  supportsReasoning: z.boolean(),
  inputUsdPerMillionTokens: usdPerMillionTokensSchema,
  outputUsdPerMillionTokens: usdPerMillionTokensSchema,
  cachedInputUsdPerMillionTokens: usdPerMillionTokensSchema.optional(),
  tags: z.array(z.string().min(1)),
  isHouse: z.boolean(),
});

/**
 * Schema of a config override of one catalogue entry: any subset of the entry's fields. Embedded by
 * the gateway config as `catalogue.overrides.<modelId>`. An override of a model that neither the
 * built-in table nor an imported price file knows must be complete (see `resolveCatalogue`).
 */
export const modelCatalogueOverrideSchema = modelCatalogueEntrySchema.partial();

/** A config override of one catalogue entry; see {@link modelCatalogueOverrideSchema}. */
export type ModelCatalogueOverride = z.infer<typeof modelCatalogueOverrideSchema>;

/**
 * A resolved catalogue: entries keyed by lower-cased model id. Look entries up with
 * `lookupCatalogueEntry`, which also matches dated snapshots and prefixed ids.
 */
export type ModelCatalogue = ReadonlyMap<string, ModelCatalogueEntry>;
