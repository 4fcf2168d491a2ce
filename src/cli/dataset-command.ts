import { parseArgs } from 'node:util';
import {
  DatasetError,
  importRouterBenchDataset,
  type SplitRule,
} from '../routing/datasets/index.js';
import { CliUsageError } from './cli-usage-error.js';

/** Usage lines of `switchyard dataset`, for the main help. */
export const DATASET_USAGE = `  dataset import        Convert a RouterBench-style CSV into an outcome dataset folder.
    --routerbench FILE  CSV with a prompt column, one score column per model, and
                        <model>|total_cost / <model>|model_response columns.
    --out DIR           Folder to create: outcomes.jsonl, models.json, README.md.
    --test-fraction F   Share of rows for the test split, by a hash of each id (default 0.3;
                        0 puts every row in train). --seed N draws another split.
    --task NAME         Task of rows without an eval_name column (default unknown).
    --skip-invalid      Import the valid rows and list the others (default: write nothing).
`;

/** `switchyard dataset import`: RouterBench CSV → FORMAT.md dataset folder. */
export async function runDatasetCommand(args: ReadonlyArray<string>): Promise<number> {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'import')
    throw new CliUsageError(
      `Unknown subcommand 'dataset ${subcommand ?? ''}'. Use 'dataset import --routerbench FILE --out DIR'.`,
    );
  const { values } = parseArgs({
    args: [...rest],
    options: {
      routerbench: { type: 'string' },
      out: { type: 'string' },
      'test-fraction': { type: 'string', default: '0.3' },
      seed: { type: 'string' },
      task: { type: 'string' },
      'skip-invalid': { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (!values.routerbench) throw new CliUsageError('Missing --routerbench FILE.');
  if (!values.out) throw new CliUsageError('Missing --out DIR.');
  const testFraction = Number(values['test-fraction']);
  if (!(testFraction >= 0 && testFraction <= 1))
    throw new CliUsageError(
      `Invalid --test-fraction '${values['test-fraction']}': use a number from 0 to 1, e.g. 0.3.`,
    );
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new CliUsageError(`Invalid --seed '${values.seed}': use a whole number.`);
  const split: SplitRule =
    testFraction === 0 ? 'train' : testFraction === 1 ? 'test' : { testFraction, seed };
  try {
    const summary = await importRouterBenchDataset({
      csvPath: values.routerbench,
      outDir: values.out,
      split,
      skipInvalid: values['skip-invalid'],
      ...(values.task === undefined ? {} : { defaultTask: values.task }),
    });
    for (const issue of summary.skipped)
      process.stderr.write(`skipped row ${issue.lineNumber}: ${issue.reason}\n`);
    for (const modelId of summary.modelsWithoutCost)
      process.stderr.write(
        `warning: no cost recorded for "${modelId}": add its prices to models.json, or it is left out of training.\n`,
      );
    process.stdout.write(
      `Imported ${summary.records} of ${summary.rows} rows (${summary.splits.train} train, ${summary.splits.test} test), ${summary.tasks} tasks, ${summary.modelIds.length} models into ${values.out}.\n` +
        `Next: switchyard router train --data ${values.out} --out router.json\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof DatasetError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
