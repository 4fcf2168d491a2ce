import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { safeParseJson } from '../../provider-utils/index.js';
import type { LinearModel } from './linear-model.js';
import type { RouterObjective, OperatingPoint } from './operating-points.js';
import { DENSE_FEATURE_COUNT } from './feature-extractor.js';
import {
  ROUTER_ARTIFACT_FORMAT,
  ROUTER_ARTIFACT_VERSION,
  routerArtifactSchema,
  type RouterArtifact,
} from './router-artifact-schema.js';
import type { RouterModel } from './router-model.js';

/** A router artifact that is missing, malformed, or whose content hash does not match. */
export class RouterArtifactError extends Error {
  readonly path: string;
  constructor({ message, path, cause }: { message: string; path: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'RouterArtifactError';
    this.path = path;
  }
}

/** Encodes a float32 array as base64 of its little-endian bytes. */
export function encodeFloat32(values: Float32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** Decodes {@link encodeFloat32}; throws when the byte count is not a multiple of 4 or not `expectedLength`. */
export function decodeFloat32({
  base64,
  expectedLength,
}: {
  base64: string;
  expectedLength: number;
}): Float32Array {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength !== expectedLength * 4) {
    throw new Error(`expected ${expectedLength} float32 values, found ${bytes.byteLength / 4}`);
  }
  const values = new Float32Array(expectedLength);
  new Uint8Array(values.buffer).set(bytes);
  return values;
}

/** JSON with object keys sorted at every level and no whitespace. */
export function toCanonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => toCanonicalJson(item)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .sort(([first], [second]) => (first < second ? -1 : first > second ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${toCanonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** `sha256:<hex>` of the canonical JSON of the artifact without `contentHash` and `createdAt`. */
export function computeContentHash(
  artifact: Omit<RouterArtifact, 'contentHash' | 'createdAt'> & Partial<RouterArtifact>,
): string {
  const { contentHash: _contentHash, createdAt: _createdAt, ...payload } = artifact;
  return `sha256:${createHash('sha256').update(toCanonicalJson(payload)).digest('hex')}`;
}

function encodeLinear(model: LinearModel): RouterArtifact['taskClassifier'] {
  return {
    dimension: model.dimension,
    outputCount: model.outputCount,
    weights: encodeFloat32(model.weights),
    bias: Array.from(model.bias),
  };
}

function decodeLinear(encoded: RouterArtifact['taskClassifier']): LinearModel {
  return {
    dimension: encoded.dimension,
    outputCount: encoded.outputCount,
    weights: decodeFloat32({
      base64: encoded.weights,
      expectedLength: encoded.dimension * encoded.outputCount,
    }),
    bias: Float32Array.from(encoded.bias),
  };
}

/** Options of {@link createRouterArtifact}. */
export type CreateRouterArtifactOptions = {
  model: RouterModel;
  operatingPoints: Record<RouterObjective, OperatingPoint>;
  training: RouterArtifact['training'];
  /** Creation time (ISO 8601). Injected for determinism. */
  createdAt: string;
};

/** Builds the artifact (with its content hash) for a trained model. */
export function createRouterArtifact({
  model,
  operatingPoints,
  training,
  createdAt,
}: CreateRouterArtifactOptions): RouterArtifact {
  const modelCount = model.modelIds.length;
  const taskCount = model.taskNames.length;
  const payload: Omit<RouterArtifact, 'contentHash' | 'createdAt'> = {
    format: ROUTER_ARTIFACT_FORMAT,
    version: ROUTER_ARTIFACT_VERSION,
    models: model.modelIds.map((id, index) => ({
      id,
      costPerCharacterUsd: model.costPerCharacterUsd[index] ?? 0,
      costPerTaskUsd: Array.from(
        { length: taskCount },
        (_, task) => model.costPerTaskUsd[task * modelCount + index] ?? 0,
      ),
      taskMeanScore: Array.from(
        { length: taskCount },
        (_, task) => model.taskTable[task * modelCount + index] ?? 0,
      ),
    })),
    tasks: [...model.taskNames],
    features: {
      ...model.features,
      inverseDocumentFrequency: encodeFloat32(model.inverseDocumentFrequency),
    },
    taskClassifier: encodeLinear(model.taskClassifier),
    quality: {
      residual: model.residual === null ? null : encodeLinear(model.residual),
      residualWeight: model.residualWeight,
      clusters:
        model.clusters === null
          ? null
          : {
              centroids: encodeLinear(model.clusters.centroids),
              table: encodeFloat32(model.clusters.table),
              temperature: model.clusters.temperature,
              weight: model.clusters.weight,
            },
      denseTask:
        model.denseTask === null
          ? null
          : {
              means: encodeFloat32(model.denseTask.means),
              coefficients: encodeFloat32(model.denseTask.coefficients),
              ridge: model.denseTask.ridge,
              weight: model.denseTask.weight,
            },
    },
    costScaleUsd: model.costScaleUsd,
    operatingPoints,
    training,
  };
  return { ...payload, contentHash: computeContentHash(payload), createdAt };
}

/** Serialises an artifact as JSON text. */
export function formatRouterArtifact(artifact: RouterArtifact): string {
  return `${JSON.stringify(artifact)}\n`;
}

/** Turns a parsed artifact back into a {@link RouterModel}; throws on inconsistent sizes. */
export function decodeRouterArtifact(artifact: RouterArtifact): RouterModel {
  const modelCount = artifact.models.length;
  const taskCount = artifact.tasks.length;
  const { inverseDocumentFrequency, ...features } = artifact.features;
  const taskClassifier = decodeLinear(artifact.taskClassifier);
  const residual =
    artifact.quality.residual === null ? null : decodeLinear(artifact.quality.residual);
  const dimension = 2 ** features.hashBits;
  const encodedClusters = artifact.quality.clusters ?? null;
  const centroids = encodedClusters === null ? null : decodeLinear(encodedClusters.centroids);
  if (centroids !== null && centroids.dimension !== taskClassifier.dimension)
    throw new Error('cluster centroids and taskClassifier dimensions differ');
  if (taskClassifier.outputCount !== taskCount)
    throw new Error(
      `taskClassifier has ${taskClassifier.outputCount} outputs for ${taskCount} tasks`,
    );
  if (residual !== null && residual.outputCount !== modelCount)
    throw new Error(`residual has ${residual.outputCount} outputs for ${modelCount} models`);
  if (residual !== null && residual.dimension !== taskClassifier.dimension)
    throw new Error('residual and taskClassifier dimensions differ');
  const encodedDense = artifact.quality.denseTask;
  const taskTable = new Float32Array(taskCount * modelCount);
  const costPerTaskUsd = new Float32Array(taskCount * modelCount);
  artifact.models.forEach((entry, index) => {
    if (entry.taskMeanScore.length !== taskCount || entry.costPerTaskUsd.length !== taskCount) {
      throw new Error(`model "${entry.id}" has per-task arrays of the wrong length`);
    }
    for (let task = 0; task < taskCount; task += 1) {
      taskTable[task * modelCount + index] = entry.taskMeanScore[task] ?? 0;
      costPerTaskUsd[task * modelCount + index] = entry.costPerTaskUsd[task] ?? 0;
    }
  });
  return {
    modelIds: artifact.models.map((entry) => entry.id),
    taskNames: artifact.tasks,
    features,
    inverseDocumentFrequency: decodeFloat32({
      base64: inverseDocumentFrequency,
      expectedLength: dimension,
    }),
    taskClassifier,
    taskTable,
    residual,
    residualWeight: artifact.quality.residualWeight,
    clusters:
      encodedClusters === null || centroids === null
        ? null
        : {
            centroids,
            table: decodeFloat32({
              base64: encodedClusters.table,
              expectedLength: centroids.outputCount * modelCount,
            }),
            temperature: encodedClusters.temperature,
            weight: encodedClusters.weight,
          },
    denseTask:
      encodedDense === null
        ? null
        : {
            means: decodeFloat32({
              base64: encodedDense.means,
              expectedLength: taskCount * DENSE_FEATURE_COUNT,
            }),
            coefficients: decodeFloat32({
              base64: encodedDense.coefficients,
              expectedLength: taskCount * modelCount * DENSE_FEATURE_COUNT,
            }),
            ridge: encodedDense.ridge,
            weight: encodedDense.weight,
          },
    costPerCharacterUsd: Float32Array.from(artifact.models, (entry) => entry.costPerCharacterUsd),
    costPerTaskUsd,
    costScaleUsd: artifact.costScaleUsd,
  };
}

/** Throws a clear {@link RouterArtifactError} for an artifact of another format version. */
function assertSupportedVersion({ text, path }: { text: string; path: string }): void {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    return; // The schema parse reports malformed JSON.
  }
  if (header === null || typeof header !== 'object') return;
  const { format, version } = header as { format?: unknown; version?: unknown };
  if (format !== ROUTER_ARTIFACT_FORMAT || version === ROUTER_ARTIFACT_VERSION) return;
  throw new RouterArtifactError({
    message: `Router artifact ${path} has format version ${JSON.stringify(version)}; this switchyard reads version ${ROUTER_ARTIFACT_VERSION}. Retrain with \`switchyard router train\`.`,
    path,
  });
}

/**
 * Parses and validates artifact JSON text: schema, format version, and content hash (a mismatch
 * means the file was edited or corrupted). Throws {@link RouterArtifactError}.
 */
export function parseRouterArtifact({ text, path = '(text)' }: { text: string; path?: string }): {
  artifact: RouterArtifact;
  model: RouterModel;
} {
  assertSupportedVersion({ text, path });
  const parsed = safeParseJson({ text, schema: routerArtifactSchema });
  if (!parsed.success) {
    throw new RouterArtifactError({
      message: `Invalid router artifact ${path}: ${parsed.error.message}. Retrain with \`switchyard router train\`.`,
      path,
    });
  }
  const artifact = parsed.value;
  const expected = computeContentHash(artifact);
  if (expected !== artifact.contentHash) {
    throw new RouterArtifactError({
      message: `Router artifact ${path} failed its integrity check: contentHash is ${artifact.contentHash} but the content hashes to ${expected}. The file was modified or corrupted; retrain it.`,
      path,
    });
  }
  try {
    return { artifact, model: decodeRouterArtifact(artifact) };
  } catch (error) {
    throw new RouterArtifactError({
      message: `Router artifact ${path} is inconsistent: ${error instanceof Error ? error.message : String(error)}.`,
      path,
      cause: error,
    });
  }
}

/** Reads, validates and hash-checks a router artifact file. Throws {@link RouterArtifactError}. */
export async function loadRouterArtifact(
  path: string,
): Promise<{ artifact: RouterArtifact; model: RouterModel }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new RouterArtifactError({
      message: `Router artifact not found or unreadable: ${path}. Train one with \`switchyard router train\`.`,
      path,
      cause: error,
    });
  }
  return parseRouterArtifact({ text, path });
}
