import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assignSplit, loadSuite, parseScorerOption, SuiteError } from './load-suite.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'suite-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeSuite(lines: unknown[]): Promise<string> {
  const path = join(dir, 'arith.jsonl');
  await writeFile(
    path,
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n'),
  );
  return path;
}

describe('loadSuite', () => {
  it('applies header defaults and joins user turns into the dataset prompt', async () => {
    const path = await writeSuite([
      { suite: { name: 'Arithmetic', scorer: { type: 'numeric' }, system: 'Be brief.' } },
      { id: 'a1', prompt: 'What is 2+2?', reference: 4, split: 'test' },
      {
        id: 'a2',
        messages: [
          { role: 'user', content: 'Hold 3.' },
          { role: 'assistant', content: 'Holding 3.' },
          { role: 'user', content: 'Add 5.' },
        ],
        reference: '8',
        task: 'memory',
        scorer: { type: 'exact' },
      },
      '',
    ]);
    const suite = await loadSuite({ path });
    expect(suite.name).toBe('Arithmetic');
    expect(
      suite.tasks.map((task) => [
        task.id,
        task.task,
        task.split,
        task.prompt,
        task.scorer.type,
        task.system,
      ]),
    ).toEqual([
      ['a1', 'arith', 'test', 'What is 2+2?', 'numeric', 'Be brief.'],
      ['a2', 'memory', assignSplit('a2'), 'Hold 3.\n\nAdd 5.', 'exact', 'Be brief.'],
    ]);
  });

  it('reports every bad line with its number and reason, and loads nothing', async () => {
    const path = await writeSuite([
      { id: 'ok', prompt: 'p', reference: 'A', scorer: { type: 'multiple-choice' } },
      '{not json',
      { id: 'no-prompt', reference: 'x', scorer: { type: 'exact' } },
      { id: 'ok', prompt: 'again', reference: 'x', scorer: { type: 'exact' } },
      { id: 'mc', prompt: 'p', reference: 'F', scorer: { type: 'multiple-choice' } },
      { id: 'num', prompt: 'p', reference: 'many', scorer: { type: 'numeric' } },
      { id: 'rx', prompt: 'p', scorer: { type: 'regex', pattern: '(' } },
      {
        id: 'js',
        prompt: 'p',
        scorer: { type: 'json-schema', schema: { type: 'string', format: 'email' } },
      },
      { id: 'pw', prompt: 'p', scorer: { type: 'judge', mode: 'pairwise' } },
      { id: 'none', prompt: 'p', reference: 'x' },
      { id: 'typo', prompt: 'p', referense: 'x', scorer: { type: 'exact' } },
      { suite: { name: 'late header' } },
    ]);
    const error: unknown = await loadSuite({ path }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SuiteError);
    const issues = (error as SuiteError).issues;
    expect(issues.map((issue) => issue.lineNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(issues.map((issue) => issue.reason)).toEqual([
      expect.stringMatching(/^invalid JSON/),
      'prompt: give exactly one of prompt (a string) and messages (a list of turns)',
      'duplicate id "ok" (first on line 1)',
      'the multiple-choice scorer needs a reference letter from A to E',
      'the numeric scorer needs a numeric reference, e.g. "reference": 42',
      expect.stringMatching(/^invalid regular expression \/\(\/:/),
      expect.stringMatching(/^scorer\.schema: unsupported keyword 'format'/),
      'the pairwise judge compares the answer with a reference answer; give a reference',
      'no scorer: give "scorer" on the line, in the {"suite": {...}} header, or with --scorer',
      expect.stringMatching(/referense/),
      'the {"suite": {...}} header must be the first line',
    ]);
    expect((error as Error).message).toContain('11 invalid line(s)');
  });

  it('uses the --scorer default for lines without one', async () => {
    const path = await writeSuite([{ id: 'a', prompt: 'p', reference: '1' }]);
    const suite = await loadSuite({ path, defaultScorer: parseScorerOption('exact') });
    expect(suite.tasks[0]?.scorer).toEqual({
      type: 'exact',
      isCaseSensitive: false,
      shouldNormaliseWhitespace: true,
      shouldStripPunctuation: false,
    });
  });

  it('names a missing file', async () => {
    await expect(loadSuite({ path: join(dir, 'missing.jsonl') })).rejects.toThrow(
      /Suite file not found or unreadable: .*missing\.jsonl/,
    );
  });

  it('gives a changed task a new fingerprint', async () => {
    const first = await loadSuite({
      path: await writeSuite([{ id: 'a', prompt: 'p', reference: '1', scorer: { type: 'exact' } }]),
    });
    const second = await loadSuite({
      path: await writeSuite([{ id: 'a', prompt: 'p', reference: '2', scorer: { type: 'exact' } }]),
    });
    expect(first.tasks[0]?.fingerprint).not.toBe(second.tasks[0]?.fingerprint);
  });
});

describe('assignSplit', () => {
  it('puts about 80% of ids in train, the same way every time', () => {
    const splits = Array.from({ length: 2000 }, (_, index) => assignSplit(`task-${index}`));
    const trainShare = splits.filter((split) => split === 'train').length / splits.length;
    expect(trainShare).toBeGreaterThan(0.77);
    expect(trainShare).toBeLessThan(0.83);
    expect(assignSplit('task-1')).toBe(assignSplit('task-1'));
  });
});

describe('parseScorerOption', () => {
  it('reads a type name or a JSON spec, and rejects anything else clearly', () => {
    expect(parseScorerOption('{"type":"numeric","relativeTolerance":0.01}')).toEqual({
      type: 'numeric',
      absoluteTolerance: 1e-6,
      relativeTolerance: 0.01,
    });
    expect(() => parseScorerOption('fuzzy')).toThrow(/Invalid --scorer 'fuzzy'/);
  });
});
