/** The result of scoring one answer: a score in [0, 1], or why it could not be scored. */
export type ScoreOutcome =
  | { readonly type: 'scored'; readonly score: number; readonly details?: string }
  | { readonly type: 'error'; readonly message: string };

/** A score outcome, with an explanation when there is one. */
export function scored(score: number, details?: string): ScoreOutcome {
  return details === undefined ? { type: 'scored', score } : { type: 'scored', score, details };
}
