import { describe, expect, it } from 'vitest';
import { InvalidRequestError, ProviderCallError, type LanguageModel } from '../spec/index.js';
import { CircuitBreakers } from './circuit-breakers.js';
import { AllTargetsFailedError, executePlan, type RetryPolicy } from './execute-plan.js';
import type { ResolvedTarget } from './model-registry.js';

function target(modelId: string): ResolvedTarget {
  return {
    kind: 'chat',
    modelId,
    providerId: `${modelId}-provider`,
    providerType: 'test',
    vendorModel: modelId,
    model: {} as LanguageModel,
    configPath: `models[${modelId}]`,
  };
}

function upstreamError(statusCode: number, retryAfterMs?: number): ProviderCallError {
  return new ProviderCallError({
    provider: 'p',
    modelId: 'm',
    url: 'http://upstream',
    statusCode,
    message: `upstream ${statusCode}`,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

const policy: RetryPolicy = {
  maxRetriesPerTarget: 1,
  initialDelayMs: 100,
  maxDelayMs: 1_000,
  maxRetryAfterMs: 2_000,
  circuitFailureThreshold: 0,
  circuitCooldownMs: 30_000,
};

/** Runs a plan where each target answers with the scripted outcomes, recording calls and sleeps. */
async function run(script: Record<string, Array<Error | 'ok'>>, targets = Object.keys(script)) {
  const calls: string[] = [];
  const sleeps: number[] = [];
  const outcome = await executePlan({
    targets: targets.map(target),
    call: (chosen) => {
      calls.push(chosen.modelId);
      const next = script[chosen.modelId]?.shift() ?? 'ok';
      return next === 'ok'
        ? Promise.resolve(`answer from ${chosen.modelId}`)
        : Promise.reject(next);
    },
    policy,
    abortSignal: new AbortController().signal,
    random: () => 0.5,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
  }).then(
    (result) => ({ result, error: undefined }),
    (error: unknown) => ({ result: undefined, error }),
  );
  return { ...outcome, calls, sleeps };
}

describe('executePlan', () => {
  it('returns the first answer without retrying', async () => {
    const { result, calls } = await run({ a: ['ok'], b: ['ok'] });
    expect(result?.result).toBe('answer from a');
    expect(calls).toEqual(['a']);
    expect(result?.warnings).toEqual([]);
  });

  it('retries a retryable failure once with jittered backoff, then succeeds', async () => {
    const { result, calls, sleeps } = await run({ a: [upstreamError(503), 'ok'] });
    expect(result?.result).toBe('answer from a');
    expect(calls).toEqual(['a', 'a']);
    expect(sleeps).toEqual([75]);
    expect(result?.attempts.map((attempt) => attempt.error?.code)).toEqual([
      'upstream_unavailable',
    ]);
  });

  it('waits as long as retry-after asks, up to the cap', async () => {
    const { sleeps } = await run({ a: [upstreamError(429, 1_500), 'ok'] });
    expect(sleeps).toEqual([1_500]);
  });

  it('falls back to the next target instead of waiting past the retry-after cap, and says so', async () => {
    const { result, calls, sleeps } = await run({ a: [upstreamError(429, 60_000)], b: ['ok'] });
    expect(calls).toEqual(['a', 'b']);
    expect(sleeps).toEqual([]);
    expect(result?.target.modelId).toBe('b');
    expect(result?.warnings).toEqual([
      { type: 'other', message: "model 'a' failed (rate_limited); fell back to 'b'" },
    ]);
  });

  it('falls back when the vendor refuses the gateway credentials, without retrying them', async () => {
    const { result, calls } = await run({ a: [upstreamError(401)], b: ['ok'] });
    expect(calls).toEqual(['a', 'b']);
    expect(result?.target.modelId).toBe('b');
  });

  it('does not fall back on a request the vendor rejected as invalid', async () => {
    const { error, calls } = await run({ a: [upstreamError(400)], b: ['ok'] });
    expect(calls).toEqual(['a']);
    expect(ProviderCallError.isInstance(error) && error.code).toBe('upstream_rejected');
  });

  it('rethrows a single target’s own error after its retries', async () => {
    const { error, calls } = await run({ a: [upstreamError(500), upstreamError(502)] });
    expect(calls).toEqual(['a', 'a']);
    expect(ProviderCallError.isInstance(error) && error.upstreamStatusCode).toBe(502);
  });

  it('reports every attempt when all targets fail, with the last failure’s code and retry hint', async () => {
    const { error, calls } = await run({
      a: [upstreamError(503), upstreamError(503)],
      b: [upstreamError(429, 30_000)],
    });
    expect(calls).toEqual(['a', 'a', 'b']);
    expect(error).toBeInstanceOf(AllTargetsFailedError);
    if (!(error instanceof AllTargetsFailedError)) return;
    expect(error.code).toBe('rate_limited');
    expect(error.statusCode).toBe(429);
    expect(error.retryAfterMs).toBe(30_000);
    expect(error.attempts.map((attempt) => attempt.modelId)).toEqual(['a', 'a', 'b']);
    expect(error.message).toMatch(
      /Every target failed \(a \(upstream_unavailable\), a \(upstream_unavailable\), b \(rate_limited\)\)/,
    );
  });

  it('never retries after an abort', async () => {
    const controller = new AbortController();
    const calls: string[] = [];
    const error: unknown = await executePlan({
      targets: [target('a'), target('b')],
      call: () => {
        calls.push('a');
        controller.abort();
        return Promise.reject(upstreamError(503));
      },
      policy,
      abortSignal: controller.signal,
    }).catch((caught: unknown) => caught);
    expect(calls).toEqual(['a']);
    expect(ProviderCallError.isInstance(error)).toBe(true);
  });

  it('passes a client error from a stage-free call straight through', async () => {
    const { error } = await run({ a: [new InvalidRequestError({ message: 'bad' })], b: ['ok'] });
    expect(InvalidRequestError.isInstance(error)).toBe(true);
  });
});

describe('executePlan with circuit breakers', () => {
  it('skips a deployment whose circuit is open and says so, then tries it again after the cool-down', async () => {
    let nowMs = 0;
    const breakers = new CircuitBreakers({
      settings: { failureThreshold: 2, cooldownMs: 1_000 },
      now: () => nowMs,
    });
    const calls: string[] = [];
    const plan = (failing: boolean) =>
      executePlan({
        targets: [target('a'), target('b')],
        call: (chosen) => {
          calls.push(chosen.modelId);
          return chosen.modelId === 'a' && failing
            ? Promise.reject(upstreamError(503))
            : Promise.resolve(chosen.modelId);
        },
        policy: { ...policy, maxRetriesPerTarget: 0 },
        abortSignal: new AbortController().signal,
        breakers,
      });
    await plan(true);
    await plan(true);
    expect(breakers.state('a-provider/a')).toBe('open');
    calls.length = 0;
    const skipped = await plan(true);
    expect(calls).toEqual(['b']);
    expect(skipped.warnings).toEqual([
      { type: 'other', message: "skipped model 'a': its circuit is open after repeated failures" },
    ]);
    nowMs = 1_000;
    expect(breakers.state('a-provider/a')).toBe('half-open');
    calls.length = 0;
    const recovered = await plan(false);
    expect(calls).toEqual(['a']);
    expect(recovered.target.modelId).toBe('a');
    expect(breakers.state('a-provider/a')).toBe('closed');
  });

  it('re-opens a half-open circuit on its first failure', () => {
    let nowMs = 0;
    const breakers = new CircuitBreakers({
      settings: { failureThreshold: 3, cooldownMs: 100 },
      now: () => nowMs,
    });
    for (let index = 0; index < 3; index++) breakers.recordFailure('k');
    nowMs = 100;
    expect(breakers.state('k')).toBe('half-open');
    breakers.recordFailure('k');
    expect(breakers.state('k')).toBe('open');
  });

  it('tries every target anyway when all circuits are open', async () => {
    const breakers = new CircuitBreakers({ settings: { failureThreshold: 1, cooldownMs: 60_000 } });
    breakers.recordFailure('a-provider/a');
    breakers.recordFailure('b-provider/b');
    const result = await executePlan({
      targets: [target('a'), target('b')],
      call: (chosen) => Promise.resolve(chosen.modelId),
      abortSignal: new AbortController().signal,
      breakers,
    });
    expect(result.target.modelId).toBe('a');
  });
});
