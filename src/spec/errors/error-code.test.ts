import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoPath } from '../../providers/test-utils/shared-path.js';
import { ERROR_CODES, STATUS_BY_CODE } from './error-code.js';

describe('error catalogue', () => {
  it('documents every error code with its status in docs/errors.md, and nothing else', () => {
    const docs = readFileSync(repoPath('docs', 'errors.md'), 'utf8');
    const documented = new Map<string, number>();
    for (const match of docs.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm))
      documented.set(match[1] ?? '', Number(match[2]));
    expect(Object.fromEntries(documented)).toEqual(
      Object.fromEntries(ERROR_CODES.map((code) => [code, STATUS_BY_CODE[code]])),
    );
  });
});
