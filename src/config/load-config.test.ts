import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { loadConfig, parseConfig } from './load-config.js';

function writeConfig(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'switchyard-config-')), 'switchyard.yaml');
  writeFileSync(path, text);
  return path;
}

async function configError(text: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  try {
    await loadConfig({ path: writeConfig(text), env });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('fills every default for an empty file', async () => {
    const config = await loadConfig({ path: writeConfig(''), env: {} });
    expect(config.server).toEqual({
      host: '127.0.0.1',
      port: 4141,
      bodyLimitBytes: 10 * 1024 * 1024,
      logLevel: 'info',
    });
    expect(config.requestLog).toEqual({
      enabled: true,
      storeContent: false,
      maxContentBytes: 65536,
    });
    expect(config.providers).toEqual({});
    expect(Object.isFrozen(config.server)).toBe(true);
  });

  it('resolves environment references in secrets and keeps defaults for unset ones', async () => {
    const config = await loadConfig({
      path: writeConfig(`
providers:
  openai: { type: openai, apiKey: "\${OPENAI_API_KEY}", baseURL: "\${OPENAI_URL:-https://api.openai.com/v1}" }
models:
  - { id: gpt-4o, provider: openai, aliases: [fast] }
`),
      env: { OPENAI_API_KEY: 'sk-test' },
    });
    const provider = config.providers.openai;
    expect(provider?.type === 'openai' && provider.apiKey).toBe('sk-test');
    expect(provider?.type === 'openai' && provider.baseURL).toBe('https://api.openai.com/v1');
    expect(provider?.type === 'openai' && provider.timeouts).toEqual({
      connectMs: 10_000,
      firstByteMs: 120_000,
      idleMs: 60_000,
    });
    expect(config.models[0]).toEqual({
      id: 'gpt-4o',
      provider: 'openai',
      aliases: ['fast'],
      kind: 'chat',
      fallbacks: [],
    });
  });

  it('names a missing environment variable and where it is used', async () => {
    const message = await configError(
      'providers:\n  a: { type: anthropic, apiKey: "${ANTHROPIC_API_KEY}" }\n',
    );
    expect(message).toContain('environment variable ANTHROPIC_API_KEY is not set');
    expect(message).toContain('providers.a.apiKey');
  });

  it('reports every schema problem with its path', async () => {
    const message = await configError(`
server: { port: 99999, colour: blue }
providers:
  OpenAI: { type: openai }
  x: { type: nope }
`);
    expect(message).toContain('server.port');
    expect(message).toContain("unknown key 'colour'");
    expect(message).toContain('providers.x.type');
    expect(message).toContain('lower-case');
  });

  it('reports a model that names an undefined provider', async () => {
    const message = await configError(
      'providers: { s: { type: simulated } }\nmodels: [{ id: m, provider: missing }]\n',
    );
    expect(message).toContain("unknown provider 'missing'; define it under providers (known: s)");
    expect(message).toContain('models[0].provider');
  });

  it('rejects duplicate model names and names reserved for routes', async () => {
    const message = await configError(`
providers: { s: { type: simulated } }
models:
  - { id: a, provider: s, aliases: [auto] }
  - { id: a, provider: s }
`);
    expect(message).toContain("'auto' is reserved");
    expect(message).toContain("'a' is already used by models[0]");
  });

  it('validates the shape of routes: strategies and their settings', async () => {
    const message = await configError(`
providers: { s: { type: simulated } }
models: [{ id: a, provider: s }]
routes:
  - { name: r, strategy: rules, rules: [{ when: { task: [poetry] }, models: [a] }] }
  - { name: q, strategy: cost-quality, preset: cheapest, qualityPriors: { a: { math: 2 } } }
  - { name: z, strategy: telepathy }
`);
    expect(message).toMatch(
      /use a task family: code-completion, .*\n.*routes\[0\]\.rules\[0\]\.when\.task\[0\]/,
    );
    expect(message).toMatch(/expected one of "quality"\|"balanced"\|"cost"\n.*routes\[1\]\.preset/);
    expect(message).toMatch(/routes\[1\]\.qualityPriors\.a\.math/);
    expect(message).toMatch(/Expected 'rules' \| 'cost-quality'.*\n.*routes\[2\]\.strategy/);
  });

  it('validates what routes refer to: names and models', async () => {
    const message = await configError(`
providers: { s: { type: simulated } }
models:
  - { id: a, provider: s }
  - { id: e, provider: s, kind: embedding }
routes:
  - { name: a, strategy: least-latency }
  - { name: auto-x, strategy: cascade, models: [a, nope], checks: [verifier] }
  - { name: auto-x, strategy: weighted, weights: { e: 1 } }
`);
    expect(message).toMatch(/'a' is already a model name \(models\[0\]\).*\n.*routes\[0\]\.name/);
    expect(message).toMatch(/unknown model id 'nope'.*\n.*routes\[1\]\.models\[1\]/);
    expect(message).toMatch(/the 'verifier' check needs verifier.*\n.*routes\[1\]\.verifier/);
    expect(message).toMatch(/'auto-x' is already the name of routes\[1\].*\n.*routes\[2\]\.name/);
    expect(message).toMatch(/'e' is an embedding model/);
  });

  it('accepts routes, a catalogue block and key teams', async () => {
    const config = await loadConfig({
      path: writeConfig(`
auth: { keys: [{ id: k1, key: "0123456789abcdef0123", team: research }] }
providers: { s: { type: simulated } }
catalogue:
  overrides: { gpt-4o-mini: { inputUsdPerMillionTokens: 0.1 } }
models:
  - { id: a, provider: s, catalogue: { isHouse: true } }
  - { id: b, provider: s }
routes:
  - name: auto
    strategy: cost-quality
    preset: quality
    constraints: { maxCostUsd: 0.5 }
    qualityPriors: { a: 0.8, b: { default: 0.6, math: 0.9 } }
  - { name: split, strategy: weighted, weights: { a: 3, b: 1 } }
`),
      env: {},
    });
    expect(config.routes.map((route) => route.name)).toEqual(['auto', 'split']);
    expect(config.routes[0]).toMatchObject({ maxTargets: 3, preset: 'quality' });
    expect(config.auth.keys[0]?.team).toBe('research');
    expect(config.retries.deadlineMs).toBe(300_000);
  });

  it('requires an API key for hosted vendors at start-up, not at the first request', async () => {
    const message = await configError('providers: { openai: { type: openai } }\n');
    expect(message).toContain("provider 'openai' (openai) needs an API key");
    expect(message).toContain('providers.openai.apiKey');
  });

  it('explains YAML syntax errors with the line', async () => {
    const message = await configError('providers:\n  a: [unclosed\n');
    expect(message).toMatch(/not valid YAML at line \d+/);
  });

  it('explains a missing file', async () => {
    await expect(loadConfig({ path: '/nonexistent/switchyard.yaml', env: {} })).rejects.toThrow(
      /no such file/,
    );
  });

  it('rejects a base URL that is not http or https', () => {
    expect(() =>
      parseConfig({
        raw: { providers: { o: { type: 'openai', baseURL: 'ftp://x' } } },
        env: {},
        source: 'test',
      }),
    ).toThrow(/absolute http/);
  });
});
