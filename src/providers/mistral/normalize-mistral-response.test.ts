import { describe, expect, it } from 'vitest';
import { normalizeMistralResponseJson } from './normalize-mistral-response.js';

describe('normalizeMistralResponseJson', () => {
  it('splits content chunk arrays into reasoning_content and content', () => {
    expect(
      normalizeMistralResponseJson({
        id: 'x',
        choices: [
          {
            index: 0,
            delta: {
              content: [
                { type: 'thinking', thinking: [{ type: 'text', text: 'Hmm. ' }] },
                { type: 'thinking', thinking: 'Plain string thinking.' },
                { type: 'text', text: 'Answer' },
                { type: 'reference', reference_ids: [1] },
              ],
            },
          },
        ],
      }),
    ).toEqual({
      id: 'x',
      choices: [
        {
          index: 0,
          delta: { content: 'Answer', reasoning_content: 'Hmm. Plain string thinking.' },
        },
      ],
    });
  });

  it('leaves string content, other values and malformed bodies unchanged', () => {
    const plain = { choices: [{ message: { content: 'Hi' } }] };
    expect(normalizeMistralResponseJson(plain)).toEqual(plain);
    expect(normalizeMistralResponseJson('text')).toBe('text');
    expect(normalizeMistralResponseJson({ choices: 'none' })).toEqual({ choices: 'none' });
    expect(normalizeMistralResponseJson({ choices: [null, 1] })).toEqual({ choices: [null, 1] });
  });
});
