import type { RunningBot } from './botHarness';
import type { FakeConnector } from './fakeConnector';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/core/paths';

import { npmStartFlags } from '../../scripts/tooling';

export { freePort } from '../../scripts/tooling';

export interface BotProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
}

/**
 * Starts the production entry point as `npm start` does (`node <its flags> dist/src/index.js`, so the bundle's
 * code cache is taken) with the given environment; `nodeFlags` replaces the flags.
 */
export function spawnBot(env: Record<string, string>, nodeFlags = npmStartFlags()): BotProcess {
  let output = '';
  const child = spawn(process.execPath, [...nodeFlags, path.join(projectRoot, 'dist', 'src', 'index.js')], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${env.PORT}`, output: () => output, exited };
}

/**
 * Stops every process of `bots` still running (`signal`, then waits for its exit) and empties the list, so a
 * test's processes never outlive it.
 */
export async function stopBots(bots: BotProcess[], signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
  for (const bot of bots.splice(0)) {
    if (bot.child.exitCode === null) bot.child.kill(signal);
    await bot.exited;
  }
}

/** Polls /healthz until it answers 200 (a start trains the models: ~30 s when the shared machine is busy). */
export async function waitHealthy(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'not listening';
  for (;;) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not become healthy in ${timeoutMs} ms (last answer: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/**
 * Enough of RunningBot for ReportClient over real processes: posts activities to their endpoint; the fake
 * connector receives the replies. With several processes the turns alternate between them, as Azure Bot
 * Service spreads them over instances (state lives in storage).
 */
export function processClient(
  bots: BotProcess | readonly BotProcess[],
  connector: FakeConnector,
): RunningBot {
  const all: readonly BotProcess[] = 'child' in bots ? [bots] : bots;
  let turn = 0;
  return {
    connector,
    post: async (activity: unknown) => {
      const bot = all[turn++ % all.length]!;
      const response = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
      return { status: response.status, body: await response.text() };
    },
  } as unknown as RunningBot;
}
