import { unwatchFile, watchFile } from 'node:fs';
import { loadLearnedRouter, type LearnedRouter } from './learned-router.js';

/** A router that follows its artifact file; see {@link watchLearnedRouter}. */
export type WatchedLearnedRouter = {
  /** The router currently in use; requests already holding the previous one finish with it. */
  current(): LearnedRouter;
  /** Stops watching the file. */
  close(): void;
};

/** Options of {@link watchLearnedRouter}. */
export type WatchLearnedRouterOptions = {
  /** The artifact file. */
  path: string;
  /** Polling interval of the file's modification time, in milliseconds. Defaults to 1000. */
  intervalMs?: number;
  /** Called after a new artifact was loaded and swapped in. */
  onReload?: (router: LearnedRouter) => void;
  /** Called when a changed file fails to load; the previous router stays in use. */
  onError?: (error: unknown) => void;
};

/**
 * Loads an artifact and reloads it whenever the file changes. The swap is a single reference
 * assignment after the new artifact has loaded and passed its hash check, so no request is
 * dropped and a broken file never replaces a working router.
 */
export async function watchLearnedRouter({
  path,
  intervalMs = 1000,
  onReload,
  onError,
}: WatchLearnedRouterOptions): Promise<WatchedLearnedRouter> {
  let router = await loadLearnedRouter(path);
  let isLoading = false;
  let isPending = false;
  const reload = async (): Promise<void> => {
    if (isLoading) {
      isPending = true;
      return;
    }
    isLoading = true;
    try {
      const next = await loadLearnedRouter(path);
      if (next.contentHash !== router.contentHash) {
        router = next;
        onReload?.(next);
      }
    } catch (error) {
      onError?.(error);
    } finally {
      isLoading = false;
      if (isPending) {
        isPending = false;
        void reload();
      }
    }
  };
  const listener = (current: { mtimeMs: number }, previous: { mtimeMs: number }): void => {
    if (current.mtimeMs !== previous.mtimeMs) void reload();
  };
  watchFile(path, { interval: intervalMs, persistent: false }, listener);
  return { current: () => router, close: () => unwatchFile(path, listener) };
}
