import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { Page } from 'playwright-core';

import { playgroundPageForSuite } from './support/bot';
import {
  botMessages,
  cards,
  clickCardButton,
  screenshot,
  sendMessage,
  waitForText,
  dumpPages,
} from './support/browser';
import * as form from './support/reportForm';
import { FOLLOW_UPS, progress, REPLY_MS, STEPS, TOTAL } from './support/reportForm';

/**
 * The whole incident report (Bilaga 4) as Anna Förtroendevald fills it in her personal chat: every step through
 * the real card inputs in headless Chromium, follow-up questions on the same card ("Om ja, …"), the review, Skicka, the
 * confirmation with its reference and the police sheet. The answers are those of COMPLETE_ANSWERS in
 * test/support/reportFlow.ts, entered as a person would: choice titles, not codes.
 */

/** The Playground always sends locale en-US: the bot answers in Swedish because the words are Swedish. */
const START_MESSAGE = 'rapportera incident';

describe('Incident report in the Agents Playground (Swedish, personal chat)', function () {
  this.timeout(240_000);
  this.bail(true); // one conversation: when a step fails, every later step would fail too
  let page: Page;

  // The shared form helpers (support/reportForm.ts), bound to this test's page.
  const fill = (n: number, entries: form.Entry[], withFollowUps = false) =>
    form.fill(page, n, entries, withFollowUps);
  const press = (n: number, title: string, withFollowUps = false) =>
    form.press(page, n, title, withFollowUps);

  /** Waits for the bot's next message (the one after the `before` already shown), then for `text`. */
  const messageCount = () => botMessages(page).count();
  const waitForNewMessage = (before: number, text: string | RegExp) =>
    form.waitForNewMessage(page, before, text);

  const buttonCount = (cardText: string | RegExp, title: string) =>
    cards(page)
      .filter({ hasText: cardText })
      .last()
      .getByRole('button', { name: title, exact: true })
      .count();

  playgroundPageForSuite(async (opened) => {
    page = opened;
    await waitForText(page, /ring 112/, 30_000); // the welcome card: the chat is ready
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await dumpPages('report', { anna: page });
  });

  it('starts the report when Anna asks for it in Swedish, with step 1 of 8', async () => {
    await sendMessage(page, START_MESSAGE);
    const card = await waitForText(page, progress(1), REPLY_MS);
    const text = await card.innerText();
    assert.match(text, /Vem rapporterar\?/);
    assert.match(text, /Ditt namn \*/, 'required fields are marked with *');
    for (const title of ['Nästa', 'Spara och fortsätt senare', 'Avbryt']) {
      assert.equal(await buttonCount(progress(1), title), 1, `step 1 has the button "${title}"`);
    }
    assert.equal(await buttonCount(progress(1), 'Tillbaka'), 0, 'step 1 has no Tillbaka');
  });

  for (let n = 1; n <= 5; n++) {
    it(`fills step ${n} and presses Nästa`, async () => {
      await fill(n, STEPS[n]!);
      const before = await messageCount();
      await press(n, 'Nästa');
      const card = await waitForNewMessage(before, progress(n + 1));
      assert.doesNotMatch(await card.innerText(), /Kontrollera de markerade fälten/, 'no validation errors');
    });
  }

  it('step 6: the follow-up "Om en fråga, ett beslut eller annat: …" is on the card from the start; one Nästa', async () => {
    const card = await waitForText(page, progress(6));
    assert.match(await card.innerText(), /Om en fråga, ett beslut eller annat: vilken fråga/);
    await fill(6, [...STEPS[6]!, ...FOLLOW_UPS[6]!]);
    const before = await messageCount();
    await press(6, 'Nästa');
    const next = await waitForNewMessage(before, progress(7));
    assert.doesNotMatch(await next.innerText(), /Kontrollera de markerade fälten/);
  });

  it('step 7: "Om ja, när?" is shown with "Har polisen kontaktats?", no star before the answer; one Nästa', async () => {
    const first = await waitForText(page, progress(7));
    const text = await first.innerText();
    assert.match(text, /Om ja, när\?/, 'the follow-up is on the card from the start');
    assert.doesNotMatch(text, /Om ja, när\? \*/, 'not marked required before the answer makes it apply');
    assert.match(text, /Om inte, vill du att incidenten polisanmäls\?/);
    await first.getByText(progress(7)).scrollIntoViewIfNeeded();
    await screenshot(page, 'report-step7-follow-up');
    await fill(7, [...STEPS[7]!, ...FOLLOW_UPS[7]!]);
    const before = await messageCount();
    await press(7, 'Nästa');
    await waitForNewMessage(before, progress(8));
  });

  it('step 8: fills the last step with its follow-up and goes to the review with Granska', async () => {
    const last = await waitForText(page, progress(8));
    assert.match(await last.innerText(), /Stöd och information/);
    assert.equal(await buttonCount(progress(8), 'Nästa'), 0, 'the last step has Granska instead of Nästa');
    await fill(8, [...STEPS[8]!, ...FOLLOW_UPS[8]!]);
    const before = await messageCount();
    await press(8, 'Granska');
    const review = await waitForNewMessage(before, 'Granska din rapport');
    const text = await review.innerText();
    // Every answer came through the real inputs: the review shows them, choices by their Swedish titles.
    for (const expected of [
      'Anna Förtroendevald',
      'Ledamot',
      'Mig själv',
      'Socialnämnden',
      'Hot, Trakasserier',
      'Sociala medier',
      'vi vet var du bor',
      '2026-11-20',
      '21:30',
      'Facebook',
      'Min man såg inlägget',
      'Okänd',
      'Ett beslut',
      'Beslutet om skolnedläggning',
      'Skrämmande',
      'Om ja, när?',
      '2026-11-21',
      'Min man',
    ]) {
      assert.ok(text.includes(expected), `the review shows "${expected}":\n${text}`);
    }
    assert.equal(await buttonCount('Granska din rapport', 'Ändra'), TOTAL, 'one Ändra per section');
    assert.equal(await buttonCount('Granska din rapport', 'Skicka'), 1);
    await review.getByText('Granska din rapport').scrollIntoViewIfNeeded();
    const shot = await screenshot(page, 'report-review');
    assert.ok(fs.statSync(shot).size > 10_000, 'a real screenshot was taken');
  });

  it('sends the report: confirmation with a reference, then the police sheet', async () => {
    const before = await messageCount();
    await clickCardButton(page, 'Skicka', { inCardWithText: 'Granska din rapport', timeoutMs: 15_000 });
    const confirmation = await waitForNewMessage(before, 'Tack – din rapport är mottagen');
    const confirmationText = await confirmation.innerText();
    const reference = confirmationText.match(/IR-\d{4}-\d{4}/)?.[0];
    assert.ok(reference, `the confirmation shows a reference:\n${confirmationText}`);
    assert.match(confirmationText, /Vad händer nu\?/);
    assert.match(confirmationText, /ring 112/);

    const sheet = await waitForText(page, 'Inför polisanmälan', REPLY_MS);
    const sheetText = await sheet.innerText();
    assert.ok(sheetText.includes(`Inför polisanmälan – ${reference}`), `the police sheet names ${reference}`);
    assert.match(sheetText, /Datum: 2026-11-20\. Plats: Facebook\./);
    assert.match(sheetText, /\(Socialnämnden, S\)/);
    assert.match(sheetText, /Beslutet om skolnedläggning/);
    assert.match(sheetText, /skärmdumpar/);
    await sheet.getByText('Inför polisanmälan').scrollIntoViewIfNeeded();
    await screenshot(page, 'report-police-sheet');

    await confirmation.getByText('Tack – din rapport är mottagen').scrollIntoViewIfNeeded();
    const shot = await screenshot(page, 'report-confirmation');
    assert.ok(fs.statSync(shot).size > 10_000, 'a real screenshot was taken');
  });
});
