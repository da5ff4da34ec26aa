import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { type BotActivityRecord, type PlaygroundHandle } from '../../scripts/playground/playground';
import { startRig, type E2eRig } from './support/bot';
import {
  botMessages,
  cards,
  clickCardButton,
  fillCardInput,
  openPlayground,
  screenshot,
  sendMessage,
  waitForText,
  dumpPages,
} from './support/browser';
import { completeStep, progress, REPLY_MS, TOTAL, waitForNewMessage } from './support/reportForm';

/**
 * The alert outbox end to end: Sara Säkerhetschef and Karl Kontaktperson (S) have opened the bot (so it holds
 * their 1:1 conversation references), Anna Förtroendevald (party S) files a complete incident report in her
 * personal chat through the real card inputs, and the proactive "Ny incidentrapport" card with the report's
 * reference shows up in Sara's and Karl's personal chats – without any of the report's narrative.
 *
 * One Playground per person (multi-user mode) behind the connector hub, which sends each person's personal-chat
 * traffic to that person's page and records everything the bot sends (botActivities).
 *
 * The report is filled with the shared helpers in support/reportForm.ts.
 */

const ANNA = 'Anna Förtroendevald';
const SARA = 'Sara Säkerhetschef';
const KARL = 'Karl Kontaktperson (S)';
const MARIA = 'Maria Kontaktperson (M)';

/** The alert card's title (src/alerts/alertCards.ts, sv). */
const ALERT_TITLE = 'Ny incidentrapport';
const CONFIRMATION = 'Tack – din rapport är mottagen';
const REFERENCE = /IR-\d{4}-\d{4}/;
/** Worker poll (ALERT_POLL_MS, 1 s) + pacing + connector + rendering, with plenty of room on a slow machine. */
const ALERT_MS = 60_000;
const START_MESSAGE = 'rapportera incident';
const QUESTION = 'Hur gör jag en polisanmälan?';
const ANSWER = 'Ring mig på 0346-88 60 00 så går vi igenom anmälan tillsammans.';

/**
 * What Anna wrote or is identified by: none of it may be in the alert (chat messages are kept; the card says
 * "Av integritetsskäl står inga detaljer här"). Party, body, kinds and channel are the card's facts and allowed.
 */
const NARRATIVE = [
  'vi vet var du bor',
  'skolnedläggning',
  'Facebook',
  'Min man',
  'Anna Förtroendevald',
  'Ledamot',
  'Skrämmande',
];

// ---- The test -------------------------------------------------------------------------------------------------

const isAlert = (record: BotActivityRecord) =>
  record.method === 'POST' && JSON.stringify(record.activity).includes(ALERT_TITLE);

