import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOrUndefined } from '../../provider-utils/index.js';
import type { CanonicalRequest, LanguageModel } from '../../spec/index.js';
import type { FakeUpstream } from '../test-utils/fake-server.js';
import { expectWellFormedStream } from '../test-utils/language-model-contract.js';
import { mapAmazonBedrockFinishReason } from './map-amazon-bedrock-finish-reason.js';
import { mapAmazonBedrockUsage } from './map-amazon-bedrock-usage.js';
import { createAmazonBedrockProvider } from './amazon-bedrock-provider.js';
import {
  listBedrockFixtures,
  readBedrockFixtureEvents,
  readBedrockFixtureJson,
} from './test-utils/amazon-bedrock-recordings.js';
import { summariseWireEvents } from './test-utils/amazon-bedrock-test-helpers.js';
import { startBedrockFakeUpstream } from './test-utils/bedrock-fake-upstream.js';
import { collectEvents, summariseStreamEvents } from '../test-utils/provider-test-helpers.js';

const credentials = { accessKeyId: 'AKIDREPLAY', secretAccessKey: 'replay-secret' };
const fixtures = listBedrockFixtures();

let upstream: FakeUpstream;
let model: LanguageModel;
beforeAll(async () => {
  upstream = await startBedrockFakeUpstream({ credentials, region: 'eu-west-1' });
  model = createAmazonBedrockProvider({
    region: 'eu-west-1',
    credentials,
    baseURL: upstream.origin,
  }).languageModel('eu.anthropic.claude-sonnet-4-5-20250929-v1:0');
});
afterAll(() => upstream.close());

function requestReplaying(name: string, extra: Partial<CanonicalRequest> = {}): CanonicalRequest {
  return {
    messages: [
      { role: 'user', content: [{ type: 'text', text: `Replay [[bedrock-fixture:${name}]]` }] },
    ],
    ...extra,
  };
}

/** An independent reading of a recorded Converse body. */
function summariseWireResponse(name: string) {
  const body: any = parseJsonOrUndefined(readBedrockFixtureJson(name));
  const blocks: any[] = body.output.message.content;
  return {
    text: blocks.flatMap((block) => (typeof block.text === 'string' ? [block.text] : [])).join(''),
    reasoning: blocks.flatMap((block) =>
      block.reasoningContent?.reasoningText ? [block.reasoningContent.reasoningText] : [],
    ),
    toolCalls: blocks.flatMap((block) =>
      block.toolUse
        ? [{ id: block.toolUse.toolUseId, name: block.toolUse.name, input: block.toolUse.input }]
        : [],
    ),
    stopReason: body.stopReason,
    usage: body.usage,
  };
}

describe('replaying the recorded Converse bodies', () => {
  it.each(fixtures.json)('converts %s.json as the recording reads', async (name) => {
    const wire = summariseWireResponse(name);
    const response = await model.generate(requestReplaying(name), {});
    const text = response.content
      .flatMap((part) => (part.type === 'text' ? [part.text] : []))
      .join('');
    expect(text).toBe(wire.text);
    expect(
      response.content.flatMap((part) =>
        part.type === 'reasoning' ? [{ text: part.text, signature: part.signature }] : [],
      ),
    ).toEqual(wire.reasoning);
    expect(
      response.content.flatMap((part) =>
        part.type === 'tool-call'
          ? [{ id: part.toolCallId, name: part.toolName, input: JSON.parse(part.input) }]
          : [],
      ),
    ).toEqual(wire.toolCalls);
    expect(response.finishReason).toBe(
      mapAmazonBedrockFinishReason({ stopReason: wire.stopReason }),
    );
    expect(response.rawFinishReason).toBe(wire.stopReason);
    expect(response.usage).toEqual(mapAmazonBedrockUsage(wire.usage));
    expect(response.id).toMatch(/^00000000-0000-4000-8000-/);
  });

  it('normalises the recorded usage: cache reads and writes join inputTokens', async () => {
    const response = await model.generate(requestReplaying('amazon-bedrock-text'), {});
    expect(response.usage).toEqual({
      inputTokens: 22,
      outputTokens: 57,
      cachedInputTokens: 0,
      cacheWriteInputTokens: 0,
    });
  });
});

describe('replaying the recorded ConverseStreams as binary event-stream frames', () => {
  it.each(fixtures.chunks)('streams %s.chunks.txt as the recording reads', async (name) => {
    const recorded = readBedrockFixtureEvents(name);
    const wire = summariseWireEvents(recorded);
    const { stream } = await model.stream(requestReplaying(name), {});
    const events = await collectEvents(stream);
    expectWellFormedStream(events);
    const summary = summariseStreamEvents(events);
    expect(summary.text).toBe(wire.text);
    expect(summary.reasoning).toBe(wire.reasoning);
    expect(summary.signatures).toEqual(wire.signatures);
    expect(summary.toolCalls).toEqual(wire.toolCalls);
    expect(summary.end?.finishReason).toBe(
      mapAmazonBedrockFinishReason({ stopReason: wire.stopReason }),
    );
    expect(summary.end?.usage).toEqual(mapAmazonBedrockUsage(wire.usage));
  });

  it('emits the recorded text stream as one text block between response-start and response-end', async () => {
    const { stream } = await model.stream(requestReplaying('amazon-bedrock-text'), {});
    const events = await collectEvents(stream);
    expect(events.map((event) => event.type)).toEqual([
      'response-start',
      'text-start',
      ...Array<string>(12).fill('text-delta'),
      'text-end',
      'response-end',
    ]);
    expect(events.at(-1)).toEqual({
      type: 'response-end',
      finishReason: 'stop',
      rawFinishReason: 'end_turn',
      usage: { inputTokens: 22, outputTokens: 55 },
    });
  });

  it('ends the recorded reasoning block with its signature before the text block', async () => {
    const { stream } = await model.stream(requestReplaying('amazon-bedrock-reasoning'), {});
    const events = await collectEvents(stream);
    const types = events.map((event) => event.type);
    expect(types.indexOf('reasoning-end')).toBeLessThan(types.indexOf('text-start'));
    const end = events.find((event) => event.type === 'reasoning-end');
    expect(end?.type === 'reasoning-end' && end.signature).toMatch(/^Ep0CCkgI/);
  });
});

