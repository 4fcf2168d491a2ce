import { readFileSync } from 'node:fs';
import { parseJsonOrUndefined } from '../../../provider-utils/index.js';
import { createSeededUnitVector } from '../../simulated/simulated-embedding-model.js';
import { sharedPath } from '../../test-utils/shared-path.js';

/** What the fake answers an embeddings call with: a JSON body and its status. */
export type FakeEmbeddingsReply = { readonly status: number; readonly body: unknown };

/** How one OpenAI-shaped server differs: fields it takes and how it words its errors. */
export type FakeEmbeddingsDialect = {
  readonly knownFields: ReadonlySet<string>;
  /** The field carrying the vector size (`dimensions`; Mistral: `output_dimension`). */
  readonly dimensionsField: string;
  readonly defaultDimensions: number;
  readonly error: (options: { status: number; message: string; param?: string }) => unknown;
};

/** OpenAI's own CreateEmbeddingRequest fields and error shape. */
export const openaiFakeEmbeddingsDialect: FakeEmbeddingsDialect = {
  knownFields: new Set(['input', 'model', 'encoding_format', 'dimensions', 'user']),
  dimensionsField: 'dimensions',
  defaultDimensions: 1536,
  error: ({ status, message, param }) => ({
    error: {
      message,
      type: status === 429 ? 'requests' : status >= 500 ? 'server_error' : 'invalid_request_error',
      param: param ?? null,
      code: status === 429 ? 'rate_limit_exceeded' : null,
    },
  }),
};

type RecordedEmbeddingList = {
  data: Array<{ embedding: number[] }>;
  usage: { prompt_tokens: number };
};

let recording: RecordedEmbeddingList | undefined;

/** The recorded `text-embedding-3-small` answer (two inputs, 5 dimensions). */
function loadRecording(): RecordedEmbeddingList {
  recording ??= JSON.parse(
    readFileSync(
      sharedPath('conformance', 'ai-sdk-fixtures', 'openai', 'embedding', 'openai-embedding.json'),
      'utf8',
    ),
  ) as RecordedEmbeddingList;
  return recording;
}

/**
 * Answers `POST /embeddings` as OpenAI does. Two inputs at 5 dimensions replay the recorded
 * answer; others get hash-seeded unit vectors (one per text, the same text always the same
 * vector). An input holding `[[scenario:rate-limit]]` or `[[scenario:server-error]]` fails.
 */
export function answerFakeEmbeddings({
  body,
  model,
  dialect = openaiFakeEmbeddingsDialect,
}: {
  body: string;
  /** The model named by the path (Azure deployments); defaults to the body's `model`. */
  model?: string;
  dialect?: FakeEmbeddingsDialect;
}): FakeEmbeddingsReply {
  const raw = parseJsonOrUndefined(body);
  const fail = (status: number, message: string, param?: string): FakeEmbeddingsReply => ({
    status,
    body: dialect.error({ status, message, ...(param ? { param } : {}) }),
  });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(400, 'We could not parse the JSON body of your request.');
  }
  const fields = raw as Record<string, unknown>;
  const unknown = Object.keys(fields).find((name) => !dialect.knownFields.has(name));
  if (unknown !== undefined) return fail(400, `Unrecognized request argument supplied: ${unknown}`);
  const name = model ?? fields.model;
  if (typeof name !== 'string') return fail(400, 'you must provide a model parameter');
  const input = typeof fields.input === 'string' ? [fields.input] : fields.input;
  if (
    !Array.isArray(input) ||
    input.length === 0 ||
    !input.every((item) => typeof item === 'string')
  ) {
    return fail(400, "'$.input' is invalid. Please check the API reference.", 'input');
  }
  const texts = input;
  if (texts.some((text) => text.includes('[[scenario:rate-limit]]'))) {
    return fail(429, 'Rate limit reached for requests');
  }
  if (texts.some((text) => text.includes('[[scenario:server-error]]'))) {
    return fail(500, 'The server had an error while processing your request.');
  }
  const requested = fields[dialect.dimensionsField];
  if (requested !== undefined && name.includes('ada-002')) {
    return fail(400, 'This model does not support specifying dimensions.', 'dimensions');
  }
  const dimensions = typeof requested === 'number' ? requested : dialect.defaultDimensions;
  const recorded = loadRecording();
  const isReplay = dimensions === 5 && texts.length === recorded.data.length;
  const vectors = texts.map((text, index) =>
    isReplay
      ? (recorded.data[index]?.embedding ?? [])
      : createSeededUnitVector({ text, dimensions }),
  );
  const promptTokens = isReplay
    ? recorded.usage.prompt_tokens
    : texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
  return {
    status: 200,
    body: {
      object: 'list',
      data: vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: fields.encoding_format === 'base64' ? toBase64(vector) : vector,
      })),
      model: name,
      usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
    },
  };
}

function toBase64(vector: ReadonlyArray<number>): string {
  return Buffer.from(new Float32Array(vector).buffer).toString('base64');
}
