// Open-loop load generation: requests are sent on a fixed schedule whatever the server does, and
// each latency is measured from the request's scheduled time (no coordinated omission).
import { Pool } from 'undici';

/**
 * Sends `rate` requests a second for `durationMs` and returns latencies in ms.
 * @param {{ origin: string, path: string, body: string, rate: number, durationMs: number, connections?: number }} options
 */
export async function runOpenLoop({ origin, path, body, rate, durationMs, connections = 256 }) {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  const intervalMs = 1000 / rate;
  const total = Math.floor((durationMs / 1000) * rate);
  const latencies = new Float64Array(total);
  let completed = 0;
  let errors = 0;
  let sent = 0;
  const start = performance.now() + 5;
  await new Promise((resolve) => {
    const fire = (index) => {
      const scheduled = start + index * intervalMs;
      pool
        .request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body })
        .then(async (response) => {
          await response.body.dump();
          if (response.statusCode !== 200) errors++;
        })
        .catch(() => {
          errors++;
        })
        .finally(() => {
          latencies[index] = performance.now() - scheduled;
          completed++;
          if (completed === total) resolve();
        });
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * intervalMs <= now) fire(sent++);
      if (sent < total) setTimeout(tick, Math.max(0, Math.min(1, start + sent * intervalMs - performance.now())));
    };
    setTimeout(tick, 5);
  });
  const elapsedMs = performance.now() - start;
  await pool.close();
  return { latencies: Array.from(latencies).sort((a, b) => a - b), errors, achievedRate: total / (elapsedMs / 1000) };
}

/** The p-th percentile (0..100) of a sorted array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
