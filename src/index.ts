import dotenv from 'dotenv';
import { ConfigError, loadConfig } from './core/config';
import { projectRoot } from './core/paths';
import { noTelemetry, type Telemetry } from './core/telemetry/telemetry';

/** Production entry point: configuration, telemetry, storage, HTTP, and an orderly shutdown on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  // Real environment variables win over .env (dotenv never overrides what is already set).
  dotenv.config({ path: `${projectRoot}/.env`, quiet: true });
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    err.problems.forEach((problem) => console.error(`config: ${problem}`));
    process.exit(1);
  }
  // Telemetry first: its instrumentation only sees the HTTP and Azure SDK modules loaded after it, so the
  // rest of the app is imported below, not at the top of this file.
  const telemetry: Telemetry = config.telemetry
    ? (await import('./core/telemetry/azureMonitor')).startAzureMonitor(config.telemetry)
    : noTelemetry;
  const { createApp, loadGuidance } = await import('./app');
  const { createLogger } = await import('./core/logging/logger');
  const { EmbeddedAzurite } = await import('./core/storage');

  const logger = createLogger(config.logLevel);
  const azurite =
    config.storage.kind === 'embeddedAzurite'
      ? new EmbeddedAzurite({ dataDir: config.storage.dataDir, port: config.storage.port }, logger)
      : undefined;
  await azurite?.start();

  const app = createApp({ config, logger, telemetry, ...(await loadGuidance(config.guidelineDataDir)) });
  const port = await app.listen();
  logger.info(
    {
      url: `http://${config.server.host}:${port}/api/messages`,
      mode: config.auth.mode,
      storage: config.storage.kind,
      telemetry: config.telemetry ? 'azureMonitor' : 'off',
    },
    'bot listening',
  );

  let stopping = false;
  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight turns');
    await app.close();
    await azurite?.stop();
    // Last, so the shutdown's own spans and the final metrics are flushed too.
    await telemetry.shutdown().catch(() => undefined);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
}

main().catch((err: unknown) => {
  console.error(`fatal: ${(err as Error)?.message ?? String(err)}`);
  process.exit(1);
});
