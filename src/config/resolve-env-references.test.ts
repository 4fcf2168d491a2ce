import { describe, expect, it } from 'vitest';
import { resolveEnvReferences } from './resolve-env-references.js';

describe('resolveEnvReferences', () => {
  it('replaces references inside nested strings and leaves other values alone', () => {
    const { value, missing } = resolveEnvReferences({
      value: { a: 'Bearer ${TOKEN}', b: [1, '${NAME:-fallback}'], c: true },
      env: { TOKEN: 'xyz' },
    });
    expect(value).toEqual({ a: 'Bearer xyz', b: [1, 'fallback'], c: true });
    expect(missing).toEqual([]);
  });

  it('keeps an escaped reference literal', () => {
    expect(resolveEnvReferences({ value: 'price $${X}', env: { X: 'no' } }).value).toBe(
      'price ${X}',
    );
  });

  it('lists unresolved references with their paths', () => {
    const { missing } = resolveEnvReferences({
      value: { providers: { p: { apiKey: '${KEY}' } } },
      env: {},
    });
    expect(missing).toEqual([{ path: 'providers.p.apiKey', name: 'KEY' }]);
  });
});
