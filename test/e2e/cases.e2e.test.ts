import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { PlaygroundHandle } from '../../scripts/playground/playground';
import { startRig, type E2eBot, type E2eRig } from './support/bot';
import {
  botMessages,
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
 * Case management end to end, as the security chief: Anna Förtroendevald files a report through the real card
 * inputs, then Sara Säkerhetschef writes "ärenden", lists the cases, opens Anna's report (every field and its
 * history), moves it to "Under handläggning" with a reason, and exports it: the export card's link serves the
 * print-ready Bilaga 4 document from the bot's own server, which a browser tab opens.
 */
const ANNA = 'Anna Förtroendevald';
const SARA = 'Sara Säkerhetschef';
const REFERENCE = /IR-\d{4}-\d{4}/;

describe('Case management as the security chief (Agents Playground)', function () {
  this.timeout(300_000);
  this.bail(true);
  let rig: E2eRig;
  let bot: E2eBot;
  let playground: PlaygroundHandle;
  let browser: Browser;
  let anna: Page;
  let sara: Page;
  let reference = '';

  before(async () => {
    rig = await startRig({ users: [ANNA, SARA] });
    ({ bot, playground, browser } = rig);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') await dumpPages('cases', { anna, sara });
  });

  after(async () => rig?.stop());

  it('Anna files a report', async () => {
    anna = await openPlayground(playground.urlFor(ANNA), browser);
    await waitForText(anna, /ring 112/, 30_000);
    await sendMessage(anna, 'rapportera incident');
    await waitForText(anna, progress(1), REPLY_MS);
    for (let n = 1; n < TOTAL; n++) await completeStep(anna, n, 'Nästa', progress(n + 1));
    await completeStep(anna, TOTAL, 'Granska', 'Granska din rapport');
    const before = await botMessages(anna).count();
    await clickCardButton(anna, 'Skicka', { inCardWithText: 'Granska din rapport' });
    const confirmation = await waitForNewMessage(anna, before, 'Tack – din rapport är mottagen');
    reference = (await confirmation.innerText()).match(REFERENCE)?.[0] ?? '';
    assert.ok(reference, 'the report has a reference');
  });

  it('Sara writes "ärenden" and lists the cases', async () => {
    sara = await openPlayground(playground.urlFor(SARA), browser);
    await waitForText(sara, /ring 112/, 30_000);
    await sendMessage(sara, 'ärenden');
    await waitForText(sara, 'Ärenden – säkerhetssamordnaren', REPLY_MS); // the default SECURITY_CONTACT_TITLE
    const started = Date.now();
    await clickCardButton(sara, 'Visa ärenden');
    const list = await waitForText(sara, reference, REPLY_MS);
    console.log(`      Visa ärenden → list visible: ${Date.now() - started} ms`);
    assert.match(await list.innerText(), /Mottagen/);
    await screenshot(sara, 'cases-list');
  });

  it('Sara opens the report: every field and its history', async () => {
    await clickCardButton(sara, 'Öppna', { inCardWithText: reference });
    const detail = await waitForText(sara, `Incidentrapport ${reference}`, REPLY_MS);
    const text = await detail.innerText();
    for (const expected of [
      'vi vet var du bor',
      'Socialnämnden',
      'Hot, Trakasserier',
      'Historik',
      'Rapporten skickades',
    ]) {
      assert.ok(text.includes(expected), `the case shows "${expected}":\n${text}`);
    }
    await screenshot(sara, 'cases-detail');
  });

  it('Sara moves it to "Under handläggning" with a reason', async () => {
    const card = `Incidentrapport ${reference}`;
    await fillCardInput(sara, 'Ny status', 'Under handläggning', { inCardWithText: card });
    await fillCardInput(sara, 'Skäl (krävs)', 'Ringt upp Anna, stödsamtal bokat', { inCardWithText: card });
    const before = await botMessages(sara).count();
    await clickCardButton(sara, 'Ändra status', { inCardWithText: card });
    const saved = await waitForNewMessage(sara, before, 'Sparat.');
    const text = await saved.innerText();
    assert.match(text, /Status\s*Under handläggning/);
    assert.ok(text.includes('Ringt upp Anna, stödsamtal bokat'), `the history has the reason:\n${text}`);
    await screenshot(sara, 'cases-status-changed');
  });

  it('Sara exports it: the link opens the print-ready Bilaga 4 document', async () => {
    const before = await botMessages(sara).count();
    await clickCardButton(sara, 'Exportera (utskrift/PDF)');
    const exportCard = await waitForNewMessage(sara, before, `Export av ${reference}`);
    assert.match(await exportCard.innerText(), /Öppna dokumentet/, 'the card offers the document');
    const sent = await playground.waitForBotActivity(
      (r) => JSON.stringify(r.activity).includes(`Export av ${reference}`),
      5_000,
    );
    const url = /"url":"([^"]+)"/.exec(JSON.stringify(sent.activity))?.[1] ?? '';
    assert.ok(url.startsWith(bot.url), `a link to the bot's own server: ${url}`);
    const doc = await browser.newPage();
    // A one-time link: the GET shows only a button; pressing it POSTs back and serves the document.
    const page = await doc.goto(url);
    assert.equal(page?.status(), 200);
    const [response] = await Promise.all([
      doc.waitForResponse((r) => r.url() === url && r.request().method() === 'POST', { timeout: 15_000 }),
      doc.getByRole('button').first().click({ timeout: 10_000 }),
    ]);
    assert.equal(response.status(), 200);
    await doc.waitForLoadState('domcontentloaded');
    const body = await doc.locator('body').innerText();
    for (const expected of [
      reference,
      'Vem utsattes?',
      'vi vet var du bor',
      'Under handläggning',
      'Ringt upp Anna',
    ]) {
      assert.ok(body.includes(expected), `the document has "${expected}"`);
    }
    const html = await response.text();
    console.log(`      export document: ${Buffer.byteLength(html)} bytes`);
    const shot = await screenshot(doc, 'cases-export-document');
    assert.ok(fs.statSync(shot).size > 10_000, 'a real screenshot was taken');
    await doc.close();
  });
});
