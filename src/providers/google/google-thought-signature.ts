/**
 * Gemini attaches an opaque `thoughtSignature` to parts of its answers (thought summaries, text,
 * function calls) and requires it back, unchanged, with the conversation history; Gemini 3
 * rejects a replayed function call turn without one. The canonical request has one place for
 * such a value, `ReasoningPart.signature`, which Anthropic also uses for its own signatures.
 *
 * So that a signature is only ever sent back to the vendor that issued it, Gemini's travel with
 * the `gemini:` prefix: a reasoning part with this prefix is Gemini's, any other signature is
 * foreign and is not sent to Gemini (it would be refused as corrupt).
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures
 */
const GEMINI_SIGNATURE_PREFIX = 'gemini:';

/**
 * Google's documented placeholder for a function call whose signature is unknown (history from
 * another model, or a client that dropped it): it skips Gemini 3's signature validation.
 * @see https://ai.google.dev/gemini-api/docs/thought-signatures#faqs
 */
export const SKIP_THOUGHT_SIGNATURE_VALIDATOR = 'skip_thought_signature_validator';

/** Wraps a Gemini `thoughtSignature` for the canonical `ReasoningPart.signature`. */
export function encodeGeminiSignature(thoughtSignature: string): string {
  return `${GEMINI_SIGNATURE_PREFIX}${thoughtSignature}`;
}

/** The Gemini `thoughtSignature` in a canonical signature, or undefined when it is not Gemini's. */
export function decodeGeminiSignature(signature: string | undefined): string | undefined {
  if (signature === undefined || !signature.startsWith(GEMINI_SIGNATURE_PREFIX)) return undefined;
  const thoughtSignature = signature.slice(GEMINI_SIGNATURE_PREFIX.length);
  return thoughtSignature.length > 0 ? thoughtSignature : undefined;
}

/**
 * Whether a model validates function-call thought signatures (Gemini 3 and later). Gemini 1.x and
 * 2.x, Gemma and other families do not, and get no placeholder.
 */
export function isSignatureValidatingModel(modelId: string): boolean {
  const name = modelId.slice(modelId.lastIndexOf('/') + 1);
  if (!name.startsWith('gemini-')) return false;
  const version = /^gemini-(\d+)(?:[.-]|$)/.exec(name)?.[1];
  // Aliases without a version (gemini-flash-latest, gemini-pro-latest) point at current models.
  return version === undefined || Number(version) >= 3;
}
