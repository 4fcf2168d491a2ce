import type { z } from 'zod';
import type { exactScorerSchema } from '../suite-schema.js';
import { scored, type ScoreOutcome } from './score-outcome.js';

/** Settings of the exact-match scorer. */
export type ExactScorerSpec = z.output<typeof exactScorerSchema>;

const EDGE_PUNCTUATION = /^[\s\p{P}]+|[\s\p{P}]+$/gu;

/** The text as the exact-match scorer compares it, under the spec's normalisation. */
export function normaliseForExactMatch({
  text,
  spec,
}: {
  text: string;
  spec: ExactScorerSpec;
}): string {
  let result = text.normalize('NFC');
  if (spec.shouldNormaliseWhitespace) result = result.replace(/\s+/g, ' ').trim();
  if (spec.shouldStripPunctuation) result = result.replace(EDGE_PUNCTUATION, '');
  if (!spec.isCaseSensitive) result = result.toLowerCase();
  return result;
}

/** 1 when the normalised answer equals the normalised reference (or any of several), else 0. */
export function scoreExactMatch({
  answer,
  reference,
  spec,
}: {
  answer: string;
  reference: string | ReadonlyArray<string>;
  spec: ExactScorerSpec;
}): ScoreOutcome {
  const accepted = typeof reference === 'string' ? [reference] : reference;
  const normalised = normaliseForExactMatch({ text: answer, spec });
  const isMatch = accepted.some(
    (candidate) => normaliseForExactMatch({ text: candidate, spec }) === normalised,
  );
  return isMatch
    ? scored(1)
    : scored(0, `expected ${JSON.stringify(accepted.length === 1 ? accepted[0] : accepted)}`);
}
