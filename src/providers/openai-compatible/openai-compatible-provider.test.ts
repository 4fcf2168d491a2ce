import { describe, expect, it } from 'vitest';
import {
  InternalError,
  ProviderCallError,
  type CanonicalRequest,
  type Warning,
} from '../../spec/index.js';
import { startOpenAIFakeUpstream } from '../openai/test-utils/openai-fake-upstream.js';
import { mockId, replayFetch } from '../openai/test-utils/openai-test-helpers.js';
import { runLanguageModelContract } from '../test-utils/language-model-contract.js';
import { createOpenAICompatibleProvider } from './openai-compatible-provider.js';
import {
  OPENAI_COMPATIBLE_FLAVORS,
  type OpenAICompatibleFlavor,
} from './openai-compatible-flavors.js';

describe('OpenAI-compatible provider, generic flavor', () => {
  runLanguageModelContract({
    startUpstream: () => startOpenAIFakeUpstream({ pathPrefix: '/api/v1' }),
    createModel: ({ upstream, timeouts }) =>
      createOpenAICompatibleProvider({
        id: 'local-generic',
        flavor: 'generic',
        baseURL: `${upstream.origin}/api/v1`,
        timeouts,
      }).languageModel('my-model'),
  });
});

describe('OpenAI-compatible provider, ollama flavor', () => {
  runLanguageModelContract({
    startUpstream: () => startOpenAIFakeUpstream({ pathPrefix: '/v1' }),
    createModel: ({ upstream, timeouts }) =>
      createOpenAICompatibleProvider({
        id: 'local-ollama',
        flavor: 'ollama',
        baseURL: `${upstream.origin}/v1`,
        timeouts,
      }).languageModel('llama3.2'),
  });
});

describe('OpenAI-compatible provider, groq flavor', () => {
  runLanguageModelContract({
    startUpstream: () => startOpenAIFakeUpstream({ apiKey: 'gsk-test', pathPrefix: '/openai/v1' }),
    createModel: ({ upstream, timeouts }) =>
      createOpenAICompatibleProvider({
        id: 'groq',
        flavor: 'groq',
        apiKey: 'gsk-test',
        baseURL: `${upstream.origin}/openai/v1`,
        timeouts,
      }).languageModel('llama-3.3-70b-versatile'),
  });
});

const completionBody = JSON.stringify({
  id: 'chatcmpl-1',
  model: 'served-model',
  choices: [{ index: 0, message: { content: 'Hi' }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 3, completion_tokens: 1 },
});

/** Sends `request` through a flavor and returns the body it sent and the warnings. */
async function sendThrough({
  flavor,
  request,
  modelId = 'some-model',
}: {
  flavor: OpenAICompatibleFlavor;
  request: CanonicalRequest;
  modelId?: string;
}): Promise<{ url: string; body: any; warnings: ReadonlyArray<Warning>; headers: Headers }> {
  const fetch = replayFetch({ body: completionBody, contentType: 'application/json' });
  const response = await createOpenAICompatibleProvider({
    id: flavor,
    flavor,
    apiKey: 'key',
    fetch,
    ...(flavor === 'generic' ? { baseURL: 'http://127.0.0.1:9/v1' } : {}),
  })
    .languageModel(modelId)
    .generate(request, {});
  const call = fetch.calls[0];
  return {
    url: call?.url ?? '',
    body: JSON.parse(typeof call?.init.body === 'string' ? call.init.body : '{}'),
    warnings: response.warnings,
    headers: new Headers(call?.init.headers),
  };
}

const everySetting: CanonicalRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Look:' },
        { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
        { type: 'image', source: { type: 'base64', mediaType: 'image/png', data: 'AAAA' } },
      ],
    },
  ],
  tools: [{ name: 'lookup', inputSchema: { type: 'object', properties: {} } }],
  toolChoice: { type: 'required' },
  parallelToolCalls: false,
  responseFormat: { type: 'json', schema: { type: 'object' } },
  maxOutputTokens: 100,
  temperature: 0.3,
  topP: 0.8,
  topK: 20,
  stopSequences: ['END'],
  seed: 7,
  frequencyPenalty: 0.1,
  presencePenalty: 0.1,
  reasoningEffort: 'high',
  reasoningBudgetTokens: 2048,
  user: 'user-1',
};

/** The parts of a body that vary by flavor: everything but messages and tools, plus images. */
function summarise({ body, warnings }: { body: any; warnings: ReadonlyArray<Warning> }) {
  const { messages, tools: _tools, model: _model, ...fields } = body;
  const images = messages
    .flatMap((message: any) => (Array.isArray(message.content) ? message.content : []))
    .filter((part: any) => part.type === 'image_url').length;
  return {
    fields: Object.keys(fields).sort().join(' '),
    images,
    warned: warnings.map((warning) =>
      warning.type === 'unsupported-setting'
        ? warning.setting
        : warning.type === 'other'
          ? warning.message
          : '',
    ),
  };
}

