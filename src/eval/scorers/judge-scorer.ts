import type { JudgeScorerSpec } from '../suite-schema.js';
import { scored, type ScoreOutcome } from './score-outcome.js';

/** One prompt to the judge model. */
export type JudgePrompt = { readonly system: string; readonly user: string };

/** Sends a prompt to the judge model and returns its answer text; rejects when the call fails. */
export type AskJudge = (prompt: JudgePrompt) => Promise<string>;

/** The order in which two answers are shown: the candidate first, or the reference first. */
export type AnswerOrder = 'candidate-first' | 'reference-first';

const JUDGE_SYSTEM =
  'You are an impartial judge of answers to a task. Follow the rubric. Do not let the order ' +
  'in which answers are shown, their length or their style influence you. Think briefly, then end ' +
  'with the verdict line exactly as instructed.';

/** The prompts of one judgement, for each order in which the answers are shown (or one prompt without a reference). */
export function buildJudgePrompts({
  spec,
  question,
  answer,
  reference,
}: {
  spec: JudgeScorerSpec;
  question: string;
  answer: string;
  reference: string | undefined;
}): Array<{ order: AnswerOrder | undefined; prompt: JudgePrompt }> {
  const head = `[Task]\n${question}\n\n[Rubric]\n${spec.rubric}\n\n`;
  if (reference === undefined) {
    return [
      {
        order: undefined,
        prompt: {
          system: JUDGE_SYSTEM,
          user: `${head}[Answer]\n${answer}\n\nRate the answer from 1 (worst) to ${spec.maxScore} (best). End with one line: "Score: N".`,
        },
      },
    ];
  }
  const orders: AnswerOrder[] = ['candidate-first', 'reference-first'];
  return orders.map((order) => {
    const [first, second] = order === 'candidate-first' ? [answer, reference] : [reference, answer];
    const instruction =
      spec.mode === 'pairwise'
        ? 'Which answer is better? End with one line: "Verdict: A", "Verdict: B" or "Verdict: tie".'
        : `Rate each answer from 1 (worst) to ${spec.maxScore} (best). End with two lines: "Score A: N" and "Score B: N".`;
    return {
      order,
      prompt: {
        system: JUDGE_SYSTEM,
        user: `${head}[Answer A]\n${first}\n\n[Answer B]\n${second}\n\n${instruction}`,
      },
    };
  });
}

/** The verdict of a pairwise judgement (`A`, `B` or `tie`), or undefined when the text has none. */
export function parsePairwiseVerdict(text: string): 'A' | 'B' | 'tie' | undefined {
  let found: string | undefined;
  for (const match of text.matchAll(/verdict\s*[:=-]?\s*[*"'[(]*\s*(a|b|tie)\b/gi))
    found = match[1];
  if (found === undefined) return undefined;
  const upper = found.toUpperCase();
  return upper === 'A' || upper === 'B' ? upper : 'tie';
}

/** The grade after `label` (`Score`, `Score A`), or undefined when absent or outside 1..maxScore. */
export function parseGrade({
  text,
  label,
  maxScore,
}: {
  text: string;
  label: string;
  maxScore: number;
}): number | undefined {
  const pattern = new RegExp(
    `${label}\\s*[:=]\\s*\\**\\s*(\\d+(?:\\.\\d+)?)(?:\\s*/\\s*\\d+)?`,
    'gi',
  );
  let found: number | undefined;
  for (const match of text.matchAll(pattern)) found = Number(match[1]);
  return found !== undefined && found >= 1 && found <= maxScore ? found : undefined;
}

function quote(text: string): string {
  const trimmed = text.trim();
  return JSON.stringify(trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed);
}

/**
 * Scores an answer with an LLM judge. With a reference answer the judge sees both answers twice,
 * once in each order, and the candidate's results are averaged, which cancels a judge's
 * preference for a position. Pairwise: win 1, tie 0.5, loss 0. Graded: `(grade − 1) / (max − 1)`.
 * A verdict that cannot be parsed, or a failed judge call, is an error for this item.
 */
export async function scoreWithJudge({
  spec,
  question,
  answer,
  reference,
  askJudge,
}: {
  spec: JudgeScorerSpec;
  question: string;
  answer: string;
  reference: string | undefined;
  askJudge: AskJudge;
}): Promise<ScoreOutcome> {
  const judgements = buildJudgePrompts({ spec, question, answer, reference });
  const points: number[] = [];
  const notes: string[] = [];
  for (const { order, prompt } of judgements) {
    let verdictText: string;
    try {
      verdictText = await askJudge(prompt);
    } catch (error) {
      return {
        type: 'error',
        message: `judge call failed${order ? ` (${order})` : ''}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    const candidateLabel = order === 'reference-first' ? 'B' : 'A';
    if (spec.mode === 'pairwise' && order !== undefined) {
      const verdict = parsePairwiseVerdict(verdictText);
      if (verdict === undefined) {
        return {
          type: 'error',
          message: `unparseable judge verdict (${order}; expected "Verdict: A", "Verdict: B" or "Verdict: tie"): ${quote(verdictText)}`,
        };
      }
      points.push(verdict === 'tie' ? 0.5 : verdict === candidateLabel ? 1 : 0);
      notes.push(`${order}: ${verdict}`);
      continue;
    }
    const label = order === undefined ? 'Score' : `Score ${candidateLabel}`;
    const grade = parseGrade({ text: verdictText, label, maxScore: spec.maxScore });
    if (grade === undefined) {
      return {
        type: 'error',
        message: `unparseable judge verdict (${order ?? 'single'}; expected "${label}: N" with N from 1 to ${spec.maxScore}): ${quote(verdictText)}`,
      };
    }
    points.push((grade - 1) / (spec.maxScore - 1));
    notes.push(`${order ?? 'single'}: ${grade}/${spec.maxScore}`);
  }
  const mean = points.reduce((sum, value) => sum + value, 0) / points.length;
  return scored(mean, `judge ${notes.join(', ')}`);
}
