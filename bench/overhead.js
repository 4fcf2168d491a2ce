// npm run bench:overhead — the latency the gateway adds on top of a zero-delay upstream.
//
// 1. Starts a zero-delay fake OpenAI upstream and the real gateway (`switchyard serve`, request log
//    on), each in its own process.
// 2. For several rounds, drives first the upstream directly and then the gateway at the same
//    constant arrival rate (open loop), and takes p50/p90/p99 of each; added latency is the
//    difference. Reports the median over rounds.
// 3. Steps the rate up through the gateway to find the highest rate it sustains (achieved rate
//    within 5% of the target, no errors, p99 under 50 ms).
// 4. Reports the gateway's peak RSS (VmHWM).
//
// Options (env): BENCH_RATE (500), BENCH_SECONDS (8), BENCH_ROUNDS (3), BENCH_STREAM=1 to stream,
// BENCH_GATEWAY_LOG=FILE to keep the gateway's output, BENCH_STEPS=0 to skip the rate steps.
import { fork, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, percentile, runOpenLoop } from './open-loop.js';

const here = dirname(fileURLToPath(import.meta.url));
const rate = Number(process.env.BENCH_RATE ?? 500);
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const isStream = process.env.BENCH_STREAM === '1';

const body = JSON.stringify({
  model: 'bench',
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Say hello in one short sentence.' },
  ],
  max_tokens: 64,
  ...(isStream ? { stream: true, stream_options: { include_usage: true } } : {}),
});

async function startUpstream() {
  const child = fork(join(here, 'fake-upstream-server.js'), { stdio: 'inherit' });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  return { child, origin: `http://127.0.0.1:${port}` };
}

async function startGateway(upstreamOrigin) {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-bench-'));
  const configPath = join(dir, 'switchyard.yaml');
  writeFileSync(
    configPath,
    [
      'server: { port: 0, logLevel: info }',
      `dataDir: ${JSON.stringify(join(dir, 'data'))}`,
      'providers:',
      `  upstream: { type: openai-compatible, flavor: generic, baseURL: "${upstreamOrigin}/v1" }`,
      'models:',
      '  - { id: bench, provider: upstream, model: bench-model }',
    ].join('\n'),
  );
  const child = spawn(process.execPath, [join(here, '..', 'bin', 'switchyard.js'), 'serve', '--config', configPath, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const origin = await new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (data) => {
      output += data;
      const match = /listening on (http:\/\/[\d.:]+)/.exec(output);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`gateway exited with ${code}: ${output}`)));
  });
  // BENCH_GATEWAY_LOG=FILE keeps the gateway's output (e.g. with NODE_OPTIONS=--trace-gc).
  if (process.env.BENCH_GATEWAY_LOG) child.stdout.pipe(createWriteStream(process.env.BENCH_GATEWAY_LOG));
  else child.stdout.resume();
  return { child, origin };
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

const fmt = (value) => (Number.isFinite(value) ? value.toFixed(3) : 'n/a');

async function main() {
  const upstream = await startUpstream();
  const gateway = await startGateway(upstream.origin);
  const path = '/v1/chat/completions';
  console.log(`bench:overhead  rate=${rate}/s  ${seconds}s per run  ${rounds} rounds  ${isStream ? 'streaming' : 'non-streaming'}  node ${process.version}`);
  // Warm up both paths (JIT, connection pools).
  await runOpenLoop({ origin: upstream.origin, path, body, rate, durationMs: 2000 });
  await runOpenLoop({ origin: gateway.origin, path, body, rate, durationMs: 3000 });

  const added = { p50: [], p90: [], p99: [] };
  for (let round = 1; round <= rounds; round++) {
    const direct = await runOpenLoop({ origin: upstream.origin, path, body, rate, durationMs: seconds * 1000 });
    const through = await runOpenLoop({ origin: gateway.origin, path, body, rate, durationMs: seconds * 1000 });
    const row = {};
    for (const p of [50, 90, 99]) {
      const d = percentile(direct.latencies, p);
      const g = percentile(through.latencies, p);
      added[`p${p}`].push(g - d);
      row[`p${p}`] = `${fmt(d)} → ${fmt(g)} (+${fmt(g - d)})`;
    }
    console.log(`round ${round}: direct→gateway ms  p50 ${row.p50}  p90 ${row.p90}  p99 ${row.p99}  errors ${direct.errors}/${through.errors}  achieved ${through.achievedRate.toFixed(0)}/s`);
  }
  const result = { p50: median(added.p50), p90: median(added.p90), p99: median(added.p99) };
  console.log(`added latency at ${rate}/s (median of ${rounds} rounds): p50 ${fmt(result.p50)} ms  p90 ${fmt(result.p90)} ms  p99 ${fmt(result.p99)} ms`);

  let sustained = 0;
  const steps = process.env.BENCH_STEPS === '0' ? [] : [1000, 2000, 3000, 4000, 5000, 6000, 8000];
  for (const stepRate of steps) {
    const run = await runOpenLoop({ origin: gateway.origin, path, body, rate: stepRate, durationMs: 4000, connections: 512 });
    const p99 = percentile(run.latencies, 99);
    const ok = run.errors === 0 && run.achievedRate >= stepRate * 0.95 && p99 < 50;
    console.log(`  step ${stepRate}/s: achieved ${run.achievedRate.toFixed(0)}/s  p50 ${fmt(percentile(run.latencies, 50))} ms  p99 ${fmt(p99)} ms  errors ${run.errors}  ${ok ? 'sustained' : 'not sustained'}`);
    if (!ok) break;
    sustained = stepRate;
  }
  if (steps.length > 0) {
    console.log(`highest sustained rate (p99 < 50 ms, no errors): ${sustained ? `${sustained}/s` : 'below 1000/s'}`);
  }
  console.log(`gateway peak RSS: ${peakRssMb(gateway.child.pid).toFixed(1)} MB`);
  console.log(`target (issue #2): added p50 <= 1 ms and p99 <= 5 ms at 500/s → ${result.p50 <= 1 && result.p99 <= 5 ? 'MET' : 'NOT MET'}`);
  gateway.child.kill('SIGTERM');
  upstream.child.kill('SIGTERM');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
