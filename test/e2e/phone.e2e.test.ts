import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';

import { playgroundPageForSuite } from './support/bot';
import {
  botMessages,
  cards,
  clickCardButton,
  fillCardInput,
  messageScreenshot,
  narrowCards,
  sendMessage,
  waitForReply,
  waitForText,
} from './support/browser';

/** A phone's card width (a 390 px wide phone less Teams' margins) and what one phone screen shows of the chat. */
const PHONE_CARD_WIDTH = 358;
const PHONE_SCREEN = 640;

/**
 * The frightened user's path at a phone's card width: the welcome, an answer, the quick report and the acute
 * reply, each saved as a screenshot under artifacts/. Teams opens a chat at the bottom of the newest card, so
 * an answer's first actions must lie within one phone screen of the card's bottom.
 */
describe('At a phone card width (358 px) in the Agents Playground', function () {
  this.timeout(180_000);
  let page: Page;
  playgroundPageForSuite(async (opened) => {
    page = opened;
    await narrowCards(page, PHONE_CARD_WIDTH);
  });

  /** Sends `text` and returns the first new bot message containing `expected`. */
  async function say(text: string, expected: string | RegExp): Promise<Locator> {
    const before = await botMessages(page).count();
    await sendMessage(page, text);
    return waitForReply(page, before, expected, 20_000);
  }

  async function widthOf(message: Locator): Promise<number> {
    return (await message.boundingBox())?.width ?? 0;
  }

  it('shows the welcome card, 112 on top', async () => {
    const welcome = await waitForText(page, /ring 112/, 30_000);
    assert.ok((await widthOf(welcome)) <= PHONE_CARD_WIDTH + 1, 'laid out at the phone width');
    const shot = await messageScreenshot(welcome, 'phone-welcome');
    assert.ok(fs.statSync(shot).size > 5_000, 'a real screenshot was taken');
  });

  it("answers with the first actions within one phone screen of the card's bottom, the rest behind Visa mer", async () => {
    const answer = await say('nån hotar mig på fejsbuk', 'Källa: Bilaga 5, Sociala medier');
    const card = answer.locator('.ac-adaptiveCard').first();
    const cardBox = (await card.boundingBox())!;
    const label = (await answer.getByText('Gör det här först', { exact: true }).boundingBox())!;
    const firstAction = (await answer
      .getByText(/Vid direkt hot ska du skärmdumpa/)
      .first()
      .boundingBox())!;
    const fromBottom = cardBox.y + cardBox.height - label.y;
    console.log(
      `      answer card ${Math.round(cardBox.width)}×${Math.round(cardBox.height)} px; ` +
        `"Gör det här först" ${Math.round(fromBottom)} px above its bottom`,
    );
    assert.ok(cardBox.width <= PHONE_CARD_WIDTH + 1, `card width ${cardBox.width}`);
    assert.ok(fromBottom <= PHONE_SCREEN, `first actions ${Math.round(fromBottom)} px above the bottom`);
    assert.ok(firstAction.y > label.y && firstAction.y < cardBox.y + cardBox.height);
    await messageScreenshot(answer, 'phone-answer');

    // The whole section is one press away.
    assert.equal(
      await answer.getByText(/Var personlig men inte privat/).count(),
      0,
      'not shown before Visa mer',
    );
    await cards(page)
      .filter({ hasText: 'Källa: Bilaga 5, Sociala medier' })
      .last()
      .getByRole('button', { name: 'Visa mer', exact: true })
      .click();
    await answer
      .getByText(/Var personlig men inte privat/)
      .first()
      .waitFor({ state: 'visible', timeout: 5_000 });
    await messageScreenshot(answer, 'phone-answer-more');
  });

  it('offers the situations for "meny"', async () => {
    const menu = await say('meny', 'Vad vill du veta?');
    for (const situation of [
      'Hot i sociala medier',
      'Hotbrev eller misstänkt paket',
      'Någon förföljer mig',
      'Fler ämnen',
    ])
      assert.match(await menu.innerText(), new RegExp(situation));
    await messageScreenshot(menu, 'phone-menu');
  });

  it('starts the quick report from "jag blev hotad efter mötet igår"', async () => {
    const quick = await say('jag blev hotad efter mötet igår', 'Skicka nu');
    assert.ok((await widthOf(quick)) <= PHONE_CARD_WIDTH + 1);
    await messageScreenshot(quick, 'phone-quick-report');
  });

  it('sends that quick report with a reference in 2 round trips, answering only what is required', async () => {
    // Round trip 1 was her own words (above). What, when, how and where are prefilled from them; only the body
    // and the party are asked, because she has no earlier report.
    await fillCardInput(page, 'Nämnd eller styrelse', 'Socialnämnden', { inCardWithText: 'Skicka nu' });
    await fillCardInput(page, 'Parti', 'S', { inCardWithText: 'Skicka nu' });
    await clickCardButton(page, 'Skicka nu', { inCardWithText: 'Skicka nu', timeoutMs: 15_000 });
    const confirmation = await waitForText(page, /IR-\d{4}-\d{4}/, 20_000);
    await messageScreenshot(confirmation, 'phone-quick-report-sent');
  });

  it('answers acute danger with "Ring 112 nu." first, then the first actions for during an event', async () => {
    const before = await botMessages(page).count();
    await sendMessage(page, 'han står utanför mitt hus just nu');
    await waitForReply(page, before, /Ring 112 nu/, 20_000);
    assert.match(await botMessages(page).nth(before).innerText(), /^Ring 112 nu\./, 'the very first reply');
    const card = await waitForReply(page, before + 1, /Gör det här först/, 20_000);
    const cardBox = (await card.boundingBox())!;
    const label = (await card.getByText('Gör det här först', { exact: true }).boundingBox())!;
    assert.ok(
      cardBox.y + cardBox.height - label.y <= PHONE_SCREEN,
      "the acute card's first actions are in view",
    );
    await messageScreenshot(botMessages(page).nth(before), 'phone-acute-112');
    await messageScreenshot(card, 'phone-acute');
  });
});
