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
