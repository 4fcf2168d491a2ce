import { EventEmitter } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CliUsageError } from './cli-usage-error.js';
import { INTERRUPTED_EXIT_CODE, runEvalCommand, type EvalCommandIo } from './eval-command.js';

const fixtures = fileURLToPath(new URL('../eval/__fixtures__/', import.meta.url));
const suitePath = join(fixtures, 'suite.jsonl');

let dir: string;
let configPath: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'eval-cli-'));
  configPath = join(dir, 'switchyard.yaml');
  await writeFile(
    configPath,
    [
      'requestLog: { enabled: false }',
      'providers:',
      '  replay:',
      '    type: simulated',
      `    replay: { data: ${JSON.stringify(join(fixtures, 'replay-dataset'))}, onMissing: fail }`,
      'models:',
      '  - { id: gpt-4o, provider: replay }',
      '  - { id: gpt-4o-mini, provider: replay }',
      '',
    ].join('\n'),
  );
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function createIo(runOptions: EvalCommandIo['runOptions'] = {}) {
  const output = { stdout: '', stderr: '' };
  const signals = new EventEmitter();
  const io: EvalCommandIo = {
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
    probeOllama: () => Promise.resolve(undefined),
    signals: signals as unknown as EvalCommandIo['signals'],
    runOptions,
  };
  return { io, output, signals };
}

describe('switchyard eval run', () => {
  it('runs the suite, prints the summary table and writes the dataset', async () => {
    const { io, output } = createIo();
    const outDir = join(dir, 'out');
    const code = await runEvalCommand({
      args: [
        'run',
        '--suite',
        suitePath,
        '--out',
        outDir,
        '--config',
        configPath,
        '--concurrency',
        '2',
      ],
      env: {},
      io,
    });
    expect(output.stderr).toBe('');
    expect(code).toBe(0);
    expect(output.stdout).toMatch(
      /^model {8}scored {2}errors {2}mean score {2}total cost\ngpt-4o {12}5 {7}0 {6}1\.0000/,
    );
    expect(output.stdout).toContain('gpt-4o-mini       5       0      0.2000');
    expect(output.stdout).toContain(`Wrote 5 prompts to ${outDir}`);
    const lines = (await readFile(join(outDir, 'outcomes.jsonl'), 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(5);
  });

  it('exits 1 listing every bad suite line, before calling any model', async () => {
    const badSuite = join(dir, 'bad.jsonl');
    await writeFile(badSuite, '{"id":"a","prompt":"p"}\n{"id":"b"}\n');
    const { io, output } = createIo();
    const code = await runEvalCommand({
      args: ['run', '--suite', badSuite, '--out', join(dir, 'out'), '--config', configPath],
      env: {},
      io,
    });
    expect(code).toBe(1);
    expect(output.stderr).toContain('2 invalid line(s)');
    expect(output.stderr).toContain('line 1: no scorer');
    expect(output.stderr).toContain('line 2: prompt: give exactly one of prompt');
  });

  it('exits 1 naming an unknown model', async () => {
    const { io, output } = createIo();
    const code = await runEvalCommand({
      args: [
        'run',
        '--suite',
        suitePath,
        '--out',
        join(dir, 'out'),
        '--config',
        configPath,
        '--models',
        'gpt-4o,claude',
      ],
      env: {},
      io,
    });
    expect(code).toBe(1);
    expect(output.stderr).toBe(
      "Unknown model(s) in --models: 'claude'. Configured chat models: 'gpt-4o', 'gpt-4o-mini'.\n",
    );
  });

  it('stops cleanly on Ctrl-C with exit code 130 and resumes on the next run', async () => {
    const outDir = join(dir, 'out');
    let calls = 0;
    const first = createIo({
      interceptCall: (inner) => (options) => {
        calls += 1;
        if (calls === 3) first.signals.emit('SIGINT');
        return inner(options);
      },
    });
    const args = [
      'run',
      '--suite',
      suitePath,
      '--out',
      outDir,
      '--config',
      configPath,
      '--concurrency',
      '1',
    ];
    expect(await runEvalCommand({ args, env: {}, io: first.io })).toBe(INTERRUPTED_EXIT_CODE);
    expect(first.output.stderr).toContain('Interrupted: finishing the results already written');
    expect(first.output.stdout).toContain('run the same command again to resume');
    expect(first.signals.listenerCount('SIGINT')).toBe(0);
    const second = createIo();
    expect(await runEvalCommand({ args, env: {}, io: second.io })).toBe(0);
    expect(second.output.stdout).toContain('8 run now');
    expect(second.output.stdout).toContain('2 already done');
  });

  it('exits 1 when no item succeeded', async () => {
    const suite = join(dir, 'unrecorded.jsonl');
    await writeFile(
      suite,
      '{"id":"x","prompt":"Never recorded","reference":"y","scorer":{"type":"exact"}}\n',
    );
    const { io, output } = createIo();
    const code = await runEvalCommand({
      args: ['run', '--suite', suite, '--out', join(dir, 'out'), '--config', configPath],
      env: {},
      io,
    });
    expect(code).toBe(1);
    expect(output.stdout).toContain('error (1×): gpt-4o: call failed: Replay of provider');
    expect(output.stderr).toContain('No item succeeded');
  });

  it('reports usage errors for missing or bad flags', async () => {
    const { io } = createIo();
    await expect(runEvalCommand({ args: ['run', '--out', dir], env: {}, io })).rejects.toThrow(
      new CliUsageError('Missing --suite FILE.'),
    );
    await expect(
      runEvalCommand({
        args: ['run', '--suite', suitePath, '--out', dir, '--concurrency', '0'],
        env: {},
        io,
      }),
    ).rejects.toThrow(/Invalid --concurrency '0'/);
    await expect(runEvalCommand({ args: ['start'], env: {}, io })).rejects.toThrow(
      /Unknown subcommand 'eval start'/,
    );
  });
});
