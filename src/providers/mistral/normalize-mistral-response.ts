/**
 * Magistral models answer with `content` as an array of typed chunks, `thinking` (itself an array
 * of text chunks) and `text`, in both completions and stream deltas. This turns such an array into
 * the `reasoning_content` and `content` strings of the Chat Completions shape, so the shared
 * parser reads it; anything else passes through unchanged, for the schema to validate.
 *
 * @see https://docs.mistral.ai/capabilities/reasoning/
 */
export function normalizeMistralResponseJson(value: unknown): unknown {
  if (!isRecord(value) || !Array.isArray(value.choices)) return value;
  return {
    ...value,
    choices: value.choices.map((choice: unknown) => {
      if (!isRecord(choice)) return choice;
      const result: Record<string, unknown> = { ...choice };
      for (const key of ['message', 'delta']) {
        const message = choice[key];
        if (isRecord(message) && Array.isArray(message.content)) {
          result[key] = { ...message, ...splitContentChunks(message.content) };
        }
      }
      return result;
    }),
  };
}

function splitContentChunks(chunks: unknown[]): { content: string; reasoning_content?: string } {
  let text = '';
  let reasoning = '';
  for (const chunk of chunks) {
    if (!isRecord(chunk)) continue;
    if (chunk.type === 'text' && typeof chunk.text === 'string') text += chunk.text;
    if (chunk.type === 'thinking') reasoning += readThinking(chunk.thinking);
  }
  return reasoning ? { content: text, reasoning_content: reasoning } : { content: text };
}

function readThinking(thinking: unknown): string {
  if (typeof thinking === 'string') return thinking;
  if (!Array.isArray(thinking)) return '';
  let text = '';
  for (const part of thinking) {
    if (isRecord(part) && typeof part.text === 'string') text += part.text;
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
