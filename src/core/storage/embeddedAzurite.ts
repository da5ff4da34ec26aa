import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logging/logger';

/** How often the supervisor checks that the embedded Azurite is still alive. */
const SUPERVISE_EVERY_MS = 500;

/**
 * DEVELOPMENT ONLY (refused when credentials are set, see startupProblems): Azurite saves to disk every few
 * seconds, so a crash of it loses what was written just before. Runs Azurite's Table service as a child process for local use. A separate process (not in-process) so a
 * crash or `kill -9` of the bot cannot lose table data: Azurite keeps running, autosaves, and the next
 * start reuses it. Azurite persists everything on SIGINT (not SIGTERM), so stop() sends SIGINT.
 */
export class EmbeddedAzurite {
  private child?: ChildProcess;
  /** An Azurite left running by an earlier bot process (after kill -9), taken over so stop() ends it. */
  private adoptedPid?: number;
  private supervisor?: NodeJS.Timeout;
  private stopping = false;
  private restarting?: Promise<void>;
  private missedChecks = 0;

  constructor(
    private readonly options: { dataDir: string; port: number; host?: string },
    private readonly logger: Logger,
  ) {}

  get host(): string {
    return this.options.host ?? '127.0.0.1';
  }

  async start(): Promise<void> {
    if (await isListening(this.host, this.options.port)) {
      this.adoptedPid = this.readPidFile();
      this.logger.info(
        { port: this.options.port, pid: this.adoptedPid ?? null },
        'azurite: already running, reusing it',
      );
      return;
    }
    fs.mkdirSync(this.options.dataDir, { recursive: true });
    const main = require.resolve('azurite/dist/src/table/main.js');
    this.child = spawn(
      process.execPath,
      [
        main,
        '--tableHost',
        this.host,
        '--tablePort',
        String(this.options.port),
        '--location',
        this.options.dataDir,
        '--disableTelemetry',
        '--skipApiVersionCheck',
      ],
      // Own process group: a Ctrl-C in the terminal reaches the bot, which then stops Azurite in order.
      { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
    );
    this.child.stderr?.on('data', (chunk: Buffer) =>
      this.logger.warn({ azurite: chunk.toString().trim() }, 'azurite'),
    );
    this.child.once('exit', (code, signal) => this.logger.info({ code, signal }, 'azurite: exited'));
    if (this.child.pid) fs.writeFileSync(this.pidFile, String(this.child.pid));
    await waitForPort(this.host, this.options.port, 20_000);
    this.logger.info({ port: this.options.port, dataDir: this.options.dataDir }, 'azurite: started');
  }

  /**
   * Keeps Azurite running: when it dies (killed, crashed) it is started again and `onRestarted` runs (the
   * caller creates its tables again: an emulator that lost its data has none, and every write would fail).
   */
  supervise(onRestarted: () => Promise<void>): void {
    this.supervisor ??= setInterval(() => {
      if (this.stopping || this.restarting) return;
      this.restarting = this.alive()
        .then(async (alive) => {
          // Two misses in a row: one probe can time out while the event loop is busy, not because it died.
          this.missedChecks = alive ? 0 : this.missedChecks + 1;
          if (this.missedChecks < 2 || this.stopping) return;
          this.missedChecks = 0;
          this.logger.warn({ port: this.options.port }, 'azurite: not running, starting it again');
          await this.restartAfterDeath(onRestarted);
        })
        .finally(() => (this.restarting = undefined));
    }, SUPERVISE_EVERY_MS);
    this.supervisor.unref();
  }

  private async restartAfterDeath(onRestarted: () => Promise<void>): Promise<void> {
    this.child = undefined;
    this.adoptedPid = undefined;
    try {
      await this.start();
      await onRestarted();
      this.logger.info({ port: this.options.port }, 'azurite: running again');
    } catch (err) {
      this.logger.error({ err: err }, 'azurite: restart failed');
    }
  }

  /** Our child has not exited, or the adopted process still exists (without its pid: still listens). */
  private async alive(): Promise<boolean> {
    if (this.child) return this.child.exitCode === null && this.child.signalCode === null;
    if (this.adoptedPid) {
      try {
        process.kill(this.adoptedPid, 0);
        return true;
      } catch {
        return false;
      }
    }
    return isListening(this.host, this.options.port);
  }

  /** Stops Azurite with SIGINT, the signal on which it writes its data to disk. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.supervisor);
    await this.restarting;
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    } else if (this.adoptedPid) {
      signal(this.adoptedPid, 'SIGINT');
      await waitUntil(async () => !(await isListening(this.host, this.options.port)), 10_000);
    }
    fs.rmSync(this.pidFile, { force: true });
  }

  private get pidFile(): string {
    return path.join(this.options.dataDir, 'azurite.pid');
  }

  private readPidFile(): number | undefined {
    try {
      const pid = Number(fs.readFileSync(this.pidFile, 'utf8'));
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
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
  if (!(await waitUntil(() => isListening(host, port), timeoutMs))) {
    throw new Error(`azurite did not start listening on ${host}:${port}`);
  }
}
