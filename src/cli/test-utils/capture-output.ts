import { vi } from 'vitest';

/**
 * Captures what a CLI command writes to stdout and stderr (restore with `vi.restoreAllMocks()`).
 * Returns readers of everything written so far.
 */
export function captureOutput(): { stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  return { stdout: () => stdout, stderr: () => stderr };
}
