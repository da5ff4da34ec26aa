import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isListening } from '../../src/core/storage';
import { botInstalled, cardSubmit, message } from '../support/activities';
import { COMPLETE_ANSWERS, findActions } from '../support/reportFlow';
import { freePort, spawnBot, stopBots, waitHealthy, type BotProcess } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';

/** The production entry point as a real process: embedded Azurite, signals, restarts. */
describe('bot process (npm start: embedded Azurite in ./.data)', function () {
  this.timeout(90_000);
  let connector: FakeConnector;
  let dataDir: string;
  let env: Record<string, string>;
  const running: BotProcess[] = [];

  beforeEach(async () => {
    connector = await new FakeConnector().start();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-data-'));
    env = {
      PORT: String(await freePort()),
      AZURITE_PORT: String(await freePort()),
      AZURITE_DATA_DIR: dataDir,
    };
  });

  afterEach(async () => {
    await stopBots(running);
    await connector.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(): Promise<BotProcess> {
    const bot = spawnBot(env);
    running.push(bot);
    await waitHealthy(bot.url);
    return bot;
  }

  async function install(bot: BotProcess, conversationId: string): Promise<number> {
    const activity = botInstalled({ serviceUrl: connector.url, conversationId });
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    assert.equal(response.status, 200);
    return connector.activitiesIn(conversationId).length;
  }

  it('keeps state across SIGINT and a restart, and stops Azurite with it', async () => {
    const first = await start();
    assert.equal(await install(first, 'a:persisted'), 1, 'welcomed once');
    first.child.kill('SIGINT');
    assert.equal(await first.exited, 0);
    assert.equal(await isListening('127.0.0.1', Number(env.AZURITE_PORT)), false, 'Azurite stopped too');
    assert.ok(
      fs.readdirSync(dataDir).some((file) => file.includes('table')),
      'Azurite wrote its data',
    );

    const second = await start();
    assert.equal(await install(second, 'a:persisted'), 1, 'the welcome flag survived: no second welcome');
  });

  it('loses nothing on kill -9: Azurite keeps running and the next start reuses it', async () => {
    const first = await start();
    await install(first, 'a:killed');
    first.child.kill('SIGKILL');
    await first.exited;
    assert.equal(await isListening('127.0.0.1', Number(env.AZURITE_PORT)), true, 'Azurite outlived the bot');

    const second = await start();
    assert.equal(await install(second, 'a:killed'), 1, 'state written before the kill is there');
    second.child.kill('SIGINT');
    assert.equal(await second.exited, 0);
    assert.equal(
      await isListening('127.0.0.1', Number(env.AZURITE_PORT)),
      false,
      'the adopted Azurite is stopped',
    );
  });

  it('keeps an incident-report draft when the process is killed (-9) between two steps', async () => {
    const conversationId = 'a:report-killed';
    const options = { serviceUrl: connector.url, conversationId };
    const post = (bot: BotProcess, activity: unknown) =>
      fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
    const lastCard = () => connector.activitiesIn(conversationId).at(-1)?.attachments?.[0]?.content;
    const nextButton = () => findActions(lastCard()).find((data) => data.move === 'next')!;

    const first = await start();
    await post(first, message('rapportera incident', options));
    await post(first, cardSubmit({ ...nextButton(), ...COMPLETE_ANSWERS[0] }, options));
    assert.match(JSON.stringify(lastCard()), /Steg 2 av 8/);
    const step2 = nextButton();
    first.child.kill('SIGKILL');
    await first.exited;

    const second = await start();
    await post(second, cardSubmit({ ...step2, ...COMPLETE_ANSWERS[1] }, options));
    assert.match(JSON.stringify(lastCard()), /Steg 3 av 8/, 'the card from before the kill still works');
    await post(second, message('rapportera incident', options));
    assert.match(JSON.stringify(lastCard()), /påbörjat utkast/);
  });

  it('refuses to start in local mode on a public interface, with one clear line', async () => {
    const bot = spawnBot({ ...env, HOST: '0.0.0.0' });
    running.push(bot);
    assert.equal(await bot.exited, 1);
    assert.match(bot.output(), /^config: HOST: "0\.0\.0\.0" is not loopback/m);
  });
});
