const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '0': '\0',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

/**
 * Parses a Python list literal of string literals, as RouterBench stores prompts and responses
 * (`['first turn', "second turn"]`). Returns `undefined` when the text is not such a literal, so
 * the caller can fall back to the raw text.
 */
export function parsePythonStringList(text: string): string[] | undefined {
  const source = text.trim();
  if (!source.startsWith('[') || !source.endsWith(']')) return undefined;
  const items: string[] = [];
  let index = 1;
  const skipSpace = (): void => {
    while (index < source.length && /\s/.test(source[index] ?? '')) index += 1;
  };
  for (;;) {
    skipSpace();
    if (source[index] === ']') return index === source.length - 1 ? items : undefined;
    const quote = source[index];
    if (quote !== "'" && quote !== '"') return undefined;
    index += 1;
    let value = '';
    for (;;) {
      const char = source[index];
      if (char === undefined) return undefined;
      if (char === quote) break;
      if (char === '\\') {
        const parsed = parseEscape(source, index + 1);
        if (parsed === undefined) return undefined;
        value += parsed.value;
        index = parsed.next;
        continue;
      }
      value += char;
      index += 1;
    }
    index += 1;
    items.push(value);
    skipSpace();
    if (source[index] === ',') index += 1;
    else if (source[index] !== ']') return undefined;
  }
}

function parseEscape(source: string, at: number): { value: string; next: number } | undefined {
  const char = source[at];
  if (char === undefined) return undefined;
  const simple = SIMPLE_ESCAPES[char];
  if (simple !== undefined) return { value: simple, next: at + 1 };
  const width = char === 'x' ? 2 : char === 'u' ? 4 : char === 'U' ? 8 : 0;
  if (width > 0) {
    const hex = source.slice(at + 1, at + 1 + width);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) return undefined;
    return { value: String.fromCodePoint(Number.parseInt(hex, 16)), next: at + 1 + width };
  }
  // Python keeps unknown escapes verbatim, backslash included.
  return { value: `\\${char}`, next: at + 1 };
}
