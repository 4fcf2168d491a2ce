import { parseArgs } from 'node:util';
import { ConfigError } from '../config/index.js';
import { CliUsageError } from './cli-usage-error.js';
import { DATASET_USAGE, runDatasetCommand } from './dataset-command.js';
import { runEvalCommand } from './eval-command.js';
import { ROUTE_USAGE, runRouteCommand } from './route-command.js';
import { runRouterCommand } from './router-command.js';
import { runServe } from './serve-command.js';
import { runSimulateCommand, SIMULATE_USAGE } from './simulate-command.js';

const usage = `Usage: switchyard <command> [options]

Commands:
  serve                 Start the gateway (default port 4141).
    --config FILE       YAML config file (or SWITCHYARD_CONFIG). Without one, providers are
                        detected from OPENAI_API_KEY, ANTHROPIC_API_KEY and a local Ollama;
                        with none found, simulated models are served.
    --port N            Port to listen on (or PORT).
    --host H            Address to bind (default 127.0.0.1).
${ROUTE_USAGE}  router train          Learn a routing policy from an outcome dataset's train split.
    --data DIR          Dataset folder (outcomes.jsonl + models.json, see shared/data/FORMAT.md).
    --out FILE          Where to write the router artifact (JSON, content-hashed).
  router evaluate       Report the router on the dataset's test split.
    --data DIR  --router FILE  --report DIR
                        Writes report.md, report.json, curve.svg and decisions.jsonl.
${DATASET_USAGE}${SIMULATE_USAGE}  eval run              Run a task suite against configured models; write an outcome dataset.
    --suite FILE  --out DIR
                        Suite JSONL (docs/evaluation.md); DIR gets outcomes.jsonl, models.json,
                        README.md and eval-work.jsonl (rerun the command to resume).
    --models a,b  --config FILE  --concurrency N (4)  --scorer SPEC  --judge-model ID

Options:
  -h, --help            Show this help.
`;

/** Entry point of the `switchyard` command. Returns the process exit code. */
export async function main(argv: ReadonlyArray<string>, env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(usage);
    return command === undefined ? 1 : 0;
  }
  // `switchyard <command> [sub] --help` shows the usage, whatever else is on the line.
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(usage);
    return 0;
  }
  try {
    switch (command) {
      case 'serve': {
        const { values } = parseArgs({
          args: [...rest],
          options: {
            config: { type: 'string' },
            port: { type: 'string' },
            host: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
          },
          strict: true,
        });
        if (values.help) {
          process.stdout.write(usage);
          return 0;
        }
        await runServe({
          configPath: values.config,
          port: parsePort(values.port ?? env.PORT),
          host: values.host,
          env,
        });
        return 0;
      }
      case 'route':
        return await runRouteCommand({ args: rest, env });
      case 'router':
        return await runRouterCommand(rest);
      case 'dataset':
        return await runDatasetCommand(rest);
      case 'simulate':
        return await runSimulateCommand({ args: rest, env });
      case 'eval':
        return await runEvalCommand({ args: rest, env });
      default:
        process.stderr.write(`Unknown command '${command}'.\n\n${usage}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`${error.message}\n\n${usage}`);
      return 2;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      typeof error.code === 'string' &&
      error.code.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${error.message}\n\n${usage}`);
      return 2;
    }
    throw error;
  }
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new ConfigError({
      message: `Invalid port '${value}': use a whole number from 0 to 65535 (--port or PORT).`,
    });
  }
  return port;
}
