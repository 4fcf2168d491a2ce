import { classifyTask } from '../classifier/classify-task.js';
import { DATASET_TASK_FAMILIES } from '../classifier/dataset-task-families.js';
import { parseTaskFamily, type TaskFamily } from '../classifier/task-family.js';
import type { OutcomeRecord } from '../datasets/outcome-schema.js';
import type { QualityPrior } from './route-policy.js';

/** Fewest train prompts of a family before its mean is used instead of the model's overall mean. */
const MIN_FAMILY_SAMPLES = 5;

/** The task family of a dataset line: the known label mapping, the label itself, or the classifier. */
export function familyOfRecord({
  record,
  datasetName,
}: {
  record: Pick<OutcomeRecord, 'task' | 'prompt'>;
  datasetName: string;
}): TaskFamily {
  return (
    DATASET_TASK_FAMILIES[`${datasetName}/${record.task}`] ??
    parseTaskFamily(record.task) ??
    classifyTask({
      request: { messages: [{ role: 'user', content: [{ type: 'text', text: record.prompt }] }] },
    }).family
  );
}

/**
 * Per-task quality priors from a routing outcome dataset's `train` split: each model's mean score
 * per task family (families with fewer than 5 prompts fall back to the model's overall mean).
 * `modelIds` maps the dataset's model names to configured model ids; other models are ignored.
 */
export function computeDatasetPriors({
  records,
  datasetName,
  modelIds,
}: {
  records: Iterable<OutcomeRecord>;
  datasetName: string;
  /** Dataset model name → configured model id. */
  modelIds: ReadonlyMap<string, string>;
}): Map<string, QualityPrior> {
  type Sums = {
    total: number;
    count: number;
    byFamily: Map<TaskFamily, { total: number; count: number }>;
  };
  const sums = new Map<string, Sums>();
  for (const record of records) {
    if (record.split !== 'train') continue;
    const family = familyOfRecord({ record, datasetName });
    for (const [datasetModel, outcome] of Object.entries(record.outcomes)) {
      const modelId = modelIds.get(datasetModel);
      if (modelId === undefined) continue;
      let entry = sums.get(modelId);
      if (!entry) {
        entry = { total: 0, count: 0, byFamily: new Map() };
        sums.set(modelId, entry);
      }
      entry.total += outcome.score;
      entry.count += 1;
      const familySums = entry.byFamily.get(family) ?? { total: 0, count: 0 };
      familySums.total += outcome.score;
      familySums.count += 1;
      entry.byFamily.set(family, familySums);
    }
  }
  const priors = new Map<string, QualityPrior>();
  for (const [modelId, entry] of sums) {
    const byFamily: Partial<Record<TaskFamily, number>> = {};
    for (const [family, familySums] of entry.byFamily) {
      if (familySums.count >= MIN_FAMILY_SAMPLES)
        byFamily[family] = Math.round((familySums.total / familySums.count) * 1000) / 1000;
    }
    priors.set(modelId, {
      default: Math.round((entry.total / entry.count) * 1000) / 1000,
      byFamily,
      source: `dataset ${datasetName} (train means)`,
    });
  }
  return priors;
}
