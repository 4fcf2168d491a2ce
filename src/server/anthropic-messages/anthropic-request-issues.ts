import { z } from 'zod';
import type { InvalidRequestError } from '../../spec/index.js';
import { invalidBodyError } from '../zod-issues.js';

const hint = 'See https://docs.anthropic.com/en/api/messages.';

/**
 * Turns a failed Messages body validation into a 400 naming the deepest field at fault. Unions
 * (`content` is a string or blocks) would otherwise report only "does not match any shape" at
 * the union; here the branch that got furthest explains the problem, e.g.
 * `messages[0].content[1].source.data is required`.
 */
export function invalidAnthropicBodyError(error: z.ZodError): InvalidRequestError {
  const first = error.issues[0];
  if (!first) return invalidBodyError({ error, hint });
  const issues = [unwrapUnionIssue({ issue: first, basePath: [] }), ...error.issues.slice(1)];
  return invalidBodyError({ error: new z.ZodError(issues), hint });
}

function unwrapUnionIssue({
  issue,
  basePath,
}: {
  issue: z.core.$ZodIssue;
  basePath: ReadonlyArray<PropertyKey>;
}): z.core.$ZodIssue {
  const path = [...basePath, ...issue.path];
  if (issue.code !== 'invalid_union') return { ...issue, path };
  if (issue.errors.length === 0) {
    // A discriminated union whose `type` / `role` matched no option: zod's message lists them.
    return { code: 'custom', path, message: issue.message, input: issue.input };
  }
  let deepest: z.core.$ZodIssue | undefined;
  for (const branch of issue.errors) {
    const candidate = branch[0];
    if (candidate && (!deepest || candidate.path.length > deepest.path.length)) deepest = candidate;
  }
  if (!deepest || deepest.path.length === 0) {
    // Every shape failed on the value itself, e.g. `content: 5`: say which types are accepted.
    const expected = issue.errors.flatMap((branch) =>
      branch[0]?.code === 'invalid_type' ? [branch[0].expected] : [],
    );
    if (expected.length !== issue.errors.length) return { ...issue, path };
    return {
      code: 'custom',
      path,
      message: `must be a ${expected.join(' or an ')}`,
      input: issue.input,
    };
  }
  return unwrapUnionIssue({ issue: deepest, basePath: path });
}
