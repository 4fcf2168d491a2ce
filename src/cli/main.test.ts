import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.js';

describe('switchyard main', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('shows the usage with exit 0 for --help after any command', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    for (const argv of [
      ['eval', 'run', '--help'],
      ['simulate', '-h'],
      ['route', '--help'],
    ]) {
      written.length = 0;
      expect(await main(argv, {})).toBe(0);
      expect(written.join('')).toMatch(/^Usage: switchyard <command> \[options\]/);
      expect(written.join('')).toContain('route --explain');
      expect(written.join('')).toContain('simulate');
    }
  });

  it('names an unknown command with exit 2', async () => {
    const errors: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      errors.push(String(chunk));
      return true;
    });
    expect(await main(['teleport'], {})).toBe(2);
    expect(errors.join('')).toContain("Unknown command 'teleport'.");
  });
});
