import type {
  CallOptions,
  EmbeddingModel,
  EmbeddingRequest,
  EmbeddingResponse,
  Warning,
} from '../spec/index.js';

/** Options of {@link embedInBatches}. */
export type EmbedInBatchesOptions = {
  readonly model: EmbeddingModel;
  readonly request: EmbeddingRequest;
  /** Most upstream calls in flight at once. Defaults to 4. */
  readonly maxConcurrentCalls?: number;
  readonly abortSignal: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
};

/**
 * Embeds any number of inputs through a model that takes at most `maxInputsPerCall` per call:
 * splits the inputs into batches, runs up to `maxConcurrentCalls` at once, and joins the results
 * in input order with the usage summed and the warnings de-duplicated. The first failure cancels
 * the calls still running and is rethrown; an abort of `abortSignal` cancels them all.
 */
export async function embedInBatches({
  model,
  request,
  maxConcurrentCalls = 4,
  abortSignal,
  headers,
}: EmbedInBatchesOptions): Promise<EmbeddingResponse> {
  const batchSize = Math.max(1, Math.floor(model.maxInputsPerCall));
  const batches: string[][] = [];
  for (let start = 0; start < request.inputs.length; start += batchSize) {
    batches.push(request.inputs.slice(start, start + batchSize));
  }
  if (batches.length === 1) {
    return model.embed(request, { abortSignal, ...(headers ? { headers } : {}) });
  }
  const controller = new AbortController();
  const forwardAbort = (): void => controller.abort(abortSignal.reason);
  if (abortSignal.aborted) forwardAbort();
  else abortSignal.addEventListener('abort', forwardAbort, { once: true });
  const options: CallOptions = { abortSignal: controller.signal, ...(headers ? { headers } : {}) };
  const results = new Array<EmbeddingResponse | undefined>(batches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length && !controller.signal.aborted) {
      const index = next++;
      results[index] = await model.embed({ ...request, inputs: batches[index] ?? [] }, options);
    }
  };
  try {
    const workers = Array.from({ length: Math.min(maxConcurrentCalls, batches.length) }, worker);
    await Promise.all(
      workers.map((running) =>
        running.catch((error: unknown) => {
          // The first failure stops the other batches; their own abort errors are not reported.
          if (!controller.signal.aborted) controller.abort(error);
          throw error;
        }),
      ),
    );
  } catch (error) {
    throw abortSignal.aborted ? abortReason(abortSignal) : firstCause(controller, error);
  } finally {
    abortSignal.removeEventListener('abort', forwardAbort);
  }
  // A model that ignores its signal still returns; the batches after the abort never ran.
  if (abortSignal.aborted) throw abortReason(abortSignal);
  return joinResponses(results);
}

function abortReason(abortSignal: AbortSignal): Error {
  const reason: unknown = abortSignal.reason;
  return reason instanceof Error ? reason : new Error('The embeddings request was aborted.');
}

/** The failure that stopped the batches (the abort reason), not a later abort error. */
function firstCause(controller: AbortController, error: unknown): unknown {
  const reason: unknown = controller.signal.reason;
  return reason instanceof Error ? reason : error;
}

function joinResponses(results: ReadonlyArray<EmbeddingResponse | undefined>): EmbeddingResponse {
  const embeddings: Array<ReadonlyArray<number>> = [];
  const warnings = new Map<string, Warning>();
  let inputTokens = 0;
  let modelId = '';
  for (const result of results) {
    if (!result) throw new Error('An embedding batch finished without a result.');
    embeddings.push(...result.embeddings);
    inputTokens += result.usage.inputTokens;
    modelId ||= result.modelId;
    for (const warning of result.warnings) warnings.set(JSON.stringify(warning), warning);
  }
  return { embeddings, modelId, usage: { inputTokens }, warnings: [...warnings.values()] };
}
