import type { FinishReason } from '../../spec/canonical-response.js';
import type { CascadePolicy } from './route-policy.js';

/** What a cascade check reads of an answer. */
export type CascadeAnswer = {
  readonly text: string;
  readonly toolCallCount: number;
  readonly finishReason: FinishReason;
};

// Openings of answers that decline the task; checked on the first 200 characters only.
const REFUSAL_PATTERN =
  /^(?:i'?m sorry,? but |i am sorry,? but |sorry,? (?:but )?i can(?:no|')t |i can(?:no|')t (?:help|assist|comply|do that|provide)|i(?:'m| am) (?:not able|unable) to (?:help|assist|comply|provide)|i (?:won'?t|will not) (?:be able to )?(?:help|assist|provide)|as an ai(?: language model)?,? i (?:can(?:no|')t|don'?t))/i;

/**
 * Why a cascade should escalate past this answer, or undefined when the answer passes every
 * check. Checks: `empty` (no text and no tool call), `truncated` (stopped at the token limit),
 * `refusal` (opens by declining), `json` (a JSON request whose answer does not parse),
 * `verifier` (the configured pattern and minimum length). Pure.
 */
export function checkCascadeAnswer({
  answer,
  wantsJson,
  policy,
}: {
  answer: CascadeAnswer;
  wantsJson: boolean;
  policy: CascadePolicy;
}): string | undefined {
  const text = answer.text.trim();
  for (const check of policy.checks) {
    switch (check) {
      case 'empty':
        if (text === '' && answer.toolCallCount === 0) return 'empty answer';
        break;
      case 'truncated':
        if (answer.finishReason === 'length') return 'answer cut off at the output-token limit';
        break;
      case 'refusal':
        if (answer.finishReason === 'refusal' || answer.finishReason === 'content-filter')
          return `the model refused (finish reason ${answer.finishReason})`;
        if (REFUSAL_PATTERN.test(text.slice(0, 200))) return 'the answer declines the task';
        break;
      case 'json':
        if (wantsJson && answer.toolCallCount === 0 && !parsesAsJson(text))
          return 'a JSON answer was asked for and the answer is not valid JSON';
        break;
      case 'verifier': {
        const verifier = policy.verifier;
        if (!verifier) break;
        if (text.length < verifier.minCharacters)
          return `answer shorter than the verifier's ${verifier.minCharacters} characters`;
        if (verifier.pattern && !verifier.pattern.test(text))
          return `answer does not match the verifier pattern /${verifier.pattern.source}/`;
        break;
      }
    }
  }
  return undefined;
}

function parsesAsJson(text: string): boolean {
  // Models often fence JSON in markdown; accept a fenced block.
  const fenced = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(text);
  try {
    JSON.parse(fenced?.[1] ?? text);
    return true;
  } catch {
    return false;
  }
}
