import { describe, expect, it } from 'vitest';
import type { EmbeddingModel, EmbeddingRequest } from '../spec/index.js';
import { embedInBatches } from './embedding-batches.js';

function createRecordingModel({
  maxInputsPerCall,
  failOn,
}: {
  maxInputsPerCall: number;
  failOn?: string;
}): EmbeddingModel & { calls: string[][]; maxInFlight: number } {
  let inFlight = 0;
  const model = {
    provider: 'test',
    modelId: 'test-embed',
    maxInputsPerCall,
    calls: [] as string[][],
    maxInFlight: 0,
    async embed(request: EmbeddingRequest) {
      model.calls.push([...request.inputs]);
      inFlight += 1;
      model.maxInFlight = Math.max(model.maxInFlight, inFlight);
      // Later batches finish first, so order must come from the batch index, not completion.
      await new Promise((resolve) => setTimeout(resolve, 20 - model.calls.length));
      inFlight -= 1;
      if (failOn !== undefined && request.inputs.includes(failOn))
        throw new Error(`failed on ${failOn}`);
      return {
        embeddings: request.inputs.map((text) => [text.length]),
        modelId: 'test-embed',
        usage: { inputTokens: request.inputs.length },
        warnings: [{ type: 'other' as const, message: 'same warning' }],
      };
    },
  };
  return model;
}

describe('embedInBatches', () => {
  it('splits inputs into batches, keeps the order and sums the usage', async () => {
    const model = createRecordingModel({ maxInputsPerCall: 2 });
    const inputs = ['a', 'bb', 'ccc', 'dddd', 'eeeee'];
    const result = await embedInBatches({
      model,
      request: { inputs },
      maxConcurrentCalls: 2,
      abortSignal: new AbortController().signal,
    });
    expect(model.calls).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(result.embeddings).toEqual([[1], [2], [3], [4], [5]]);
    expect(result.usage.inputTokens).toBe(5);
    expect(result.warnings).toEqual([{ type: 'other', message: 'same warning' }]);
    expect(model.maxInFlight).toBeLessThanOrEqual(2);
  });

  it('rethrows the first failure and starts no further batches', async () => {
    const model = createRecordingModel({ maxInputsPerCall: 1, failOn: 'b' });
    await expect(
      embedInBatches({
        model,
        request: { inputs: ['a', 'b', 'c', 'd', 'e', 'f'] },
        maxConcurrentCalls: 2,
        abortSignal: new AbortController().signal,
      }),
    ).rejects.toThrow('failed on b');
    expect(model.calls.length).toBeLessThan(6);
  });

  it('stops when the client aborts', async () => {
    const model = createRecordingModel({ maxInputsPerCall: 1 });
    const controller = new AbortController();
    const reason = new Error('The client closed the connection.');
    const pending = embedInBatches({
      model,
      request: { inputs: ['a', 'b', 'c', 'd', 'e', 'f'] },
      maxConcurrentCalls: 1,
      abortSignal: controller.signal,
    });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    expect(model.calls.length).toBeLessThan(6);
  });
});
