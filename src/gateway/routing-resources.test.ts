import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type GatewayConfigInput } from '../config/index.js';
import { buildRoutingTable } from './routing-stage.js';
import { loadRoutingResources } from './routing-resources.js';

const config = (raw: GatewayConfigInput) => parseConfig({ raw, env: {}, source: 'test' });

describe('loadRoutingResources', () => {
  it('imports a LiteLLM price file that routing then uses for models the built-in table lacks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'switchyard-prices-'));
    const priceFile = join(dir, 'prices.json');
    await writeFile(
      priceFile,
      JSON.stringify({
        'acme-large-2': {
          litellm_provider: 'openai',
          mode: 'chat',
          max_input_tokens: 64_000,
          max_output_tokens: 8_000,
          input_cost_per_token: 0.000002,
          output_cost_per_token: 0.000008,
          supports_function_calling: true,
        },
      }),
    );
    const parsed = config({
      catalogue: { priceFile },
      providers: { s: { type: 'simulated' } },
      models: [{ id: 'acme', provider: 's', model: 'acme-large-2' }],
    });
    const resources = await loadRoutingResources({ config: parsed });
    const { table, warnings } = buildRoutingTable({ config: parsed, resources });
    const acme = table.candidates.get('acme');
    expect(acme?.entrySource).toBe('catalogue');
    expect(acme?.entry).toMatchObject({
      inputUsdPerMillionTokens: 2,
      outputUsdPerMillionTokens: 8,
      contextWindowTokens: 64_000,
    });
    expect(warnings).toEqual([]);
    resources.close();
  });

  it('warns about models nothing describes', () => {
    const parsed = config({
      providers: { s: { type: 'simulated' } },
      models: [{ id: 'mystery', provider: 's' }],
    });
    const { table, warnings } = buildRoutingTable({ config: parsed });
    expect(table.candidates.get('mystery')?.entrySource).toBe('assumed');
    expect(warnings[0]).toMatch(
      /models\[0\] \('mystery'\): no catalogue entry for 'mystery': routing assumes every capability and a \$0 price/,
    );
  });

  it("lays a model's catalogue block over its entry, and keeps the given fields of an incomplete one", () => {
    const parsed = config({
      providers: { s: { type: 'simulated' } },
      models: [
        { id: 'x', provider: 's', catalogue: { inputUsdPerMillionTokens: 2 } },
        { id: 'mini', provider: 's', model: 'gpt-4o-mini', catalogue: { isHouse: true } },
      ],
    });
    const { table, warnings } = buildRoutingTable({ config: parsed });
    expect(table.candidates.get('mini')).toMatchObject({
      entrySource: 'config',
      entry: { isHouse: true, vendor: 'openai' },
    });
    expect(table.candidates.get('x')).toMatchObject({
      entrySource: 'assumed',
      entry: { inputUsdPerMillionTokens: 2, supportsTools: true },
    });
    expect(warnings[0]).toMatch(/its catalogue: block lacks vendor, contextWindowTokens/);
  });

  it('names the config key and the fix for files that cannot be loaded', async () => {
    const missing = join(tmpdir(), 'switchyard-no-such-file');
    const base = {
      providers: { s: { type: 'simulated' as const } },
      models: [{ id: 'a', provider: 's' }],
    };
    await expect(
      loadRoutingResources({ config: config({ ...base, catalogue: { priceFile: missing } }) }),
    ).rejects.toThrow(/catalogue\.priceFile: cannot import .*switchyard-no-such-file/);
    await expect(
      loadRoutingResources({
        config: config({
          ...base,
          routes: [{ name: 'auto-l', strategy: 'learned', artifact: missing }],
        }),
      }),
    ).rejects.toThrow(
      /routes\[0\]\.artifact: cannot load the learned router .* Train one with: switchyard router train/,
    );
    const error = await loadRoutingResources({
      config: config({
        ...base,
        routes: [{ name: 'auto-p', strategy: 'cost-quality', qualityPriorsFrom: missing }],
      }),
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(
      /routes\[0\]\.qualityPriorsFrom: Dataset folder not found/,
    );
  });
});
