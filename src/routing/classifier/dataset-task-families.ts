import type { TaskFamily } from './task-family.js';

/**
 * The task family of each `task` label of the shared routing datasets (`../shared/data`), used to
 * measure the classifier. Keyed `<dataset folder>/<task>` because one task name can be shown
 * differently: routerbench-subset's `arc_challenge` prompts list lettered options (so
 * `multiple-choice`), llmrouter-14task's do not (the options were stripped, so the model sees an
 * open science question: `knowledge-qa`). HumanEval is a function stub with a docstring, which a
 * chat client sends to have it implemented: `code-generation`, not editor `code-completion`.
 */
export const DATASET_TASK_FAMILIES: Readonly<Record<string, TaskFamily>> = {
  'llmrouter-14task/mbpp': 'code-generation',
  'llmrouter-14task/human_eval': 'code-generation',
  'llmrouter-14task/gsm8k': 'math',
  'llmrouter-14task/math': 'math',
  'llmrouter-14task/agentverse-mgsm': 'math',
  'llmrouter-14task/natural_qa': 'knowledge-qa',
  'llmrouter-14task/trivia_qa': 'knowledge-qa',
  'llmrouter-14task/arc_challenge': 'knowledge-qa',
  'llmrouter-14task/commonsense_qa': 'knowledge-qa',
  'llmrouter-14task/openbook_qa': 'knowledge-qa',
  // A reading passage followed by a question about it; options stripped.
  'llmrouter-14task/mmlu': 'knowledge-qa',
  // Graduate-level science problems (multi-step chemistry, physics, biology).
  'llmrouter-14task/gpqa': 'reasoning',
  'llmrouter-14task/agentverse-logicgrid': 'reasoning',
  // A bare list of concepts to be woven into a sentence.
  'llmrouter-14task/commongen': 'creative-writing',
  'routerbench-subset/arc_challenge': 'multiple-choice',
  'routerbench-subset/winogrande': 'multiple-choice',
  'routerbench-subset/mbpp': 'code-generation',
};
