import { setTimeout as delay } from 'node:timers/promises';
import { GatewayError, toGatewayError, type Warning } from '../spec/index.js';
import { circuitKey, type CircuitBreakers } from './circuit-breakers.js';
import type { ResolvedTarget } from './model-registry.js';

/** How failed upstream calls are retried and when the next target is tried. */
export type RetryPolicy = {
  /** Extra tries of the same target after a retryable failure. */
  readonly maxRetriesPerTarget: number;
  /** First backoff, in ms; doubles per retry, with jitter. */
  readonly initialDelayMs: number;
  /** Longest backoff, in ms. */
  readonly maxDelayMs: number;
  /** A `retry-after` longer than this (ms) moves on to the next target instead of waiting. */
  readonly maxRetryAfterMs: number;
  /** Consecutive failures that open a deployment's circuit; 0 disables circuit breaking. */
  readonly circuitFailureThreshold: number;
  /** How long an open circuit keeps a deployment out, in ms. */
  readonly circuitCooldownMs: number;
};

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  maxRetriesPerTarget: 1,
  initialDelayMs: 250,
  maxDelayMs: 4_000,
  maxRetryAfterMs: 10_000,
  circuitFailureThreshold: 5,
  circuitCooldownMs: 30_000,
});

/** One upstream call made for a request. */
export type Attempt = {
  readonly modelId: string;
  readonly providerId: string;
  readonly error: GatewayError | undefined;
  /** Why a successful answer was passed over (a cascade check), when it was. */
  readonly rejectedBecause?: string;
};

/** A cascade's verdict on an answer: keep it, or move on to the next target and say why. */
export type Acceptance<TResult> =
  | { readonly accepted: true; readonly result: TResult }
  | { readonly accepted: false; readonly result: TResult; readonly reason: string };

/** What a plan produced: the result, the target that produced it, and the tries before it. */
export type PlanResult<TResult> = {
  readonly result: TResult;
  readonly target: ResolvedTarget;
  readonly attempts: ReadonlyArray<Attempt>;
  /** One warning per fallback, naming what failed. */
  readonly warnings: ReadonlyArray<Warning>;
};

/** Every target failed; carries the last failure's code and status, and every attempt. */
export class AllTargetsFailedError extends GatewayError {
  readonly attempts: ReadonlyArray<Attempt>;
  readonly retryAfterMs: number | undefined;

  constructor({ attempts, last }: { attempts: ReadonlyArray<Attempt>; last: GatewayError }) {
    const summary = attempts
      .map(
        (attempt) =>
          `${attempt.modelId} (${attempt.error?.code ?? `answer rejected: ${attempt.rejectedBecause ?? 'ok'}`})`,
      )
      .join(', ');
    super({
      code: last.code,
      message: `Every target failed (${summary}). Last error: ${last.message}`,
      cause: last,
      isRetryable: last.isRetryable,
    });
    this.attempts = attempts;
    this.retryAfterMs =
      'retryAfterMs' in last && typeof last.retryAfterMs === 'number'
        ? last.retryAfterMs
        : undefined;
  }
}

/** Failures another target may not have: vendor overload, timeouts, and the vendor refusing our own credentials. */
function shouldTryNextTarget(error: GatewayError): boolean {
  return error.isRetryable || error.code === 'upstream_error';
}

/** Failures that say the deployment itself is unwell (and so count towards opening its circuit). */
const isDeploymentFailure = shouldTryNextTarget;

/**
 * Runs `call` on the targets in order (STYLE.md rule 12): retries a target on retryable failures
 * with jittered exponential backoff that honours `retry-after`, then falls back to the next one.
 * Never retries after an abort. A single-target plan rethrows that target's own error.
 */
