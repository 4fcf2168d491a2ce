import { copyFile, mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../datasets/load-dataset.js';
import { writeSyntheticDataset } from '../evaluation/test-utils/synthetic-dataset.js';
import { formatRouterArtifact } from './router-artifact.js';
import { trainRouterOnDataset } from './train-router.js';
import { watchLearnedRouter } from './watch-learned-router.js';

const waitFor = async (condition: () => boolean, timeoutMs = 5000): Promise<void> => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('watchLearnedRouter', () => {
  it('swaps in a new artifact when the file changes and keeps the old one on a broken file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-watch-'));
    const path = join(dir, 'router.json');
    const first = trainRouterOnDataset({
      dataset: await loadDataset({ dataDir: await writeSyntheticDataset({ seed: 1 }) }),
      folds: 3,
    });
    const second = trainRouterOnDataset({
      dataset: await loadDataset({ dataDir: await writeSyntheticDataset({ seed: 2 }) }),
      folds: 3,
    });
    await writeFile(path, formatRouterArtifact(first));
    const errors: unknown[] = [];
    const watched = await watchLearnedRouter({
      path,
      intervalMs: 20,
      onError: (error) => errors.push(error),
    });
    try {
      expect(watched.current().contentHash).toBe(first.contentHash);
      const held = watched.current();
      await writeFile(`${path}.tmp`, formatRouterArtifact(second));
      await new Promise((resolve) => setTimeout(resolve, 30));
      await rename(`${path}.tmp`, path);
      await waitFor(() => watched.current().contentHash === second.contentHash);
      // A request holding the previous router still works.
      expect(held.choose({ prompt: 'compute 1 + 2?' }).modelId).toBeTypeOf('string');
      await copyFile(path, `${path}.bak`);
      await writeFile(path, '{"broken": true}');
      await waitFor(() => errors.length > 0);
      expect(watched.current().contentHash).toBe(second.contentHash);
    } finally {
      watched.close();
    }
  });
});
