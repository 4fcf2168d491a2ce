import { describe, expect, it } from 'vitest';
import { detectDefaultConfig } from './default-config.js';
import { parseConfig } from './load-config.js';

describe('detectDefaultConfig', () => {
  it('serves simulated models, and says so, when no provider is found', async () => {
    const detected = await detectDefaultConfig({
      env: {},
      probeOllama: () => Promise.resolve(undefined),
    });
    expect(detected.isSimulated).toBe(true);
    expect(detected.notes.join(' ')).toMatch(/SIMULATED/);
    const config = parseConfig({ raw: detected.config, env: {}, source: 'test' });
    expect(config.models.map((model) => model.id)).toEqual(['simulated-small', 'simulated-large']);
  });

  it('registers OpenAI, Anthropic and Ollama models from the environment', async () => {
    const env = {
      OPENAI_API_KEY: 'sk-1',
      ANTHROPIC_API_KEY: 'sk-ant-1',
      GEMINI_API_KEY: 'g-1',
      OLLAMA_HOST: '127.0.0.1:11434',
    };
    const detected = await detectDefaultConfig({
      env,
      probeOllama: () => Promise.resolve(['llama3.2:latest']),
    });
    const config = parseConfig({ raw: detected.config, env, source: 'test' });
    expect(detected.isSimulated).toBe(false);
    expect(Object.keys(config.providers)).toEqual(['openai', 'anthropic', 'google', 'ollama']);
    const google = config.providers.google;
    expect(google?.type === 'google' && google.apiKey).toBe('g-1');
    expect(config.models.find((model) => model.id === 'llama3.2:latest')?.provider).toBe('ollama');
    const ollama = config.providers.ollama;
    expect(ollama?.type === 'openai-compatible' && ollama.baseURL).toBe(
      'http://127.0.0.1:11434/v1',
    );
  });

  it('allows the hosts of base URLs set in the environment (a LAN Ollama, an http proxy)', async () => {
    const env = {
      OPENAI_API_KEY: 'sk-1',
      OPENAI_BASE_URL: 'http://proxy.corp.example:8080/v1',
      OLLAMA_HOST: '192.168.1.20:11434',
    };
    const detected = await detectDefaultConfig({
      env,
      probeOllama: () => Promise.resolve(['qwen2.5:7b']),
    });
    const config = parseConfig({ raw: detected.config, env, source: 'test' });
    expect(config.security.allowedHosts).toEqual(['proxy.corp.example', '192.168.1.20']);
  });
});
