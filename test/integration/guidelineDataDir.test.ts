import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_GUIDELINE_DATA_DIR, loadGuidance } from '../../src/app';
import { message } from '../support/activities';
import { startBot, type RunningBot } from '../support/botHarness';

/**
 * GUIDELINE_DATA_DIR is another municipality's guideline: every part of an answer comes from it, also the
 * "Gör det här först" sentences of first-actions.json (they once came from the shipped file whatever the dir).
 */
describe("guidance from another municipality's data directory", function () {
  this.timeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guideline-'));
  const marker = 'Ring vår egen säkerhetsjour på 0346-000 00 först.';
  let bot: RunningBot;

  before(async () => {
    fs.cpSync(DEFAULT_GUIDELINE_DATA_DIR, dir, { recursive: true });
    const file = path.join(dir, 'first-actions.json');
    const firstActions = JSON.parse(fs.readFileSync(file, 'utf8'));
    firstActions['social-media'] = { sv: [marker], en: ['Call our own security desk first.'] };
    fs.writeFileSync(file, JSON.stringify(firstActions));
    bot = await startBot({}, undefined, { guidance: await loadGuidance(dir) });
  });
  after(async () => {
    await bot?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("opens the answer with that directory's first actions, not the shipped ones", async () => {
    const activity = message('nån hotar mig på fejsbuk', { serviceUrl: bot.connector.url });
    assert.equal((await bot.post(activity)).status, 200);
    const [reply] = bot.connector.activitiesIn(activity.conversation.id);
    const card = JSON.stringify(reply?.attachments?.[0]?.content);
    assert.match(card, /Källa: Bilaga 5, Sociala medier/);
    assert.ok(card.includes(marker), 'the first action of the data directory is shown');
    assert.ok(!card.includes('Vid direkt hot ska du skärmdumpa inläggen'), 'not the shipped first action');
  });
});
