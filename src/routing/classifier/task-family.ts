/**
 * The kind of work a request asks for. The router uses it to pick models that do well on that
 * kind of work.
 *
 * `multiple-choice` is separate from `knowledge-qa` and `reasoning` because a prompt that lists
 * lettered options and wants one letter back needs few output tokens and is answered well by small
 * models: its cost/quality profile differs from open questions.
 */
export type TaskFamily =
  | 'code-completion'
  | 'code-generation'
  | 'math'
  | 'reasoning'
  | 'knowledge-qa'
  | 'multiple-choice'
  | 'extraction'
  | 'summarization'
  | 'translation'
  | 'creative-writing'
  | 'chat';

/** Every task family, in a fixed order (the order ties are broken in). */
export const TASK_FAMILIES: readonly TaskFamily[] = [
  'code-completion',
  'code-generation',
  'math',
  'reasoning',
  'multiple-choice',
  'extraction',
  'summarization',
  'translation',
  'creative-writing',
  'knowledge-qa',
  'chat',
];

// Other spellings accepted in the `x-switchyard-task` header.
const FAMILY_ALIASES: ReadonlyMap<string, TaskFamily> = new Map(
  Object.entries({
    completion: 'code-completion',
    autocomplete: 'code-completion',
    code: 'code-generation',
    'code-review': 'code-generation',
    coding: 'code-generation',
    planning: 'reasoning',
    qa: 'knowledge-qa',
    'question-answering': 'knowledge-qa',
    classification: 'extraction',
    summarisation: 'summarization',
    summary: 'summarization',
    creative: 'creative-writing',
    writing: 'creative-writing',
    conversation: 'chat',
  } satisfies Record<string, TaskFamily>),
);

/**
 * Parses a task family name, as sent in the `x-switchyard-task` header: a family name or an alias
 * (`summarisation`, `code`, `qa`, `planning`, `classification`), in any case. Returns `undefined`
 * for anything else.
 */
export function parseTaskFamily(value: string): TaskFamily | undefined {
  const normalized = value.trim().toLowerCase().replaceAll('_', '-');
  for (const family of TASK_FAMILIES) if (family === normalized) return family;
  // A Map, not an object: `constructor` and other prototype keys must not resolve.
  return FAMILY_ALIASES.get(normalized);
}
