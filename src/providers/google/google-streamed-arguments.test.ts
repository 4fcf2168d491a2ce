import { describe, expect, it } from 'vitest';
import { GoogleStreamedArguments, parseJsonPath } from './google-streamed-arguments.js';

describe('parseJsonPath', () => {
  it('reads names, indexes and quoted names.', () => {
    expect(parseJsonPath('$.recipe.ingredients[7].amount')).toEqual([
      'recipe',
      'ingredients',
      7,
      'amount',
    ]);
    expect(parseJsonPath("$['first name'][0]")).toEqual(['first name', 0]);
    expect(parseJsonPath('$["a.b"]')).toEqual(['a.b']);
    expect(parseJsonPath('$')).toEqual([]);
  });

  it('refuses what is not a JSON path.', () => {
    expect(parseJsonPath('recipe.name')).toBeUndefined();
    expect(parseJsonPath('$.a[x]')).toBeUndefined();
  });
});

describe('GoogleStreamedArguments', () => {
  it('continues a string while willContinue is set, and starts over after.', () => {
    const streamed = new GoogleStreamedArguments();
    streamed.apply([{ jsonPath: '$.note', stringValue: 'Hel', willContinue: true }]);
    streamed.apply([{ jsonPath: '$.note', stringValue: 'lo', willContinue: true }]);
    streamed.apply([{ jsonPath: '$.note', stringValue: '' }]);
    expect(streamed.args).toEqual({ note: 'Hello' });
    streamed.apply([{ jsonPath: '$.note', stringValue: 'Bye' }]);
    expect(streamed.args).toEqual({ note: 'Bye' });
  });

  it('sets numbers, booleans and nulls, building nested objects and arrays.', () => {
    const streamed = new GoogleStreamedArguments();
    streamed.apply([
      { jsonPath: '$.items[1].price', numberValue: 0.3 },
      { jsonPath: '$.items[0].price', numberValue: 0.5 },
      { jsonPath: '$.urgent', boolValue: false },
      { jsonPath: '$.note', nullValue: 'NULL_VALUE' },
    ]);
    expect(streamed.args).toEqual({
      items: [{ price: 0.5 }, { price: 0.3 }],
      urgent: false,
      note: null,
    });
  });

  it('skips pieces whose path it cannot read, and counts them.', () => {
    const streamed = new GoogleStreamedArguments();
    streamed.apply([
      { jsonPath: 'items', stringValue: 'x' },
      { jsonPath: '$', stringValue: 'y' },
    ]);
    expect(streamed.args).toEqual({});
    expect(streamed.skippedPieces).toBe(2);
  });
});
