import { createSeededUnitVector } from '../../simulated/simulated-embedding-model.js';

/** A fake InvokeModel reply: JSON plus headers, or a Bedrock exception. */
export type BedrockFakeInvokeReply =
  | { readonly status: 200; readonly body: unknown; readonly inputTokenCount: number }
  | { readonly status: number; readonly type: string; readonly message: string };

const validation = (message: string): BedrockFakeInvokeReply => ({
  status: 400,
  type: 'ValidationException',
  message,
});

function countTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/**
 * Answers `POST /model/{modelId}/invoke` for the embedding models: Titan Text Embeddings v2
 * (`{inputText, dimensions, normalize}` → `{embedding, inputTextTokenCount}`) and Cohere Embed v3
 * (`{texts, input_type}` → `{id, embeddings, texts, response_type}`, at most 96 texts). InvokeModel
 * also reports `X-Amzn-Bedrock-Input-Token-Count`.
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-text.html
 * @see https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-embed.html
 */
export function answerBedrockInvoke({
  modelId,
  body,
}: {
  modelId: string;
  body: unknown;
}): BedrockFakeInvokeReply {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (modelId.startsWith('amazon.titan-embed-text-v2')) {
    const allowed = new Set(['inputText', 'dimensions', 'normalize', 'embeddingTypes']);
    const extra = Object.keys(fields).find((key) => !allowed.has(key));
    if (extra !== undefined)
      return validation(
        `Malformed input request: extraneous key [${extra}] is not permitted, please reformat your input and try again.`,
      );
    const text = fields.inputText;
    if (typeof text !== 'string' || text.length === 0) {
      return validation(
        'Malformed input request: #: required key [inputText] not found, please reformat your input and try again.',
      );
    }
    const dimensions = fields.dimensions ?? 1024;
    if (dimensions !== 256 && dimensions !== 512 && dimensions !== 1024) {
      return validation(
        'Malformed input request: #/dimensions: 100 is not a valid enum value, please reformat your input and try again.',
      );
    }
    if (text.includes('[[scenario:rate-limit]]')) {
      return {
        status: 429,
        type: 'ThrottlingException',
        message: 'Too many requests, please wait before trying again.',
      };
    }
    const tokens = countTokens(text);
    return {
      status: 200,
      body: {
        embedding: createSeededUnitVector({ text, dimensions }),
        embeddingsByType: {},
        inputTextTokenCount: tokens,
      },
      inputTokenCount: tokens,
    };
  }
  if (modelId.startsWith('cohere.embed-')) {
    const texts = fields.texts;
    if (
      !Array.isArray(texts) ||
      texts.length === 0 ||
      texts.length > 96 ||
      !texts.every((text) => typeof text === 'string')
    ) {
      return validation(
        'Malformed input request: #/texts: expected between 1 and 96 strings, please reformat your input and try again.',
      );
    }
    if (typeof fields.input_type !== 'string') {
      return validation(
        'Malformed input request: #: required key [input_type] not found, please reformat your input and try again.',
      );
    }
    const strings = texts;
    return {
      status: 200,
      body: {
        id: 'fake-cohere-embed',
        embeddings: strings.map((text) => createSeededUnitVector({ text, dimensions: 1024 })),
        texts: strings,
        response_type: 'embeddings_floats',
      },
      inputTokenCount: strings.reduce((sum, text) => sum + countTokens(text), 0),
    };
  }
  return validation('The provided model identifier is invalid.');
}
