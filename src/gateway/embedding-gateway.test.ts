import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/index.js';
import type { CanonicalRequest } from '../spec/index.js';
import { createProviders } from './create-providers.js';
import { EmbeddingGateway } from './embedding-gateway.js';
import { Gateway } from './gateway.js';
import type { CallOutcome, GatewayCall, GatewayStage, StageContext } from './gateway-stage.js';
import { ModelRegistry } from './model-registry.js';

function createRegistry(): ModelRegistry {
  const config = parseConfig({
    raw: {
      providers: { sim: { type: 'simulated' } },
      models: [
        { id: 'chat', provider: 'sim' },
        { id: 'embed', provider: 'sim', kind: 'embedding' },
      ],
    },
    env: {},
    source: 'test',
  });
  return new ModelRegistry({ config, providers: createProviders({ config, env: {} }) });
}

function createCall({
  requestedModel,
  dialect,
  request,
}: {
  requestedModel: string;
  dialect: GatewayCall['dialect'];
  request: CanonicalRequest;
}): GatewayCall {
  return {
    requestId: 'req-1',
    dialect,
    requestedModel,
    request,
    warnings: [],
    keyId: undefined,
    headers: {},
    abortSignal: new AbortController().signal,
    startedAtMs: Date.now(),
    startedAtMonotonicMs: performance.now(),
  };
}

const userText = (text: string): CanonicalRequest => ({
  messages: [{ role: 'user', content: [{ type: 'text', text }] }],
});

/** Records what the stages see, as a policy hook and a ledger would. */
function createRecordingStage(): GatewayStage & {
  readonly seen: StageContext['targets'][];
  readonly outcomes: CallOutcome[];
} {
  const seen: StageContext['targets'][] = [];
  const outcomes: CallOutcome[] = [];
  return {
    name: 'recording',
    seen,
    outcomes,
    beforeCall(context) {
      seen.push([...context.targets]);
    },
    afterCall(outcome) {
      outcomes.push(outcome);
    },
  };
}

describe('EmbeddingGateway stages', () => {
  it('shows the stages an embedding target of kind embedding, with no chat model', async () => {
    const recording = createRecordingStage();
    const routing: GatewayStage = {
      name: 'routing',
      beforeCall() {
        throw new Error('the routing stage must not run for embeddings');
      },
    };
    const gateway = new EmbeddingGateway({
      registry: createRegistry(),
      stages: [routing, recording],
    });
    const result = await gateway.embed({
      call: createCall({
        requestedModel: 'embed',
        dialect: 'openai-embeddings',
        request: userText('hello'),
      }),
      request: { inputs: ['hello', 'world'] },
    });
    expect(result.response.embeddings).toHaveLength(2);
    expect(recording.seen).toHaveLength(1);
    expect(recording.seen[0]?.map((target) => [target.kind, target.modelId])).toEqual([
      ['embedding', 'embed'],
    ]);
    expect(recording.outcomes).toHaveLength(1);
    const outcome = recording.outcomes[0];
    expect(outcome?.statusCode).toBe(200);
    expect(outcome?.target).toMatchObject({
      kind: 'embedding',
      modelId: 'embed',
      providerId: 'sim',
    });
    expect(outcome?.target).not.toHaveProperty('model');
    expect(outcome?.usage).toEqual({ inputTokens: expect.any(Number), outputTokens: 0 });
  });

  it('the chat path refuses an embedding target a stage chose, and records the failure', async () => {
    const registry = createRegistry();
    const recording = createRecordingStage();
    const wrongChoice: GatewayStage = {
      name: 'wrong-choice',
      beforeCall(context) {
        context.targets = [registry.resolveEmbedding('embed')];
      },
    };
    const gateway = new Gateway({ stages: [wrongChoice, recording] });
    await expect(
      gateway.generate(
        createCall({ requestedModel: 'chat', dialect: 'openai-chat', request: userText('hi') }),
      ),
    ).rejects.toMatchObject({ code: 'internal_error' });
    expect(recording.outcomes[0]?.target).toMatchObject({ kind: 'embedding', modelId: 'embed' });
    expect(recording.outcomes[0]?.statusCode).toBe(500);
  });
});
