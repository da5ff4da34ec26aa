import { Writable } from 'node:stream';
import { createApp, loadGuidance, type App, type AppDeps } from '../../src/app';
import { loadConfig, type AppConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logging/logger';
import type { TableService } from '../../src/core/storage';
import type { GuidanceModels } from '../../src/guidance/models';
import { FakeConnector } from './fakeConnector';
import { freshTables } from './rootHooks';

/** Log lines the bot wrote during a test, parsed, so tests can assert on what is (not) logged. */
export class LogCapture extends Writable {
  readonly lines: Array<Record<string, unknown>> = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) this.lines.push(JSON.parse(line));
    done();
  }
  get raw(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
  }
}

export interface RunningBot {
  /** Replaceable: a test may restart the app on the same storage. */
  app: App;
  url: string;
  connector: FakeConnector;
  tables: TableService;
  logs: LogCapture;
  config: AppConfig;
  /** POSTs an activity to /api/messages; returns the HTTP status and body. */
  post(activity: unknown, headers?: Record<string, string>): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

let guidance: ReturnType<typeof loadGuidance> | undefined;
/** The knowledge base and trained matcher, shared by every test bot in the run (training takes ~1 s). */
export const sharedGuidance = (): ReturnType<typeof loadGuidance> => (guidance ??= loadGuidance());

type BotExtras = Pick<AppDeps, 'telemetry'> & {
  loadModels?: () => Promise<GuidanceModels>;
  /** Another guideline's data (`loadGuidance(dir)`) instead of the shared, shipped one. */
  guidance?: Awaited<ReturnType<typeof loadGuidance>>;
};

/** The shared guidance; without its models when the test loads them itself (`loadModels`). */
async function withModels({ loadModels, guidance, ...extra }: BotExtras) {
  const { matcher, dangerDetector, ...guideline } = guidance ?? (await sharedGuidance());
  const models = loadModels ? { loadModels } : { matcher, dangerDetector };
  return { ...extra, ...guideline, ...models };
}

/** The real app on a free loopback port, on the test Azurite, answering to a fake connector. */
export async function startBot(
  env: Record<string, string> = {},
  tables = freshTables(),
  extra: BotExtras = {},
): Promise<RunningBot> {
  const connector = await new FakeConnector().start();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env });
  const logs = new LogCapture();
  const app = createApp({
    config,
    logger: createLogger(config.logLevel, logs),
    tables,
    ...(await withModels(extra)),
  });
  const port = await app.listen();
  const running: RunningBot = {
    app,
    url: `http://127.0.0.1:${port}`,
    connector,
    tables,
    logs,
    config,
    post: async (activity, headers = {}) => {
      const response = await fetch(`${running.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: typeof activity === 'string' ? activity : JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
    stop: async () => {
      await running.app.close(2_000);
      await connector.stop();
    },
  };
  return running;
}