export async function executePlan<TResult>({
  targets,
  call,
  policy = DEFAULT_RETRY_POLICY,
  abortSignal,
  random = Math.random,
  sleep = (ms, signal) => delay(ms, undefined, { signal }),
  breakers,
  accept,
}: {
  targets: ReadonlyArray<ResolvedTarget>;
  /** Deployments with an open circuit are skipped while another target remains. */
  breakers?: CircuitBreakers;
  call: (target: ResolvedTarget) => Promise<TResult>;
  policy?: RetryPolicy;
  abortSignal: AbortSignal;
  random?: () => number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<unknown>;
  /**
   * Checks a successful answer (a cascade). A rejected answer moves on to the next target; the
   * last target's answer is kept whatever the check says, with a warning.
   */
  accept?: (result: TResult, target: ResolvedTarget) => Promise<Acceptance<TResult>>;
}): Promise<PlanResult<TResult>> {
  const attempts: Attempt[] = [];
  const warnings: Warning[] = [];
  let last: GatewayError | undefined;
  const usable = breakers ? selectUsableTargets({ targets, breakers, warnings }) : targets;
  // A cascade answer passed over; kept when every later target fails.
  let passedOver: { result: TResult; target: ResolvedTarget } | undefined;
  const giveUp = (error: GatewayError): PlanResult<TResult> => {
    if (!passedOver) throw error;
    warnings.push({
      type: 'other',
      message: `cascade: escalation failed (${error.code}); kept the answer of '${passedOver.target.modelId}'`,
    });
    return { ...passedOver, attempts, warnings };
  };
  for (const [targetIndex, target] of usable.entries()) {
    const key = breakers ? circuitKey(target) : '';
    for (let retry = 0; ; retry++) {
      let result: TResult;
      try {
        result = await call(target);
        breakers?.recordSuccess(key);
      } catch (caught) {
        if (abortSignal.aborted) throw caught;
        const error = toGatewayError(caught);
        attempts.push({ modelId: target.modelId, providerId: target.providerId, error });
        last = error;
        if (breakers && isDeploymentFailure(error)) breakers.recordFailure(key);
        if (targets.length === 1 && !error.isRetryable) throw error;
        if (!shouldTryNextTarget(error))
          return giveUp(
            attempts.length === 1 ? error : new AllTargetsFailedError({ attempts, last: error }),
          );
        const waitMs = retryDelayMs({ error, retry, policy, random });
        if (waitMs === undefined) {
          const next = usable[targetIndex + 1];
          if (next) {
            warnings.push({
              type: 'other',
              message: `model '${target.modelId}' failed (${error.code}); fell back to '${next.modelId}'`,
            });
          }
          break;
        }
        await sleep(waitMs, abortSignal);
        continue;
      }
      if (!accept) return { result, target, attempts, warnings };
      const verdict = await accept(result, target);
      const next = usable[targetIndex + 1];
      if (verdict.accepted) return { result: verdict.result, target, attempts, warnings };
      if (!next) {
        warnings.push({
          type: 'other',
          message: `cascade: kept the answer of '${target.modelId}', the last model, though ${verdict.reason}`,
        });
        return { result: verdict.result, target, attempts, warnings };
      }
      attempts.push({
        modelId: target.modelId,
        providerId: target.providerId,
        error: undefined,
        rejectedBecause: verdict.reason,
      });
      passedOver = { result: verdict.result, target };
      warnings.push({
        type: 'other',
        message: `cascade: '${target.modelId}' answered but ${verdict.reason}; escalated to '${next.modelId}'`,
      });
      break;
    }
  }
  if (!last)
    throw new GatewayError({ code: 'internal_error', message: 'The plan had no targets.' });
  return giveUp(targets.length === 1 ? last : new AllTargetsFailedError({ attempts, last }));
}

/**
 * The targets whose circuit lets a call through, in order; when every circuit is open the plan
 * is kept whole, since trying an unwell deployment beats failing without trying.
 */
function selectUsableTargets({
  targets,
  breakers,
  warnings,
}: {
  targets: ReadonlyArray<ResolvedTarget>;
  breakers: CircuitBreakers;
  warnings: Warning[];
}): ReadonlyArray<ResolvedTarget> {
  if (targets.length === 1) return targets;
  const usable = targets.filter((target) => !breakers.isOpen(circuitKey(target)));
  if (usable.length === 0) return targets;
  for (const target of targets) {
    if (!usable.includes(target))
      warnings.push({
        type: 'other',
        message: `skipped model '${target.modelId}': its circuit is open after repeated failures`,
      });
  }
  return usable;
}

/** Backoff before retrying the same target, or undefined to move on to the next target. */
function retryDelayMs({
  error,
  retry,
  policy,
  random,
}: {
  error: GatewayError;
  retry: number;
  policy: RetryPolicy;
  random: () => number;
}): number | undefined {
  if (!error.isRetryable || retry >= policy.maxRetriesPerTarget) return undefined;
  const retryAfterMs =
    'retryAfterMs' in error && typeof error.retryAfterMs === 'number'
      ? error.retryAfterMs
      : undefined;
  if (retryAfterMs !== undefined)
    return retryAfterMs <= policy.maxRetryAfterMs ? retryAfterMs : undefined;
  const backoff = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** retry);
  return backoff * (0.5 + random() / 2);
}
