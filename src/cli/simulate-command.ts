import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConfig, type GatewayConfig, type GatewayConfigInput } from '../config/index.js';
import {
  buildOutcomeMatrix,
  DatasetError,
  loadDataset,
  type Dataset,
  type OutcomeMatrix,
} from '../routing/datasets/index.js';
import {
  computeOracle,
  createProgressReporter,
  findBestSingleModel,
  findCheapestModel,
  summarizeChoices,
  summarizeSingleModels,
  type ProgressEvent,
} from '../routing/evaluation/index.js';
import { loadLearnedRouter, RouterArtifactError } from '../routing/learned/index.js';
import { createGatewayServer } from '../server/build-gateway-server.js';
import { CliUsageError } from './cli-usage-error.js';
import { resolveConfig } from './resolve-config.js';

export const SIMULATE_USAGE = `  simulate              Replay a dataset's test prompts through the gateway's real request path
                        (routes, eligibility, fallbacks) against simulated models answering with
                        the recorded outcomes, and report what the route would have scored and cost.
    --data DIR  --route NAME
                        Without --config, every dataset model is served by a replaying simulated
                        provider, with routes auto (cost-quality, balanced, priors from the train
                        split), auto-quality, auto-cost and, with --router FILE, learned.
    --config FILE       Your own config instead (its models' vendor names must be dataset models).
    --router FILE       A router artifact for the learned route; also compared with its decisions.
    --report DIR        Also write simulate.json and simulate.md there.
    --concurrency N     Requests in flight (default 8).
`;

/** One row of the report: a policy's mean score and total cost on the test split. */
type PolicyRow = {
  readonly name: string;
  readonly meanScore: number;
  readonly totalCostUsd: number;
};

/** What `switchyard simulate` measured. */
export type SimulateReport = {
  readonly dataset: string;
  readonly route: string;
  readonly prompts: number;
  readonly failedRequests: number;
  readonly bestSingle: PolicyRow & { readonly model: string };
  readonly oracle: PolicyRow;
  readonly cheapest: PolicyRow & { readonly model: string };
  readonly routeResult: PolicyRow & {
    /** Mean score minus the best single model's, in points (×100). */
    readonly qualityDeltaPoints: number;
    /** 1 − route cost ÷ best single model's cost. */
    readonly costSaved: number;
    /** Share of the best single model's mean score reached. */
    readonly qualityRatio: number;
    readonly servedBy: Readonly<Record<string, number>>;
  };
  readonly models: ReadonlyArray<PolicyRow>;
  /** For a learned route given --router: share of prompts where the gateway served the model the artifact picks. */
  readonly agreementWithRouter: number | undefined;
};

