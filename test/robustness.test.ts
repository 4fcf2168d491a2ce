import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRandom } from '../src/providers/simulated/simulated-content.js';
import { startGatewayHarness, type GatewayHarness } from './harness/gateway-harness.js';

// Whatever a client sends, the gateway answers in the surface's own error shape, never with a 500,
// and stays up. Bodies are seeded mutations of valid requests.

let harness: GatewayHarness;
beforeAll(async () => {
  harness = await startGatewayHarness();
});
afterAll(async () => {
  await harness.close();
});

const validBodies: Record<string, unknown> = {
  '/v1/chat/completions': {
    model: 'sim',
    messages: [
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'hi' },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
        ],
      },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'ok' },
    ],
    tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' } } }],
    tool_choice: 'auto',
    response_format: {
      type: 'json_schema',
      json_schema: { name: 'x', schema: { type: 'object' } },
    },
    max_tokens: 16,
    stream: false,
  },
  '/v1/messages': {
    model: 'sim',
    max_tokens: 16,
    system: [{ type: 'text', text: 'Be brief.' }],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'f', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }] },
    ],
    tools: [{ name: 'f', input_schema: { type: 'object' } }],
    tool_choice: { type: 'auto' },
  },
  '/v1/messages/count_tokens': { model: 'sim', messages: [{ role: 'user', content: 'hi' }] },
};

const strangeValues: unknown[] = [
  null,
  0,
  -1,
  1e308,
  'x',
  '',
  true,
  [],
  {},
  [[[[]]]],
  { a: { b: { c: {} } } },
  '\u0000\uffff\ud800',
  'x'.repeat(5000),
];

function mutate(value: unknown, random: () => number, depth = 0): unknown {
  if (random() < 0.15 || depth > 6)
    return strangeValues[Math.floor(random() * strangeValues.length)];
  if (Array.isArray(value)) {
    const copy = value.map((item) => mutate(item, random, depth + 1));
    if (random() < 0.2) copy.pop();
    if (random() < 0.1) copy.push(strangeValues[Math.floor(random() * strangeValues.length)]);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(() => random() > 0.1)
      .map(([key, item]) => [key, random() < 0.7 ? item : mutate(item, random, depth + 1)]);
    if (random() < 0.1) entries.push(['unexpected_field', 1]);
    return Object.fromEntries(entries);
  }
  return value;
}

describe('robustness', () => {
  it.each(Object.keys(validBodies))(
    'answers 300 mutated %s bodies without a 500, in the surface error shape',
    async (path) => {
      const random = createRandom(path.length * 7919);
      const isAnthropic = path.startsWith('/v1/messages');
      const statuses = new Map<number, number>();
      for (let index = 0; index < 300; index++) {
        let body = JSON.stringify(mutate(validBodies[path], random));
        if (index % 25 === 0) body = body.slice(0, Math.floor(random() * body.length)); // truncated JSON
        const response = await fetch(`${harness.origin}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        expect(
          response.status,
          `${response.status} for ${body.slice(0, 300)}: ${text.slice(0, 300)}`,
        ).toBeLessThan(500);
        const parsed = JSON.parse(text) as Record<string, any>;
        if (response.status >= 400) {
          if (isAnthropic)
            expect(parsed).toMatchObject({
              type: 'error',
              error: { type: expect.any(String), message: expect.any(String) },
            });
          else
            expect(parsed.error).toMatchObject({
              message: expect.any(String),
              type: expect.any(String),
            });
        }
      }
      expect(statuses.get(400)).toBeGreaterThan(100);
      const health = await fetch(`${harness.origin}/healthz`);
      expect(health.status).toBe(200);
    },
  );

  it('answers deeply nested JSON with a 400, not a stack overflow', async () => {
    const depth = 20_000;
    const body = `{"model":"sim","messages":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const response = await fetch(`${harness.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
  });
});
