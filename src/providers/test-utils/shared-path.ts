import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Absolute path inside the shared material folder (`../shared` beside the repository, as in CI),
 * or `SWITCHYARD_SHARED_DIR` when set.
 */
export function sharedPath(...segments: string[]): string {
  const base = process.env.SWITCHYARD_SHARED_DIR ?? join(repoRoot, '..', 'shared');
  const path = join(base, ...segments);
  if (!existsSync(path)) {
    throw new Error(
      `Shared material not found at ${path}. Put the shared/ folder beside the repository or set SWITCHYARD_SHARED_DIR.`,
    );
  }
  return path;
}

/** The repository root. */
export function repoPath(...segments: string[]): string {
  return join(repoRoot, ...segments);
}
