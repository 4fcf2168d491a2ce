import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { safeParseJson } from '../provider-utils/index.js';
import {
  DatasetError,
  formatDatasetIssues,
  type DatasetLineIssue,
} from '../routing/datasets/dataset-error.js';
import { idHashFraction } from '../routing/datasets/split-by-id.js';
import { findSchemaProblems } from './scorers/json-schema-subset.js';
import {
  scorerSpecSchema,
  suiteHeaderSchema,
  suiteTaskLineSchema,
  type ScorerSpec,
  type SuiteHeader,
  type SuiteTask,
  type SuiteTaskLine,
} from './suite-schema.js';

/** One rejected suite line: its 1-based number and why (the dataset loader's issue shape). */
export type SuiteLineIssue = DatasetLineIssue;

/** A suite file that is missing, unreadable, or has bad lines; `issues` lists every bad line. */
export class SuiteError extends DatasetError {
  constructor(options: ConstructorParameters<typeof DatasetError>[0]) {
    super(options);
    this.name = 'SuiteError';
  }
}

/** A loaded suite: its header (defaults) and its tasks in file order. */
export type Suite = {
  readonly path: string;
  readonly name: string;
  readonly header: SuiteHeader | undefined;
  readonly tasks: readonly SuiteTask[];
};

/** Share of ids assigned to `train` when a task gives no split. */
export const TRAIN_SHARE = 0.8;

/**
 * The split of a task that names none: `train` when the first four bytes of SHA-256 of its id,
 * read as an unsigned big-endian integer and divided by 2^32, are below 0.8; else `test`. Stable
 * across runs, machines and suite order.
 */
