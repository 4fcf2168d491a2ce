import { describe, expect, it } from 'vitest';
import { judgeScorerSchema } from '../suite-schema.js';
import {
  buildJudgePrompts,
  parseGrade,
  parsePairwiseVerdict,
  scoreWithJudge,
  type JudgePrompt,
} from './judge-scorer.js';

const pairwise = judgeScorerSchema.parse({ type: 'judge', model: 'judge', mode: 'pairwise' });
const graded = judgeScorerSchema.parse({ type: 'judge', model: 'judge', maxScore: 5 });

/** Which answer (A or B) in a judge prompt is the candidate. */
function candidateLabel(prompt: JudgePrompt): 'A' | 'B' {
  return prompt.user.includes('[Answer A]\nCANDIDATE') ? 'A' : 'B';
}

describe('scoreWithJudge (pairwise)', () => {
  const question = 'What is 2 + 2?';
  const run = (askJudge: (prompt: JudgePrompt) => Promise<string>) =>
    scoreWithJudge({
      spec: pairwise,
      question,
      answer: 'CANDIDATE',
      reference: 'REFERENCE',
      askJudge,
    });

  it('shows the answers in both orders', async () => {
    const prompts: JudgePrompt[] = [];
    await run((prompt) => {
      prompts.push(prompt);
      return Promise.resolve('Verdict: tie');
    });
    expect(prompts.map(candidateLabel)).toEqual(['A', 'B']);
    expect(prompts[1]?.user).toContain('[Answer A]\nREFERENCE\n\n[Answer B]\nCANDIDATE');
  });

  it('scores 1 when the judge prefers the candidate in both orders', async () => {
    const outcome = await run((prompt) =>
      Promise.resolve(`Reasoning...\nVerdict: ${candidateLabel(prompt)}`),
    );
    expect(outcome).toEqual({
      type: 'scored',
      score: 1,
      details: 'judge candidate-first: A, reference-first: B',
    });
  });

  it('scores 0 when the judge prefers the reference in both orders', async () => {
    const outcome = await run((prompt) =>
      Promise.resolve(`Verdict: ${candidateLabel(prompt) === 'A' ? 'B' : 'A'}`),
    );
    expect(outcome).toMatchObject({ score: 0 });
  });

  it('cancels a judge that always prefers the first answer to 0.5', async () => {
    expect(await run(() => Promise.resolve('**Verdict: A**'))).toMatchObject({ score: 0.5 });
  });

  it('records an unparseable verdict as an error, not a crash', async () => {
    const outcome = await run(() => Promise.resolve('Both answers have merit.'));
    expect(outcome).toEqual({
      type: 'error',
      message:
        'unparseable judge verdict (candidate-first; expected "Verdict: A", "Verdict: B" or "Verdict: tie"): "Both answers have merit."',
    });
  });

  it('records a failed judge call as an error', async () => {
    const outcome = await run(() => Promise.reject(new Error('upstream 503')));
    expect(outcome).toEqual({
      type: 'error',
      message: 'judge call failed (candidate-first): upstream 503',
    });
  });
});

describe('scoreWithJudge (graded)', () => {
  it('averages the candidate grade over both orders and scales it into [0, 1]', async () => {
    const outcome = await scoreWithJudge({
      spec: graded,
      question: 'q',
      answer: 'CANDIDATE',
      reference: 'REFERENCE',
      // A judge biased towards the first answer: the candidate gets 5 first and 3 second.
      askJudge: (prompt) =>
        Promise.resolve(
          candidateLabel(prompt) === 'A' ? 'Score A: 5\nScore B: 4' : 'Score A: 4\nScore B: 3',
        ),
    });
    // ((5 − 1) / 4 + (3 − 1) / 4) / 2 = 0.75
    expect(outcome).toEqual({
      type: 'scored',
      score: 0.75,
      details: 'judge candidate-first: 5/5, reference-first: 3/5',
    });
  });

  it('grades once without a reference', async () => {
    const prompts: JudgePrompt[] = [];
    const outcome = await scoreWithJudge({
      spec: graded,
      question: 'q',
      answer: 'CANDIDATE',
      reference: undefined,
      askJudge: (prompt) => {
        prompts.push(prompt);
        return Promise.resolve('Fine answer.\nScore: 2');
      },
    });
    expect(prompts).toHaveLength(1);
    expect(outcome).toMatchObject({ score: 0.25 });
  });

  it('rejects grades outside the scale as unparseable', async () => {
    const outcome = await scoreWithJudge({
      spec: graded,
      question: 'q',
      answer: 'a',
      reference: undefined,
      askJudge: () => Promise.resolve('Score: 9'),
    });
    expect(outcome.type).toBe('error');
  });
});

describe('verdict parsing', () => {
  it('reads the last verdict and grade', () => {
    expect(parsePairwiseVerdict('Verdict: A ... on reflection, Verdict: "B"')).toBe('B');
    expect(parsePairwiseVerdict('VERDICT - Tie')).toBe('tie');
    expect(parsePairwiseVerdict('I prefer A')).toBeUndefined();
    expect(
      parseGrade({ text: 'Score A: 7/10\nScore B: **3**', label: 'Score B', maxScore: 10 }),
    ).toBe(3);
    expect(parseGrade({ text: 'Score: 0', label: 'Score', maxScore: 10 })).toBeUndefined();
  });

  it('builds one prompt without a reference and two with one', () => {
    expect(
      buildJudgePrompts({ spec: graded, question: 'q', answer: 'a', reference: undefined }),
    ).toHaveLength(1);
    expect(
      buildJudgePrompts({ spec: pairwise, question: 'q', answer: 'a', reference: 'r' }),
    ).toHaveLength(2);
  });
});
