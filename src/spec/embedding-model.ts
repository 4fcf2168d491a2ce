import type { CallOptions } from './language-model.js';
import type { Warning } from './warning.js';

/** A request for embeddings of one or more texts. */
export type EmbeddingRequest = {
  readonly inputs: ReadonlyArray<string>;
  /** Requested vector size, where the model can shorten its vectors. */
  readonly dimensions?: number;
  /** An end-user identifier for the vendor's abuse monitoring. */
  readonly user?: string;
  readonly providerOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
};

/** Embeddings in input order, with the tokens the vendor counted. */
export type EmbeddingResponse = {
  readonly embeddings: ReadonlyArray<ReadonlyArray<number>>;
  /** The model that answered, as the vendor names it. */
  readonly modelId: string;
  readonly usage: { readonly inputTokens: number };
  readonly warnings: ReadonlyArray<Warning>;
};

/** One embedding model of one provider. */
export type EmbeddingModel = {
  readonly provider: string;
  readonly modelId: string;
  /** Most inputs the vendor accepts in one call; the gateway splits larger requests. */
  readonly maxInputsPerCall: number;
  embed(request: EmbeddingRequest, options: CallOptions): Promise<EmbeddingResponse>;
};
