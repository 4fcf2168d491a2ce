import type { z } from 'zod';

export type ParseResult<T> =
  | { readonly success: true; readonly value: T }
  | { readonly success: false; readonly error: Error };

/**
 * Parses untrusted JSON text and validates it with a zod schema (STYLE.md rule 7).
 * Never throws; the error says what was wrong.
 */
export function safeParseJson<TSchema extends z.ZodType>({
  text,
  schema,
}: {
  text: string;
  schema: TSchema;
}): ParseResult<z.output<TSchema>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { success: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { success: true, value: result.data };
  const issue = result.error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : '(root)';
  return { success: false, error: new Error(`${path}: ${issue?.message ?? 'invalid'}`) };
}

/** Parses JSON text that may be anything; returns undefined when it is not JSON. */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
