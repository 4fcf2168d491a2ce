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

/** Extracts features of every row of `matrix` (IDF learned on these rows) and indexes the tasks. */
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
  const taskNames = [...new Set(matrix.tasks)].sort();
  const taskIndex = new Map(taskNames.map((task, index) => [task, index]));
  return {
    data: {
      vectors: matrix.prompts.map((prompt) => copySparseVector(extractor.extract(prompt))),
      promptLengths: Float64Array.from(matrix.prompts, (prompt) => prompt.length),
      taskLabels: Int32Array.from(matrix.tasks, (task) => taskIndex.get(task) ?? 0),
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
