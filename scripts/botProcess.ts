import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import dotenv from 'dotenv';
import { projectRoot } from '../src/core/paths';
import { npmStartFlags } from './tooling';

/**
 * The environment for a local bot: .env.example's values (local mode, the Playground users as role seeds)
 * as defaults, then .env, then the real environment, which wins.
 */
export function localBotEnvironment(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  const read = (file: string): Record<string, string> => {
    const full = path.join(projectRoot, file);
    return fs.existsSync(full) ? dotenv.parse(fs.readFileSync(full)) : {};
  };
  return { ...read('.env.example'), ...read('.env'), ...process.env, ...overrides };
}

export interface RunningBotProcess {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  /** SIGINT (the bot then stops its Azurite with SIGINT too, which keeps the data) and wait. */
  stop(): Promise<number | null>;
}

/** Starts the bot as `npm start` does (its flags: the code cache) and waits until GET /healthz answers 200. */
export async function startBotProcess(
  env: NodeJS.ProcessEnv,
  options: { stdio?: 'inherit' | 'pipe'; timeoutMs?: number } = {},
): Promise<RunningBotProcess> {
  const child = spawn(
    process.execPath,
    ['--no-deprecation', ...npmStartFlags(), path.join(projectRoot, 'dist', 'src', 'index.js')],
    {
      cwd: projectRoot,
      env,
      stdio: ['ignore', options.stdio ?? 'inherit', options.stdio ?? 'inherit'],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? '3978'}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the bot exited with code ${child.exitCode} during start-up`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGINT');
      throw new Error(`the bot did not answer on ${url}/healthz`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child,
    url,
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      return exited;
    },
  };
}
