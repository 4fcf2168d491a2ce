import { parseConfig } from '../../src/config/index.js';
import { startAnthropicFakeUpstream } from '../../src/providers/anthropic/test-utils/anthropic-fake-upstream.js';
import { startOpenAIFakeUpstream } from '../../src/providers/openai/test-utils/openai-fake-upstream.js';
import type { FakeUpstream } from '../../src/providers/test-utils/fake-server.js';
import { buildGatewayServer, type GatewayServer } from '../../src/server/build-gateway-server.js';

/** The upstream vendors every black-box test runs against, and the model name that reaches each. */
export const VENDORS = [
  { vendor: 'openai', model: 'gpt', usesScenarios: true },
  { vendor: 'anthropic', model: 'claude', usesScenarios: true },
  { vendor: 'openai-compatible', model: 'local', usesScenarios: true },
  { vendor: 'simulated', model: 'sim', usesScenarios: false },
] as const;

export type Vendor = (typeof VENDORS)[number]['vendor'];

export type GatewayHarness = {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  readonly server: GatewayServer;
  readonly upstreams: { readonly openai: FakeUpstream; readonly anthropic: FakeUpstream };
  close(): Promise<void>;
};

const upstreamKeys = { openai: 'sk-fake-openai-key', anthropic: 'sk-ant-fake-key' };

/**
 * Starts the fake OpenAI and Anthropic upstreams and the real gateway on a random port, with one
 * model per vendor. Timeouts are short so the timeout scenarios finish quickly.
 */
export async function startGatewayHarness({
  auth,
}: { auth?: Array<{ id: string; key: string }> } = {}): Promise<GatewayHarness> {
  const openai = await startOpenAIFakeUpstream({ apiKey: upstreamKeys.openai });
  const anthropic = await startAnthropicFakeUpstream({ apiKey: upstreamKeys.anthropic });
  const timeouts = { connectMs: 1_000, firstByteMs: 1_500, idleMs: 1_000 };
  const config = parseConfig({
    raw: {
      server: { port: 0, bodyLimitBytes: 256 * 1024 },
      ...(auth ? { auth: { keys: auth } } : {}),
      providers: {
        openai: {
          type: 'openai',
          apiKey: upstreamKeys.openai,
          baseURL: `${openai.origin}/v1`,
          timeouts,
        },
        anthropic: {
          type: 'anthropic',
          apiKey: upstreamKeys.anthropic,
          baseURL: `${anthropic.origin}/v1`,
          timeouts,
        },
        compat: {
          type: 'openai-compatible',
          flavor: 'vllm',
          apiKey: upstreamKeys.openai,
          baseURL: `${openai.origin}/v1`,
          timeouts,
        },
        sim: { type: 'simulated' },
      },
      models: [
        { id: 'gpt', provider: 'openai', model: 'gpt-4o-mini' },
        { id: 'claude', provider: 'anthropic', model: 'claude-sonnet-4-5' },
        { id: 'local', provider: 'compat', model: 'Qwen/Qwen2.5-7B-Instruct' },
        { id: 'sim', provider: 'sim' },
      ],
    },
    env: {},
    source: 'test harness',
  });
  const server = buildGatewayServer({ config, requestLogPath: ':memory:' });
  const origin = await server.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    origin,
    server,
    upstreams: { openai, anthropic },
    async close() {
      await server.close();
      await Promise.all([openai.close(), anthropic.close()]);
    },
  };
}
