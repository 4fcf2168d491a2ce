import { scored, type ScoreOutcome } from './score-outcome.js';

/** 1 when the answer matches the regular expression, else 0. */
export function scoreRegex({
  answer,
  pattern,
  flags,
}: {
  answer: string;
  pattern: string;
  flags: string;
}): ScoreOutcome {
  // `g` and `y` make `test` stateful; a fresh expression per answer keeps scoring pure.
  const expression = new RegExp(pattern, flags);
  return expression.test(answer) ? scored(1) : scored(0, `no match for /${pattern}/${flags}`);
}
