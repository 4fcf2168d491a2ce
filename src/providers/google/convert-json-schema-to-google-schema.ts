import type { JsonSchema } from '../../spec/index.js';
import type { GoogleSchema } from './google-api.js';
import {
  applyEnum,
  applyFormat,
  applyType,
  at,
  isRecord,
  resolvePointer,
  stubFor,
} from './google-schema-keywords.js';

/** A converted schema and what could not be carried over, e.g. `default at properties.unit`. */
export type ConvertedGoogleSchema = {
  /** Undefined for a schema that converts to nothing (`false`). */
  readonly schema: GoogleSchema | undefined;
  /** Lossy changes, one human-readable entry each, in document order, without duplicates. */
  readonly dropped: ReadonlyArray<string>;
};

/** Keywords removed without loss: annotations Gemini has no use for. */
const SILENTLY_REMOVED = new Set(['$schema', '$id', '$comment', '$anchor', '$defs', 'definitions']);

const NUMERIC_KEYWORDS = [
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'minimum',
  'maximum',
] as const;

function isNumericKeyword(key: string): key is (typeof NUMERIC_KEYWORDS)[number] {
  return (NUMERIC_KEYWORDS as ReadonlyArray<string>).includes(key);
}

/** How deep, and how many schema nodes, may be converted before the rest is cut (refs can expand exponentially). */
const MAX_DEPTH = 48;
const MAX_NODES = 5000;

type Context = {
  readonly root: JsonSchema;
  readonly dropped: string[];
  /** `$ref`s being inlined on the current path, to stop recursion. */
  readonly refStack: ReadonlyArray<string>;
  readonly depth: number;
  /** Nodes left to convert, shared by the whole conversion. */
  readonly budget: { nodes: number };
};

/**
 * Converts a JSON Schema (draft 7 / 2020-12, as clients send it) to the OpenAPI 3.0 subset Gemini
 * accepts for function parameters and `responseSchema`:
 * - `$ref`s to `#/$defs/...` or `#/definitions/...` are inlined; a recursive or unresolvable ref
 *   becomes a bare schema of the target's type (dropped, with a note)
 * - `const` becomes a one-value `enum`; `oneOf` becomes `anyOf`; `allOf` is merged
 * - `"type": [T, "null"]` and `anyOf` with a `{"type":"null"}` branch become `nullable`; other
 *   type unions become `anyOf`
 * - enums of non-strings are dropped (Gemini's `enum` holds strings) and listed in `description`
 * - formats outside `date-time`/`enum` (strings), `float`/`double`, `int32`/`int64` are dropped
 * - `additionalProperties`, `default`, `examples`, `not`, `if`/`then`/`else`, `exclusiveMinimum`,
 *   `multipleOf`, `uniqueItems`, `patternProperties` and other unknown keywords are dropped;
 *   `$schema`, `$id`, `$comment` and `additionalProperties: false` go without a note
 * - tuple `items` / `prefixItems` become `items: { anyOf: [...] }`
 * @see https://ai.google.dev/api/caching#Schema
 * @see https://ai.google.dev/gemini-api/docs/structured-output#json-schemas
 */
export function convertJsonSchemaToGoogleSchema(schema: JsonSchema): ConvertedGoogleSchema {
  const context: Context = {
    root: schema,
    dropped: [],
    refStack: [],
    depth: 0,
    budget: { nodes: MAX_NODES },
  };
  const converted = convertNode({ node: schema, path: '', context });
  return { schema: converted, dropped: [...new Set(context.dropped)] };
}

/** How many dropped entries a warning lists before it only counts the rest. */
const MAX_LISTED_DROPS = 20;

/** Renders dropped entries for a warning: `a; b; c`, or the first 20 and `and N more`. */
export function describeDropped(dropped: ReadonlyArray<string>): string {
  const listed = dropped.slice(0, MAX_LISTED_DROPS).join('; ');
  const rest = dropped.length - MAX_LISTED_DROPS;
  return rest > 0 ? `${listed}; and ${rest} more` : listed;
}

