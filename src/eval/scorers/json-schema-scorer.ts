import { parseJsonOrUndefined } from '../../provider-utils/index.js';
import { validateJsonValue } from './json-schema-subset.js';
import { scored, type ScoreOutcome } from './score-outcome.js';

const FENCE = /```(?:json|JSON)?\s*\n([\s\S]*?)\n?```/;

/**
 * Parses the JSON an answer holds: the whole answer, else the first fenced code block, else the
 * span from the first `{` or `[` to the last `}` or `]`. Undefined when none of these is JSON.
 */
export function extractJsonValue(text: string): { value: unknown } | undefined {
  const candidates = [text.trim()];
  const fenced = FENCE.exec(text)?.[1];
  if (fenced !== undefined) candidates.push(fenced.trim());
  const start = text.search(/[{[]/);
  const end = Math.max(text.lastIndexOf('}'), text.lastIndexOf(']'));
  if (start !== -1 && end > start) candidates.push(text.slice(start, end + 1));
  for (const candidate of candidates) {
    if (candidate === '') continue;
    const value = parseJsonOrUndefined(candidate);
    if (value !== undefined) return { value };
  }
  return undefined;
}

/** 1 when the answer is JSON that validates against the schema, else 0 with the first violations. */
export function scoreJsonSchema({
  answer,
  schema,
}: {
  answer: string;
  schema: Readonly<Record<string, unknown>>;
}): ScoreOutcome {
  const parsed = extractJsonValue(answer);
  if (parsed === undefined) return scored(0, 'the answer is not JSON');
  const errors = validateJsonValue({ value: parsed.value, schema });
  return errors.length === 0 ? scored(1) : scored(0, errors.slice(0, 3).join('; '));
}
