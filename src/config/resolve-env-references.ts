/** A `${NAME}` that names an unset variable (and has no `:-default`). */
export type MissingEnvReference = { readonly path: string; readonly name: string };

const referencePattern = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${NAME}` and `${NAME:-default}` in every string of a parsed config with the
 * environment's values. `$${...}` escapes a literal `${...}`. Returns the new value and the
 * references that could not be resolved.
 */
export function resolveEnvReferences({ value, env }: { value: unknown; env: NodeJS.ProcessEnv }): {
  value: unknown;
  missing: MissingEnvReference[];
} {
  const missing: MissingEnvReference[] = [];
  const visit = (node: unknown, path: string): unknown => {
    if (typeof node === 'string') return resolveString({ text: node, path, env, missing });
    if (Array.isArray(node)) return node.map((item, index) => visit(item, `${path}[${index}]`));
    if (node !== null && typeof node === 'object') {
      return Object.fromEntries(
        Object.entries(node).map(([key, item]) => [
          key,
          visit(item, path ? `${path}.${key}` : key),
        ]),
      );
    }
    return node;
  };
  return { value: visit(value, ''), missing };
}

function resolveString({
  text,
  path,
  env,
  missing,
}: {
  text: string;
  path: string;
  env: NodeJS.ProcessEnv;
  missing: MissingEnvReference[];
}): string {
  if (!text.includes('${')) return text;
  let result = '';
  let last = 0;
  for (const match of text.matchAll(referencePattern)) {
    const offset = match.index;
    const [whole, name = '', fallback] = match;
    result += text.slice(last, offset);
    last = offset + whole.length;
    if (offset > 0 && text[offset - 1] === '$') {
      // `$${NAME}` is an escaped literal: drop one '$', keep the reference text.
      result = `${result.slice(0, -1)}${whole}`;
      continue;
    }
    const found = env[name];
    if (found !== undefined && found !== '') result += found;
    else if (fallback !== undefined) result += fallback;
    else missing.push({ path, name });
  }
  return result + text.slice(last);
}
