import { randomUUID } from 'node:crypto';
import type { LanguageModel, ProviderV1 } from '../../spec/index.js';
import { createRandom } from './simulated-content.js';
import {
  SIMULATED_EMBEDDING_DIMENSIONS,
  SimulatedEmbeddingModel,
} from './simulated-embedding-model.js';
import { SimulatedLanguageModel } from './simulated-language-model.js';
import type { SimulatedReplaySettings } from './simulated-replay.js';

/** Settings of the simulated provider; every field has a default. */
export type SimulatedProviderSettings = {
  /** Provider instance id. Defaults to 'simulated'. */
  readonly id?: string;
  /** Delay before the first token, in ms. Defaults to 0. */
  readonly latencyMs?: number;
  /** Streaming speed in tokens a second; 0 sends at once. Defaults to 0. */
  readonly tokensPerSecond?: number;
  /** Answer length in tokens. Defaults to 24. */
  readonly outputTokens?: number;
  /** Share of calls failing with a simulated 503, 0..1. Defaults to 0. */
  readonly failureRate?: number;
  /** Seed of the failure draws. Defaults to 1. */
  readonly seed?: number;
  /** Id generator. Defaults to random UUIDs. */
  readonly generateId?: () => string;
  /** Size of simulated embedding vectors when a request gives no `dimensions`. Defaults to 256. */
  readonly embeddingDimensions?: number;
  /**
   * Answer recorded prompts with recorded outcomes (a model answers as the dataset model of the
   * same name did). Defaults to none: every answer is simulated.
   */
  readonly replay?: SimulatedReplaySettings;
};

/** Creates the simulated provider: deterministic local answers, for demos, benchmarks and fault tests. */
export function createSimulatedProvider({
  id = 'simulated',
  latencyMs = 0,
  tokensPerSecond = 0,
  outputTokens = 24,
  failureRate = 0,
  seed = 1,
  generateId = randomUUID,
  embeddingDimensions = SIMULATED_EMBEDDING_DIMENSIONS,
  replay,
}: SimulatedProviderSettings = {}): ProviderV1 {
  const random = createRandom(seed);
  const settings = {
    latencyMs,
    tokensPerSecond,
    outputTokens,
    failureRate,
    random,
    generateId,
    replay,
  };
  return {
    id,
    type: 'simulated',
    languageModel: (modelId: string): LanguageModel =>
      new SimulatedLanguageModel({ provider: id, modelId, settings }),
    embeddingModel: (modelId: string) =>
      new SimulatedEmbeddingModel({ provider: id, modelId, dimensions: embeddingDimensions }),
  };
}
