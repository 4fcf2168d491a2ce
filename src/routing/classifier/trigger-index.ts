/**
 * A lookup from the first four characters of a word to the rules that word can trigger, as a
 * bit mask. Built once at start-up; read in the character pass of `measureTextShape`.
 */
export type TriggerIndex = ReadonlyMap<number, number>;

/** Number of leading characters of a word that are compared with trigger words. */
export const TRIGGER_PREFIX_LENGTH = 4;

/** Folds up to {@link TRIGGER_PREFIX_LENGTH} character codes into a key, as the character pass does for each word. */
export function computeWordKey(word: string): number {
  let key = 0;
  for (let index = 0; index < word.length && index < TRIGGER_PREFIX_LENGTH; index += 1) {
    // Non-ASCII codes are folded to their low byte: a collision only runs a rule needlessly.
    key = key * 256 + (word.charCodeAt(index) & 0xff);
  }
  return key;
}

/**
 * Builds the index of trigger word groups: group `n` sets bit `n`. A group that is `undefined`
 * has no triggers; its rule always runs, and it sets no bit. At most 31 groups.
 */
export function createTriggerIndex(
  groups: ReadonlyArray<readonly string[] | undefined>,
): TriggerIndex {
  if (groups.length > 31) throw new Error('A trigger index holds at most 31 groups.');
  const index = new Map<number, number>();
  groups.forEach((words, groupIndex) => {
    for (const word of words ?? []) {
      const key = computeWordKey(word.toLowerCase());
      index.set(key, (index.get(key) ?? 0) | (1 << groupIndex));
    }
  });
  return index;
}
