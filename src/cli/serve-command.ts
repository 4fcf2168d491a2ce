import type { GatewayConfig } from '../config/index.js';
import { createGatewayServer } from '../server/build-gateway-server.js';
import { resolveConfig } from './resolve-config.js';

export type ServeOptions = {
  readonly configPath: string | undefined;
  readonly port: number | undefined;
  readonly host: string | undefined;
  readonly env: NodeJS.ProcessEnv;
};

/** `switchyard serve`: loads the config (or detects providers), starts the gateway, stops on SIGINT/SIGTERM. */
export async function runServe({ configPath, port, host, env }: ServeOptions): Promise<void> {
  const { config, notes } = await resolveConfig({ configPath, env });
  const effective: GatewayConfig = {
    ...config,
    server: {
      ...config.server,
      ...(port === undefined ? {} : { port }),
      ...(host === undefined ? {} : { host }),
    },
  };
  const server = await createGatewayServer({
    config: effective,
    logger: { level: effective.server.logLevel },
  });
  const log = server.app.log;
  for (const note of notes) log.info(note);
  for (const warning of server.startupWarnings) log.warn(warning);
  log.info(
    `routes: ${[...server.routing.routes.values()]
      .map((route) => `${route.name} (${route.strategy})`)
      .join(', ')}`,
  );
  const address = await server.app.listen({
    port: effective.server.port,
    host: effective.server.host,
  });
  log.info(
    `Switchyard listening on ${address} with ${server.registry.list().length} models: ${server.registry
      .list()
      .map((model) => model.id)
      .join(', ')}`,
  );
  const stop = (signal: string) => {
    log.info(`${signal} received, shutting down`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
