/** A deterministic source of uniform numbers in [0, 1). */
export type RandomSource = () => number;

/**
 * Creates a seeded pseudo-random generator (mulberry32): fast, 32-bit state, and the same
 * sequence for the same seed on every platform. Not for cryptography.
 */
export function createSeededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns `0 … count-1` in a random order (Fisher–Yates). */
export function shuffledIndices({
  count,
  random,
}: {
  count: number;
  random: RandomSource;
}): Int32Array {
  const indices = new Int32Array(count);
  for (let index = 0; index < count; index += 1) indices[index] = index;
  for (let index = count - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const swap = indices[index] ?? 0;
    indices[index] = indices[other] ?? 0;
    indices[other] = swap;
  }
  return indices;
}

/**
 * Assigns each of `count` items to one of `folds` folds, stratified by `groups` when given (each
 * group is spread evenly over the folds), in a seeded random order.
 */
export function assignFolds({
  count,
  folds,
  random,
  groups,
}: {
  count: number;
  folds: number;
  random: RandomSource;
  groups?: readonly string[];
}): Int32Array {
  const order = shuffledIndices({ count, random });
  const assignment = new Int32Array(count);
  const nextFoldByGroup = new Map<string, number>();
  let offset = Math.floor(random() * folds);
  for (const index of order) {
    const group = groups?.[index] ?? '';
    let next = nextFoldByGroup.get(group);
    if (next === undefined) {
      next = offset;
      offset = (offset + 1) % folds;
    }
    assignment[index] = next;
    nextFoldByGroup.set(group, (next + 1) % folds);
  }
  return assignment;
}
