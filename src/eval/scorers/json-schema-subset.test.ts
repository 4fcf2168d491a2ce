import { describe, expect, it } from 'vitest';
import { findSchemaProblems, validateJsonValue } from './json-schema-subset.js';

const person = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    age: { type: 'integer', minimum: 0 },
    tags: { type: 'array', items: { enum: ['a', 'b'] }, maxItems: 2 },
    email: { type: 'string', pattern: '^[^@]+@[^@]+$' },
  },
  required: ['name', 'age'],
  additionalProperties: false,
};

describe('validateJsonValue', () => {
  it('accepts a valid value', () => {
    expect(
      validateJsonValue({ value: { name: 'Ada', age: 36, tags: ['a'] }, schema: person }),
    ).toEqual([]);
  });

  it('reports every violation with its path', () => {
    expect(
      validateJsonValue({
        value: { name: '', age: -1.5, tags: ['a', 'c', 'b'], email: 'x', extra: true },
        schema: person,
      }),
    ).toEqual([
      '$.name: must have at least 1 characters',
      '$.age: must be integer, got number',
      '$.tags: must have at most 2 items',
      '$.tags[1]: must be one of ["a","b"]',
      '$.email: must match /^[^@]+@[^@]+$/',
      "$: unexpected property 'extra'",
    ]);
    expect(validateJsonValue({ value: {}, schema: person })).toEqual([
      "$: missing required property 'name'",
      "$: missing required property 'age'",
    ]);
  });

  it('handles combinators, const and numbers that are integers', () => {
    const schema = { anyOf: [{ type: 'string' }, { type: 'number', exclusiveMaximum: 10 }] };
    expect(validateJsonValue({ value: 3, schema })).toEqual([]);
    expect(validateJsonValue({ value: 10, schema })).toEqual([
      '$: must match at least one schema of anyOf',
    ]);
    expect(
      validateJsonValue({ value: { a: [1, { b: 2 }] }, schema: { const: { a: [1, { b: 2 }] } } }),
    ).toEqual([]);
    expect(
      validateJsonValue({ value: 2, schema: { oneOf: [{ type: 'integer' }, { type: 'number' }] } }),
    ).toEqual(['$: must match exactly one schema of oneOf (matched 2)']);
  });
});

describe('findSchemaProblems', () => {
  it('rejects keywords outside the supported subset instead of ignoring them', () => {
    expect(
      findSchemaProblems({
        type: 'object',
        properties: { when: { type: 'string', format: 'date' } },
      }),
    ).toEqual([expect.stringMatching(/^properties\.when: unsupported keyword 'format'/)]);
    expect(findSchemaProblems({ type: 'text' })).toEqual(['type: unknown type "text"']);
    expect(findSchemaProblems({ pattern: '(' })).toEqual(['pattern: invalid regular expression']);
    expect(findSchemaProblems(person)).toEqual([]);
  });
});
