/** How to read the parts of a vendor's conversation turn. */
export type TurnShape<TTurn extends { readonly role: string }, TPart> = {
  /** The turn's own (mutable) part list, e.g. `turn.content` or `turn.parts`. */
  readonly partsOf: (turn: TTurn) => TPart[];
  /** Whether a part answers a tool call: such parts lead a merged user turn. */
  readonly isToolResult: (part: TPart) => boolean;
};

/** Input of {@link appendOrMergeTurn}. */
export type AppendOrMergeTurnOptions<TTurn extends { readonly role: string }, TPart> = {
  /** The conversation so far; changed in place. */
  readonly turns: TTurn[];
  readonly turn: TTurn;
  readonly shape: TurnShape<TTurn, TPart>;
};

/**
 * Appends a turn to a conversation whose roles must alternate (Anthropic, Bedrock Converse,
 * Gemini): an empty turn is skipped, and a turn whose role repeats is merged into the previous
 * one. In a merged user turn the tool results go ahead of the other parts, because they answer
 * the assistant turn before it.
 */
export function appendOrMergeTurn<TTurn extends { readonly role: string }, TPart>({
  turns,
  turn,
  shape,
}: AppendOrMergeTurnOptions<TTurn, TPart>): void {
  const parts = shape.partsOf(turn);
  if (parts.length === 0) return;
  const previous = turns.at(-1);
  if (previous?.role !== turn.role) {
    turns.push(turn);
    return;
  }
  const merged = shape.partsOf(previous);
  merged.push(...parts);
  if (turn.role === 'user') {
    const results = merged.filter(shape.isToolResult);
    const others = merged.filter((part) => !shape.isToolResult(part));
    merged.splice(0, merged.length, ...results, ...others);
  }
}

/** Input of {@link trimFinalAssistantText}. */
export type TrimFinalAssistantTextOptions<TTurn extends { readonly role: string }, TPart> = {
  /** The conversation; changed in place. */
  readonly turns: TTurn[];
  /** The turn's own (mutable) part list. */
  readonly partsOf: (turn: TTurn) => TPart[];
  /** The part as a text block, or undefined when it is no text. */
  readonly asText: (part: TPart) => { text: string } | undefined;
};

/**
 * Claude rejects a final assistant turn (a prefill) whose text ends in whitespace: the trailing
 * whitespace of its last text block is trimmed, and a block (or turn) left empty is removed.
 */
export function trimFinalAssistantText<TTurn extends { readonly role: string }, TPart>({
  turns,
  partsOf,
  asText,
}: TrimFinalAssistantTextOptions<TTurn, TPart>): void {
  const last = turns.at(-1);
  if (last?.role !== 'assistant') return;
  const parts = partsOf(last);
  const block = parts.at(-1);
  const text = block === undefined ? undefined : asText(block);
  if (text === undefined) return;
  text.text = text.text.trimEnd();
  if (text.text.length > 0) return;
  parts.pop();
  if (parts.length === 0) turns.pop();
}
