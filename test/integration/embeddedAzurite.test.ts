import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  freePort,
  processClient as client,
  spawnBot,
  stopBots,
  waitHealthy,
  type BotProcess,
} from '../support/botProcess';
import { TEST_CREDENTIALS } from '../support/activities';
import { FakeConnector } from '../support/fakeConnector';
import { ReportClient } from '../support/reportFlow';

describe('embedded Azurite (development only): supervised, and refused in production', function () {
  this.timeout(120_000);
  let connector: FakeConnector;
  let dataDir: string;
  const running: BotProcess[] = [];

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-supervised-'));
  });
  afterEach(async () => {
    await stopBots(running);
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts Azurite again when it is killed, creates its tables again, and a report still works', async () => {
    const bot = spawnBot({
      PORT: String(await freePort()),
      AZURITE_PORT: String(await freePort()),
      AZURITE_DATA_DIR: dataDir,
    });
    running.push(bot);
    await waitHealthy(bot.url, 60_000);
    const before = new ReportClient(client(bot, connector));
    await before.say('rapportera incident'); // the tables exist now, and are lost with the emulator's data
    const pid = Number(fs.readFileSync(path.join(dataDir, 'azurite.pid'), 'utf8'));
    assert.ok(pid > 0, 'the embedded Azurite wrote its pid');
    // Its data on disk goes too: the emulator comes back empty, as after a crash before its first save.
    process.kill(pid, 'SIGKILL');
    for (const file of fs.readdirSync(dataDir))
      if (file !== 'azurite.pid') fs.rmSync(path.join(dataDir, file), { recursive: true, force: true });

    await waitHealthy(bot.url, 30_000);
    assert.match(bot.output(), /azurite: not running, starting it again/);
    const reporter = new ReportClient(client(bot, connector));
    await reporter.say('rapportera incident');
    await reporter.completeAll();
    await reporter.press(reporter.action('report.submit'));
    assert.match(JSON.stringify(reporter.cards().at(-2)), /IR-\d{4}-\d{4}/, 'the report was filed');
  });

  it('refuses to start in production (credentials set) without a storage setting, with one clear line', async () => {
    const bot = spawnBot({
      PORT: String(await freePort()),
      AZURITE_PORT: String(await freePort()),
      AZURITE_DATA_DIR: dataDir,
      ...TEST_CREDENTIALS,
    });
    running.push(bot);
    assert.equal(await bot.exited, 1);
    assert.match(
      bot.output(),
      /^config: STORAGE_ACCOUNT_URL or STORAGE_CONNECTION_STRING: required when MicrosoftAppId is set; the embedded Azurite is for development only/m,
    );
    assert.deepEqual(fs.readdirSync(dataDir), [], 'no Azurite was started');
  });
});
