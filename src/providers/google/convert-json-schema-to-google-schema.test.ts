import { describe, expect, it } from 'vitest';
import {
  convertJsonSchemaToGoogleSchema,
  describeDropped,
  isEmptyObjectSchema,
} from './convert-json-schema-to-google-schema.js';

const convert = (schema: Record<string, unknown>) => convertJsonSchemaToGoogleSchema(schema);

describe('convertJsonSchemaToGoogleSchema', () => {
  it('keeps the keywords Gemini supports as they are.', () => {
    const schema = {
      type: 'object',
      title: 'Booking',
      description: 'A booking.',
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 40, pattern: '^[A-Z]' },
        guests: { type: 'integer', minimum: 1, maximum: 8, format: 'int32' },
        price: { type: 'number', format: 'double' },
        at: { type: 'string', format: 'date-time' },
        tags: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3 },
        extra: { type: 'object', properties: { note: { type: 'string' } }, minProperties: 1 },
      },
      required: ['name'],
      propertyOrdering: ['name', 'guests'],
      nullable: false,
    };
    expect(convert(schema)).toEqual({ schema, dropped: [] });
  });

  it('drops $schema, $id, $comment and additionalProperties: false without a note.', () => {
    expect(
      convert({
        $schema: 'http://json-schema.org/draft-07/schema#',
        $id: 'urn:booking',
        $comment: 'internal',
        type: 'object',
        properties: { name: { type: 'string' } },
        additionalProperties: false,
      }),
    ).toEqual({
      schema: { type: 'object', properties: { name: { type: 'string' } } },
      dropped: [],
    });
  });

  it('drops additionalProperties that allow more, default and examples, and says where.', () => {
    expect(
      convert({
        type: 'object',
        properties: {
          unit: { type: 'string', default: 'celsius', examples: ['kelvin'] },
          meta: { type: 'object', additionalProperties: { type: 'string' } },
        },
        additionalProperties: true,
      }),
    ).toEqual({
      schema: {
        type: 'object',
        properties: { unit: { type: 'string' }, meta: { type: 'object' } },
      },
      dropped: [
        'default at properties.unit',
        'examples at properties.unit',
        'additionalProperties at properties.meta',
        'additionalProperties at (root)',
      ],
    });
  });

  it('drops validation keywords Gemini lacks: not, if/then/else, exclusive bounds, multipleOf, uniqueItems, patternProperties.', () => {
    const { schema, dropped } = convert({
      type: 'object',
      properties: {
        count: { type: 'integer', exclusiveMinimum: 0, multipleOf: 2 },
        list: { type: 'array', items: { type: 'string' }, uniqueItems: true },
        other: { not: { type: 'null' } },
      },
      patternProperties: { '^x-': { type: 'string' } },
      if: { properties: { count: { const: 0 } } },
      then: { required: ['list'] },
    });
    expect(schema).toEqual({
      type: 'object',
      properties: {
        count: { type: 'integer' },
        list: { type: 'array', items: { type: 'string' } },
        other: {},
      },
    });
    expect(dropped).toEqual([
      'exclusiveMinimum at properties.count',
      'multipleOf at properties.count',
      'uniqueItems at properties.list',
      'not at properties.other',
      'patternProperties at (root)',
      'if at (root)',
      'then at (root)',
    ]);
  });

  it('drops formats Gemini rejects and keeps the ones it accepts per type.', () => {
    const { schema, dropped } = convert({
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email' },
        site: { type: 'string', format: 'uri' },
        day: { type: 'string', format: 'date' },
        at: { type: 'string', format: 'date-time' },
        id: { type: 'integer', format: 'int64' },
        ratio: { type: 'number', format: 'float' },
        wrong: { type: 'integer', format: 'double' },
      },
    });
    expect(schema?.properties).toEqual({
      email: { type: 'string' },
      site: { type: 'string' },
      day: { type: 'string' },
      at: { type: 'string', format: 'date-time' },
      id: { type: 'integer', format: 'int64' },
      ratio: { type: 'number', format: 'float' },
      wrong: { type: 'integer' },
    });
    expect(dropped).toEqual([
      'format "email" at properties.email',
      'format "uri" at properties.site',
      'format "date" at properties.day',
      'format "double" at properties.wrong',
    ]);
  });

  it('turns const into a one-value enum, typed string when no type is given.', () => {
    expect(convert({ const: 'forecast' })).toEqual({
      schema: { type: 'string', enum: ['forecast'] },
      dropped: [],
    });
  });

  it('turns a null in an enum into nullable.', () => {
    expect(convert({ type: ['string', 'null'], enum: ['a', 'b', null] })).toEqual({
      schema: { type: 'string', nullable: true, enum: ['a', 'b'] },
      dropped: [],
    });
  });

  it('drops enums of non-strings, which Gemini cannot hold, and lists the values in the description.', () => {
    expect(convert({ type: 'integer', description: 'Stars.', enum: [1, 2, 3] })).toEqual({
      schema: { type: 'integer', description: 'Stars. Allowed values: 1, 2, 3.' },
      dropped: ['enum with non-string values at (root)'],
    });
    expect(convert({ const: true })).toEqual({
      schema: { description: 'Allowed values: true.' },
      dropped: ['const with non-string values at (root)'],
    });
  });

  it('turns a type array with null into nullable, and other type arrays into anyOf.', () => {
    expect(convert({ type: ['integer', 'null'] }).schema).toEqual({
      type: 'integer',
      nullable: true,
    });
    expect(convert({ type: ['string', 'number', 'null'] }).schema).toEqual({
      nullable: true,
      anyOf: [{ type: 'string' }, { type: 'number' }],
    });
    expect(convert({ type: 'null' }).schema).toEqual({ type: 'null' });
  });

  it('rewrites oneOf as anyOf.', () => {
    expect(convert({ oneOf: [{ type: 'string' }, { type: 'integer' }] })).toEqual({
      schema: { anyOf: [{ type: 'string' }, { type: 'integer' }] },
      dropped: [],
    });
  });

  it('turns a null branch of anyOf into nullable and unwraps a single remaining branch.', () => {
    expect(
      convert({
        description: 'Optional city.',
        anyOf: [{ type: 'string', description: 'x' }, { type: 'null' }],
      }),
    ).toEqual({
      schema: { description: 'Optional city.', nullable: true, type: 'string' },
      dropped: [],
    });
    expect(
      convert({ anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'null' }] }).schema,
    ).toEqual({ nullable: true, anyOf: [{ type: 'string' }, { type: 'integer' }] });
  });

  it('merges allOf branches into one schema.', () => {
    expect(
      convert({
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'integer' } }, required: ['b'] },
        ],
      }),
    ).toEqual({
      schema: {
        type: 'object',
        properties: { a: { type: 'string' }, b: { type: 'integer' } },
        required: ['a', 'b'],
      },
      dropped: [],
    });
  });

  it('inlines $refs to $defs and definitions, keeping the sibling description.', () => {
    expect(
      convert({
        type: 'object',
        properties: {
          home: { $ref: '#/$defs/address', description: 'Where they live.' },
          work: { $ref: '#/definitions/address' },
        },
        $defs: { address: { type: 'object', properties: { city: { type: 'string' } } } },
        definitions: { address: { type: 'object', properties: { street: { type: 'string' } } } },
      }),
    ).toEqual({
      schema: {
        type: 'object',
        properties: {
          home: {
            type: 'object',
            properties: { city: { type: 'string' } },
            description: 'Where they live.',
          },
          work: { type: 'object', properties: { street: { type: 'string' } } },
        },
      },
      dropped: [],
    });
  });

  it('cuts a recursive $ref at its second use and an unresolvable one at once, with a note each.', () => {
    const { schema, dropped } = convert({
      $ref: '#/$defs/node',
      $defs: {
        node: {
          type: 'object',
          description: 'A tree node.',
          properties: {
            name: { type: 'string' },
            children: { type: 'array', items: { $ref: '#/$defs/node' } },
            link: { $ref: 'https://example.com/schemas/link.json' },
          },
        },
      },
    });
    expect(schema).toEqual({
      type: 'object',
      description: 'A tree node.',
      properties: {
        name: { type: 'string' },
        children: { type: 'array', items: { type: 'object', description: 'A tree node.' } },
        link: {},
      },
    });
    expect(dropped).toEqual([
      "$ref '#/$defs/node' (recursive) at properties.children.items",
      "$ref 'https://example.com/schemas/link.json' (not resolvable) at properties.link",
    ]);
  });

  it('turns tuple items into an anyOf of the positions, with a note.', () => {
    expect(
      convert({ type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }] }),
    ).toEqual({
      schema: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
      dropped: ['tuple positions of prefixItems at (root)'],
    });
    expect(convert({ type: 'array', items: [{ type: 'string' }] }).schema).toEqual({
      type: 'array',
      items: { type: 'string' },
    });
  });

  it('keeps only required names that are declared properties.', () => {
    expect(
      convert({ type: 'object', properties: { a: { type: 'string' } }, required: ['a', 'ghost'] })
        .schema,
    ).toEqual({ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] });
    expect(convert({ type: 'object', required: ['a'] }).schema).toEqual({ type: 'object' });
  });

  it('maps true to an empty schema and drops a false property.', () => {
    expect(convert({ type: 'object', properties: { anything: true, nothing: false } })).toEqual({
      schema: { type: 'object', properties: { anything: {} } },
      dropped: ['a schema that allows nothing at properties.nothing'],
    });
  });

  it('cuts a schema whose refs expand beyond what can be sent, with a note.', () => {
    const $defs: Record<string, unknown> = { level0: { type: 'string' } };
    for (let level = 1; level <= 20; level += 1) {
      $defs[`level${level}`] = {
        type: 'object',
        properties: {
          a: { $ref: `#/$defs/level${level - 1}` },
          b: { $ref: `#/$defs/level${level - 1}` },
        },
      };
    }
    const { dropped } = convert({ $ref: '#/$defs/level20', $defs });
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped[0]).toMatch(/schema too deep or too large/);
  });

  it('lists each dropped keyword once even when a $ref repeats it.', () => {
    const { dropped } = convert({
      type: 'object',
      properties: { a: { $ref: '#/$defs/x' }, b: { $ref: '#/$defs/x' } },
      $defs: { x: { type: 'string', default: 'y' } },
    });
    expect(dropped).toEqual(['default at properties.a', 'default at properties.b']);
  });
});

describe('isEmptyObjectSchema', () => {
  it('is true for object schemas without properties, which Gemini refuses as parameters.', () => {
    expect(isEmptyObjectSchema(undefined)).toBe(true);
    expect(isEmptyObjectSchema({})).toBe(true);
    expect(isEmptyObjectSchema({ type: 'object', properties: {}, description: 'No args.' })).toBe(
      true,
    );
    expect(isEmptyObjectSchema({ type: 'object', properties: { a: { type: 'string' } } })).toBe(
      false,
    );
    expect(isEmptyObjectSchema({ type: 'string' })).toBe(false);
    expect(isEmptyObjectSchema({ anyOf: [{ type: 'string' }] })).toBe(false);
  });
});

describe('describeDropped', () => {
  it('lists up to twenty entries and counts the rest.', () => {
    const dropped = Array.from({ length: 23 }, (_, index) => `default at properties.p${index}`);
    const text = describeDropped(dropped);
    expect(text.split('; ')).toHaveLength(21);
    expect(text.endsWith('; and 3 more')).toBe(true);
    expect(describeDropped(['a', 'b'])).toBe('a; b');
  });
});