/** `switchyard simulate --data DIR --route NAME`. */
export async function runSimulateCommand({
  args,
  env,
  write = (text) => process.stdout.write(text),
  onProgress = createProgressReporter(),
}: {
  args: ReadonlyArray<string>;
  env: NodeJS.ProcessEnv;
  write?: (text: string) => void;
  onProgress?: (event: ProgressEvent) => void;
}): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      data: { type: 'string' },
      route: { type: 'string' },
      config: { type: 'string' },
      router: { type: 'string' },
      report: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
    },
    strict: true,
  });
  if (values.data === undefined) throw new CliUsageError('Missing --data DIR.');
  if (values.route === undefined) throw new CliUsageError('Missing --route NAME.');
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)
    throw new CliUsageError(`Invalid --concurrency '${values.concurrency}': use 1 to 256.`);
  let dataset: Dataset;
  try {
    dataset = await loadDataset({ dataDir: values.data });
  } catch (error) {
    if (error instanceof DatasetError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const config =
    values.config === undefined
      ? replayConfig({ dataset, dataDir: resolve(values.data), routerPath: values.router })
      : (await resolveConfig({ configPath: values.config, env })).config;
  try {
    const report = await simulateRoute({
      dataset,
      config,
      route: values.route,
      concurrency,
      onProgress,
      routerPath: values.router,
    });
    write(formatSimulateReport(report));
    if (values.report !== undefined) {
      await mkdir(values.report, { recursive: true });
      await writeFile(join(values.report, 'simulate.json'), `${JSON.stringify(report, null, 2)}\n`);
      await writeFile(join(values.report, 'simulate.md'), formatSimulateReport(report));
    }
    return report.failedRequests === report.prompts ? 1 : 0;
  } catch (error) {
    if (error instanceof RouterArtifactError || error instanceof DatasetError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

/** Every dataset model behind one replaying simulated provider, with routes to compare. */
export function replayConfig({
  dataset,
  dataDir,
  routerPath,
}: {
  dataset: Dataset;
  dataDir: string;
  routerPath: string | undefined;
}): GatewayConfig {
  const effectivePrices = estimateEffectivePrices(dataset);
  const hasPrices = (modelId: string): boolean => {
    const info = dataset.modelsFile.models[modelId];
    return (
      info?.inputUsdPerMillionTokens !== undefined && info.outputUsdPerMillionTokens !== undefined
    );
  };
  // A model with neither prices nor recorded train costs cannot be priced, so is not offered
  // (the evaluation leaves it out too, see buildOutcomeMatrix).
  const pricedModelIds = dataset.modelIds.filter(
    (modelId) => hasPrices(modelId) || effectivePrices.has(modelId),
  );
  const models = pricedModelIds.map((modelId) => {
    const info = dataset.modelsFile.models[modelId];
    const isPriced = hasPrices(modelId);
    return {
      id: modelId,
      provider: 'replay',
      catalogue: {
        vendor: info?.vendor ?? 'unknown',
        // Wide limits: the dataset's prompts were all answered, so none may be excluded on size.
        contextWindowTokens: 10_000_000,
        maxOutputTokens: 1_000_000,
        supportsTools: true,
        supportsVision: true,
        supportsJsonSchema: true,
        supportsReasoning: false,
        inputUsdPerMillionTokens: isPriced
          ? (info?.inputUsdPerMillionTokens ?? 0)
          : (effectivePrices.get(modelId) ?? 0),
        outputUsdPerMillionTokens: isPriced ? (info?.outputUsdPerMillionTokens ?? 0) : 0,
        tags: [],
        isHouse: false,
      },
    };
  });
  const priced = { strategy: 'cost-quality' as const, qualityPriorsFrom: dataDir, maxTargets: 2 };
  const raw: GatewayConfigInput = {
    requestLog: { enabled: false },
    retries: { maxRetriesPerTarget: 0, circuitFailureThreshold: 0 },
    providers: { replay: { type: 'simulated', replay: { data: dataDir, split: 'test' } } },
    models,
    routes: [
      { name: 'auto', preset: 'balanced', ...priced },
      { name: 'auto-quality', preset: 'quality', ...priced },
      { name: 'auto-cost', preset: 'cost', ...priced },
      ...(routerPath === undefined
        ? []
        : [{ name: 'learned', strategy: 'learned' as const, artifact: resolve(routerPath) }]),
    ],
  };
  return parseConfig({ raw, env: {}, source: `switchyard simulate --data ${dataDir}` });
}

/**
 * For models whose `models.json` has no prices: an effective price per million prompt tokens from
 * the train split's recorded costs (total cost ÷ prompt tokens at 4 characters a token), so that
 * routing compares them by what they cost in the recording. Test prompts are never read.
 */
function estimateEffectivePrices(dataset: Dataset): Map<string, number> {
  const sums = new Map<string, { costUsd: number; tokens: number }>();
  for (const record of dataset.records) {
    if (record.split !== 'train') continue;
    const tokens = Math.ceil(record.prompt.length / 4);
    for (const [modelId, outcome] of Object.entries(record.outcomes)) {
      if (outcome.costUsd === undefined) continue;
      const sum = sums.get(modelId) ?? { costUsd: 0, tokens: 0 };
      sum.costUsd += outcome.costUsd;
      sum.tokens += tokens;
      sums.set(modelId, sum);
    }
  }
  const prices = new Map<string, number>();
  for (const [modelId, sum] of sums) {
    if (sum.tokens > 0) prices.set(modelId, (sum.costUsd / sum.tokens) * 1e6);
  }
  return prices;
}

/**
 * Sends each test prompt of `dataset` to `route` through the gateway's HTTP surface (in process),
 * maps the model that served it back to the dataset, and scores the route with the recorded
 * outcomes, beside the best single model, the cheapest and the oracle.
 */
export async function simulateRoute({
  dataset,
  config,
  route,
  concurrency = 8,
  onProgress = () => {},
  routerPath,
}: {
  dataset: Dataset;
  config: GatewayConfig;
  route: string;
  concurrency?: number;
  onProgress?: (event: ProgressEvent) => void;
  routerPath?: string | undefined;
}): Promise<SimulateReport> {
  const matrix = buildOutcomeMatrix({ dataset, split: 'test' });
  if (matrix.prompts.length === 0)
    throw new CliUsageError(`The dataset ${dataset.dataDir} has no test prompts to simulate.`);
  const server = await createGatewayServer({ config, env: {} });
  try {
    if (!server.routing.routes.has(route) && !server.registry.list().some((m) => m.id === route)) {
      throw new CliUsageError(
        `No route named '${route}'. Routes: ${[...server.routing.routes.keys()].join(', ')}.`,
      );
    }
    // The configured model id that served → its column in the dataset (by id, then vendor name).
    const columnByModelId = new Map<string, number>();
    for (const model of server.registry.list()) {
      const column = matrix.modelIds.indexOf(model.id);
      const byVendor = matrix.modelIds.indexOf(model.vendorModel);
      if (column >= 0 || byVendor >= 0)
        columnByModelId.set(model.id, column >= 0 ? column : byVendor);
    }
    const choices = new Int32Array(matrix.prompts.length).fill(-1);
    let failed = 0;
    let done = 0;
    let next = 0;
    const worker = async () => {
      for (let row = next++; row < matrix.prompts.length; row = next++) {
        const response = await server.app.inject({
          method: 'POST',
          url: '/v1/chat/completions',
          payload: { model: route, messages: [{ role: 'user', content: matrix.prompts[row] }] },
        });
        const served = response.headers['x-switchyard-model'];
        const column = typeof served === 'string' ? columnByModelId.get(served) : undefined;
        if (response.statusCode !== 200 || column === undefined) failed += 1;
        else choices[row] = column;
        done += 1;
        onProgress({ phase: `simulate ${route}`, done, total: matrix.prompts.length });
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    // Agreement with the artifact is a check of a learned route, not of other strategies.
    const isLearned = server.routing.routes.get(route)?.strategy === 'learned';
    return await buildReport({
      dataset,
      matrix,
      route,
      choices,
      failed,
      routerPath: isLearned ? routerPath : undefined,
    });
  } finally {
    await server.close();
  }
}

async function buildReport({
  dataset,
  matrix,
  route,
  choices,
  failed,
  routerPath,
}: {
  dataset: Dataset;
  matrix: OutcomeMatrix;
  route: string;
  choices: Int32Array;
  failed: number;
  routerPath: string | undefined;
}): Promise<SimulateReport> {
  const table = {
    rowCount: matrix.prompts.length,
    modelCount: matrix.modelIds.length,
    scores: matrix.scores,
    costsUsd: matrix.costsUsd,
  };
  const singles = summarizeSingleModels(table);
  const best = findBestSingleModel(singles);
  const cheapest = findCheapestModel(singles);
  const oracle = computeOracle(table);
  // A failed request scores 0 and costs nothing: count it against the route, not silently drop it.
  let scoreSum = 0;
  let costSum = 0;
  const servedBy: Record<string, number> = {};
  for (let row = 0; row < table.rowCount; row += 1) {
    const column = choices[row] ?? -1;
    if (column < 0) continue;
    const modelId = matrix.modelIds[column] ?? '';
    servedBy[modelId] = (servedBy[modelId] ?? 0) + 1;
    scoreSum += matrix.scores[row * table.modelCount + column] ?? 0;
    costSum += matrix.costsUsd[row * table.modelCount + column] ?? 0;
  }
  const bestSingle = singles[best] ?? { meanScore: Number.NaN, totalCostUsd: Number.NaN };
  const meanScore = scoreSum / table.rowCount;
  let agreementWithRouter: number | undefined;
  if (routerPath !== undefined) {
    const router = await loadLearnedRouter(routerPath);
    let agreed = 0;
    for (let row = 0; row < table.rowCount; row += 1) {
      const candidates = matrix.modelIds.filter(
        (_, column) => !Number.isNaN(matrix.scores[row * table.modelCount + column] ?? Number.NaN),
      );
      const picked = router.choose({
        prompt: matrix.prompts[row] ?? '',
        candidates,
        objective: 'best-single-quality',
      }).modelId;
      if (picked === matrix.modelIds[choices[row] ?? -1]) agreed += 1;
    }
    agreementWithRouter = agreed / table.rowCount;
  }
  return {
    dataset: dataset.dataDir,
    route,
    prompts: table.rowCount,
    failedRequests: failed,
    bestSingle: {
      name: 'best single model',
      model: matrix.modelIds[best] ?? '',
      ...pick(bestSingle),
    },
    oracle: { name: 'oracle', ...pick(summarizeChoices({ table, choices: oracle.choices })) },
    cheapest: {
      name: 'cheapest model',
      model: matrix.modelIds[cheapest] ?? '',
      ...pick(singles[cheapest] ?? bestSingle),
    },
    routeResult: {
      name: `route ${route}`,
      meanScore,
      totalCostUsd: costSum,
      qualityDeltaPoints: (meanScore - bestSingle.meanScore) * 100,
      costSaved: 1 - costSum / bestSingle.totalCostUsd,
      qualityRatio: meanScore / bestSingle.meanScore,
      servedBy,
    },
    models: matrix.modelIds.map((modelId, column) => ({
      name: modelId,
      ...pick(singles[column] ?? bestSingle),
    })),
    agreementWithRouter,
  };
}

function pick(summary: { meanScore: number; totalCostUsd: number }): {
  meanScore: number;
  totalCostUsd: number;
} {
  return { meanScore: summary.meanScore, totalCostUsd: summary.totalCostUsd };
}

/** The report as a Markdown table. */
export function formatSimulateReport(report: SimulateReport): string {
  const row = (name: string, summary: { meanScore: number; totalCostUsd: number }, extra = '') =>
    `| ${name} | ${summary.meanScore.toFixed(4)} | $${summary.totalCostUsd.toFixed(4)} | ${extra} |`;
  const result = report.routeResult;
  const lines = [
    `# switchyard simulate: route '${report.route}' on ${report.dataset} (test split, ${report.prompts} prompts)`,
    '',
    '| policy | mean score | total cost | |',
    '| --- | --- | --- | --- |',
    row(
      `**${result.name}** (through the gateway)`,
      result,
      `${result.qualityDeltaPoints >= 0 ? '+' : ''}${result.qualityDeltaPoints.toFixed(2)} pts vs best single, ${(result.costSaved * 100).toFixed(1)}% cheaper, ${(result.qualityRatio * 100).toFixed(1)}% of its quality`,
    ),
    row(`best single (${report.bestSingle.model})`, report.bestSingle),
    row(`cheapest (${report.cheapest.model})`, report.cheapest),
    row('oracle', report.oracle),
    ...report.models.map((model) => row(model.name, model)),
    '',
    `Served by: ${Object.entries(result.servedBy)
      .sort((a, b) => b[1] - a[1])
      .map(([model, count]) => `${model} ${count}`)
      .join(', ')}.`,
    `Failed requests: ${report.failedRequests} (scored 0).`,
  ];
  if (report.agreementWithRouter !== undefined) {
    lines.push(
      `Agreement with the router artifact's own decisions (best-single-quality point): ${(report.agreementWithRouter * 100).toFixed(1)}%.`,
    );
  }
  return `${lines.join('\n')}\n`;
}
