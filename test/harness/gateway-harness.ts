import { parseConfig } from '../../src/config/index.js';
import { startBedrockFakeUpstream } from '../../src/providers/amazon-bedrock/test-utils/bedrock-fake-upstream.js';
import { startAzureOpenAIFakeUpstream } from '../../src/providers/azure-openai/test-utils/azure-fake-upstream.js';
import { startMistralFakeUpstream } from '../../src/providers/mistral/test-utils/mistral-fake-upstream.js';
import { startGoogleFakeUpstream } from '../../src/providers/google/test-utils/google-fake-upstream.js';
import { startAnthropicFakeUpstream } from '../../src/providers/anthropic/test-utils/anthropic-fake-upstream.js';
import { startOpenAIFakeUpstream } from '../../src/providers/openai/test-utils/openai-fake-upstream.js';
import type { FakeUpstream } from '../../src/providers/test-utils/fake-server.js';
import { buildGatewayServer, type GatewayServer } from '../../src/server/build-gateway-server.js';

/** The upstream vendors every black-box test runs against, and the model name that reaches each. */
export const VENDORS = [
  { vendor: 'openai', model: 'gpt', usesScenarios: true },
  { vendor: 'anthropic', model: 'claude', usesScenarios: true },
  { vendor: 'openai-compatible', model: 'local', usesScenarios: true },
  { vendor: 'google', model: 'gemini', usesScenarios: true },
  { vendor: 'amazon-bedrock', model: 'bedrock', usesScenarios: true },
  { vendor: 'azure-openai', model: 'azure', usesScenarios: true },
  { vendor: 'mistral', model: 'mistral', usesScenarios: true },
  { vendor: 'simulated', model: 'sim', usesScenarios: false },
] as const;

export type Vendor = (typeof VENDORS)[number]['vendor'];

/** The embedding model of each vendor that has embeddings, as configured in the harness. */
export const EMBEDDING_MODELS = [
  { vendor: 'openai', id: 'gpt-embed', provider: 'openai', model: 'text-embedding-3-small' },
  { vendor: 'azure-openai', id: 'azure-embed', provider: 'azure', model: 'embed-small-prod' },
  { vendor: 'openai-compatible', id: 'local-embed', provider: 'compat', model: 'BAAI/bge-m3' },
  { vendor: 'mistral', id: 'mistral-embed', provider: 'mistral', model: 'codestral-embed' },
  { vendor: 'google', id: 'gemini-embed', provider: 'google', model: 'gemini-embedding-001' },
  {
    vendor: 'amazon-bedrock',
    id: 'titan-embed',
    provider: 'bedrock',
    model: 'amazon.titan-embed-text-v2:0',
  },
  {
    vendor: 'amazon-bedrock',
    id: 'cohere-embed',
    provider: 'bedrock',
    model: 'cohere.embed-english-v3',
  },
  { vendor: 'simulated', id: 'sim-embed', provider: 'sim', model: 'sim-embedding' },
] as const;

export type GatewayHarness = {
  /** e.g. `http://127.0.0.1:41234`. */
  readonly origin: string;
  readonly server: GatewayServer;
  readonly upstreams: {
    readonly openai: FakeUpstream;
    readonly anthropic: FakeUpstream;
    readonly google: FakeUpstream;
    readonly bedrock: FakeUpstream;
    readonly azure: FakeUpstream;
    readonly mistral: FakeUpstream;
  };
  close(): Promise<void>;
};

const upstreamKeys = {
  openai: 'sk-fake-openai-key',
  anthropic: 'sk-ant-fake-key',
  google: 'fake-google-key',
  azure: 'fake-azure-key',
  mistral: 'fake-mistral-key',
  aws: { accessKeyId: 'AKIAFAKEFAKEFAKE', secretAccessKey: 'fake/secret/key/for/sigv4/tests' },
};

/**
 * Starts the fake OpenAI and Anthropic upstreams and the real gateway on a random port, with one
 * model per vendor. Timeouts are short so the timeout scenarios finish quickly.
 */
export async function startGatewayHarness({
  auth,
}: { auth?: Array<{ id: string; key: string }> } = {}): Promise<GatewayHarness> {
  const openai = await startOpenAIFakeUpstream({ apiKey: upstreamKeys.openai });
  const anthropic = await startAnthropicFakeUpstream({ apiKey: upstreamKeys.anthropic });
  const google = await startGoogleFakeUpstream({ apiKey: upstreamKeys.google });
  const bedrock = await startBedrockFakeUpstream({
    credentials: upstreamKeys.aws,
    region: 'us-east-1',
  });
  const azure = await startAzureOpenAIFakeUpstream({ apiKey: upstreamKeys.azure });
  const mistral = await startMistralFakeUpstream({ apiKey: upstreamKeys.mistral });
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
        google: {
          type: 'google',
          apiKey: upstreamKeys.google,
          baseURL: `${google.origin}/v1beta`,
          timeouts,
        },
        bedrock: {
          type: 'amazon-bedrock',
          region: 'us-east-1',
          ...upstreamKeys.aws,
          baseURL: bedrock.origin,
          timeouts,
        },
        azure: {
          type: 'azure-openai',
          apiKey: upstreamKeys.azure,
          baseURL: azure.baseURL,
          timeouts,
        },
        mistral: {
          type: 'mistral',
          apiKey: upstreamKeys.mistral,
          baseURL: mistral.baseURL,
          timeouts,
        },
        sim: { type: 'simulated' },
      },
      models: [
        { id: 'gpt', provider: 'openai', model: 'gpt-4o-mini' },
        { id: 'claude', provider: 'anthropic', model: 'claude-sonnet-4-5' },
        { id: 'local', provider: 'compat', model: 'Qwen/Qwen2.5-7B-Instruct' },
        { id: 'gemini', provider: 'google', model: 'gemini-2.5-flash' },
        {
          id: 'bedrock',
          provider: 'bedrock',
          model: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
        },
        { id: 'azure', provider: 'azure', model: 'gpt-4o-mini-prod' },
        { id: 'mistral', provider: 'mistral', model: 'mistral-small-latest' },
        { id: 'sim', provider: 'sim' },
        ...EMBEDDING_MODELS.map(({ id, provider, model }) => ({
          id,
          provider,
          model,
          kind: 'embedding' as const,
        })),
      ],
    },
    env: {},
    source: 'test harness',
  });
  const server = buildGatewayServer({ config, requestLogPath: ':memory:', env: {} });
  const origin = await server.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    origin,
    server,
    upstreams: { openai, anthropic, google, bedrock, azure, mistral },
    async close() {
      await server.close();
      await Promise.all(
        [openai, anthropic, google, bedrock, azure, mistral].map((upstream) => upstream.close()),
      );
    },
  };
}
