/**
 * Measures the task classifier: accuracy on the shared datasets' `test` split (task labels mapped
 * by DATASET_TASK_FAMILIES) and on the held-out half of our labelled prompts, plus the time to
 * classify a 2 KB prompt. Prints markdown. Run from the repository root on the built JS:
 *
 *   npx tsc -p tsconfig.build.json --outDir /tmp/cls-build --tsBuildInfoFile /tmp/cls-build/.tsbuildinfo
 *   node /tmp/cls-build/routing/classifier/measure-classifier-accuracy.js [--split train]
 *
 * `--split train` reports on the tuning data instead (datasets' `train`, our prompts' `dev`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { safeParseJson } from '../../provider-utils/index.js';
import type { CanonicalMessage, CanonicalRequest } from '../../spec/canonical-request.js';
import { readOutcomeLines } from '../datasets/index.js';
import { classifyTask } from './classify-task.js';
import { DATASET_TASK_FAMILIES } from './dataset-task-families.js';
import { TASK_FAMILIES, type TaskFamily } from './task-family.js';

const labelledPromptSchema = z.object({
  id: z.string(),
  family: z.enum(TASK_FAMILIES),
  split: z.enum(['dev', 'test']),
  prompt: z.string(),
  system: z.string().optional(),
  tools: z.array(z.string()).optional(),
  toolChoice: z.string().optional(),
  responseFormat: z.enum(['json', 'json-schema']).optional(),
  assistantTurns: z.int().nonnegative().optional(),
});
type LabelledPrompt = z.infer<typeof labelledPromptSchema>;

type Example = {
  readonly source: string;
  readonly family: TaskFamily;
  readonly request: CanonicalRequest;
};

function userMessage(text: string): CanonicalMessage {
  return { role: 'user', content: [{ type: 'text', text }] };
}

function toRequest(example: LabelledPrompt): CanonicalRequest {
  const messages: CanonicalMessage[] = [];
  if (example.system !== undefined) messages.push({ role: 'system', content: example.system });
  for (let turn = 0; turn < (example.assistantTurns ?? 0); turn += 1) {
    messages.push(userMessage('Earlier message.'));
    messages.push({ role: 'assistant', content: [{ type: 'text', text: 'Earlier reply.' }] });
  }
  messages.push(userMessage(example.prompt));
  const tools = example.tools?.map((name) => ({ name, inputSchema: { type: 'object' } }));
  return {
    messages,
    ...(tools !== undefined && { tools }),
    ...(example.toolChoice !== undefined && {
      toolChoice: { type: 'tool', toolName: example.toolChoice } as const,
    }),
    ...(example.responseFormat === 'json' && { responseFormat: { type: 'json' } as const }),
    ...(example.responseFormat === 'json-schema' && {
      responseFormat: { type: 'json', schema: { type: 'object' } } as const,
    }),
  };
}

async function loadDatasetExamples({
  dataDirectory,
  split,
}: {
  dataDirectory: string;
  split: 'train' | 'test';
}): Promise<Example[]> {
  const examples: Example[] = [];
  for (const folder of ['llmrouter-14task', 'routerbench-subset']) {
    for await (const line of readOutcomeLines({
      path: join(dataDirectory, folder, 'outcomes.jsonl'),
    })) {
      if (line.type !== 'record' || line.record.split !== split) continue;
      const family = DATASET_TASK_FAMILIES[`${folder}/${line.record.task}`];
      if (family === undefined) throw new Error(`No family for task ${folder}/${line.record.task}`);
      examples.push({
        source: `${folder}/${line.record.task}`,
        family,
        request: { messages: [userMessage(line.record.prompt)] },
      });
    }
  }
  return examples;
}

function loadOwnExamples({ path, split }: { path: string; split: 'dev' | 'test' }): Example[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((text) => text.trim() !== '')
    .map((text) => {
      const parsed = safeParseJson({ text, schema: labelledPromptSchema });
      if (!parsed.success) throw parsed.error;
      return parsed.value;
    })
    .filter((example) => example.split === split)
    .map((example) => ({ source: 'own', family: example.family, request: toRequest(example) }));
}

function formatPercent(numerator: number, denominator: number): string {
  return denominator === 0 ? 'n/a' : `${((100 * numerator) / denominator).toFixed(1)}%`;
}

function renderAccuracy({ title, examples }: { title: string; examples: Example[] }): string {
  const perFamily = new Map<TaskFamily, { total: number; correct: number }>();
  const confusions = new Map<string, number>();
  let correct = 0;
  for (const example of examples) {
    const { family } = classifyTask({ request: example.request });
    const stats = perFamily.get(example.family) ?? { total: 0, correct: 0 };
    stats.total += 1;
    if (family === example.family) {
      stats.correct += 1;
      correct += 1;
    } else {
      const key = `${example.family} → ${family}`;
      confusions.set(key, (confusions.get(key) ?? 0) + 1);
    }
    perFamily.set(example.family, stats);
  }
  const familyAccuracies = [...perFamily.values()].map((stats) => stats.correct / stats.total);
  const macroAccuracy =
    familyAccuracies.reduce((sum, value) => sum + value, 0) / familyAccuracies.length;
  const lines = [
    `### ${title}`,
    '',
    `Overall: **${formatPercent(correct, examples.length)}** of ${examples.length} prompts; mean of the per-family accuracies (macro): **${formatPercent(macroAccuracy, 1)}**.`,
    '',
    '| family | prompts | accuracy |',
    '| --- | ---: | ---: |',
  ];
  for (const family of TASK_FAMILIES) {
    const stats = perFamily.get(family);
    if (stats !== undefined)
      lines.push(`| ${family} | ${stats.total} | ${formatPercent(stats.correct, stats.total)} |`);
  }
  const top = [...confusions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  lines.push(
    '',
    'Most frequent confusions (true → predicted): ' +
      (top.length === 0 ? 'none' : top.map(([pair, count]) => `${pair} (${count})`).join('; ')),
    '',
  );
  return lines.join('\n');
}

function measureTiming({
  label,
  request,
  runs,
}: {
  label: string;
  request: CanonicalRequest;
  runs: number;
}): string {
  for (let run = 0; run < 20_000; run += 1) classifyTask({ request });
  const timesNs = new Float64Array(runs);
  for (let run = 0; run < runs; run += 1) {
    const start = process.hrtime.bigint();
    classifyTask({ request });
    timesNs[run] = Number(process.hrtime.bigint() - start);
  }
  timesNs.sort();
  const percentile = (p: number): string =>
    ((timesNs[Math.floor(p * (runs - 1))] ?? 0) / 1000).toFixed(1);
  return `| ${label} | ${percentile(0.5)} | ${percentile(0.99)} |`;
}

function makePrompt({ unit, characters }: { unit: string; characters: number }): string {
  return unit.repeat(Math.ceil(characters / unit.length)).slice(0, characters);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      split: { type: 'string', default: 'test' },
      'data-dir': { type: 'string', default: '../shared/data' },
      fixtures: {
        type: 'string',
        default: 'src/routing/classifier/__fixtures__/labelled-prompts.jsonl',
      },
      runs: { type: 'string', default: '100000' },
    },
  });
  const isTrain = values.split === 'train';
  const datasetExamples = await loadDatasetExamples({
    dataDirectory: values['data-dir'],
    split: isTrain ? 'train' : 'test',
  });
  const ownExamples = loadOwnExamples({ path: values.fixtures, split: isTrain ? 'dev' : 'test' });
  const output = [
    renderAccuracy({
      title: `Shared datasets, \`${isTrain ? 'train' : 'test'}\` split`,
      examples: datasetExamples,
    }),
    renderAccuracy({
      title: `Own labelled prompts, ${isTrain ? 'dev' : 'held-out test'} half`,
      examples: ownExamples,
    }),
    renderAccuracy({ title: 'Both together', examples: [...datasetExamples, ...ownExamples] }),
  ];
  const runs = Number(values.runs);
  const prose = makePrompt({
    unit: 'The committee reviewed the annual budget, discussing staffing, facilities and outreach in detail. ',
    characters: 2000,
  });
  const code = makePrompt({
    unit: 'def handler(event):\n    items = [x for x in event["items"] if x]\n    return {"count": len(items)}\n',
    characters: 2000,
  });
  const question = `${prose}\nQuestion: what did the committee discuss? Please summarize it in two sentences.`;
  output.push(
    `### Time to classify a 2 KB prompt (${runs} runs after warm-up, Node ${process.version})`,
    '',
    '| prompt | p50 (us) | p99 (us) |',
    '| --- | ---: | ---: |',
    measureTiming({ label: '2 KB prose', request: { messages: [userMessage(prose)] }, runs }),
    measureTiming({ label: '2 KB code', request: { messages: [userMessage(code)] }, runs }),
    measureTiming({
      label: '2 KB prose + summary request',
      request: {
        messages: [
          { role: 'system', content: 'You are a helpful assistant.' },
          userMessage(question),
        ],
      },
      runs,
    }),
    '',
  );
  process.stdout.write(`${output.join('\n')}\n`);
}

await main();
