import type { CanonicalRequest } from '../../spec/canonical-request.js';
import { readRequestText } from './read-request-text.js';
import { parseTaskFamily, TASK_FAMILIES, type TaskFamily } from './task-family.js';
import {
  CODE_COMPLETION_SYSTEM_PATTERN,
  CLOZE_BLANK_PATTERN,
  CODE_KEYWORD_PATTERN,
  EXPERT_SCIENCE_PATTERN,
  EXPERT_SCIENCE_TRIGGERS,
  MATH_WORDING_PATTERN,
  MATH_WORDING_TRIGGERS,
  FILL_IN_THE_MIDDLE_MARKERS,
  OPTION_LINE_PATTERN,
  QUESTION_START_PATTERN,
  TASK_RULES,
  TOOL_NAME_RULES,
} from './task-rules.js';
import { measureTextShape, type TextShape } from './text-shape.js';
import { createTriggerIndex } from './trigger-index.js';

/** Options of {@link classifyTask}. */
export type ClassifyTaskOptions = {
  readonly request: CanonicalRequest;
  /** The `x-switchyard-task` header: a task family name; overrides the classifier when valid. */
  readonly taskHeader?: string;
};

/** Result of {@link classifyTask}. */
export type TaskClassification = {
  readonly family: TaskFamily;
  /** How sure the classifier is, in [0, 1]: 1 for a header override. */
  readonly confidence: number;
  /** Short reasons, `<family>: <reason>`, for the routing explanation. */
  readonly signals: string[];
};

/** Characters read from each end of the last user message for keyword rules. */
const INSTRUCTION_WINDOW_CHARACTERS = 300;

const FAMILY_INDEX = new Map<TaskFamily, number>(
  TASK_FAMILIES.map((family, index) => [family, index]),
);

// Bits 0..n-1: TASK_RULES; then the two counted patterns.
const MATH_WORDING_BIT = 1 << TASK_RULES.length;
const EXPERT_SCIENCE_BIT = 1 << (TASK_RULES.length + 1);
const TRIGGER_INDEX = createTriggerIndex([
  ...TASK_RULES.map((rule) => rule.triggers),
  MATH_WORDING_TRIGGERS,
  EXPERT_SCIENCE_TRIGGERS,
]);
// Rules without triggers always run.
const UNTRIGGERED_RULES_MASK = TASK_RULES.reduce(
  (mask, rule, index) => (rule.triggers === undefined ? mask | (1 << index) : mask),
  0,
);

type Scores = { readonly values: Float64Array; readonly signals: string[] };

function addScore({
  scores,
  family,
  weight,
  signal,
}: {
  scores: Scores;
  family: TaskFamily;
  weight: number;
  signal: string;
}): void {
  const index = FAMILY_INDEX.get(family);
  if (index === undefined) return;
  scores.values[index] = (scores.values[index] ?? 0) + weight;
  scores.signals.push(`${family}: ${signal}`);
}