describe('Alert to the security chief and the party contact after a report, and a question to the chief (Agents Playground)', function () {
  this.timeout(300_000);
  this.bail(true); // one story: when a step fails, every later step would fail too
  let rig: E2eRig;
  let playground: PlaygroundHandle;
  let browser: Browser;
  let sara: Page;
  let karl: Page;
  let anna: Page;
  let reference = '';
  let pressedAt = 0;
  /** Resolves when the alert card is visible on Sara's page (started right before Anna presses Skicka). */
  let saraSees: Promise<{ at: number }> | undefined;

  const alertOn = (page: Page) => cards(page).filter({ hasText: ALERT_TITLE });

  before(async () => {
    rig = await startRig({ users: [ANNA, SARA, KARL] });
    ({ playground, browser } = rig);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await dumpPages('alert', { anna, sara, karl });
    console.error(
      'bot → connector:\n' +
        (playground?.botActivities ?? [])
          .map((r) => `  ${r.method} ${r.conversationId} → [${r.deliveredTo.join(', ')}]`)
          .join('\n'),
    );
  });

  after(async () => rig?.stop());

  it('Sara Säkerhetschef opens the bot first and gets the welcome card (her 1:1 chat is now known)', async () => {
    sara = await openPlayground(playground.urlFor(SARA), browser);
    await waitForText(sara, /ring 112/, 30_000);
  });

  it('Karl Kontaktperson (S) opens the bot too', async () => {
    karl = await openPlayground(playground.urlFor(KARL), browser);
    await waitForText(karl, /ring 112/, 30_000);
  });

  it('Anna Förtroendevald opens the bot and starts a report in Swedish', async () => {
    anna = await openPlayground(playground.urlFor(ANNA), browser);
    await waitForText(anna, /ring 112/, 30_000);
    await sendMessage(anna, START_MESSAGE);
    await waitForText(anna, progress(1), REPLY_MS);
  });

  for (let n = 1; n <= 7; n++) {
    it(`Anna fills step ${n} of ${TOTAL}`, async () => {
      await completeStep(anna, n, 'Nästa', progress(n + 1));
    });
  }

  it('Anna fills step 8 and reviews the report', async () => {
    await completeStep(anna, 8, 'Granska', 'Granska din rapport');
    const review = await waitForText(anna, 'Granska din rapport');
    const text = await review.innerText();
    for (const expected of ['vi vet var du bor', 'Socialnämnden', 'Hot, Trakasserier', 'Min man']) {
      assert.ok(text.includes(expected), `the review shows "${expected}":\n${text}`);
    }
    assert.equal(await alertOn(sara).count(), 0, 'no alert before the report is sent');
  });

  it('Anna presses Skicka and sees the confirmation with the reference', async () => {
    const skicka = cards(anna)
      .filter({ hasText: 'Granska din rapport' })
      .last()
      .getByRole('button', { name: 'Skicka', exact: true });
    await skicka.waitFor({ state: 'visible', timeout: 15_000 });
    const before = await botMessages(anna).count();
    // Watch Sara's page from the moment Anna presses, so the measured time is not Anna's waiting plus Sara's.
    saraSees = alertOn(sara)
      .last()
      .waitFor({ state: 'visible', timeout: ALERT_MS })
      .then(() => ({ at: Date.now() }));
    saraSees.catch(() => undefined); // awaited in the next test; keep an early failure from being unhandled
    pressedAt = Date.now();
    await skicka.click({ timeout: 15_000 });

    const confirmation = await waitForNewMessage(anna, before, CONFIRMATION);
    const confirmedAt = Date.now();
    const text = await confirmation.innerText();
    reference = text.match(REFERENCE)?.[0] ?? '';
    assert.ok(reference, `the confirmation shows a reference:\n${text}`);
    console.log(
      `      Skicka → confirmation visible on Anna's page: ${confirmedAt - pressedAt} ms (${reference})`,
    );
    // For the screenshot only: the Playground may re-render the list as the police sheet arrives right after
    // the confirmation (seen once in CI: "Element is not attached to the DOM"), so the scroll is tried again.
    await retryDetached(() => confirmation.getByText(CONFIRMATION).scrollIntoViewIfNeeded());
    const shot = await screenshot(anna, 'alert-official-confirmation');
    assert.ok(fs.statSync(shot).size > 10_000, 'a real screenshot was taken');
  });

  it("Sara's page shows the alert card with the same reference, and none of the report's narrative", async () => {
    assert.ok(saraSees, 'Sara was being watched');
    const { at } = await saraSees;
    const card = alertOn(sara).last();
    const text = await card.innerText();
    assert.ok(text.includes(reference), `the alert names ${reference}:\n${text}`);
    for (const fact of ['Referens', 'Allvarlighet', 'Typ', 'Kanal', 'Nämnd/styrelse', 'Parti', 'Mottagen']) {
      assert.ok(text.includes(fact), `the alert has the fact "${fact}":\n${text}`);
    }
    assert.match(text, /Förhöjd – hot/, 'a threat makes the severity Förhöjd');
    assert.match(text, /Hot, Trakasserier/);
    assert.match(text, /Sociala medier/);
    assert.match(text, /Socialnämnden/);
    assert.match(text, /Av integritetsskäl står inga detaljer här/);
    for (const secret of NARRATIVE) {
      assert.ok(!text.includes(secret), `the alert card must not contain "${secret}":\n${text}`);
    }

    // What the bot actually sent (not only what the card renders): no narrative in the activity either.
    const sent = await playground.waitForBotActivity(
      (r) => isAlert(r) && r.conversationId === playground.personalChatIdFor(SARA),
      5_000,
    );
    assert.deepEqual(sent.deliveredTo, [SARA], "the alert went to Sara's personal chat only");
    const payload = JSON.stringify(sent.activity);
    assert.ok(payload.includes(reference), 'the sent activity names the reference');
    for (const secret of NARRATIVE) {
      assert.ok(!payload.includes(secret), `the sent alert must not contain "${secret}"`);
    }

    const confirmationSent = playground.botActivities.find(
      (r) =>
        r.conversationId === playground.personalChatIdFor(ANNA) &&
        JSON.stringify(r.activity).includes(CONFIRMATION),
    );
    console.log(
      `      Skicka → alert visible on Sara's page: ${at - pressedAt} ms ` +
        `(bot sent it to the connector after ${sent.at - pressedAt} ms` +
        (confirmationSent ? `; the confirmation after ${confirmationSent.at - pressedAt} ms)` : ')'),
    );

    await card.getByText(ALERT_TITLE).scrollIntoViewIfNeeded();
    const shot = await screenshot(sara, 'alert-chief');
    assert.ok(fs.statSync(shot).size > 10_000, 'a real screenshot was taken');
  });

  it('Karl (party S contact) gets the same alert; Anna and Maria (party M) get none', async () => {
    const card = alertOn(karl).last();
    await card.waitFor({ state: 'visible', timeout: ALERT_MS });
    const text = await card.innerText();
    assert.ok(text.includes(reference), `Karl's alert names ${reference}:\n${text}`);
    for (const secret of NARRATIVE) {
      assert.ok(!text.includes(secret), `Karl's alert must not contain "${secret}"`);
    }
    await card.getByText(ALERT_TITLE).scrollIntoViewIfNeeded();
    await screenshot(karl, 'alert-party-contact');

    const alerts = playground.botActivities.filter(isAlert);
    const chats = alerts.map((r) => r.conversationId).sort();
    assert.deepEqual(
      chats,
      [playground.personalChatIdFor(KARL), playground.personalChatIdFor(SARA)].sort(),
      'one alert each to Sara and Karl, no one else',
    );
    assert.ok(!chats.includes(playground.personalChatIdFor(MARIA)), 'no alert to the party M contact');
    assert.equal(await alertOn(anna).count(), 0, 'the reporter does not get the alert card');
  });

  it('Sara takes the report: both alert cards say so, and Anna is told', async () => {
    await clickCardButton(sara, 'Jag tar ärendet', { inCardWithText: reference });
    await waitForText(sara, /Du har tagit ärendet/);
    await waitForText(karl, /Tas om hand av Sara Säkerhetschef/);
    await waitForText(
      anna,
      new RegExp(`${SARA} tar hand om din rapport ${reference} och hör av sig till dig`),
    );
    await screenshot(sara, 'alert-taken');
    await screenshot(anna, 'alert-reporter-told');
  });

  it('Anna asks the security coordinator from a guidance answer ("Fråga säkerhetssamordnaren")', async () => {
    await sendMessage(anna, QUESTION);
    await clickCardButton(anna, 'Fråga säkerhetssamordnaren', { timeoutMs: REPLY_MS });
    await waitForText(anna, 'Skicka frågan', REPLY_MS);
    await clickCardButton(anna, 'Skicka frågan');
    await waitForText(anna, /Din fråga har skickats till säkerhetssamordnaren/, REPLY_MS);
  });

  it("Sara gets the question with Anna's name, answers in the card, and her card says so", async () => {
    const card = await waitForText(sara, 'Fråga till säkerhetssamordnaren', ALERT_MS);
    const text = await card.innerText();
    assert.ok(text.includes(QUESTION), `the question, prefilled from what Anna asked:\n${text}`);
    assert.ok(text.includes(ANNA), `who asked:\n${text}`);
    await fillCardInput(sara, 'Ditt svar', ANSWER, { inCardWithText: 'Fråga till säkerhetssamordnaren' });
    await clickCardButton(sara, 'Skicka svar', { inCardWithText: 'Fråga till säkerhetssamordnaren' });
    await waitForText(sara, /Ditt svar har skickats till Anna Förtroendevald/, REPLY_MS);
    await waitForText(sara, /Besvarad av Sara Säkerhetschef/, REPLY_MS);
    await screenshot(sara, 'ask-chief-answered');
  });

  it('Anna receives the answer in her chat', async () => {
    const answer = await waitForText(anna, 'Svar från säkerhetssamordnaren', ALERT_MS);
    const text = await answer.innerText();
    assert.ok(text.includes(ANSWER), `the answer:\n${text}`);
    await screenshot(anna, 'ask-chief-answer-received');
  });
});

/** `action` again (at most three times) when the element it acted on was replaced while it ran. */
async function retryDetached(action: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (err) {
      if (attempt >= 3 || !/not attached to the DOM/.test(String(err))) throw err;
    }
  }
}
