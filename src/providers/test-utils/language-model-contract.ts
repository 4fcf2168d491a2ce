import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimeoutSettings } from '../../provider-utils/index.js';
import {
  ProviderCallError,
  ProviderTimeoutError,
  type CanonicalRequest,
  type LanguageModel,
  type StreamEvent,
} from '../../spec/index.js';
import type { FakeUpstream } from './fake-server.js';
import { scenarioDirective, type FakeScenario } from './scenarios.js';
import { collectEvents } from './provider-test-helpers.js';

export const CONTRACT_TESTS = [
  'text',
  'stream-text',
  'tool-call',
  'parallel-tool-calls',
  'stream-tool-call',
  'stream-parallel-tool-calls',
  'json-mode',
  'max-tokens',
  'stream-usage',
  'error-400',
  'error-401',
  'error-429',
  'error-500',
  'error-503',
  'malformed',
  'timeout-headers',
  'timeout-stream-idle',
  'cut-stream',
  'abort',
] as const;

export type ContractTestName = (typeof CONTRACT_TESTS)[number];

export type LanguageModelContractOptions = {
  /** Starts this provider's fake upstream. */
  readonly startUpstream: () => Promise<FakeUpstream>;
  /** Creates the model under test, pointed at the fake upstream. */
  readonly createModel: (options: {
    upstream: FakeUpstream;
    timeouts: TimeoutSettings;
  }) => LanguageModel;
  /** Tests this provider cannot pass, each with the reason (STYLE.md rule 19). */
  readonly skip?: ReadonlyArray<{
    readonly tests: ReadonlyArray<ContractTestName>;
    readonly reason: string;
  }>;
};

const contractTimeouts: TimeoutSettings = { connectMs: 2_000, firstByteMs: 400, idleMs: 400 };

const weatherTool = {
  name: 'get_weather',
  description: 'Get the current weather for a city.',
  inputSchema: {
    type: 'object',
    properties: { city: { type: 'string' } },
    required: ['city'],
    additionalProperties: false,
  },
};

function requestFor(
  scenario: FakeScenario,
  extra: Partial<CanonicalRequest> = {},
): CanonicalRequest {
  return {
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      {
        role: 'user',
        content: [{ type: 'text', text: `Hello there. ${scenarioDirective(scenario)}` }],
      },
    ],
    maxOutputTokens: 256,
    ...extra,
  };
}

function toolCallsOf(events: StreamEvent[]): Map<string, { name: string; input: string }> {
  const calls = new Map<string, { name: string; input: string }>();
  for (const event of events) {
    if (event.type === 'tool-call-start') calls.set(event.id, { name: event.toolName, input: '' });
    if (event.type === 'tool-call-delta') {
      const call = calls.get(event.id);
      expect(call, `tool-call-delta for unknown id ${event.id}`).toBeDefined();
      if (call) call.input += event.delta;
    }
  }
  return calls;
}

/** Checks the lifecycle rules every canonical stream obeys. */
export function expectWellFormedStream(events: StreamEvent[]): void {
  expect(events[0]?.type).toBe('response-start');
  expect(events.at(-1)?.type).toBe('response-end');
  const open = new Set<string>();
  for (const event of events) {
    const kind = event.type.split('-').slice(0, -1).join('-');
    const phase = event.type.split('-').at(-1);
    if (kind === 'response') continue;
    const key = `${kind}:${'id' in event ? event.id : ''}`;
    if (phase === 'start') {
      expect(open.has(key), `${key} started twice`).toBe(false);
      open.add(key);
    } else if (phase === 'delta') {
      expect(open.has(key), `${event.type} outside its start/end`).toBe(true);
    } else if (phase === 'end') {
      expect(open.has(key), `${key} ended without start`).toBe(true);
      open.delete(key);
    }
  }
  expect([...open], 'blocks left open at response-end').toEqual([]);
}

/**
 * The contract every provider passes against its fake upstream (STYLE.md rule 19): text, streams,
 * tools, JSON mode, usage, each error class, timeouts, cut streams and aborts.
 */
