import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

import { playgroundPageForSuite } from './support/bot';
import {
  botMessages,
  clickCardButton,
  screenshot,
  sendMessage,
  waitForReply,
  waitForText,
} from './support/browser';

/** The real bot in the real Agents Playground, looked at in headless Chromium. */
describe('Trygg förtroendevald in the Agents Playground', function () {
  this.timeout(180_000);
  let page: Page;
  playgroundPageForSuite((opened) => {
    page = opened;
  });

  it('shows the welcome card on install, with 112 on top', async () => {
    const welcome = await waitForText(page, /ring 112/);
    assert.match(await welcome.innerText(), /Trygg förtroendevald/);
    const shot = await screenshot(page, 'welcome');
    assert.ok(fs.statSync(shot).size > 10_000, 'a real screenshot was taken');
  });

  it('answers "hej" with the welcome card in Swedish', async () => {
    const before = await botMessages(page).count();
    await sendMessage(page, 'hej');
    const card = await waitForReply(page, before, /ring 112/);
    assert.match(await card.innerText(), /Rapportera en incident/);
    await screenshot(page, 'hej');
  });

  it('answers a question with the advice and its source, and follows a button', async () => {
    await sendMessage(page, 'nån hotar mig på fejsbuk');
    const answer = await waitForText(page, 'Källa: Bilaga 5, Sociala medier');
    assert.match(await answer.innerText(), /skärmdump/i);
    await screenshot(page, 'guidance-answer');
    await clickCardButton(page, 'Visa mer', { inCardWithText: 'Källa: Bilaga 5, Sociala medier' });
    await clickCardButton(page, 'Alla ämnen', { inCardWithText: 'Källa: Bilaga 5, Sociala medier' });
    await waitForText(page, 'Tryck på ett ämne');
    await screenshot(page, 'guidance-menu');
  });

  it("starts the incident report from the welcome card's button", async () => {
    const before = await botMessages(page).count();
    await sendMessage(page, 'hej');
    await waitForReply(page, before, /Rapportera en incident/);
    await clickCardButton(page, 'Rapportera incident', { inCardWithText: /Det här kan du göra/ });
    await waitForText(page, 'Steg 1 av 8');
  });

  it('puts "Ring 112 nu" first when danger is happening now', async () => {
    const before = await botMessages(page).count();
    await sendMessage(page, 'han står utanför mitt hus just nu');
    await waitForReply(page, before, /Ring 112 nu/);
    assert.match(await botMessages(page).nth(before).innerText(), /Ring 112 nu/, 'the very first reply');
    await waitForReply(page, before + 1, /Bilaga 1/);
    await screenshot(page, 'acute');
  });
});
