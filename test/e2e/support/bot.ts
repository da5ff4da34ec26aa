import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localBotEnvironment, startBotProcess, type RunningBotProcess } from '../../../scripts/botProcess';
import type { Browser, Page } from 'playwright-core';
import { freePort, startPlayground, type PlaygroundHandle } from '../../../scripts/playground/playground';
import { launchBrowser, openPlayground } from './browser';

export interface E2eBot extends RunningBotProcess {
  endpoint: string;
  dataDir: string;
}

/**
 * The real bot (`node dist/src/index.js`) for an E2E test: local mode, its own embedded Azurite in a temp
 * folder, free loopback ports, the Playground users as role seeds (from .env.example).
 */
export async function startE2eBot(): Promise<E2eBot> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-e2e-'));
  const env = localBotEnvironment({
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    AZURITE_PORT: String(await freePort()),
    AZURITE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
    STORAGE_CONNECTION_STRING: '',
    STORAGE_ACCOUNT_URL: '',
  });
  const bot = await startBotProcess(env, { stdio: 'pipe' });
  return {
    ...bot,
    endpoint: `${bot.url}/api/messages`,
    dataDir,
    stop: async () => {
      const code = await bot.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}

/** The bot, its Playground (one page per person when `users` is given) and a browser: what every E2E file needs. */
export interface E2eRig {
  bot: E2eBot;
  playground: PlaygroundHandle;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startRig(options: { users?: string[] } = {}): Promise<E2eRig> {
  const bot = await startE2eBot();
  const playground = await startPlayground({
    botEndpoint: bot.endpoint,
    ...(options.users ? { users: options.users } : {}),
  });
  const browser = await launchBrowser();
  return {
    bot,
    playground,
    browser,
    stop: async () => {
      await browser.close();
      await playground.stop();
      await bot.stop();
    },
  };
}

/**
 * One person's chat for a whole suite: registers the mocha hooks that start the rig and open the Playground page
 * before the tests (then `opened` gets the page: keep it, narrow it, wait for the welcome card) and stop the rig
 * after them.
 */
export function playgroundPageForSuite(opened: (page: Page) => Promise<void> | void): void {
  let rig: E2eRig | undefined;
  before(async () => {
    rig = await startRig();
    await opened(await openPlayground(rig.playground.url, rig.browser));
  });
  after(async () => rig?.stop());
}
