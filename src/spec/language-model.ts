import type { CanonicalRequest } from './canonical-request.js';
import type { EmbeddingModel } from './embedding-model.js';
import type { CanonicalResponse } from './canonical-response.js';
import type { StreamEvent } from './stream-event.js';
import type { Warning } from './warning.js';

/** Per-call options a provider receives alongside the request. */
export type CallOptions = {
  /** Aborts the upstream call (client disconnect, deadline). Never retried. */
  readonly abortSignal?: AbortSignal;
  /** Extra HTTP headers for the upstream call. */
  readonly headers?: Readonly<Record<string, string>>;
};

/**
 * A started stream: resolved once the upstream accepted the call (status 2xx received), so that
 * failures before the first byte can still fall back to another target.
 */
export type StreamResult = {
  readonly stream: AsyncIterable<StreamEvent>;
  /** Warnings known before the first event (parameters the target cannot honour). */
  readonly warnings: ReadonlyArray<Warning>;
};

/** Token count of a request, and whether it is the vendor's exact count or an estimate. */
export type TokenCount = { readonly inputTokens: number; readonly isEstimate: boolean };

/** One model of one provider, callable with canonical requests (STYLE.md rule 2). */
export type LanguageModel = {
  /** Provider instance id from the config, e.g. `openai` or `local-ollama`. */
  readonly provider: string;
  /** The vendor's model name, e.g. `gpt-4o-mini`. */
  readonly modelId: string;
  generate(request: CanonicalRequest, options: CallOptions): Promise<CanonicalResponse>;
  stream(request: CanonicalRequest, options: CallOptions): Promise<StreamResult>;
  /** Exact token counting, where the vendor offers it. */
  countTokens?(request: CanonicalRequest, options: CallOptions): Promise<TokenCount>;
};

/** A model listed by a provider's own discovery endpoint. */
export type DiscoveredModel = { readonly id: string };

/** A configured vendor endpoint that creates language models (STYLE.md rule 3). */
export type ProviderV1 = {
  /** Provider instance id. */
  readonly id: string;
  /** Wire protocol / vendor type, e.g. `openai`, `anthropic`, `simulated`. */
  readonly type: string;
  languageModel(modelId: string): LanguageModel;
  /** Embedding models, for providers that have them; others throw or leave this out. */
  embeddingModel?(modelId: string): EmbeddingModel;
  /** Lists the models the upstream serves, where it can. */
  listModels?(options: CallOptions): Promise<ReadonlyArray<DiscoveredModel>>;
  /** Releases pooled connections. */
  close?(): Promise<void>;
};
