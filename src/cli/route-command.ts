import { parseArgs } from 'node:util';
import { buildRoutingTable, loadRoutingResources } from '../gateway/index.js';
import { formatDecision } from '../routing/policy/format-decision.js';
import {
  profileRequest,
  selectTargets,
  type RequestHeaders,
  type RoutingDecision,
} from '../routing/policy/index.js';
import type { CanonicalRequest } from '../spec/index.js';
import { CliUsageError } from './cli-usage-error.js';
import { resolveConfig } from './resolve-config.js';

export const ROUTE_USAGE = `  route --explain "<prompt>"
                        Show how a route would decide for a prompt: the task family, every
                        candidate with predicted quality, cost and latency, what excluded each
                        model, and why the winner won. No model is called.
    --route NAME        The route (default auto).
    --config FILE       As for serve.
    --system TEXT       A system prompt.
    --task FAMILY       As the x-switchyard-task header.
    --tradeoff VALUE    As the x-switchyard-tradeoff header (quality, balanced, cost or a number).
    --max-tokens N      The client's output limit.
    --tools             The request defines a tool.
    --json              Print the decision as JSON.
`;

/** `switchyard route --explain "<prompt>"`: a routing decision, explained, without calling a model. */
export async function runRouteCommand({
  args,
  env,
  write = (text) => process.stdout.write(text),
}: {
  args: ReadonlyArray<string>;
  env: NodeJS.ProcessEnv;
  write?: (text: string) => void;
}): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      explain: { type: 'string' },
      route: { type: 'string', default: 'auto' },
      config: { type: 'string' },
      system: { type: 'string' },
      task: { type: 'string' },
      tradeoff: { type: 'string' },
      'max-tokens': { type: 'string' },
      tools: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.explain === undefined) throw new CliUsageError('Missing --explain "<prompt>".');
  const { config } = await resolveConfig({ configPath: values.config, env });
  const resources = await loadRoutingResources({ config });
  try {
    const { table } = buildRoutingTable({ config, resources });
    const route = table.routes.get(values.route);
    if (!route) {
      throw new CliUsageError(
        `No route named '${values.route}'. Routes: ${[...table.routes.keys()].join(', ')}.`,
      );
    }
    const request: CanonicalRequest = {
      messages: [
        ...(values.system === undefined
          ? []
          : [{ role: 'system' as const, content: values.system }]),
        { role: 'user', content: [{ type: 'text', text: values.explain }] },
      ],
      ...(values.tools
        ? { tools: [{ name: 'tool', inputSchema: { type: 'object', properties: {} } }] }
        : {}),
      ...(values['max-tokens'] === undefined
        ? {}
        : { maxOutputTokens: parseMaxTokens(values['max-tokens']) }),
    };
    const headers: RequestHeaders = {
      ...(values.task === undefined ? {} : { 'x-switchyard-task': values.task }),
      ...(values.tradeoff === undefined ? {} : { 'x-switchyard-tradeoff': values.tradeoff }),
    };
    const decision: RoutingDecision = selectTargets({
      route,
      request: profileRequest({ request, headers }),
      candidates: table.candidates,
      // A fresh process has observed nothing: no latencies, every circuit closed.
      stats: { latencyMs: () => undefined, isCircuitOpen: () => false },
      random: 0.5,
    });
    write(values.json ? `${JSON.stringify(decision, null, 2)}\n` : formatDecision(decision));
    return decision.targets.length > 0 ? 0 : 1;
  } finally {
    resources.close();
  }
}

function parseMaxTokens(value: string): number {
  const tokens = Number(value);
  if (!Number.isInteger(tokens) || tokens < 1) {
    throw new CliUsageError(`Invalid --max-tokens '${value}': use a whole number of at least 1.`);
  }
  return tokens;
}
