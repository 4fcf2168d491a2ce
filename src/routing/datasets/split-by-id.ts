import { createHash } from 'node:crypto';
import type { DatasetSplit } from './outcome-schema.js';

/**
 * Which split rows go to: one split for every row, or a share of rows to `test` chosen by a hash
 * of each row's id ({@link idHashFraction}), so the same id always lands in the same split.
 */
export type SplitRule =
  DatasetSplit | { readonly testFraction: number; readonly seed?: number | undefined };

/**
 * Where an id falls in [0, 1): the first four bytes of SHA-256 of the id (of `seed:id` when
 * seeded), read as an unsigned big-endian integer and divided by 2^32. Stable across runs,
 * machines and file order; spread evenly even for ids that differ in one character.
 */
export function idHashFraction(id: string, seed?: number): number {
  const key = seed === undefined ? id : `${seed}:${id}`;
  return createHash('sha256').update(key, 'utf8').digest().readUInt32BE(0) / 2 ** 32;
}

/** The split of a row with this id under `rule`: `train` below `1 − testFraction`, else `test`. */
export function assignSplit(id: string, rule: SplitRule): DatasetSplit {
  if (typeof rule === 'string') return rule;
  return idHashFraction(id, rule.seed) < 1 - rule.testFraction ? 'train' : 'test';
}
