import {
  InvalidRequestError,
  type CanonicalRequest,
  type EmbeddingRequest,
  type Warning,
} from '../../spec/index.js';
import { invalidBodyError } from '../zod-issues.js';
import {
  KNOWN_OPENAI_EMBEDDINGS_FIELDS,
  MAX_EMBEDDING_INPUTS,
  openAIEmbeddingsRequestSchema,
} from './openai-embeddings-request-schema.js';

/** An inbound embeddings body, validated and converted. */
export type ConvertedOpenAIEmbeddingsRequest = {
  readonly model: string;
  readonly request: EmbeddingRequest;
  /** The inputs as user messages, for the stages that read chat requests (content logging). */
  readonly canonical: CanonicalRequest;
  readonly encodingFormat: 'float' | 'base64';
  readonly warnings: Warning[];
};

const docsHint = 'See https://platform.openai.com/docs/api-reference/embeddings/create.';

/** Validates an inbound embeddings body and converts it to the canonical embedding request. */
export function convertOpenAIEmbeddingsRequest(body: unknown): ConvertedOpenAIEmbeddingsRequest {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError({
      message: 'The request body must be a JSON object with "model" and "input".',
    });
  }
  const parsed = openAIEmbeddingsRequestSchema.safeParse(body);
  if (!parsed.success) throw invalidBodyError({ error: parsed.error, hint: docsHint });
  const input = parsed.data;
  const inputs = readInputs(input.input);
  const warnings: Warning[] = [];
  for (const key of Object.keys(input)) {
    if (!KNOWN_OPENAI_EMBEDDINGS_FIELDS.has(key)) {
      warnings.push({
        type: 'unsupported-setting',
        setting: key,
        details: 'unknown field, ignored',
      });
    }
  }
  return {
    model: input.model,
    request: {
      inputs,
      ...(input.dimensions === undefined ? {} : { dimensions: input.dimensions }),
      ...(input.user === undefined ? {} : { user: input.user }),
    },
    canonical: {
      messages: inputs.map((text) => ({ role: 'user', content: [{ type: 'text', text }] })),
    },
    encodingFormat: input.encoding_format,
    warnings,
  };
}

function readInputs(input: string | string[] | number[] | number[][]): string[] {
  if (typeof input === 'string') {
    if (input.length === 0) throw invalidInput("'input' is an empty string; send text to embed.");
    return [input];
  }
  if (input.length === 0) throw invalidInput("'input' is an empty array; send at least one text.");
  const texts: string[] = [];
  for (const [index, item] of input.entries()) {
    if (typeof item !== 'string') {
      throw invalidInput(
        "'input' holds token arrays; token input is not supported by this gateway because each vendor tokenizes differently. Send the text as a string or an array of strings.",
      );
    }
    if (item.length === 0) {
      throw invalidInput(`'input[${index}]' is an empty string; every input must hold text.`);
    }
    texts.push(item);
  }
  if (texts.length > MAX_EMBEDDING_INPUTS) {
    throw invalidInput(
      `'input' has ${texts.length} items; at most ${MAX_EMBEDDING_INPUTS} are allowed per request. Split it into several requests.`,
    );
  }
  return texts;
}

function invalidInput(message: string): InvalidRequestError {
  return new InvalidRequestError({ message: `${message} ${docsHint}`, param: 'input' });
}
