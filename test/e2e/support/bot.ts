import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localBotEnvironment, startBotProcess, type RunningBotProcess } from '../../../scripts/botProcess';
import { freePort } from '../../../scripts/playground/playground';

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