function scoreCode({
  scores,
  text,
  window,
  shape,
}: {
  scores: Scores;
  text: string;
  window: string;
  shape: TextShape;
}): boolean {
  for (const marker of FILL_IN_THE_MIDDLE_MARKERS) {
    if (text.includes(marker)) {
      addScore({
        scores,
        family: 'code-completion',
        weight: 8,
        signal: 'fill-in-the-middle markers',
      });
      return true;
    }
  }
  if (shape.codeFenceCount > 0) {
    addScore({ scores, family: 'code-generation', weight: 2.5, signal: 'code fence' });
  }
  const isDense = shape.codeSymbolRatio > 0.03 || shape.indentedLineCount >= 2;
  if (!isDense && shape.codeFenceCount === 0) return false;
  const keywords = new Set(window.match(CODE_KEYWORD_PATTERN) ?? []);
  if (keywords.size < 2) return shape.codeFenceCount > 0;
  addScore({ scores, family: 'code-generation', weight: 2, signal: 'code keywords' });
  // A function stub closed by its docstring asks for a body (HumanEval style); code that stops
  // mid-line, with no prose around it, asks to be continued.
  if (/(?:"""|''')\s*$/.test(window)) {
    addScore({
      scores,
      family: 'code-generation',
      weight: 2,
      signal: 'function stub with docstring',
    });
  } else if (shape.endsMidLine) {
    addScore({ scores, family: 'code-completion', weight: 4, signal: 'bare code ending mid-line' });
  }
  return true;
}

function scoreStructure({
  scores,
  request,
  shape,
  window,
}: {
  scores: Scores;
  request: CanonicalRequest;
  shape: TextShape;
  window: string;
}): void {
  const optionCount = window.match(OPTION_LINE_PATTERN)?.length ?? 0;
  if (optionCount >= 2) {
    addScore({ scores, family: 'multiple-choice', weight: 4, signal: 'lists lettered options' });
  }
  if (shape.numberCount >= 2) {
    addScore({
      scores,
      family: 'math',
      weight: Math.min(shape.numberCount, 4) * 0.5,
      signal: 'several numbers',
    });
  }
  if (shape.isConceptList) {
    addScore({ scores, family: 'creative-writing', weight: 4, signal: 'bare list of concepts' });
  }
  if (QUESTION_START_PATTERN.test(window)) {
    addScore({
      scores,
      family: 'knowledge-qa',
      weight: 1.5,
      signal: 'starts with a question word',
    });
  }
  const mathTerms = new Set(
    (shape.triggerMask & MATH_WORDING_BIT) === 0 ? [] : (window.match(MATH_WORDING_PATTERN) ?? []),
  );
  if (mathTerms.size > 0) {
    addScore({
      scores,
      family: 'math',
      weight: Math.min(mathTerms.size, 3),
      signal: 'math wording',
    });
  }
  const scienceTerms = new Set(
    (shape.triggerMask & EXPERT_SCIENCE_BIT) === 0
      ? []
      : (window.match(EXPERT_SCIENCE_PATTERN) ?? []),
  );
  if (scienceTerms.size >= 2) {
    addScore({
      scores,
      family: 'reasoning',
      weight: scienceTerms.size >= 3 ? 4 : 2.5,
      signal: 'expert science',
    });
  }
  if (CLOZE_BLANK_PATTERN.test(window)) {
    addScore({ scores, family: 'knowledge-qa', weight: 1.5, signal: 'fill-in-the-blank question' });
  }
  if (shape.endsWithQuestionMark) {
    addScore({ scores, family: 'knowledge-qa', weight: 1, signal: 'ends with a question' });
  }
  const { responseFormat } = request;
  if (responseFormat?.type === 'json') {
    const hasSchema = responseFormat.schema !== undefined;
    addScore({
      scores,
      family: 'extraction',
      weight: hasSchema ? 3 : 1.5,
      signal: hasSchema ? 'JSON schema response format' : 'JSON response format',
    });
  }
}

function scoreTools({ scores, request }: { scores: Scores; request: CanonicalRequest }): void {
  const tools = request.tools ?? [];
  if (tools.length === 0) return;
  for (const rule of TOOL_NAME_RULES) {
    for (const tool of tools) {
      if (rule.pattern.test(tool.name.toLowerCase())) {
        addScore({ scores, family: rule.family, weight: rule.weight, signal: rule.signal });
        break;
      }
    }
  }
  const choice = request.toolChoice;
  if (choice?.type === 'tool' && tools.length === 1) {
    addScore({ scores, family: 'extraction', weight: 1.5, signal: 'forced single tool' });
  }
}

function pickFamily(scores: Scores): { family: TaskFamily; best: number; second: number } {
  let bestIndex = -1;
  let best = 0;
  let second = 0;
  scores.values.forEach((value, index) => {
    if (value > best) {
      second = best;
      best = value;
      bestIndex = index;
    } else if (value > second) {
      second = value;
    }
  });
  return { family: TASK_FAMILIES[bestIndex] ?? 'chat', best, second };
}

function roundConfidence(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Classifies a request into a task family from its last user message (head and tail), the head of
 * its system prompt, its tool names and its response format. A valid `taskHeader` wins outright;
 * an invalid one is ignored with a signal. Deterministic, no I/O, a few microseconds for a 2 KB
 * prompt (docs/task-classifier.md).
 */
export function classifyTask({ request, taskHeader }: ClassifyTaskOptions): TaskClassification {
  const signals: string[] = [];
  if (taskHeader !== undefined) {
    const family = parseTaskFamily(taskHeader);
    if (family !== undefined) {
      return { family, confidence: 1, signals: [`${family}: x-switchyard-task header`] };
    }
    signals.push(`ignored unknown x-switchyard-task "${taskHeader.slice(0, 40)}"`);
  }
  const requestText = readRequestText(request);
  const scores: Scores = { values: new Float64Array(TASK_FAMILIES.length), signals };
  const text = requestText.userText;
  const window = (
    text.length <= INSTRUCTION_WINDOW_CHARACTERS * 2
      ? text
      : `${text.slice(0, INSTRUCTION_WINDOW_CHARACTERS)}\n${text.slice(-INSTRUCTION_WINDOW_CHARACTERS)}`
  )
    .trim()
    .toLowerCase();
  // Statistics of the instruction window only: the head and tail carry the task, and reading
  // 600 characters instead of 2,048 keeps the classifier within the routing budget.
  const shape = measureTextShape(window, TRIGGER_INDEX);
  const ruleMask = shape.triggerMask | UNTRIGGERED_RULES_MASK;

  if (CODE_COMPLETION_SYSTEM_PATTERN.test(requestText.systemText)) {
    addScore({
      scores,
      family: 'code-completion',
      weight: 4,
      signal: 'system prompt sets up code completion',
    });
  }
  scoreCode({ scores, text, window, shape });
  for (let index = 0; index < TASK_RULES.length; index += 1) {
    const rule = TASK_RULES[index];
    if (rule === undefined || (ruleMask & (1 << index)) === 0) continue;
    if (rule.pattern.test(window)) {
      addScore({ scores, family: rule.family, weight: rule.weight, signal: rule.signal });
    }
  }
  scoreStructure({ scores, request, shape, window });
  scoreTools({ scores, request });
  if (requestText.assistantTurnCount > 0) {
    addScore({
      scores,
      family: 'chat',
      weight: Math.min(requestText.assistantTurnCount, 3) * 0.5,
      signal: 'ongoing conversation',
    });
  }

  const { family, best, second } = pickFamily(scores);
  if (best >= 1) {
    return { family, confidence: roundConfidence(best / (best + second + 1)), signals };
  }
  if (!requestText.hasUserMessage) signals.push('chat: no user message');
  else if (text.trim() === '' && requestText.imageCount > 0) signals.push('chat: only images');
  else if (text.trim() === '') signals.push('chat: empty user message');
  else if (
    requestText.assistantTurnCount === 0 &&
    (shape.wordCount > 60 || !shape.hasPersonalPronoun)
  ) {
    // A first message with no task signal is most often a question or a text to answer about;
    // short personal messages and ongoing conversations are chat.
    signals.push('knowledge-qa: first message without task signal');
    return { family: 'knowledge-qa', confidence: 0.3, signals };
  } else signals.push('chat: no task signal');
  return { family: 'chat', confidence: 0.3, signals };
}
