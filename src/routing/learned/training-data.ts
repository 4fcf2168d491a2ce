import type { OutcomeMatrix } from '../datasets/outcome-matrix.js';
import {
  computeInverseDocumentFrequency,
  copySparseVector,
  createFeatureExtractor,
  type FeatureConfig,
} from './feature-extractor.js';
import type { RouterTrainingData } from './router-model.js';

/** Training data with the feature settings it was built with. */
export type PreparedTrainingData = {
  readonly data: RouterTrainingData;
  readonly features: FeatureConfig;
  readonly inverseDocumentFrequency: Float32Array;
  readonly dimension: number;
};

/**
 * Train prompts a task needs to keep its own label. With fewer, fewer than 8 are left in a
 * cross-validation fold, so the task's score table leans mostly on its smoothing prior (5
 * pseudo-prompts at the model's mean) and its classifier class has almost nothing to learn from. A
 * small suite with a strong task effect (16 prompts a task) keeps its tasks.
 */
export const MIN_TASK_ROWS = 10;

/** Label of the group that takes sparse tasks without a family big enough. */
export const OTHER_TASK = '(other)';

/**
 * Maps every task to the label it is trained under: its own when it has at least `minRows`
 * prompts; else its family (the name before the first `.`, as in `mmlu_pro.law`) when the family's
 * sparse tasks together reach `minRows`; else {@link OTHER_TASK}.
 */
export function groupSparseTasks(
  tasks: readonly string[],
  minRows = MIN_TASK_ROWS,
): Map<string, string> {
  const counts = new Map<string, number>();
  for (const task of tasks) counts.set(task, (counts.get(task) ?? 0) + 1);
  const familyOf = (task: string): string | undefined => {
    const dot = task.indexOf('.');
    return dot > 0 ? task.slice(0, dot) : undefined;
  };
  const familyRows = new Map<string, number>();
  for (const [task, count] of counts) {
    const family = familyOf(task);
    if (count < minRows && family !== undefined)
      familyRows.set(family, (familyRows.get(family) ?? 0) + count);
  }
  const groups = new Map<string, string>();
  for (const [task, count] of counts) {
    if (count >= minRows) groups.set(task, task);
    else {
      const family = familyOf(task);
      groups.set(
        task,
        family !== undefined && (familyRows.get(family) ?? 0) >= minRows ? family : OTHER_TASK,
      );
    }
  }
  return groups;
}

/**
 * Extracts features of every row of `matrix` (IDF learned on these rows) and indexes the tasks,
 * sparse ones grouped by {@link groupSparseTasks}.
 */
export function prepareTrainingData({
  matrix,
  features,
}: {
  matrix: OutcomeMatrix;
  features: FeatureConfig;
}): PreparedTrainingData {
  const inverseDocumentFrequency = computeInverseDocumentFrequency({
    prompts: matrix.prompts,
    config: features,
  });
  const extractor = createFeatureExtractor({ config: features, inverseDocumentFrequency });
  const groups = groupSparseTasks(matrix.tasks);
  const labelOf = (task: string): string => groups.get(task) ?? task;
  const taskNames = [...new Set(matrix.tasks.map(labelOf))].sort();
  const taskIndex = new Map(taskNames.map((task, index) => [task, index]));
  return {
    data: {
      vectors: matrix.prompts.map((prompt) => copySparseVector(extractor.extract(prompt))),
      promptLengths: Float64Array.from(matrix.prompts, (prompt) => prompt.length),
      taskLabels: Int32Array.from(matrix.tasks, (task) => taskIndex.get(labelOf(task)) ?? 0),
      taskNames,
      modelIds: matrix.modelIds,
      scores: matrix.scores,
      costsUsd: matrix.costsUsd,
    },
    features,
    inverseDocumentFrequency,
    dimension: extractor.dimension,
  };
}
