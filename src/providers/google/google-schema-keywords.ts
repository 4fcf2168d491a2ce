import type { JsonSchema } from '../../spec/index.js';
import type { GoogleSchema } from './google-api.js';

// Leaf steps of convert-json-schema-to-google-schema.ts: keywords converted on their own,
// without walking into subschemas.

/** Formats Gemini accepts, by type; others are rejected by the Gemini API. */
const ALLOWED_FORMATS: Readonly<Record<string, ReadonlyArray<string>>> = {
  string: ['enum', 'date-time'],
  number: ['float', 'double'],
  integer: ['int32', 'int64'],
};

/** A schema path for messages: dotted, `(root)` for the top. */
export function at(path: string): string {
  return path === '' ? '(root)' : path;
}

/** True for a plain JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A schema of the node's type only, for what cannot be expanded. */
export function stubFor(node: Record<string, unknown>): GoogleSchema {
  const type = typeof node.type === 'string' && node.type !== 'null' ? node.type : undefined;
  return {
    ...(type === undefined ? {} : { type }),
    ...(typeof node.description === 'string' ? { description: node.description } : {}),
  };
}

/** Resolves a local JSON pointer (`#/$defs/Address`, `#/definitions/a~1b`). */
export function resolvePointer(root: JsonSchema, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let current: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const segment = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isRecord(current) || !(segment in current)) return undefined;
    current = current[segment];
  }
  return current;
}

/**
 * Sets `type`: a `[T, "null"]` array becomes `T` + `nullable`, other type arrays an `anyOf` of
 * the types.
 */
export function applyType({
  result,
  type,
  path,
  dropped,
}: {
  result: GoogleSchema;
  type: unknown;
  path: string;
  dropped: string[];
}): void {
  if (typeof type === 'string') {
    result.type = type;
    return;
  }
  if (!Array.isArray(type)) {
    if (type !== undefined) dropped.push(`type at ${at(path)}`);
    return;
  }
  const types = type.filter((entry): entry is string => typeof entry === 'string');
  const nonNull = types.filter((entry) => entry !== 'null');
  if (nonNull.length < types.length) result.nullable = true;
  if (nonNull.length === 0) {
    result.type = 'null';
    delete result.nullable;
  } else if (nonNull.length === 1 && nonNull[0] !== undefined) {
    result.type = nonNull[0];
  } else {
    result.anyOf = [...nonNull.map((entry) => ({ type: entry })), ...(result.anyOf ?? [])];
  }
}

/**
 * Sets `enum` from `enum` or `const`. A `null` value becomes `nullable`; values that are not all
 * strings cannot be sent (Gemini's enum holds strings) and are named in the description instead.
 */
export function applyEnum({
  result,
  node,
  path,
  dropped,
}: {
  result: GoogleSchema;
  node: Record<string, unknown>;
  path: string;
  dropped: string[];
}): void {
  const keyword = 'const' in node ? 'const' : Array.isArray(node.enum) ? 'enum' : undefined;
  if (keyword === undefined) return;
  const raw: unknown[] = keyword === 'enum' && Array.isArray(node.enum) ? node.enum : [node.const];
  const values = raw.filter((value) => value !== null);
  if (values.length < raw.length) result.nullable = true;
  if (values.length === 0) return;
  if (values.every((value): value is string => typeof value === 'string')) {
    result.enum = values;
    result.type ??= 'string';
    return;
  }
  // Gemini's enum is a list of strings; other values survive only as a hint to the model.
  dropped.push(`${keyword} with non-string values at ${at(path)}`);
  const allowed = `Allowed values: ${values.map((value) => JSON.stringify(value)).join(', ')}.`;
  result.description = result.description ? `${result.description} ${allowed}` : allowed;
}

/** Keeps a `format` Gemini accepts for the schema's type, or drops it with a note. */
export function applyFormat({
  result,
  format,
  path,
  dropped,
}: {
  result: GoogleSchema;
  format: unknown;
  path: string;
  dropped: string[];
}): void {
  if (format === undefined) return;
  const allowed = ALLOWED_FORMATS[result.type ?? ''] ?? [];
  if (typeof format === 'string' && allowed.includes(format)) {
    result.format = format;
    return;
  }
  dropped.push(`format ${JSON.stringify(format)} at ${at(path)}`);
}
