/**
 * Reads `retry-after-ms` (OpenAI, Anthropic) or `retry-after` (seconds or an HTTP date) into
 * milliseconds from `now`. Returns undefined when absent or unreadable.
 */
export function parseRetryAfterMs({
  headers,
  now = Date.now(),
}: {
  headers: { get(name: string): string | null };
  now?: number;
}): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null) {
    const value = Number(ms);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null) return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  if (Number.isFinite(date)) return Math.max(0, date - now);
  return undefined;
}
