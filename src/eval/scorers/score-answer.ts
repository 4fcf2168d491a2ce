import { assertNever } from '../../spec/index.js';
import type { SuiteTask } from '../suite-schema.js';
import { scoreExactMatch } from './exact-match-scorer.js';
import { scoreJsonSchema } from './json-schema-scorer.js';
import { scoreWithJudge, type AskJudge } from './judge-scorer.js';
import { scoreMultipleChoice } from './multiple-choice-scorer.js';
import { scoreNumeric } from './numeric-scorer.js';
import { scoreRegex } from './regex-scorer.js';
import type { ScoreOutcome } from './score-outcome.js';

/** A judge for each judge model id; built by the runner so judge calls go through the gateway. */
export type JudgeByModel = (modelId: string) => AskJudge;

/**
 * Scores one answer with the task's scorer. The suite loader has already checked that the task
 * has the reference its scorer needs; a missing one here is reported as an error, not thrown.
 */
export async function scoreAnswer({
  task,
  answer,
  judgeByModel,
  defaultJudgeModel,
}: {
  task: SuiteTask;
  answer: string;
  judgeByModel: JudgeByModel;
  defaultJudgeModel: string | undefined;
}): Promise<ScoreOutcome> {
  const { scorer, reference } = task;
  const referenceText = firstReference(reference);
  switch (scorer.type) {
    case 'exact':
      if (reference === undefined) return missingReference(scorer.type);
      return scoreExactMatch({
        answer,
        reference: typeof reference === 'number' ? String(reference) : reference,
        spec: scorer,
      });
    case 'regex': {
      const pattern = scorer.pattern ?? referenceText;
      if (pattern === undefined) return missingReference(scorer.type);
      return scoreRegex({ answer, pattern, flags: scorer.flags });
    }
    case 'numeric': {
      const value = referenceText === undefined ? Number.NaN : Number(referenceText);
      if (!Number.isFinite(value)) return missingReference(scorer.type);
      return scoreNumeric({ answer, reference: value, spec: scorer });
    }
    case 'multiple-choice':
      if (referenceText === undefined) return missingReference(scorer.type);
      return scoreMultipleChoice({ answer, reference: referenceText });
    case 'json-schema':
      return scoreJsonSchema({ answer, schema: scorer.schema });
    case 'judge': {
      const model = scorer.model ?? defaultJudgeModel;
      if (model === undefined)
        return { type: 'error', message: 'no judge model: set scorer.model or --judge-model' };
      return scoreWithJudge({
        spec: scorer,
        question: task.prompt,
        answer,
        reference: referenceText,
        askJudge: judgeByModel(model),
      });
    }
    default:
      return assertNever(scorer);
  }
}

/** The reference as text: itself, the number written out, or the first of several accepted answers. */
function firstReference(reference: SuiteTask['reference']): string | undefined {
  if (reference === undefined || typeof reference === 'string') return reference;
  if (typeof reference === 'number') return String(reference);
  return reference[0];
}

function missingReference(type: string): ScoreOutcome {
  return { type: 'error', message: `the ${type} scorer needs a reference` };
}
