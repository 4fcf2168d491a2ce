/**
 * A validator for the subset of JSON Schema (draft 2020-12 semantics) that evaluation suites use.
 * Keywords outside the subset are rejected when the suite is loaded, never silently ignored.
 */

/** Keywords the validator understands; annotation-only keywords are accepted and ignored. */
const SUPPORTED_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
  // Annotations: no effect on validation.
  '$schema',
  '$id',
  'title',
  'description',
  'examples',
  'default',
]);

const TYPES = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);

type Schema = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Problems that make a schema unusable here: unknown keywords, unknown types, bad patterns.
 * Each names its location, e.g. `properties.age: unsupported keyword 'format'`.
 */
export function findSchemaProblems(schema: unknown, path = '(root)'): string[] {
  if (typeof schema === 'boolean') return [];
  if (!isObject(schema)) return [`${path}: a schema must be an object or a boolean`];
  const problems: string[] = [];
  for (const [keyword, value] of Object.entries(schema)) {
    if (!SUPPORTED_KEYWORDS.has(keyword)) {
      problems.push(
        `${path}: unsupported keyword '${keyword}' (supported: ${[...SUPPORTED_KEYWORDS].slice(0, 20).join(', ')})`,
      );
      continue;
    }
    const at = path === '(root)' ? keyword : `${path}.${keyword}`;
    switch (keyword) {
      case 'type': {
        const types: unknown[] = Array.isArray(value) ? value : [value];
        for (const type of types) {
          if (typeof type !== 'string' || !TYPES.has(type))
            problems.push(`${at}: unknown type ${JSON.stringify(type)}`);
        }
        break;
      }
      case 'properties':
        if (!isObject(value)) problems.push(`${at}: must be an object of schemas`);
        else
          for (const [name, child] of Object.entries(value))
            problems.push(...findSchemaProblems(child, `${at}.${name}`));
        break;
      case 'items':
      case 'additionalProperties':
      case 'not':
        problems.push(...findSchemaProblems(value, at));
        break;
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
        if (!Array.isArray(value) || value.length === 0)
          problems.push(`${at}: must be a non-empty list of schemas`);
        else
          value.forEach((child, index) =>
            problems.push(...findSchemaProblems(child, `${at}[${index}]`)),
          );
        break;
      case 'pattern':
        if (typeof value !== 'string') problems.push(`${at}: must be a string`);
        else if (!isValidPattern(value)) problems.push(`${at}: invalid regular expression`);
        break;
      case 'required':
        if (!Array.isArray(value) || value.some((name) => typeof name !== 'string'))
          problems.push(`${at}: must be a list of property names`);
        break;
      case 'enum':
        if (!Array.isArray(value)) problems.push(`${at}: must be a list`);
        break;
      default:
        break;
    }
  }
  return problems;
}

function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/** Structural equality of JSON values (object key order does not matter). */
function isJsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => isJsonEqual(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => key in b && isJsonEqual(a[key], b[key]))
    );
  }
  return false;
}

/**
 * Validates a JSON value against a schema of the supported subset. Returns every violation as
 * `path: message` (`$.items[2].age: must be >= 0`); empty when the value is valid.
 */
