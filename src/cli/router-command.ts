import { parseArgs } from 'node:util';
import { DatasetError } from '../routing/datasets/index.js';
import { createProgressReporter, evaluateRouter } from '../routing/evaluation/index.js';
import { RouterArtifactError, trainRouter } from '../routing/learned/index.js';
import { CliUsageError } from './cli-usage-error.js';

const percent = (value: number | null) =>
  value === null || Number.isNaN(value) ? 'n/a' : `${(value * 100).toFixed(1)}%`;

/** `switchyard router train|evaluate`: learn the routing policy from outcomes, and report on it. */
export async function runRouterCommand(args: ReadonlyArray<string>): Promise<number> {
  const [subcommand, ...rest] = args;
  const { values } = parseArgs({
    args: [...rest],
    options: {
      data: { type: 'string' },
      out: { type: 'string' },
      router: { type: 'string' },
      report: { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  const onProgress = createProgressReporter();
  try {
    switch (subcommand) {
      case 'train': {
        const dataDir = required(values.data, '--data DIR');
        const outFile = required(values.out, '--out FILE');
        const summary = await trainRouter({
          dataDir,
          outFile,
          onProgress,
          ...(values.seed ? { seed: Number(values.seed) } : {}),
        });
        for (const excluded of summary.excludedModels)
          process.stderr.write(`warning: left out "${excluded.modelId}": ${excluded.reason}.\n`);
        process.stdout.write(
          `Trained on ${summary.trainRows} train prompts, ${summary.modelIds.length} models, in ${(summary.trainingMs / 1000).toFixed(1)} s.\n` +
            `Wrote ${summary.outFile} (${summary.artifactBytes} bytes, sha256 ${summary.contentHash}).\n`,
        );
        return 0;
      }
      case 'evaluate': {
        const report = await evaluateRouter({
          dataDir: required(values.data, '--data DIR'),
          routerFile: required(values.router, '--router FILE'),
          reportDir: required(values.report, '--report DIR'),
          onProgress,
        });
        const { router, bestSingle, oracle } = report;
        for (const excluded of report.excludedModels)
          process.stderr.write(`warning: left out "${excluded.modelId}": ${excluded.reason}.\n`);
        if (report.modelsUnknownToRouter.length > 0)
          process.stderr.write(
            `warning: the router was not trained on ${report.modelsUnknownToRouter.map((id) => `"${id}"`).join(', ')} and never chooses ${report.modelsUnknownToRouter.length === 1 ? 'it' : 'them'}.\n`,
          );
        process.stdout.write(
          [
            `Test split: ${report.rows} prompts.`,
            `best single ${bestSingle.model}: mean ${bestSingle.meanScore.toFixed(4)}, cost $${bestSingle.totalCostUsd.toFixed(4)}`,
            `oracle: mean ${oracle.meanScore.toFixed(4)}, cost $${oracle.totalCostUsd.toFixed(4)}`,
            `router cost saved at 100% / 99% / 95% of best quality: ${percent(router.costSaved.at100)} / ${percent(router.costSaved.at99)} / ${percent(router.costSaved.at95)} (best curve point)`,
            `  at the operating points chosen on train: ${percent(router.costSavedTrainChosen.at100)} / ${percent(router.costSavedTrainChosen.at99)} / ${percent(router.costSavedTrainChosen.at95)}`,
            `quality at half cost: ${router.qualityAtHalfCost?.toFixed(4) ?? 'n/a'}; APGR ${Number.isNaN(router.apgr) ? 'n/a (the best single model is also the cheapest)' : router.apgr.toFixed(3)}; AIQ ${router.aiq.toFixed(3)}`,
            `Report written to ${values.report ?? ''} (report.md, report.json, curve.svg, decisions.jsonl).`,
            '',
          ].join('\n'),
        );
        return 0;
      }
      default:
        throw new CliUsageError(
          `Unknown subcommand 'router ${subcommand ?? ''}'. Use 'router train' or 'router evaluate'.`,
        );
    }
  } catch (error) {
    if (error instanceof DatasetError || error instanceof RouterArtifactError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new CliUsageError(`Missing ${flag}.`);
  return value;
}