/** JSON mode through the `json` tool: what each recording must come out as. */
const JSON_MODE_EXPECTATIONS: Array<{
  name: string;
  kind: 'json' | 'stream';
  text: string;
  toolNames: string[];
  finishReason: string;
}> = [
  {
    name: 'amazon-bedrock-json-tool.1',
    kind: 'json',
    text: JSON.stringify({
      elements: [
        { location: 'San Francisco', temperature: -5, condition: 'snowy' },
        { location: 'London', temperature: 0, condition: 'snowy' },
      ],
    }),
    toolNames: [],
    finishReason: 'stop',
  },
  {
    name: 'amazon-bedrock-json-tool.2',
    kind: 'json',
    text: '{"value":"test data"}',
    toolNames: [],
    finishReason: 'stop',
  },
  {
    name: 'amazon-bedrock-json-tool.3',
    kind: 'json',
    text: '{"result":42}',
    toolNames: [],
    finishReason: 'stop',
  },
  {
    name: 'amazon-bedrock-json-tool-with-answer.1',
    kind: 'json',
    text: '{"firstName":"John","lastName":"Doe"}',
    toolNames: [],
    finishReason: 'stop',
  },
  {
    name: 'amazon-bedrock-json-with-tool.1',
    kind: 'json',
    text: '{"result":"data"}',
    toolNames: ['get-weather'],
    finishReason: 'tool-calls',
  },
  {
    name: 'amazon-bedrock-json-other-tool.1',
    kind: 'json',
    text: '',
    toolNames: ['get-weather'],
    finishReason: 'tool-calls',
  },
  {
    name: 'amazon-bedrock-json-tool.1',
    kind: 'stream',
    text: '{"value":"test"}',
    toolNames: [],
    finishReason: 'stop',
  },
  {
    name: 'amazon-bedrock-json-tool.2',
    kind: 'stream',
    text: '{"value":"test"}',
    toolNames: [],
    finishReason: 'stop',
  },
  {
    name: 'amazon-bedrock-json-tool.3',
    kind: 'stream',
    text: '{"result":42}',
    toolNames: [],
    finishReason: 'stop',
  },
  {
    name: 'amazon-bedrock-json-only-text-first.1',
    kind: 'stream',
    text: '{"name":"John"}',
    toolNames: [],
    finishReason: 'stop',
  },
  // Text announcing a real tool call is kept (it was flushed when the call started); text
  // right before the JSON answer is preamble and dropped.
  {
    name: 'amazon-bedrock-json-with-tool.1',
    kind: 'stream',
    text: 'Calling a tool first.{"result":"data"}',
    toolNames: ['get-weather'],
    finishReason: 'tool-calls',
  },
  {
    name: 'amazon-bedrock-json-with-tools.1',
    kind: 'stream',
    text: 'Multiple tools.{"final":"result"}',
    toolNames: ['tool-a', 'tool-b'],
    finishReason: 'tool-calls',
  },
  {
    name: 'amazon-bedrock-json-tool-text-then-weather-then-json.1',
    kind: 'stream',
    text: '2 + 2 equals 4. Now let me check the weather for you.',
    toolNames: ['weather', 'weather'],
    finishReason: 'tool-calls',
  },
];

describe('replaying the JSON-mode recordings with a JSON response format', () => {
  it.each(JSON_MODE_EXPECTATIONS)(
    'turns $name ($kind) into the JSON text answer',
    async ({ name, kind, text, toolNames, finishReason }) => {
      const request = requestReplaying(name, {
        responseFormat: { type: 'json' },
        tools: [{ name: 'get-weather', inputSchema: { type: 'object' } }],
      });
      if (kind === 'json') {
        const response = await model.generate(request, {});
        expect(
          response.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join(''),
        ).toBe(text);
        expect(
          response.content.flatMap((part) => (part.type === 'tool-call' ? [part.toolName] : [])),
        ).toEqual(toolNames);
        expect(response.finishReason).toBe(finishReason);
        return;
      }
      const { stream } = await model.stream(request, {});
      const events = await collectEvents(stream);
      expectWellFormedStream(events);
      const summary = summariseStreamEvents(events);
      expect(summary.text).toBe(text);
      expect(Object.values(summary.toolCalls).map((call) => call.name)).toEqual(toolNames);
      expect(summary.end?.finishReason).toBe(finishReason);
    },
  );
});

describe('CountTokens', () => {
  it('returns the exact count Bedrock reports for the Converse-shaped prompt', async () => {
    const count = await model.countTokens?.(requestReplaying('amazon-bedrock-text'), {});
    expect(count).toEqual({ inputTokens: expect.any(Number), isEstimate: false });
    const body: any = parseJsonOrUndefined(upstream.requests.at(-1)?.body ?? '');
    expect(Object.keys(body.input.converse)).toEqual(['messages']);
    expect(upstream.requests.at(-1)?.url).toBe(
      '/model/eu.anthropic.claude-sonnet-4-5-20250929-v1%3A0/count-tokens',
    );
  });
});
