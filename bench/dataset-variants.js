// Builds datasets shaped unlike the shared two, from them, to check that `router train` and
// `router evaluate` cope (see experiments.md, "Third pass"). Not a test: each variant trains for
// seconds to a minute. Usage, from the repository root after `npm run build`:
//   node bench/dataset-variants.js ../shared/data /tmp/variants
//   for d in /tmp/variants/*/; do
//     node bin/switchyard.js router train --data "$d" --out "$d/router.json" &&
//     node bin/switchyard.js router evaluate --data "$d" --router "$d/router.json" --report "$d/report"
//   done
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [sharedData = '../shared/data', outRoot = '/tmp/variants'] = process.argv.slice(2);
const read = (name) =>
  readFileSync(join(sharedData, name, 'outcomes.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
const modelsOf = (name) => readFileSync(join(sharedData, name, 'models.json'), 'utf8');
let seed = 7;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const write = (name, lines, modelsJson, about) => {
  const dir = join(outRoot, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'outcomes.jsonl'),
    lines.map((line) => JSON.stringify(line)).join('\n') + '\n',
  );
  writeFileSync(join(dir, 'models.json'), modelsJson);
  writeFileSync(join(dir, 'README.md'), `Synthetic variant: ${about}\n`);
};
const routerbench = read('routerbench-subset');
const llmrouter = read('llmrouter-14task');

write(
  'big',
  Array.from({ length: 6 }, (_, copy) =>
    routerbench.map((line) => ({
      ...line,
      id: `${line.id}#${copy}`,
      prompt: line.prompt + (copy ? ` (variant ${copy})` : ''),
    })),
  ).flat(),
  modelsOf('routerbench-subset'),
  'routerbench-subset six times over',
);
write(
  'single-task',
  routerbench.map((line) => ({ ...line, task: 'all' })),
  modelsOf('routerbench-subset'),
  'no task labels',
);
write(
  'sparse',
  routerbench.map((line) => {
    const outcomes = {};
    for (const [model, outcome] of Object.entries(line.outcomes)) {
      if (random() < 0.3) continue;
      const { costUsd: _dropped, ...rest } = outcome;
      outcomes[model] = rest;
    }
    const first = Object.keys(line.outcomes)[0];
    if (Object.keys(outcomes).length === 0) outcomes[first] = line.outcomes[first];
    return { ...line, outcomes };
  }),
  modelsOf('routerbench-subset'),
  '30% of outcomes dropped, no costUsd (two models have no prices)',
);
write(
  'graded',
  llmrouter.map((line) => ({
    ...line,
    outcomes: Object.fromEntries(
      Object.entries(line.outcomes).map(([model, outcome]) => [
        model,
        { ...outcome, score: Math.min(1, Math.max(0, outcome.score * 0.7 + random() * 0.3)) },
      ]),
    ),
  })),
  modelsOf('llmrouter-14task'),
  'graded scores',
);
write(
  'many-tasks',
  llmrouter
    .filter((_, index) => index % 10 === 0)
    .map((line, index) => ({ ...line, task: `${line.task}.${index % 7}` })),
  modelsOf('llmrouter-14task'),
  'every task split in 7, 10% of rows',
);
write(
  'unseen-task',
  llmrouter.map((line) => (line.task === 'gsm8k' ? { ...line, split: 'test' } : line)),
  modelsOf('llmrouter-14task'),
  'a test task absent from train',
);
write(
  'long',
  routerbench
    .filter((_, index) => index % 4 === 0)
    .map((line) => ({
      ...line,
      prompt: line.prompt.repeat(Math.ceil(40_000 / line.prompt.length)),
    })),
  modelsOf('routerbench-subset'),
  'prompts of 40,000 characters',
);
write(
  'train-only',
  routerbench.filter((line) => line.task === 'mbpp').slice(0, 30),
  modelsOf('routerbench-subset'),
  'no test split',
);
console.log(`Variants written to ${outRoot}.`);
