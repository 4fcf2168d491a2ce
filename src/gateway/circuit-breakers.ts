/** When a deployment's circuit opens and for how long. */
export type CircuitBreakerSettings = {
  /** Consecutive failures that open the circuit. 0 turns circuit breaking off. */
  readonly failureThreshold: number;
  /** How long an open circuit keeps the deployment out, in ms, before one trial call. */
  readonly cooldownMs: number;
};

export type CircuitState = 'closed' | 'open' | 'half-open';

type Circuit = { failures: number; openedAtMs: number | undefined };

/**
 * One circuit breaker per deployment (provider + vendor model). After `failureThreshold`
 * consecutive failures the deployment is skipped for `cooldownMs`; after that it is half-open:
 * calls go through again, one success closes it and one failure opens it for another cool-down.
 * In-process state: each gateway instance learns on its own.
 */
export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();
  private readonly settings: CircuitBreakerSettings;
  private readonly now: () => number;

  constructor({
    settings,
    now = Date.now,
  }: {
    settings: CircuitBreakerSettings;
    now?: () => number;
  }) {
    this.settings = settings;
    this.now = now;
  }

  /** The circuit's state; an open circuit past its cool-down reads as half-open. */
  state(key: string): CircuitState {
    const circuit = this.circuits.get(key);
    if (circuit?.openedAtMs === undefined) return 'closed';
    return this.now() - circuit.openedAtMs >= this.settings.cooldownMs ? 'half-open' : 'open';
  }

  /** True while the deployment should be skipped. */
  isOpen(key: string): boolean {
    return this.state(key) === 'open';
  }

  recordSuccess(key: string): void {
    if (this.circuits.has(key)) this.circuits.delete(key);
  }

  recordFailure(key: string): void {
    if (this.settings.failureThreshold <= 0) return;
    let circuit = this.circuits.get(key);
    if (!circuit) {
      circuit = { failures: 0, openedAtMs: undefined };
      this.circuits.set(key, circuit);
    }
    circuit.failures++;
    // Failures only reset on a success, so a failed half-open call re-opens the circuit at once.
    if (circuit.failures >= this.settings.failureThreshold) circuit.openedAtMs = this.now();
  }
}

/** The circuit key of a target: one per deployment, shared by every model id that names it. */
export function circuitKey({
  providerId,
  vendorModel,
}: {
  providerId: string;
  vendorModel: string;
}): string {
  return `${providerId}/${vendorModel}`;
}