export function validateJsonValue({
  value,
  schema,
  path = '$',
}: {
  value: unknown;
  schema: unknown;
  path?: string;
}): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: no value is allowed here`];
  if (!isObject(schema)) return [];
  const errors: string[] = [];
  const rules: Schema = schema;
  if (rules.type !== undefined) {
    const types: unknown[] = Array.isArray(rules.type) ? rules.type : [rules.type];
    if (!types.some((type) => typeof type === 'string' && matchesType(value, type))) {
      errors.push(`${path}: must be ${types.join(' or ')}, got ${typeOf(value)}`);
      return errors;
    }
  }
  if (Array.isArray(rules.enum) && !rules.enum.some((item) => isJsonEqual(item, value)))
    errors.push(`${path}: must be one of ${JSON.stringify(rules.enum)}`);
  if ('const' in rules && !isJsonEqual(rules.const, value))
    errors.push(`${path}: must equal ${JSON.stringify(rules.const)}`);
  if (typeof value === 'number') errors.push(...checkNumber({ value, rules, path }));
  if (typeof value === 'string') errors.push(...checkString({ value, rules, path }));
  if (Array.isArray(value)) errors.push(...checkArray({ value, rules, path }));
  if (isObject(value)) errors.push(...checkObject({ value, rules, path }));
  errors.push(...checkCombinators({ value, rules, path }));
  return errors;
}

type CheckOptions<TValue> = { value: TValue; rules: Schema; path: string };

function checkNumber({ value, rules, path }: CheckOptions<number>): string[] {
  const errors: string[] = [];
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = rules;
  if (typeof minimum === 'number' && value < minimum) errors.push(`${path}: must be >= ${minimum}`);
  if (typeof maximum === 'number' && value > maximum) errors.push(`${path}: must be <= ${maximum}`);
  if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum)
    errors.push(`${path}: must be > ${exclusiveMinimum}`);
  if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum)
    errors.push(`${path}: must be < ${exclusiveMaximum}`);
  return errors;
}

function checkString({ value, rules, path }: CheckOptions<string>): string[] {
  const errors: string[] = [];
  const length = [...value].length;
  if (typeof rules.minLength === 'number' && length < rules.minLength)
    errors.push(`${path}: must have at least ${rules.minLength} characters`);
  if (typeof rules.maxLength === 'number' && length > rules.maxLength)
    errors.push(`${path}: must have at most ${rules.maxLength} characters`);
  if (typeof rules.pattern === 'string' && !new RegExp(rules.pattern, 'u').test(value))
    errors.push(`${path}: must match /${rules.pattern}/`);
  return errors;
}

function checkArray({ value, rules, path }: CheckOptions<unknown[]>): string[] {
  const errors: string[] = [];
  if (typeof rules.minItems === 'number' && value.length < rules.minItems)
    errors.push(`${path}: must have at least ${rules.minItems} items`);
  if (typeof rules.maxItems === 'number' && value.length > rules.maxItems)
    errors.push(`${path}: must have at most ${rules.maxItems} items`);
  if (rules.items !== undefined) {
    value.forEach((item, index) =>
      errors.push(
        ...validateJsonValue({ value: item, schema: rules.items, path: `${path}[${index}]` }),
      ),
    );
  }
  return errors;
}

function checkObject({ value, rules, path }: CheckOptions<Record<string, unknown>>): string[] {
  const errors: string[] = [];
  const properties = isObject(rules.properties) ? rules.properties : {};
  if (Array.isArray(rules.required)) {
    for (const name of rules.required) {
      if (typeof name === 'string' && !(name in value))
        errors.push(`${path}: missing required property '${name}'`);
    }
  }
  for (const [name, item] of Object.entries(value)) {
    const childPath = `${path}.${name}`;
    if (name in properties) {
      errors.push(...validateJsonValue({ value: item, schema: properties[name], path: childPath }));
    } else if (rules.additionalProperties === false) {
      errors.push(`${path}: unexpected property '${name}'`);
    } else if (isObject(rules.additionalProperties)) {
      errors.push(
        ...validateJsonValue({ value: item, schema: rules.additionalProperties, path: childPath }),
      );
    }
  }
  return errors;
}

function checkCombinators({ value, rules, path }: CheckOptions<unknown>): string[] {
  const errors: string[] = [];
  const passes = (schema: unknown) => validateJsonValue({ value, schema, path }).length === 0;
  if (Array.isArray(rules.allOf))
    for (const schema of rules.allOf) errors.push(...validateJsonValue({ value, schema, path }));
  if (Array.isArray(rules.anyOf) && !rules.anyOf.some(passes))
    errors.push(`${path}: must match at least one schema of anyOf`);
  if (Array.isArray(rules.oneOf)) {
    const count = rules.oneOf.filter(passes).length;
    if (count !== 1)
      errors.push(`${path}: must match exactly one schema of oneOf (matched ${count})`);
  }
  if (rules.not !== undefined && passes(rules.not)) errors.push(`${path}: must not match 'not'`);
  return errors;
}