/**
 * True for an object schema without properties: Gemini rejects `parameters` of type OBJECT with
 * no properties, so such a function is declared without `parameters`.
 */
export function isEmptyObjectSchema(schema: GoogleSchema | undefined): boolean {
  if (schema === undefined) return true;
  const isObject = schema.type === undefined || schema.type === 'object';
  const hasStructure = schema.anyOf !== undefined || schema.items !== undefined;
  return isObject && !hasStructure && Object.keys(schema.properties ?? {}).length === 0;
}

function child(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function convertNode({
  node,
  path,
  context,
}: {
  node: unknown;
  path: string;
  context: Context;
}): GoogleSchema | undefined {
  if (node === true) return {};
  if (!isRecord(node)) {
    const what = node === false ? 'a schema that allows nothing' : 'a schema that is not an object';
    context.dropped.push(`${what} at ${at(path)}`);
    return undefined;
  }
  context.budget.nodes -= 1;
  if (context.depth > MAX_DEPTH || context.budget.nodes < 0) {
    context.dropped.push(`everything below ${at(path)} (schema too deep or too large)`);
    return stubFor(node);
  }
  const ref = node.$ref;
  if (typeof ref === 'string') return convertRef({ node, ref, path, context });

  const result: GoogleSchema = {};
  const next: Context = { ...context, depth: context.depth + 1 };
  for (const [key, value] of Object.entries(node)) {
    copyKeyword({ result, key, value, path, context: next, node });
  }
  applyType({ result, type: node.type, path, dropped: context.dropped });
  applyEnum({ result, node, path, dropped: context.dropped });
  applyFormat({ result, format: node.format, path, dropped: context.dropped });
  if (result.required && result.properties) {
    const properties = result.properties;
    result.required = result.required.filter((name) => name in properties);
  } else if (result.required) {
    delete result.required;
  }
  return result;
}

/** Copies or converts one keyword; `type`, `enum`, `const` and `format` are applied afterwards. */
function copyKeyword({
  result,
  key,
  value,
  path,
  context,
  node,
}: {
  result: GoogleSchema;
  key: string;
  value: unknown;
  path: string;
  context: Context;
  node: Record<string, unknown>;
}): void {
  const drop = (): void => {
    context.dropped.push(`${key} at ${at(path)}`);
  };
  switch (key) {
    case 'type':
    case 'enum':
    case 'const':
    case 'format':
      return;
    case 'title':
    case 'description':
    case 'pattern':
      if (typeof value === 'string') result[key] = value;
      else drop();
      return;
    case 'nullable':
      if (typeof value === 'boolean') result.nullable = value;
      return;
    case 'example':
      result.example = value;
      return;
    case 'required':
      if (Array.isArray(value)) {
        result.required = value.filter((name): name is string => typeof name === 'string');
      }
      return;
    case 'propertyOrdering':
      if (Array.isArray(value)) {
        result.propertyOrdering = value.filter((name): name is string => typeof name === 'string');
      }
      return;
    case 'properties':
      if (!isRecord(value)) {
        drop();
        return;
      }
      result.properties = {};
      for (const [name, property] of Object.entries(value)) {
        const converted = convertNode({
          node: property,
          path: child(path, `properties.${name}`),
          context,
        });
        if (converted !== undefined) result.properties[name] = converted;
      }
      return;
    case 'items':
    case 'prefixItems':
      convertItems({ result, key, value, path, context, hasItems: 'items' in node });
      return;
    case 'anyOf':
    case 'oneOf':
      convertAlternatives({ result, value, path: child(path, key), context });
      return;
    case 'allOf':
      mergeAllOf({ result, value, path: child(path, key), context });
      return;
    case 'additionalProperties':
      if (value !== false) drop();
      return;
    default:
      if (isNumericKeyword(key)) {
        if (typeof value === 'number') result[key] = value;
        else drop();
        return;
      }
      if (!SILENTLY_REMOVED.has(key)) drop();
  }
}

function convertRef({
  node,
  ref,
  path,
  context,
}: {
  node: Record<string, unknown>;
  ref: string;
  path: string;
  context: Context;
}): GoogleSchema {
  const target = resolvePointer(context.root, ref);
  const { $ref: _ref, ...siblings } = node;
  const annotate = (schema: GoogleSchema): GoogleSchema => {
    if (typeof siblings.description === 'string') schema.description = siblings.description;
    if (typeof siblings.title === 'string') schema.title = siblings.title;
    return schema;
  };
  if (target === undefined) {
    context.dropped.push(`$ref '${ref}' (not resolvable) at ${at(path)}`);
    return annotate({});
  }
  if (context.refStack.includes(ref)) {
    context.dropped.push(`$ref '${ref}' (recursive) at ${at(path)}`);
    return annotate(isRecord(target) ? stubFor(target) : {});
  }
  const converted = convertNode({
    node: isRecord(target) ? { ...target, ...withoutAnnotations(siblings) } : target,
    path,
    context: { ...context, refStack: [...context.refStack, ref], depth: context.depth + 1 },
  });
  return annotate(converted ?? {});
}

/** Sibling keywords of a `$ref` other than description/title, which are applied last. */
function withoutAnnotations(siblings: Record<string, unknown>): Record<string, unknown> {
  const { description: _description, title: _title, ...rest } = siblings;
  return rest;
}

function convertItems({
  result,
  key,
  value,
  path,
  context,
  hasItems,
}: {
  result: GoogleSchema;
  key: 'items' | 'prefixItems';
  value: unknown;
  path: string;
  context: Context;
  hasItems: boolean;
}): void {
  if (!Array.isArray(value)) {
    const converted = convertNode({ node: value, path: child(path, key), context });
    if (converted !== undefined) result.items = converted;
    return;
  }
  // 2020-12 `prefixItems` with `items` beside it: `items` describes the rest; keep that one.
  if (key === 'prefixItems' && hasItems) {
    context.dropped.push(`prefixItems at ${at(path)}`);
    return;
  }
  const converted = value.flatMap((item, index) => {
    const schema = convertNode({ node: item, path: child(path, `${key}[${index}]`), context });
    return schema === undefined ? [] : [schema];
  });
  if (converted.length === 0) return;
  if (converted.length > 1) context.dropped.push(`tuple positions of ${key} at ${at(path)}`);
  result.items = converted.length === 1 ? (converted[0] ?? {}) : { anyOf: converted };
}

function isNullSchema(node: unknown): boolean {
  return isRecord(node) && node.type === 'null' && Object.keys(node).length <= 2;
}

function convertAlternatives({
  result,
  value,
  path,
  context,
}: {
  result: GoogleSchema;
  value: unknown;
  path: string;
  context: Context;
}): void {
  if (!Array.isArray(value)) return;
  const branches: GoogleSchema[] = [...(result.anyOf ?? [])];
  value.forEach((branch, index) => {
    if (isNullSchema(branch)) {
      result.nullable = true;
      return;
    }
    const converted = convertNode({ node: branch, path: `${path}[${index}]`, context });
    if (converted !== undefined) branches.push(converted);
  });
  delete result.anyOf;
  if (branches.length === 1) {
    // A single remaining alternative is just that schema; the parent's own keywords win.
    const only = branches[0] ?? {};
    for (const [key, keywordValue] of Object.entries(only)) {
      if (!(key in result)) Object.assign(result, { [key]: keywordValue });
    }
  } else if (branches.length > 1) {
    result.anyOf = branches;
  }
}

function mergeAllOf({
  result,
  value,
  path,
  context,
}: {
  result: GoogleSchema;
  value: unknown;
  path: string;
  context: Context;
}): void {
  if (!Array.isArray(value)) return;
  value.forEach((branch, index) => {
    const converted = convertNode({ node: branch, path: `${path}[${index}]`, context });
    if (converted === undefined) return;
    const { properties, required, ...rest } = converted;
    if (properties) result.properties = { ...properties, ...result.properties };
    if (required) result.required = [...new Set([...(result.required ?? []), ...required])];
    for (const [key, keywordValue] of Object.entries(rest)) {
      if (!(key in result)) Object.assign(result, { [key]: keywordValue });
    }
  });
}