export function runLanguageModelContract({
  startUpstream,
  createModel,
  skip = [],
}: LanguageModelContractOptions): void {
  let upstream: FakeUpstream;
  let model: LanguageModel;
  beforeAll(async () => {
    upstream = await startUpstream();
    model = createModel({ upstream, timeouts: contractTimeouts });
  });
  afterAll(async () => {
    await upstream.close();
  });

  const skipped = new Map<ContractTestName, string>();
  for (const entry of skip) {
    expect(
      entry.reason.trim().length,
      'a skipped contract test must give its reason',
    ).toBeGreaterThan(0);
    for (const test of entry.tests) skipped.set(test, entry.reason);
  }
  const contractTest = (name: ContractTestName, title: string, body: () => Promise<void>) => {
    const reason = skipped.get(name);
    if (reason) it.skip(`${title} (skipped: ${reason})`, body);
    else it(title, body);
  };

  describe('language model contract', () => {
    contractTest('text', 'returns text with a stop finish reason and usage', async () => {
      const response = await model.generate(requestFor('text'), {});
      const text = response.content
        .filter((part) => part.type === 'text')
        .map((part) => part.text)
        .join('');
      expect(text.length).toBeGreaterThan(0);
      expect(response.finishReason).toBe('stop');
      expect(response.usage.inputTokens).toBeGreaterThan(0);
      expect(response.usage.outputTokens).toBeGreaterThan(0);
      expect(response.modelId.length).toBeGreaterThan(0);
    });

    contractTest('stream-text', 'streams text as well-formed start/delta/end events', async () => {
      const { stream } = await model.stream(requestFor('text'), {});
      const events = await collectEvents(stream);
      expectWellFormedStream(events);
      const text = events
        .flatMap((event) => (event.type === 'text-delta' ? [event.delta] : []))
        .join('');
      expect(text.length).toBeGreaterThan(0);
      const end = events.at(-1);
      expect(end?.type === 'response-end' && end.finishReason).toBe('stop');
    });

    contractTest('tool-call', 'returns a tool call with JSON arguments', async () => {
      const response = await model.generate(requestFor('tool-call', { tools: [weatherTool] }), {});
      const calls = response.content.filter((part) => part.type === 'tool-call');
      expect(calls).toHaveLength(1);
      expect(calls[0]?.toolCallId.length).toBeGreaterThan(0);
      expect(calls[0]?.toolName.length).toBeGreaterThan(0);
      expect(typeof JSON.parse(calls[0]?.input ?? '')).toBe('object');
      expect(response.finishReason).toBe('tool-calls');
    });

    contractTest(
      'parallel-tool-calls',
      'returns parallel tool calls with distinct ids',
      async () => {
        const response = await model.generate(
          requestFor('parallel-tool-calls', { tools: [weatherTool] }),
          {},
        );
        const calls = response.content.filter((part) => part.type === 'tool-call');
        expect(calls.length).toBeGreaterThanOrEqual(2);
        expect(new Set(calls.map((call) => call.toolCallId)).size).toBe(calls.length);
        for (const call of calls) expect(typeof JSON.parse(call.input)).toBe('object');
        expect(response.finishReason).toBe('tool-calls');
      },
    );

    contractTest(
      'stream-tool-call',
      'streams a tool call whose deltas join into JSON',
      async () => {
        const { stream } = await model.stream(
          requestFor('tool-call', { tools: [weatherTool] }),
          {},
        );
        const events = await collectEvents(stream);
        expectWellFormedStream(events);
        const calls = toolCallsOf(events);
        expect(calls.size).toBe(1);
        for (const call of calls.values())
          expect(typeof JSON.parse(call.input || '{}')).toBe('object');
        const end = events.at(-1);
        expect(end?.type === 'response-end' && end.finishReason).toBe('tool-calls');
      },
    );

    contractTest('stream-parallel-tool-calls', 'streams parallel tool calls', async () => {
      const { stream } = await model.stream(
        requestFor('parallel-tool-calls', { tools: [weatherTool] }),
        {},
      );
      const events = await collectEvents(stream);
      expectWellFormedStream(events);
      const calls = toolCallsOf(events);
      expect(calls.size).toBeGreaterThanOrEqual(2);
      for (const call of calls.values())
        expect(typeof JSON.parse(call.input || '{}')).toBe('object');
    });

    contractTest('json-mode', 'answers a JSON-mode request with a JSON object', async () => {
      const response = await model.generate(
        requestFor('json', { responseFormat: { type: 'json' } }),
        {},
      );
      const text = response.content
        .filter((part) => part.type === 'text')
        .map((part) => part.text)
        .join('');
      expect(typeof JSON.parse(text)).toBe('object');
    });

    contractTest('max-tokens', 'maps a truncated answer to the length finish reason', async () => {
      const response = await model.generate(requestFor('max-tokens'), {});
      expect(response.finishReason).toBe('length');
    });

    contractTest('stream-usage', 'reports usage at the end of a stream', async () => {
      const { stream } = await model.stream(requestFor('text'), {});
      const events = await collectEvents(stream);
      const end = events.at(-1);
      expect(end?.type).toBe('response-end');
      if (end?.type === 'response-end') {
        expect(end.usage.inputTokens).toBeGreaterThan(0);
        expect(end.usage.outputTokens).toBeGreaterThan(0);
      }
    });

    const errorCases: Array<[ContractTestName, FakeScenario, string, boolean]> = [
      ['error-400', 'error-400', 'upstream_rejected', false],
      ['error-401', 'error-401', 'upstream_error', false],
      ['error-429', 'error-429', 'rate_limited', true],
      ['error-500', 'error-500', 'upstream_error', true],
      ['error-503', 'error-503', 'upstream_unavailable', true],
    ];
    for (const [name, scenario, code, isRetryable] of errorCases) {
      contractTest(
        name,
        `maps an upstream ${scenario} to ${code} (retryable: ${isRetryable})`,
        async () => {
          for (const call of ['generate', 'stream'] as const) {
            const error: unknown = await model[call](requestFor(scenario), {}).then(
              () => undefined,
              (caught: unknown) => caught,
            );
            expect(ProviderCallError.isInstance(error), `${call}: ${String(error)}`).toBe(true);
            if (!ProviderCallError.isInstance(error)) return;
            expect(error.code).toBe(code);
            expect(error.isRetryable).toBe(isRetryable);
            expect(error.message.length).toBeGreaterThan(10);
            if (name === 'error-429') expect(error.retryAfterMs).toBeGreaterThan(0);
          }
        },
      );
    }

    contractTest(
      'malformed',
      'turns an unreadable 200 reply into a retryable upstream error',
      async () => {
        const error: unknown = await model.generate(requestFor('malformed'), {}).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(ProviderCallError.isInstance(error), String(error)).toBe(true);
        expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
      },
    );

    contractTest('timeout-headers', 'times out waiting for response headers', async () => {
      const error: unknown = await model.generate(requestFor('hang-headers'), {}).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(ProviderTimeoutError.isInstance(error), String(error)).toBe(true);
      expect(ProviderTimeoutError.isInstance(error) && error.phase).toBe('headers');
    });

    contractTest(
      'timeout-stream-idle',
      'times out when a stream stalls between chunks',
      async () => {
        const { stream } = await model.stream(requestFor('stall-stream'), {});
        const error: unknown = await collectEvents(stream).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(ProviderTimeoutError.isInstance(error), String(error)).toBe(true);
        expect(ProviderTimeoutError.isInstance(error) && error.phase).toBe('body');
      },
    );

    contractTest(
      'cut-stream',
      'reports a stream cut mid-way as a retryable upstream error',
      async () => {
        const { stream } = await model.stream(requestFor('cut-stream'), {});
        const error: unknown = await collectEvents(stream).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(ProviderCallError.isInstance(error), String(error)).toBe(true);
        expect(ProviderCallError.isInstance(error) && error.isRetryable).toBe(true);
      },
    );

    contractTest(
      'abort',
      'stops the upstream call when aborted, without mapping the abort',
      async () => {
        const controller = new AbortController();
        const { stream } = await model.stream(requestFor('stall-stream'), {
          abortSignal: controller.signal,
        });
        setTimeout(() => controller.abort(new Error('client went away')), 50);
        const error: unknown = await collectEvents(stream).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(ProviderCallError.isInstance(error) || ProviderTimeoutError.isInstance(error)).toBe(
          false,
        );
        expect(controller.signal.aborted).toBe(true);
      },
    );
  });
}
