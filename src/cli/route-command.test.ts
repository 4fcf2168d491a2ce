import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliUsageError } from './cli-usage-error.js';
import { runRouteCommand } from './route-command.js';

const CONFIG = `
providers: { s: { type: simulated } }
models:
  - id: cheap
    provider: s
    catalogue: { vendor: x, contextWindowTokens: 8000, maxOutputTokens: 1000, supportsTools: false,
      supportsVision: false, supportsJsonSchema: true, supportsReasoning: false,
      inputUsdPerMillionTokens: 0.1, outputUsdPerMillionTokens: 0.4, tags: [], isHouse: false }
  - id: strong
    provider: s
    catalogue: { vendor: y, contextWindowTokens: 200000, maxOutputTokens: 32000, supportsTools: true,
      supportsVision: true, supportsJsonSchema: true, supportsReasoning: true,
      inputUsdPerMillionTokens: 3, outputUsdPerMillionTokens: 15, tags: [], isHouse: false }
routes:
  - { name: coding, strategy: rules, rules: [{ when: { task: [code-generation] }, models: [strong] }], default: [cheap] }
`;

function configFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'switchyard-route-')), 'config.yaml');
  writeFileSync(path, CONFIG);
  return path;
}

async function run(args: string[]): Promise<{ code: number; output: string }> {
  let output = '';
  const code = await runRouteCommand({
    args: ['--config', configFile(), ...args],
    env: {},
    write: (text) => {
      output += text;
    },
  });
  return { code, output };
}

describe('switchyard route --explain', () => {
  it('explains the auto decision: task, candidates with predictions, the winner and why', async () => {
    const { code, output } = await run([
      '--explain',
      'Solve for x: 3x + 7 = 22. Show each step of the equation and give the final value of x.',
    ]);
    expect(code).toBe(0);
    expect(output).toContain('Route: auto (cost-quality, built-in)');
    expect(output).toContain('Task: math');
    expect(output).toMatch(/1 +strong +s +0\.\d{3} +\$0\.\d+/);
    expect(output).toContain('Targets, in order: strong → cheap');
    expect(output).toMatch(/Why: 'strong' scored highest for math/);
  });

  it('shows exclusions and exits 1 when nothing is eligible', async () => {
    const { code, output } = await run(['--explain', 'hello', '--tools', '--max-tokens', '64000']);
    expect(code).toBe(1);
    expect(output).toMatch(
      /cheap .*excluded: does not support tools; context window of 8000 tokens .*; max output of 1000 tokens/,
    );
    expect(output).toContain('Targets: none (no model can serve this request)');
  });

  it('explains a configured route as JSON', async () => {
    const { output } = await run([
      '--route',
      'coding',
      '--json',
      '--explain',
      'Write a Python function that merges two sorted lists.',
    ]);
    const decision = JSON.parse(output) as { route: string; targets: string[]; reason: string };
    expect(decision).toMatchObject({ route: 'coding', targets: ['strong'] });
    expect(decision.reason).toMatch(/rule 1 \(task code-generation\)/);
  });

  it('names the routes when the route is unknown', async () => {
    await expect(run(['--route', 'nope', '--explain', 'x'])).rejects.toThrow(CliUsageError);
    await expect(run(['--route', 'nope', '--explain', 'x'])).rejects.toThrow(
      /Routes: coding, auto/,
    );
  });
});
