import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/index.js';
import { startFakeServer, type FakeUpstream } from '../../providers/test-utils/fake-server.js';
import { sharedPath } from '../../providers/test-utils/shared-path.js';
import { buildGatewayServer, type GatewayServer } from '../build-gateway-server.js';

/** The recorded thinking + text stream, as the SSE body the fake Anthropic upstream replays. */
const recordedStream = readFileSync(
  sharedPath('conformance/ai-sdk-fixtures/anthropic/anthropic-clear-thinking.1.chunks.txt'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => `event: ${JSON.parse(line).type}\ndata: ${line}\n\n`)
  .join('');

function dataOf(sse: string): any[] {
  return sse
    .split('\n\n')
    .filter((frame) => frame.trim().length > 0)
    .map((frame) => JSON.parse(frame.split('\n')[1]?.slice(6) ?? 'null'))
    .filter((data) => data.type !== 'ping');
}

describe('Anthropic in, Anthropic out', () => {
  let upstream: FakeUpstream;
  let server: GatewayServer;
  beforeAll(async () => {
    upstream = await startFakeServer(({ request, response }) => {
      if (request.url.includes('count_tokens')) {
        response.setHeader('content-type', 'application/json');
        response.end('{"input_tokens":77}');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(recordedStream);
    });
    server = buildGatewayServer({
      config: parseConfig({
        raw: {
          providers: {
            claude: { type: 'anthropic', apiKey: 'test-key', baseURL: `${upstream.origin}/v1` },
          },
          models: [{ id: 'claude', provider: 'claude', model: 'claude-sonnet-4-5' }],
        },
        env: {},
        source: 'test',
      }),
      requestLogPath: ':memory:',
    });
  });
  afterAll(async () => {
    await server.close();
    await upstream.close();
  });

  const request = {
    model: 'claude',
    max_tokens: 4096,
    system: [{ type: 'text', text: 'Be exact.', cache_control: { type: 'ephemeral' } }],
    thinking: { type: 'enabled', budget_tokens: 2048 },
    tools: [
      {
        name: 'calc',
        description: 'Evaluates arithmetic.',
        input_schema: { type: 'object', properties: { expression: { type: 'string' } } },
      },
    ],
    messages: [
      { role: 'user', content: 'What is 925 / 5?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'Use the tool.', signature: 'SIG' },
          { type: 'tool_use', id: 'toolu_1', name: 'calc', input: { expression: '925/5' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: '185' },
          { type: 'text', text: 'Explain.', cache_control: { type: 'ephemeral' } },
        ],
      },
    ],
  };

  it('forwards the request nearly unchanged: max_tokens, thinking signatures and cache breakpoints survive', async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/messages',
      payload: { ...request, stream: true },
    });
    expect(response.statusCode).toBe(200);
    const sent = JSON.parse(upstream.requests.at(-1)?.body ?? '{}');
    expect(sent).toEqual({
      ...request,
      model: 'claude-sonnet-4-5',
      stream: true,
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'What is 925 / 5?' }] },
        request.messages[1],
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [{ type: 'text', text: '185' }],
            },
            { type: 'text', text: 'Explain.', cache_control: { type: 'ephemeral' } },
          ],
        },
      ],
    });

    const recorded = dataOf(recordedStream);
    const streamed = dataOf(response.body);
    const signatureOf = (frames: any[]) =>
      frames.find((data) => data.delta?.type === 'signature_delta')?.delta.signature;
    const textOf = (frames: any[], type: string, field: string) =>
      frames
        .filter((data) => data.delta?.type === type)
        .map((data) => data.delta[field])
        .join('');
    expect(signatureOf(streamed)).toBe(signatureOf(recorded));
    expect(textOf(streamed, 'thinking_delta', 'thinking')).toBe(
      textOf(recorded, 'thinking_delta', 'thinking'),
    );
    expect(textOf(streamed, 'text_delta', 'text')).toBe(textOf(recorded, 'text_delta', 'text'));
    expect(streamed.at(-2)).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: {
        input_tokens: 69,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        output_tokens: 53,
      },
    });
  });

  it("counts tokens with Anthropic's exact count", async () => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/messages/count_tokens',
      payload: { ...request, max_tokens: undefined },
    });
    expect(response.json()).toEqual({ input_tokens: 77 });
    expect(upstream.requests.at(-1)?.url).toBe('/v1/messages/count_tokens');
    expect(response.headers['x-switchyard-warnings']).not.toMatch(/estimate/);
  });
});
