import { describe, expect, it } from 'vitest';
import { extractJsonValue, scoreJsonSchema } from './json-schema-scorer.js';

const schema = {
  type: 'object',
  properties: { city: { type: 'string' }, days: { type: 'integer', minimum: 1 } },
  required: ['city', 'days'],
};

describe('scoreJsonSchema', () => {
  it('scores 1 for JSON that validates, bare or in a fenced block', () => {
    expect(scoreJsonSchema({ answer: '{"city":"Oslo","days":3}', schema })).toEqual({
      type: 'scored',
      score: 1,
    });
    expect(
      scoreJsonSchema({
        answer: 'Here you go:\n```json\n{"city": "Oslo", "days": 2}\n```\n',
        schema,
      }),
    ).toMatchObject({ score: 1 });
  });

  it('scores 0 for JSON that does not validate, naming the violations', () => {
    expect(scoreJsonSchema({ answer: '{"city":"Oslo","days":0}', schema })).toEqual({
      type: 'scored',
      score: 0,
      details: '$.days: must be >= 1',
    });
  });

  it('scores 0 for an answer that is not JSON', () => {
    expect(scoreJsonSchema({ answer: 'city: Oslo, days: 3', schema })).toEqual({
      type: 'scored',
      score: 0,
      details: 'the answer is not JSON',
    });
    expect(scoreJsonSchema({ answer: '{"city": "Oslo", "days": 3', schema })).toMatchObject({
      score: 0,
    });
  });

  it('finds JSON embedded in prose', () => {
    expect(extractJsonValue('Sure! {"a": [1, 2]} Hope that helps.')).toEqual({
      value: { a: [1, 2] },
    });
    expect(extractJsonValue('nothing')).toBeUndefined();
  });
});