export function assignSplit(id: string): 'train' | 'test' {
  return idHashFraction(id) < TRAIN_SHARE ? 'train' : 'test';
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Why a scorer cannot score this task (a missing or unusable reference, a bad pattern or schema), or undefined. */
function findScorerProblem({
  scorer,
  reference,
}: {
  scorer: ScorerSpec;
  reference: SuiteTaskLine['reference'];
}): string | undefined {
  const first = Array.isArray(reference) ? reference[0] : reference;
  switch (scorer.type) {
    case 'exact':
      return reference === undefined
        ? 'the exact scorer needs a reference (the expected answer)'
        : undefined;
    case 'regex': {
      const pattern = scorer.pattern ?? (typeof first === 'string' ? first : undefined);
      if (pattern === undefined)
        return 'the regex scorer needs scorer.pattern or a string reference';
      try {
        new RegExp(pattern, scorer.flags);
        return undefined;
      } catch (error) {
        return `invalid regular expression /${pattern}/: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    case 'numeric':
      return first === undefined || first === '' || !Number.isFinite(Number(first))
        ? 'the numeric scorer needs a numeric reference, e.g. "reference": 42'
        : undefined;
    case 'multiple-choice':
      return typeof first === 'string' && /^\s*[A-Ea-e]\s*$/.test(first)
        ? undefined
        : 'the multiple-choice scorer needs a reference letter from A to E';
    case 'json-schema': {
      const problems = findSchemaProblems(scorer.schema, 'scorer.schema');
      return problems.length > 0 ? problems.join('; ') : undefined;
    }
    case 'judge':
      return scorer.mode === 'pairwise' && reference === undefined
        ? 'the pairwise judge compares the answer with a reference answer; give a reference'
        : undefined;
    default:
      return undefined;
  }
}

/** Applies defaults and checks one parsed line; returns the task or the reason it is bad. */
function createTask({
  line,
  lineNumber,
  header,
  defaultTask,
  defaultScorer,
}: {
  line: SuiteTaskLine;
  lineNumber: number;
  header: SuiteHeader | undefined;
  defaultTask: string;
  defaultScorer: ScorerSpec | undefined;
}): SuiteTask | string {
  const scorer = line.scorer ?? header?.scorer ?? defaultScorer;
  if (scorer === undefined)
    return 'no scorer: give "scorer" on the line, in the {"suite": {...}} header, or with --scorer';
  const problem = findScorerProblem({ scorer, reference: line.reference });
  if (problem !== undefined) return problem;
  const messages = line.messages ?? [{ role: 'user' as const, content: line.prompt ?? '' }];
  const prompt = messages
    .filter((message) => message.role === 'user')
    .map((message) => message.content)
    .join('\n\n');
  const task = {
    id: line.id,
    task: line.task ?? header?.task ?? defaultTask,
    split: line.split ?? assignSplit(line.id),
    system: line.system ?? header?.system,
    messages,
    prompt,
    reference: line.reference,
    scorer,
    maxOutputTokens: line.maxOutputTokens ?? header?.maxOutputTokens,
    temperature: line.temperature ?? header?.temperature,
  };
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify([
        task.system,
        task.messages,
        task.reference,
        task.scorer,
        task.maxOutputTokens,
        task.temperature,
      ]),
    )
    .digest('hex')
    .slice(0, 16);
  return { ...task, fingerprint, lineNumber };
}

/** Parses a `--scorer` value: a scorer type (`exact`, `numeric`, ...) or a JSON scorer spec. */
export function parseScorerOption(text: string): ScorerSpec {
  const trimmed = text.trim();
  const fail = (reason: string): never => {
    throw new SuiteError({
      message: `Invalid --scorer '${text}': ${reason}. Use exact, regex, numeric, multiple-choice, or a JSON spec such as '{"type":"numeric","relativeTolerance":0.01}'.`,
      path: '--scorer',
    });
  };
  if (trimmed.startsWith('{')) {
    const parsed = safeParseJson({ text: trimmed, schema: scorerSpecSchema });
    return parsed.success ? parsed.value : fail(parsed.error.message);
  }
  const result = scorerSpecSchema.safeParse({ type: trimmed });
  return result.success ? result.data : fail(formatIssues(result.error));
}

/**
 * Reads a suite file (JSONL, one task a line, an optional `{"suite": {...}}` header first),
 * validating every line. Throws a {@link SuiteError} listing every bad line with its number and
 * reason when any line is bad, so no run starts on a half-valid suite.
 */
export async function loadSuite({
  path,
  defaultScorer,
}: {
  path: string;
  /** Scorer of tasks that name none and have no header default (`--scorer`). */
  defaultScorer?: ScorerSpec;
}): Promise<Suite> {
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a regular file');
  } catch (error) {
    throw new SuiteError({
      message: `Suite file not found or unreadable: ${path}. Pass a JSONL file with --suite.`,
      path,
      cause: error,
    });
  }
  const defaultTask = basename(path, extname(path));
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  const issues: SuiteLineIssue[] = [];
  const tasks: SuiteTask[] = [];
  const firstLineOfId = new Map<string, number>();
  let header: SuiteHeader | undefined;
  let lineNumber = 0;
  let hasContent = false;
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    const json = safeParseJson({ text, schema: z.unknown() });
    if (!json.success) {
      issues.push({ lineNumber, reason: `invalid JSON: ${json.error.message}` });
      hasContent = true;
      continue;
    }
    const value = json.value;
    if (value !== null && typeof value === 'object' && 'suite' in value) {
      const parsed = suiteHeaderSchema.safeParse(value);
      if (hasContent)
        issues.push({ lineNumber, reason: 'the {"suite": {...}} header must be the first line' });
      else if (!parsed.success)
        issues.push({ lineNumber, reason: `header: ${formatIssues(parsed.error)}` });
      else header = parsed.data.suite;
      hasContent = true;
      continue;
    }
    hasContent = true;
    const parsed = suiteTaskLineSchema.safeParse(value);
    if (!parsed.success) {
      issues.push({ lineNumber, reason: formatIssues(parsed.error) });
      continue;
    }
    const firstLine = firstLineOfId.get(parsed.data.id);
    if (firstLine !== undefined) {
      issues.push({
        lineNumber,
        reason: `duplicate id "${parsed.data.id}" (first on line ${firstLine})`,
      });
      continue;
    }
    firstLineOfId.set(parsed.data.id, lineNumber);
    const task = createTask({ line: parsed.data, lineNumber, header, defaultTask, defaultScorer });
    if (typeof task === 'string') issues.push({ lineNumber, reason: task });
    else tasks.push(task);
  }
  if (issues.length > 0) {
    throw new SuiteError({
      message: `${issues.length} invalid line(s) in ${path}; fix them and run again (format: docs/evaluation.md):\n${formatDatasetIssues({ issues, maxLines: 50 })}`,
      path,
      issues,
    });
  }
  if (tasks.length === 0) {
    throw new SuiteError({ message: `Suite ${path} has no tasks.`, path });
  }
  return { path, name: header?.name ?? defaultTask, header, tasks };
}