describe('createOpenAICompatibleProvider', () => {
  it('sends what each flavor supports and warns about the rest', async () => {
    const summaries: Record<string, unknown> = {};
    for (const flavor of Object.keys(OPENAI_COMPATIBLE_FLAVORS) as OpenAICompatibleFlavor[]) {
      summaries[flavor] = summarise(await sendThrough({ flavor, request: everySetting }));
    }
    expect(summaries).toMatchInlineSnapshot(`
      {
        "deepseek": {
          "fields": "frequency_penalty max_tokens presence_penalty response_format stop temperature tool_choice top_p",
          "images": 0,
          "warned": [
            "topK",
            "seed",
            "reasoningEffort",
            "user",
            "reasoningBudgetTokens",
            "parallelToolCalls",
            "This model does not accept image input; images were omitted.",
            "responseFormat.schema",
          ],
        },
        "generic": {
          "fields": "frequency_penalty max_tokens parallel_tool_calls presence_penalty reasoning_effort response_format seed stop temperature tool_choice top_p user",
          "images": 2,
          "warned": [
            "topK",
            "reasoningBudgetTokens",
          ],
        },
        "groq": {
          "fields": "max_completion_tokens parallel_tool_calls reasoning_effort response_format seed stop temperature tool_choice top_p user",
          "images": 2,
          "warned": [
            "topK",
            "frequencyPenalty",
            "presencePenalty",
            "reasoningBudgetTokens",
          ],
        },
        "llamacpp": {
          "fields": "frequency_penalty max_tokens parallel_tool_calls presence_penalty response_format seed stop temperature tool_choice top_k top_p",
          "images": 2,
          "warned": [
            "reasoningEffort",
            "user",
            "reasoningBudgetTokens",
          ],
        },
        "ollama": {
          "fields": "frequency_penalty max_tokens presence_penalty reasoning_effort response_format seed stop temperature top_p",
          "images": 1,
          "warned": [
            "topK",
            "user",
            "reasoningBudgetTokens",
            "toolChoice",
            "parallelToolCalls",
            "This server takes images only as inline base64 data; image URLs were omitted.",
          ],
        },
        "openrouter": {
          "fields": "frequency_penalty max_tokens parallel_tool_calls presence_penalty reasoning response_format seed stop temperature tool_choice top_k top_p user",
          "images": 2,
          "warned": [
            "reasoningEffort",
          ],
        },
        "together": {
          "fields": "frequency_penalty max_tokens parallel_tool_calls presence_penalty reasoning_effort response_format seed stop temperature tool_choice top_k top_p user",
          "images": 2,
          "warned": [
            "reasoningBudgetTokens",
          ],
        },
        "vllm": {
          "fields": "frequency_penalty max_tokens presence_penalty reasoning_effort response_format seed stop temperature tool_choice top_k top_p",
          "images": 2,
          "warned": [
            "user",
            "reasoningBudgetTokens",
            "parallelToolCalls",
          ],
        },
      }
    `);
  });

  it('sends a plain request in the OpenAI shape with max_tokens', async () => {
    const { body } = await sendThrough({
      flavor: 'vllm',
      request: {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        maxOutputTokens: 64,
        topK: 5,
        providerOptions: {
          'openai-compatible': { min_p: 0.05, repetition_penalty: 1.1, model: 'other' },
        },
      },
    });
    expect(body).toMatchInlineSnapshot(`
      {
        "max_tokens": 64,
        "messages": [
          {
            "content": "Hi",
            "role": "user",
          },
        ],
        "min_p": 0.05,
        "model": "some-model",
        "repetition_penalty": 1.1,
        "top_k": 5,
      }
    `);
  });

  it('maps reasoning to OpenRouter reasoning objects', async () => {
    const effort = await sendThrough({
      flavor: 'openrouter',
      request: {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        reasoningEffort: 'low',
      },
    });
    expect(effort.body.reasoning).toEqual({ effort: 'low' });
    expect(effort.body.reasoning_effort).toBeUndefined();
    const budget = await sendThrough({
      flavor: 'openrouter',
      request: {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        reasoningEffort: 'low',
        reasoningBudgetTokens: 1000,
      },
    });
    expect(budget.body.reasoning).toEqual({ max_tokens: 1000 });
    expect(
      budget.warnings.map((warning) => warning.type === 'unsupported-setting' && warning.setting),
    ).toEqual(['reasoningEffort']);
  });

  it('warns that deepseek-reasoner ignores sampling settings', async () => {
    const { body, warnings } = await sendThrough({
      flavor: 'deepseek',
      modelId: 'deepseek-reasoner',
      request: {
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
        temperature: 0.5,
        topP: 0.5,
      },
    });
    expect(body.temperature).toBeUndefined();
    expect(warnings).toMatchInlineSnapshot(`
      [
        {
          "details": "has no effect on deepseek-reasoner",
          "setting": "temperature",
          "type": "unsupported-setting",
        },
        {
          "details": "has no effect on deepseek-reasoner",
          "setting": "topP",
          "type": "unsupported-setting",
        },
      ]
    `);
  });

  it('uses each flavor default base URL', async () => {
    const urls: Record<string, string> = {};
    for (const flavor of Object.keys(OPENAI_COMPATIBLE_FLAVORS) as OpenAICompatibleFlavor[]) {
      urls[flavor] = (await sendThrough({ flavor, request: { messages: [] } })).url;
    }
    expect(urls).toMatchInlineSnapshot(`
      {
        "deepseek": "https://api.deepseek.com/v1/chat/completions",
        "generic": "http://127.0.0.1:9/v1/chat/completions",
        "groq": "https://api.groq.com/openai/v1/chat/completions",
        "llamacpp": "http://127.0.0.1:8080/v1/chat/completions",
        "ollama": "http://127.0.0.1:11434/v1/chat/completions",
        "openrouter": "https://openrouter.ai/api/v1/chat/completions",
        "together": "https://api.together.xyz/v1/chat/completions",
        "vllm": "http://127.0.0.1:8000/v1/chat/completions",
      }
    `);
  });

  it('requires a base URL for the generic flavor', () => {
    expect(() => createOpenAICompatibleProvider({ id: 'mine', flavor: 'generic' })).toThrow(
      'Set providers.mine.baseURL',
    );
  });

  it('needs no key for local servers and names the variable for hosted ones', async () => {
    const fetch = replayFetch({ body: completionBody, contentType: 'application/json' });
    await createOpenAICompatibleProvider({ id: 'local', flavor: 'ollama', fetch })
      .languageModel('llama3.2')
      .generate({ messages: [] }, {});
    expect(new Headers(fetch.calls[0]?.init.headers).has('authorization')).toBe(false);
    const error: unknown = await createOpenAICompatibleProvider({
      id: 'groq',
      flavor: 'groq',
      fetch,
    })
      .languageModel('llama-3.3-70b-versatile')
      .generate({ messages: [] }, {})
      .catch((caught: unknown) => caught);
    expect(InternalError.isInstance(error)).toBe(true);
    expect(String(error)).toContain("'apiKey' setting or the GROQ_API_KEY environment variable");
  });

  it.each([
    {
      server: 'vLLM',
      status: 400,
      body: '{"object":"error","message":"max_tokens is too large","type":"BadRequestError","param":null,"code":400}',
      message: 'max_tokens is too large',
    },
    {
      server: 'Ollama',
      status: 404,
      body: '{"error":{"message":"model \\"llama9\\" not found, try pulling it first","type":"api_error","param":null,"code":null}}',
      message: 'try pulling it first',
    },
    {
      server: 'a bare string',
      status: 500,
      body: '{"error":"CUDA out of memory"}',
      message: 'CUDA out of memory',
    },
    {
      server: 'FastAPI',
      status: 422,
      body: '{"detail":[{"msg":"field required"}]}',
      message: 'field required',
    },
    { server: 'plain text', status: 502, body: 'Bad Gateway', message: 'Bad Gateway' },
  ])('reads $server error bodies', async ({ status, body, message }) => {
    const error: unknown = await createOpenAICompatibleProvider({
      id: 'local',
      flavor: 'vllm',
      fetch: replayFetch({ body, status, contentType: 'application/json' }),
      generateId: mockId(),
    })
      .languageModel('m')
      .generate({ messages: [] }, {})
      .catch((caught: unknown) => caught);
    expect(ProviderCallError.isInstance(error)).toBe(true);
    expect(ProviderCallError.isInstance(error) && error.upstreamStatusCode).toBe(status);
    expect(String(error)).toContain(message);
  });

  it('lists the models of the server', async () => {
    const upstream = await startOpenAIFakeUpstream();
    try {
      const provider = createOpenAICompatibleProvider({
        id: 'local',
        flavor: 'llamacpp',
        baseURL: upstream.baseURL,
      });
      expect((await provider.listModels({})).length).toBeGreaterThan(0);
      expect(provider.type).toBe('openai-compatible');
      await provider.close();
    } finally {
      await upstream.close();
    }
  });
});
