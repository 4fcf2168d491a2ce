import { scored, type ScoreOutcome } from './score-outcome.js';

/** Phrasings that name the choice, most explicit first; the last match of the first kind that matches wins. */
const CHOICE_PATTERNS: readonly RegExp[] = [
  // "The answer is (B)", "Final answer: C", "answer is option D", "Correct choice: **E**"
  /(?:[Aa]nswer|ANSWER|[Cc]hoice|[Oo]ption)\s*(?:is|:|=|-)?\s*(?:[Oo]ption\s*|[Cc]hoice\s*)?[(*[\s]*([A-E])(?![\w'])/g,
  // "I choose B", "I pick (C)", "I'd go with D"
  /(?:[Cc]hoose|[Pp]ick|[Ss]elect|go with)\s*[(*[\s]*([A-E])(?![\w'])/g,
  // The whole answer is a letter: "B", "(B)", "**B.**"
  /^[\s(*[]*([A-E])[\s).\]*:]*$/g,
  // A line starting with the letter and a delimiter: "B) Paris", "C. 42", "(D) none"
  /^\s*[(*[]*([A-E])[).\]:]/gm,
  // A bracketed or bold letter anywhere: "(C)", "**C**"
  /\(([A-E])\)|\*\*([A-E])\*\*/g,
];

/** The letter A–E an answer chooses, from typical phrasings, or undefined when it names none. */
export function extractChoice(text: string): string | undefined {
  for (const pattern of CHOICE_PATTERNS) {
    let found: string | undefined;
    for (const match of text.matchAll(pattern)) found = match[1] ?? match[2] ?? found;
    if (found !== undefined) return found;
  }
  return undefined;
}

/** 1 when the chosen letter equals the reference letter, else 0. */
export function scoreMultipleChoice({
  answer,
  reference,
}: {
  answer: string;
  reference: string;
}): ScoreOutcome {
  const choice = extractChoice(answer);
  const expected = reference.trim().toUpperCase();
  if (choice === undefined) return scored(0, 'no choice (A–E) found in the answer');
  return choice === expected ? scored(1) : scored(0, `chose ${choice}, expected ${expected}`);
}
