import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CanonicalMessage, CanonicalRequest } from '../../spec/canonical-request.js';
import { classifyTask } from './classify-task.js';
import { TASK_FAMILIES, type TaskFamily } from './task-family.js';

function user(text: string): CanonicalMessage {
  return { role: 'user', content: [{ type: 'text', text }] };
}

function ask(text: string, extra: Omit<CanonicalRequest, 'messages'> = {}): CanonicalRequest {
  return { messages: [user(text)], ...extra };
}

describe('classifyTask', () => {
  it.each<[TaskFamily, string]>([
    ['code-completion', '<|fim_prefix|>def add(a, b):\n<|fim_suffix|>\n<|fim_middle|>'],
    [
      'code-completion',
      'for (let i = 0; i < items.length; i++) {\n  const item = items[i];\n  if (item.price >',
    ],
    ['code-generation', 'Write a Python function that returns the n-th Fibonacci number.'],
    [
      'code-generation',
      'Can you review this code?\n```js\nconst x = await fetch(url);\nreturn x.json();\n```',
    ],
    [
      'code-generation',
      'def add(a: int, b: int) -> int:\n    """Return the sum of a and b.\n    >>> add(1, 2)\n    3\n    """\n',
    ],
    ['math', 'Solve for x: $3x + 5 = 20$.'],
    [
      'math',
      'Tom has 12 apples and gives 5 to Ann. He then buys 3 times as many. How many apples does he have?',
    ],
    ['reasoning', 'Help me plan a product launch over the next 8 weeks, step by step.'],
    [
      'reasoning',
      'There are 3 houses in a row. Clue 1: the cat lives next to the dog. Who lives in house 2?',
    ],
    ['knowledge-qa', 'Who wrote the novel Middlemarch?'],
    ['knowledge-qa', 'what is the capital of australia'],
    [
      'multiple-choice',
      'Which gas do plants absorb?\nA) oxygen\nB) carbon dioxide\nC) helium\nAnswer:',
    ],
    ['extraction', 'Extract the names and phone numbers from this text: call Ana at 555-0101.'],
    ['summarization', 'TL;DR: the meeting moved to Friday and the budget was approved.'],
    ['translation', 'Translate into German: the train leaves at noon.'],
    ['creative-writing', 'Write a short poem about autumn leaves.'],
    ['creative-writing', 'river, lantern, whisper, harvest, owl'],
    ['chat', 'hey! how are you doing today?'],
  ])('classifies a representative %s prompt', (family, text) => {
    const result = classifyTask({ request: ask(text) });
    expect(result.family, result.signals.join(' | ')).toBe(family);
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
    expect(result.signals.some((signal) => signal.startsWith(`${family}:`))).toBe(true);
  });

  it('lets a valid x-switchyard-task header override the classifier', () => {
    const request = ask('Write a short poem about autumn leaves.');
    expect(classifyTask({ request, taskHeader: 'translation' })).toEqual({
      family: 'translation',
      confidence: 1,
      signals: ['translation: x-switchyard-task header'],
    });
    expect(classifyTask({ request, taskHeader: ' Summarisation ' }).family).toBe('summarization');
  });

  it('ignores an unknown header value and says so in the signals', () => {
    const result = classifyTask({
      request: ask('Write a short poem about autumn leaves.'),
      taskHeader: 'poetry!!',
    });
    expect(result.family).toBe('creative-writing');
    expect(result.signals[0]).toBe('ignored unknown x-switchyard-task "poetry!!"');
  });

  it('reads a JSON schema response format as an extraction signal', () => {
    const result = classifyTask({
      request: ask('Invoice 4471 from Acme, due next week.', {
        responseFormat: { type: 'json', schema: { type: 'object' } },
      }),
    });
    expect(result.family).toBe('extraction');
    expect(result.signals).toContain('extraction: JSON schema response format');
  });

  it('reads tool names and a forced tool as context', () => {
    const inputSchema = { type: 'object' };
    const coding = classifyTask({
      request: ask('The tests in the payments module fail, please have a look.', {
        tools: [
          { name: 'run_shell', inputSchema },
          { name: 'edit_file', inputSchema },
        ],
      }),
    });
    expect(coding.family).toBe('code-generation');
    expect(coding.signals).toContain('code-generation: code tools');
    const extraction = classifyTask({
      request: ask('Anna, 34, lives in Porto.', {
        tools: [{ name: 'record_person', inputSchema }],
        toolChoice: { type: 'tool', toolName: 'record_person' },
      }),
    });
    expect(extraction.family).toBe('extraction');
  });

  it('uses a code-completion system prompt as context', () => {
    const result = classifyTask({
      request: {
        messages: [
          { role: 'system', content: 'You are a code completion engine. Reply with code only.' },
          user('const total = items.reduce((sum, item) =>'),
        ],
      },
    });
    expect(result.family).toBe('code-completion');
  });

  it('reads only the head and tail of a long prompt', () => {
    const filler = 'The committee met again and discussed the same topics at length. '.repeat(
      2_000,
    );
    const result = classifyTask({ request: ask(`Summarize the following minutes.\n\n${filler}`) });
    expect(result.family).toBe('summarization');
    const tail = classifyTask({
      request: ask(`${filler}\n\nTranslate the last sentence into French.`),
    });
    expect(tail.family).toBe('translation');
  });

  it('classifies the last user message, with earlier turns as context', () => {
    const result = classifyTask({
      request: {
        messages: [
          user('Translate "good morning" into Spanish.'),
          { role: 'assistant', content: [{ type: 'text', text: 'Buenos días.' }] },
          user('haha thanks, you are great'),
        ],
      },
    });
    expect(result.family).toBe('chat');
  });

  it('handles requests without a user message, with only images or with empty text', () => {
    expect(classifyTask({ request: { messages: [] } })).toEqual({
      family: 'chat',
      confidence: 0.3,
      signals: ['chat: no user message'],
    });
    expect(
      classifyTask({ request: { messages: [{ role: 'system', content: 'Be brief.' }] } }).signals,
    ).toEqual(['chat: no user message']);
    const imagesOnly = classifyTask({
      request: {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'image', source: { type: 'url', url: 'https://example.com/cat.png' } },
            ],
          },
        ],
      },
    });
    expect(imagesOnly).toEqual({ family: 'chat', confidence: 0.3, signals: ['chat: only images'] });
    expect(classifyTask({ request: ask('   ') }).signals).toEqual(['chat: empty user message']);
    expect(TASK_FAMILIES).toContain(classifyTask({ request: ask('\u0000\uFFFF😀') }).family);
  });

  it('is deterministic', () => {
    const request = ask('Solve $x^2 = 9$ and explain each step.');
    const first = classifyTask({ request });
    for (let run = 0; run < 50; run += 1) expect(classifyTask({ request })).toEqual(first);
  });
});

describe('labelled prompts fixture', () => {
  it('holds at least 30 prompts for each family the shared datasets lack, split into dev and test', () => {
    const lines = readFileSync(
      new URL('./__fixtures__/labelled-prompts.jsonl', import.meta.url),
      'utf8',
    )
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { family: string; split: string });
    for (const family of [
      'code-completion',
      'translation',
      'summarization',
      'extraction',
      'chat',
      'creative-writing',
      'reasoning',
    ]) {
      const examples = lines.filter((line) => line.family === family);
      expect(examples.length, family).toBeGreaterThanOrEqual(30);
      expect(
        examples.filter((line) => line.split === 'test').length,
        family,
      ).toBeGreaterThanOrEqual(15);
    }
  });
});
