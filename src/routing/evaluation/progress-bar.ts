/** Progress of a long step: `done` of `total` units of `phase`. */
export type ProgressEvent = {
  readonly phase: string;
  readonly done: number;
  readonly total: number;
};

/** Where the bar is drawn: a stream with `write` and, when it is a terminal, `isTTY` and `columns`. */
export type ProgressStream = { write(text: string): unknown; isTTY?: boolean; columns?: number };

/** Options of {@link createProgressReporter}. */
export type ProgressReporterOptions = {
  /** Defaults to `process.stderr`. */
  stream?: ProgressStream;
  /** Draw even when the stream is not a terminal. Defaults to false. */
  isForced?: boolean;
  /** A phase's bar appears only once it has run this long, in milliseconds. Defaults to 1000. */
  delayMs?: number;
  /** Minimum time between redraws, in milliseconds. Defaults to 100. */
  intervalMs?: number;
  /** Clock in milliseconds. Defaults to `Date.now`. */
  nowMs?: () => number;
};

/** Renders one bar line, e.g. `cross-validation [########------------]  40% 2/5`. */
export function formatProgressBar({
  event,
  width = 24,
}: {
  event: ProgressEvent;
  width?: number;
}): string {
  const fraction = event.total > 0 ? Math.min(1, Math.max(0, event.done / event.total)) : 1;
  const filled = Math.round(fraction * width);
  const percent = `${Math.round(fraction * 100)}%`.padStart(4);
  return `${event.phase} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${percent} ${event.done}/${event.total}`;
}

/**
 * Returns an `onProgress` callback that draws a one-line progress bar on stderr for any phase
 * running longer than a second, only when stderr is a terminal (or `isForced`). No dependency.
 */
export function createProgressReporter({
  stream = process.stderr,
  isForced = false,
  delayMs = 1000,
  intervalMs = 100,
  nowMs = Date.now,
}: ProgressReporterOptions = {}): (event: ProgressEvent) => void {
  const isEnabled = isForced || stream.isTTY === true;
  let phase = '';
  let phaseStartMs = 0;
  let lastDrawMs = -Infinity;
  let isDrawn = false;
  return (event) => {
    if (!isEnabled) return;
    const now = nowMs();
    if (event.phase !== phase) {
      if (isDrawn) stream.write('\n');
      phase = event.phase;
      phaseStartMs = now;
      lastDrawMs = -Infinity;
      isDrawn = false;
    }
    const isLast = event.done >= event.total;
    if (now - phaseStartMs < delayMs && !(isLast && isDrawn)) return;
    if (!isLast && now - lastDrawMs < intervalMs) return;
    lastDrawMs = now;
    stream.write(`\r${formatProgressBar({ event })}`);
    isDrawn = true;
    if (isLast) {
      stream.write('\n');
      isDrawn = false;
      phase = '';
    }
  };
}
