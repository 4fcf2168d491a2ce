import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedPath } from '../../test-utils/shared-path.js';
import { scenarioDirective, type FakeScenario } from '../../test-utils/scenarios.js';
import { startOpenAIFakeUpstream, type OpenAIFakeUpstream } from './openai-fake-upstream.js';
import {
  validateChatCompletion,
  validateChatCompletionChunk,
  validateErrorResponse,
  validateModelList,
} from './openai-schema-validator.js';

const apiKey = 'sk-fake-upstream-test-key';
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city', 'unit'],
    },
  },
};

let upstream: OpenAIFakeUpstream;

beforeAll(async () => {
  upstream = await startOpenAIFakeUpstream({ apiKey });
});
afterAll(async () => {
  await upstream.close();
});

function post(body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetch(`${upstream.baseURL}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

function requestBody(scenario: FakeScenario, extra: Record<string, unknown> = {}) {
  return {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: `Hi ${scenarioDirective(scenario)}` }],
    ...extra,
  };
}

/** The parsed JSON body, loosely typed for assertions. */
async function json(response: Response): Promise<any> {
  return response.json();
}

function dataLines(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => line.slice('data: '.length));
}

async function readStream(scenario: FakeScenario, extra: Record<string, unknown> = {}) {
  const response = await post(requestBody(scenario, { stream: true, ...extra }));
  const text = await response.text();
  const lines = dataLines(text);
  expect(lines.at(-1)).toBe('[DONE]');
  const chunks = lines.slice(0, -1).map((line) => JSON.parse(line));
  return { response, text, chunks };
}

const streamedScenarios: FakeScenario[] = [
  'text',
  'json',
  'tool-call',
  'parallel-tool-calls',
  'max-tokens',
];

describe('startOpenAIFakeUpstream', () => {
  for (const scenario of streamedScenarios) {
    it(`answers the ${scenario} scenario with a body that matches the OpenAPI spec`, async () => {
      const response = await post(requestBody(scenario, { tools: [weatherTool] }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
      expect(validateChatCompletion(await json(response))).toEqual([]);
    });

    it(`streams the ${scenario} scenario in chunks that all match the OpenAPI spec`, async () => {
      const { response, chunks } = await readStream(scenario, {
        tools: [weatherTool],
        stream_options: { include_usage: true },
      });
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      for (const chunk of chunks) expect(validateChatCompletionChunk(chunk)).toEqual([]);
      expect(chunks.at(-1).choices).toEqual([]);
      expect(chunks.at(-1).usage.completion_tokens).toBeGreaterThan(0);
      expect(chunks.at(-2).choices[0].finish_reason).not.toBeNull();
    });
  }

  it('replays the recorded text stream byte for byte', async () => {
    const { text } = await readStream('text', { stream_options: { include_usage: true } });
    const recorded = readFileSync(
      sharedPath('conformance', 'ai-sdk-fixtures', 'openai', 'chat', 'openai-text.chunks.txt'),
      'utf8',
    );
    const expected = recorded
      .trim()
      .split('\n')
      .map((line) => `data: ${line}\n\n`)
      .join('');
    expect(text).toBe(`${expected}data: [DONE]\n\n`);
  });

  it('leaves out the usage chunk when the request did not ask for it', async () => {
    const { chunks } = await readStream('tool-call', { tools: [weatherTool] });
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
  });

  it('streams tool calls with id and name first and argument fragments after', async () => {
    const { chunks } = await readStream('parallel-tool-calls', { tools: [weatherTool] });
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(calls[0].id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    const byIndex = [0, 1].map((index) =>
      calls
        .filter((call) => call.index === index)
        .map((call) => call.function.arguments)
        .join(''),
    );
    expect(byIndex.map((text) => JSON.parse(text))).toEqual([
      { city: 'Paris', unit: 'c' },
      { city: 'London', unit: 'c' },
    ]);
  });

  it('makes one call when the request turns parallel tool calls off', async () => {
    const response = await post(
      requestBody('parallel-tool-calls', { tools: [weatherTool], parallel_tool_calls: false }),
    );
    const body = await json(response);
    expect(body.choices[0].message.tool_calls).toHaveLength(1);
  });

  it.each([
    ['error-400', 400],
    ['error-401', 401],
    ['error-429', 429],
    ['error-500', 500],
    ['error-503', 503],
  ] as const)('answers %s with status %i and an OpenAI error body', async (scenario, status) => {
    const response = await post(requestBody(scenario, { stream: true }));
    expect(response.status).toBe(status);
    expect(validateErrorResponse(await json(response))).toEqual([]);
    if (status === 429) {
      expect(response.headers.get('retry-after-ms')).toBe('250');
      expect(response.headers.get('retry-after')).toBe('1');
    }
  });

  it('requires the API key and answers a wrong one like OpenAI does', async () => {
    const missing = await post(requestBody('text'), { authorization: '' });
    expect(missing.status).toBe(401);
    expect((await json(missing)).error.message).toContain("You didn't provide an API key");
    const wrong = await post(requestBody('text'), { authorization: 'Bearer sk-wrong-key-123456' });
    expect((await json(wrong)).error).toMatchObject({
      code: 'invalid_api_key',
      type: 'invalid_request_error',
    });
  });

  it('rejects parameters the OpenAI API does not define, unless told to accept them', async () => {
    const response = await post(requestBody('text', { top_k: 5 }));
    expect(response.status).toBe(400);
    expect((await json(response)).error.message).toBe(
      'Unrecognized request argument supplied: top_k',
    );
    const lenient = await startOpenAIFakeUpstream({ allowUnknownParameters: true, pathPrefix: '' });
    try {
      const accepted = await fetch(`${lenient.baseURL}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify(requestBody('text', { top_k: 5 })),
      });
      expect(accepted.status).toBe(200);
    } finally {
      await lenient.close();
    }
  });

  it('rejects stream_options without stream and a body without a model', async () => {
    const options = await post(requestBody('text', { stream_options: { include_usage: true } }));
    expect((await json(options)).error.param).toBe('stream_options');
    const noModel = await post({ messages: [{ role: 'user', content: 'Hi' }] });
    expect((await json(noModel)).error.message).toBe('you must provide a model parameter');
  });

  it('lists models in the OpenAI shape', async () => {
    const response = await fetch(`${upstream.baseURL}/models`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(validateModelList(await json(response))).toEqual([]);
  });

  it('cuts the cut-stream scenario after one chunk', async () => {
    const response = await post(requestBody('cut-stream', { stream: true }));
    await expect(response.text()).rejects.toThrow();
  });

  describe('with the official openai SDK', () => {
    let client: OpenAI;
    beforeAll(() => {
      client = new OpenAI({ apiKey, baseURL: upstream.baseURL, maxRetries: 0 });
    });
    const messagesFor = (
      scenario: FakeScenario,
    ): OpenAI.Chat.Completions.ChatCompletionMessageParam[] => [
      { role: 'user', content: `Hi ${scenarioDirective(scenario)}` },
    ];

    it('reads a completion and a streamed answer with usage', async () => {
      const completion = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: messagesFor('text'),
      });
      expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
      const stream = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: messagesFor('text'),
        stream: true,
        stream_options: { include_usage: true },
      });
      let text = '';
      let usage: OpenAI.CompletionUsage | null | undefined;
      for await (const chunk of stream) {
        text += chunk.choices[0]?.delta.content ?? '';
        usage = chunk.usage ?? usage;
      }
      expect(text.length).toBeGreaterThan(100);
      expect(usage?.total_tokens).toBe(316);
    });

    it('assembles streamed tool calls with the SDK stream helper', async () => {
      const runner = client.chat.completions.stream({
        model: 'gpt-4o-mini',
        messages: messagesFor('parallel-tool-calls'),
        tools: [
          {
            type: 'function',
            function: {
              name: weatherTool.function.name,
              parameters: weatherTool.function.parameters,
            },
          },
        ],
      });
      const completion = await runner.finalChatCompletion();
      expect(completion.choices[0]?.message.tool_calls).toHaveLength(2);
      expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    });

    it('raises the SDK error class for each error status', async () => {
      const cases = [
        ['error-400', OpenAI.BadRequestError],
        ['error-401', OpenAI.AuthenticationError],
        ['error-429', OpenAI.RateLimitError],
        ['error-500', OpenAI.InternalServerError],
      ] as const;
      for (const [scenario, errorClass] of cases) {
        await expect(
          client.chat.completions.create({ model: 'gpt-4o-mini', messages: messagesFor(scenario) }),
        ).rejects.toBeInstanceOf(errorClass);
      }
    });
  });
});
