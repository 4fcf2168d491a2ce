/** One rejected line of a dataset file. */
export type DatasetLineIssue = {
  /** 1-based line number in the file. */
  readonly lineNumber: number;
  /** Why the line was rejected, e.g. `outcomes.gpt-4.score: Too big: expected number to be <=1`. */
  readonly reason: string;
};

/**
 * A dataset file or folder that is missing or unreadable, or whose lines failed validation.
 * `issues` lists every rejected line (not only the first).
 */
export class DatasetError extends Error {
  readonly path: string;
  readonly issues: readonly DatasetLineIssue[];

  constructor({
    message,
    path,
    issues = [],
    cause,
  }: {
    message: string;
    path: string;
    issues?: readonly DatasetLineIssue[];
    cause?: unknown;
  }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'DatasetError';
    this.path = path;
    this.issues = issues;
  }
}

/** Formats issues as `line 12: reason` lines, capped at `maxLines` (default 20). */
export function formatDatasetIssues({
  issues,
  maxLines = 20,
}: {
  issues: readonly DatasetLineIssue[];
  maxLines?: number;
}): string {
  const lines = issues
    .slice(0, maxLines)
    .map((issue) => `  line ${issue.lineNumber}: ${issue.reason}`);
  if (issues.length > maxLines) lines.push(`  … and ${issues.length - maxLines} more`);
  return lines.join('\n');
}
