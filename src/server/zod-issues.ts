import type { z } from 'zod';
import { InvalidRequestError } from '../spec/index.js';

/** Formats a zod issue path as a request field, e.g. `messages[2].content`. */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let result = '';
  for (const segment of path) {
    if (typeof segment === 'number') result += `[${segment}]`;
    else result += result ? `.${String(segment)}` : String(segment);
  }
  return result;
}

/** Turns a failed body validation into a 400 that names the field and what was expected. */
export function invalidBodyError({
  error,
  hint,
}: {
  error: z.ZodError;
  hint?: string;
}): InvalidRequestError {
  const issue = error.issues[0];
  const param = issue ? formatIssuePath(issue.path) : undefined;
  const detail = issue ? describeIssue(issue) : 'invalid body';
  const more =
    error.issues.length > 1
      ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})`
      : '';
  return new InvalidRequestError({
    message: `Invalid request body: ${param ? `'${param}' ` : ''}${detail}${more}.${hint ? ` ${hint}` : ''}`,
    ...(param ? { param } : {}),
  });
}

function describeIssue(issue: z.core.$ZodIssue): string {
  // zod 4 leaves `input` out of issues unless asked (reportInput), so a missing field is told
  // apart from a wrong type by zod's message, which names what it received.
  if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'))
    return `is required (expected ${issue.expected})`;
  if (issue.code === 'invalid_union') return 'does not match any of the accepted shapes';
  return issue.message.replace(/^Invalid input: /, '');
}
