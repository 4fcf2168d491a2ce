import type { Interval } from './bootstrap.js';
import type { EvaluationReport } from './report-types.js';

const percent = (value: number | null): string =>
  value === null || Number.isNaN(value) ? '—' : `${(value * 100).toFixed(1)}%`;
const score = (value: number | null): string =>
  value === null || Number.isNaN(value) ? '—' : value.toFixed(4);
const usd = (value: number): string =>
  value >= 1 ? `$${value.toFixed(2)}` : `$${value.toPrecision(3)}`;
const points = (value: number | null): string =>
  value === null || Number.isNaN(value)
    ? '—'
    : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(2)} pts`;
const interval = (value: Interval, format: (value: number | null) => string): string =>
  `[${value.low === null ? 'not reached' : format(value.low)}, ${value.high === null ? 'not reached' : format(value.high)}]`;

/** Renders `report.md`: tables of the single models, oracle and router, with bootstrap intervals. */
export function formatReportMarkdown(report: EvaluationReport): string {
  const { router, bestSingle, oracle } = report;
  const lines: string[] = [];
  lines.push(
    `# Learned router evaluation: ${report.dataset} (${report.split}, ${report.rows} prompts)`,
    '',
  );
  lines.push(
    `Router \`${router.contentHash.slice(0, 19)}…\`, trained ${router.createdAt}. Everything below was chosen on \`train\` (cross-validation); \`test\` is only measured.`,
    '',
  );
  lines.push(
    '## Policies',
    '',
    '| policy | mean score | total cost | cost vs best single |',
    '| --- | ---: | ---: | ---: |',
  );
  const decision = router.operatingPoints[router.decisionObjective];
  if (decision !== undefined) {
    lines.push(
      `| **router** (${router.decisionObjective}, λ chosen on train) | ${score(decision.meanScore)} | ${usd(decision.totalCostUsd)} | ${percent(decision.totalCostUsd / bestSingle.totalCostUsd)} |`,
    );
  }
  lines.push(
    `| best single: \`${bestSingle.model}\` | ${score(bestSingle.meanScore)} | ${usd(bestSingle.totalCostUsd)} | 100.0% |`,
  );
  lines.push(
    `| oracle | ${score(oracle.meanScore)} | ${usd(oracle.totalCostUsd)} | ${percent(oracle.totalCostUsd / bestSingle.totalCostUsd)} |`,
  );
  const models = Object.entries(report.models).sort(
    ([, first], [, second]) => second.meanScore - first.meanScore,
  );
  for (const [id, model] of models) {
    if (id === bestSingle.model) continue;
    lines.push(
      `| \`${id}\` | ${score(model.meanScore)} | ${usd(model.totalCostUsd)} | ${percent(model.totalCostUsd / bestSingle.totalCostUsd)} |`,
    );
  }
  lines.push(
    '',
    '## Router metrics (95% bootstrap intervals, ' +
      `${report.bootstrap.resamples} resamples of the test prompts)`,
    '',
  );
  lines.push(
    '| metric | at the point chosen on train | 95% interval | at the best point of the test curve | 95% interval |',
    '| --- | ---: | ---: | ---: | ---: |',
  );
  for (const [level, label] of [
    ['at100', '100%'],
    ['at99', '99%'],
    ['at95', '95%'],
  ] as const) {
    const trainInterval = router.costSavedIntervals.trainChosen[level];
    const bestInterval = router.costSavedIntervals.bestPoint[level];
    lines.push(
      `| cost saved at ${label} of best single quality | ${percent(router.costSavedTrainChosen[level])} | ${interval(trainInterval, percent)} (reached in ${percent(trainInterval.reachedFraction)}) | ${percent(router.costSaved[level])} | ${interval(bestInterval, percent)} |`,
    );
  }
  const delta = (value: number | null): number | null =>
    value === null ? null : value - bestSingle.meanScore;
  lines.push(
    `| quality at half the best single model's cost (vs best single) | ${score(router.qualityAtHalfCostTrainChosen)} (${points(delta(router.qualityAtHalfCostTrainChosen))}) | ${interval(router.qualityAtHalfCostIntervals.trainChosen, score)} | ${score(router.qualityAtHalfCost)} (${points(router.qualityAtHalfCostDelta)}) | Δ ${interval(router.qualityAtHalfCostIntervals.delta, points)} |`,
  );
  lines.push(`| APGR | | | ${score(router.apgr)} | ${interval(router.apgrInterval, score)} |`);
  lines.push(
    `| AIQ (area under the non-decreasing hull ÷ cost range) | | | ${score(router.aiq)} | ${interval(router.aiqInterval, score)} |`,
  );
  lines.push(
    `| max quality on the curve | | | ${score(router.maxQuality)} | ${interval(router.maxQualityInterval, score)} |`,
  );
  lines.push(
    '',
    '## Operating points (λ chosen on train)',
    '',
    '| objective | λ | train mean score (CV) | test mean score | test cost | saved vs best single |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const [objective, point] of Object.entries(router.operatingPoints)) {
    lines.push(
      `| ${objective} | ${point.lambda === null ? '∞' : point.lambda.toPrecision(3)} | ${score(point.trainMeanScore)} | ${score(point.meanScore)} | ${usd(point.totalCostUsd)} | ${percent(point.costSaved)} |`,
    );
  }
  const picks = (record: Readonly<Record<string, number>>): string =>
    Object.entries(record)
      .sort(([, first], [, second]) => second - first)
      .map(([id, count]) => `\`${id}\` ${count}`)
      .join(', ');
  lines.push(
    '',
    `Router picks (${router.decisionObjective}): ${picks(router.decisionPicks)}.`,
    '',
    `Oracle picks: ${picks(oracle.picks)}.`,
    '',
  );
  lines.push('## Definitions', '');
  lines.push(
    '- **Cost saved at X%**: 1 − router cost ÷ best single model cost, at the cheapest operating point whose mean score is at least X% of the best single model\'s; `—` when none reaches it. "Chosen on train" uses the λ picked by cross-validation inside `train`; "best point" scans the λ curve on `test` (optimistic).',
  );
  lines.push(
    "- **Quality at half cost**: best mean score among operating points costing at most half the best single model's total cost.",
  );
  lines.push(
    "- **APGR**: mean over costs from the cheapest to the best single model of (router hull − cheapest model's score) ÷ (best single − cheapest model's score).",
  );
  lines.push(
    "- **AIQ**: area under the non-decreasing convex hull of the router's (cost, score) points, divided by the width of its cost range (RouterBench).",
  );
  lines.push('- **Oracle**: per prompt, the cheapest model with the top score.');
  lines.push(`- **Costs**: ${report.costNote}`, '');
  if (report.modelsUnknownToRouter.length > 0) {
    lines.push(
      '## Models the router does not know',
      '',
      `The router was not trained on ${report.modelsUnknownToRouter.map((id) => `\`${id}\``).join(', ')}: it never chooses them; the single models and the oracle still include them.`,
      '',
    );
  }
  if (report.excludedModels.length > 0) {
    lines.push(
      '## Models left out',
      '',
      ...report.excludedModels.map((entry) => `- \`${entry.modelId}\`: ${entry.reason}.`),
      '',
    );
  }
  return lines.join('\n');
}
