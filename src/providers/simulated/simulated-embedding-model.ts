import { createHash } from 'node:crypto';
import type {
  CallOptions,
  EmbeddingModel,
  EmbeddingRequest,
  EmbeddingResponse,
} from '../../spec/index.js';

/** Vector size of simulated embeddings when the request gives none. */
export const SIMULATED_EMBEDDING_DIMENSIONS = 256;

/** Inputs per simulated call, small so that the gateway's batching is exercised. */
export const SIMULATED_MAX_EMBEDDING_INPUTS = 16;

/**
 * A deterministic unit vector for a text: the same text and size always give the same vector,
 * different texts give unrelated ones. Seeded from SHA-256 of the text, values from xorshift32.
 */
export function createSeededUnitVector({
  text,
  dimensions,
}: {
  text: string;
  dimensions: number;
}): number[] {
  let state = createHash('sha256').update(text).digest().readUInt32LE(0) || 1;
  const values: number[] = [];
  let sumOfSquares = 0;
  for (let index = 0; index < dimensions; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    const value = state / 0x1_0000_0000 - 0.5;
    values.push(value);
    sumOfSquares += value * value;
  }
  const norm = Math.sqrt(sumOfSquares) || 1;
  // Rounded through float32, so float and base64 answers carry the same numbers.
  return values.map((value) => Math.fround(value / norm));
}

/** Simulated embeddings: hash-seeded unit vectors, no network, usage estimated from length. */
export class SimulatedEmbeddingModel implements EmbeddingModel {
  readonly provider: string;
  readonly modelId: string;
  readonly maxInputsPerCall = SIMULATED_MAX_EMBEDDING_INPUTS;
  private readonly dimensions: number;

  constructor({
    provider,
    modelId,
    dimensions,
  }: {
    provider: string;
    modelId: string;
    dimensions: number;
  }) {
    this.provider = provider;
    this.modelId = modelId;
    this.dimensions = dimensions;
  }

  embed(request: EmbeddingRequest, options: CallOptions): Promise<EmbeddingResponse> {
    if (options.abortSignal?.aborted) {
      const reason: unknown = options.abortSignal.reason;
      return Promise.reject(reason instanceof Error ? reason : new Error('The call was aborted.'));
    }
    const dimensions = request.dimensions ?? this.dimensions;
    return Promise.resolve({
      embeddings: request.inputs.map((text) => createSeededUnitVector({ text, dimensions })),
      modelId: this.modelId,
      usage: {
        inputTokens: request.inputs.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0),
      },
      warnings: [],
    });
  }
}
