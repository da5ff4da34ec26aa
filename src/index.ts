import dotenv from 'dotenv';
import { CODE_CACHE_WARM_UP } from './bundleLoader';
import { ConfigError, loadConfig, startupProblems, type AppConfig } from './core/config';
import type { Logger } from './core/logging/logger';
import { projectRoot } from './core/paths';
import { noTelemetry, type Telemetry } from './core/telemetry/telemetry';

/** How long shutdown waits for in-flight turns and the send in progress (then claims are handed back). */
const SHUTDOWN_WAIT_MS = 8_000;
/** Exit by then whatever happens: well within 15 s of SIGTERM. */
const SHUTDOWN_HARD_DEADLINE_MS = 13_000;

/** Production entry point: configuration, telemetry, storage, HTTP, and an orderly shutdown on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  if (process.env[CODE_CACHE_WARM_UP] === '1') return warmUpCodeCache();
  // Real environment variables win over .env (dotenv never overrides what is already set).
  dotenv.config({ path: `${projectRoot}/.env`, quiet: true });
  const config = configOrExit();
  // Telemetry first: its instrumentation only sees the HTTP and Azure SDK modules loaded after it, so the
  // rest of the app is imported below, not at the top of this file.
  const telemetry: Telemetry = config.telemetry
    ? (await import('./core/telemetry/azureMonitor')).startAzureMonitor(config.telemetry)
    : noTelemetry;
  const { createApp, loadGuidelineData, DEFAULT_GUIDELINE_DATA_DIR } = await import('./app');
  const { loadGuidanceModels } = await import('./guidance/models');
  const { createLogger } = await import('./core/logging/logger');
  const { EmbeddedAzurite } = await import('./core/storage');

  const logger = createLogger(config.logLevel);
  const azurite =
    config.storage.kind === 'embeddedAzurite'
      ? new EmbeddedAzurite({ dataDir: config.storage.dataDir, port: config.storage.port }, logger)
      : undefined;
  // Before the models, not beside them: training blocks the event loop for seconds, and a probe of Azurite's
  // port timing out meanwhile would start a second Azurite instead of adopting the running one.
  await azurite?.start();

  const dataDir = config.guidelineDataDir ?? DEFAULT_GUIDELINE_DATA_DIR;
  const { knowledgeBase, firstActions, channels, organisation } = loadGuidelineData(dataDir);
  // The port opens first (/livez at once); the models load after it, and /readyz waits for them.
  const loadModels = async () => {
    const startedAt = Date.now();
    const { origin, ...models } = await loadGuidanceModels({
      knowledgeBase,
      channels,
      dataDir,
    });
    if (origin.from === 'training')
      logger.warn({ reason: origin.reason }, 'guidance models: trained at start, not loaded (npm run build)');
    logger.info({ from: origin.from, ms: Date.now() - startedAt }, 'guidance models ready');
    return models;
  };
  const app = createApp({ config, logger, telemetry, knowledgeBase, firstActions, organisation, loadModels });
  const port = await app.listen();
  await app.modelsReady();
  azurite?.supervise(async () => {
    const recreated = await app.tables.recreateMissingTables();
    logger.info({ tables: recreated.length }, 'azurite: missing tables created again');
  });
  logger.info(
    {
      url: `http://${config.server.host}:${port}/api/messages`,
      mode: config.auth.mode,
      storage: config.storage.kind,
      telemetry: config.telemetry ? 'azureMonitor' : 'off',
    },
    'bot listening',
  );

  const shutdown = shutdownOnce({ app, azurite, telemetry, logger });
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
}

/**
 * The build's warm-up start (scripts/bundleEntry.ts): what every start runs before it is ready (the modules, the
 * configuration's checks, the guideline data and the guidance models) runs once, so that its compiled code goes
 * into the bundle's code cache. Nothing listens and no storage is touched.
 */
async function warmUpCodeCache(): Promise<void> {
  try {
    loadConfig(process.env);
  } catch {
    // Only the checks' code is wanted; the build's environment need not be a valid configuration.
  }
  const { loadGuidance } = await import('./app');
  await Promise.all([import('./core/logging/logger'), import('./core/storage')]);
  // The same loading as a start's (app.ts); a warm-up that had to train says so (the cache is then made on the
  // training path, not the one a start takes).
  await loadGuidance(undefined, (reason) => console.error(`code cache warm-up: models trained (${reason})`));
}

/** The configuration, or the process exits with every problem listed (nothing starts on a bad configuration). */
function configOrExit(): AppConfig {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    err.problems.forEach((problem) => console.error(`config: ${problem}`));
    process.exit(1);
  }
  const refused = startupProblems(config);
  if (refused.length > 0) {
    refused.forEach((problem) => console.error(`config: ${problem}`));
    process.exit(1);
  }
  return config;
}

/** What shutdown stops, in order: the app (turns, sends, claims), Azurite, then telemetry. */
interface Stoppable {
  app: { close(waitMs: number): Promise<unknown> };
  azurite: { stop(): Promise<unknown> } | undefined;
  telemetry: Telemetry;
  logger: Logger;
}

/** The SIGINT/SIGTERM handler: runs once, and exits within SHUTDOWN_HARD_DEADLINE_MS whatever hangs. */
function shutdownOnce({
  app,
  azurite,
  telemetry,
  logger,
}: Stoppable): (signal: NodeJS.Signals) => Promise<void> {
  let stopping = false;
  return async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const startedAt = Date.now();
    logger.info({ signal }, 'shutting down: no new alert work, finishing in-flight turns and sends');
    // The last resort: whatever still hangs (storage, a send), the process is gone before the orchestrator's
    // SIGKILL, which would leave this instance's claims to expire instead of being handed back.
    setTimeout(() => {
      logger.warn({ afterMs: Date.now() - startedAt }, 'shutdown: hard deadline passed, exiting');
      process.exit(1);
    }, SHUTDOWN_HARD_DEADLINE_MS).unref();
    await app.close(SHUTDOWN_WAIT_MS);
    await azurite?.stop();
    // Last, so the shutdown's own spans and the final metrics are flushed too.
    await telemetry.shutdown().catch(() => undefined);
    logger.info({ afterMs: Date.now() - startedAt }, 'stopped');
    process.exit(0);
  };
}

main().catch((err: unknown) => {
  console.error(`fatal: ${(err as Error)?.message ?? String(err)}`);
  process.exit(1);
});
