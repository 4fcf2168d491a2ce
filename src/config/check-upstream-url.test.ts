import { describe, expect, it } from 'vitest';
import { checkUpstreamUrl } from './check-upstream-url.js';
import { parseConfig } from './load-config.js';

const check = (url: string, allowedHosts: string[] = []) => checkUpstreamUrl({ url, allowedHosts });

describe('checkUpstreamUrl', () => {
  it('accepts https to public hosts and anything on this machine', () => {
    expect(check('https://api.openai.com/v1')).toBeUndefined();
    expect(check('http://127.0.0.1:11434/v1')).toBeUndefined();
    expect(check('http://localhost:8000/v1')).toBeUndefined();
    expect(check('http://[::1]:8080/v1')).toBeUndefined();
  });

  it('refuses plain http to other hosts, private addresses and metadata endpoints', () => {
    expect(check('http://vllm.example.com/v1')).toMatch(/plain http:\/\/ to 'vllm.example.com'/);
    expect(check('https://10.1.2.3/v1')).toMatch(/'10.1.2.3' is a private or link-local address/);
    expect(check('https://192.168.0.9/v1')).toMatch(/private/);
    expect(check('https://172.20.0.1/v1')).toMatch(/private/);
    expect(check('https://[fd12::1]/v1')).toMatch(/private/);
    expect(check('http://169.254.169.254/latest')).toMatch(/cloud metadata endpoint/);
    expect(check('https://metadata.google.internal/')).toMatch(/cloud metadata endpoint/);
  });

  it('lets allow-listed hosts through', () => {
    expect(check('http://10.1.2.3:8000/v1', ['10.1.2.3'])).toBeUndefined();
    expect(check('http://VLLM.internal/v1', ['vllm.internal'])).toBeUndefined();
  });

  it('is applied to provider base URLs when the config is loaded', () => {
    const load = (allowedHosts: string[]) =>
      parseConfig({
        raw: {
          security: { allowedHosts },
          providers: {
            local: {
              type: 'openai-compatible',
              flavor: 'vllm',
              baseURL: 'http://10.0.0.7:8000/v1',
            },
          },
        },
        env: {},
        source: 'test',
      });
    expect(() => load([])).toThrow(/providers\.local\.baseURL[\s\S]*|'10\.0\.0\.7' is a private/);
    expect(() => load([])).toThrow(/security\.allowedHosts/);
    expect(load(['10.0.0.7']).security.allowedHosts).toEqual(['10.0.0.7']);
  });
});
