import type { GatewayStage } from './gateway-stage.js';

/** Weight of the newest observation in the moving average. */
const SMOOTHING = 0.2;

/**
 * Exponentially weighted moving averages of each model's latency, fed by successful calls: total
 * time for non-streamed calls, time to first byte for streams (what a streaming client waits for).
 * The `least-latency` strategy and the `maxLatencyMs` constraint read it.
 */
export class LatencyTracker {
  private readonly totalMs = new Map<string, number>();
  private readonly firstByteMs = new Map<string, number>();

  /** The `afterCall` stage that feeds the averages. */
  readonly stage: GatewayStage = {
    name: 'latency-tracker',
    afterCall: (outcome) => {
      if (outcome.statusCode !== 200 || !outcome.target) return;
      const { modelId } = outcome.target;
      if (outcome.isStream) {
        if (outcome.firstByteMs !== undefined)
          this.observe(this.firstByteMs, modelId, outcome.firstByteMs);
      } else this.observe(this.totalMs, modelId, outcome.latencyMs);
    },
  };

  /** The average for a model: first-byte time for streams, total time otherwise; either if only one is known. */
  latencyMs(modelId: string, isStream = false): number | undefined {
    return isStream
      ? (this.firstByteMs.get(modelId) ?? this.totalMs.get(modelId))
      : (this.totalMs.get(modelId) ?? this.firstByteMs.get(modelId));
  }

  private observe(averages: Map<string, number>, modelId: string, valueMs: number): void {
    const previous = averages.get(modelId);
    averages.set(
      modelId,
      previous === undefined ? valueMs : previous + SMOOTHING * (valueMs - previous),
    );
  }
}
