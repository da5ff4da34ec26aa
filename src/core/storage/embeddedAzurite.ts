import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import type { Logger } from '../logging/logger';

/**
 * Runs Azurite's Table service as a child process for local use. A separate process (not in-process) so a
 * crash or `kill -9` of the bot cannot lose table data: Azurite keeps running, autosaves, and the next
 * start reuses it. Azurite persists everything on SIGINT (not SIGTERM), so stop() sends SIGINT.
 */
export class EmbeddedAzurite {
  private child?: ChildProcess;

  constructor(
    private readonly options: { dataDir: string; port: number; host?: string },
    private readonly logger: Logger,
  ) {}

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  async start(): Promise<void> {
    if (await isListening(this.host, this.options.port)) {
      this.logger.info({ port: this.options.port }, 'azurite: already running, reusing it');
      return;
    }
    fs.mkdirSync(this.options.dataDir, { recursive: true });
    const main = require.resolve('azurite/dist/src/table/main.js');
    this.child = spawn(
      process.execPath,
      [
        main,
        '--tableHost', this.host,
        '--tablePort', String(this.options.port),
        '--location', this.options.dataDir,
        '--disableTelemetry',
        '--skipApiVersionCheck',
      ],
      // Own process group: a Ctrl-C in the terminal reaches the bot, which then stops Azurite in order.
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    this.child.stderr?.on('data', (chunk: Buffer) => this.logger.warn({ azurite: chunk.toString().trim() }, 'azurite'));
    this.child.once('exit', (code, signal) => this.logger.info({ code, signal }, 'azurite: exited'));
    await waitForPort(this.host, this.options.port, 20_000);
    this.logger.info({ port: this.options.port, dataDir: this.options.dataDir }, 'azurite: started');
  }

  /** Stops the child we started (not one we reused), with SIGINT so it writes its data to disk. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

export function isListening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(1_000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await isListening(host, port))) {
    if (Date.now() > deadline) throw new Error(`azurite did not start listening on ${host}:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
