import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import type { PlaygroundHandle } from '../../scripts/playground/playground';
import { startRig, type E2eBot, type E2eRig } from './support/bot';
import {
  cards,
  clickCardButton,
  fillCardInput,
  openGroupChat,
  openPlayground,
  screenshot,
  sendMessage,
  waitForText,
} from './support/browser';

/**
 * The Bilaga 2 meeting checklist shared in a group chat (Agents Playground, one page per person): Anna
 * Förtroendevald starts it and names the meeting, then Anna and Olof Ledamot each tick items with
 * Action.Execute, and both pages show every tick with who ticked it. The Playground replaces the card on the
 * presser's page from the invoke response and on the other page through the bot's updateActivity. When Olof
 * marks elevated risk, Sara Säkerhetschef gets the meeting-risk alert in her own chat with the bot.
 */

const ANNA = 'Anna Förtroendevald';
const OLOF = 'Olof Ledamot';
/** The security chief: gets the meeting-risk alert in her 1:1 chat with the bot. */
const SARA = 'Sara Säkerhetschef';
const RISK_ALERT_TITLE = 'Förhöjd risk vid sammanträde';
/** On the form only (the welcome card has a button titled like the form). */
const FORM_INTRO = 'Ange vilket sammanträde det gäller.';
const CHECKLIST_TITLE = 'Checklista: Kommunfullmäktige';
const SHOW_MS = 15_000;

/** The newest checklist card on the page. */
const checklistOn = (page: Page): Locator => cards(page).filter({ hasText: CHECKLIST_TITLE }).last();

/**
 * The item's row on the newest checklist card: the renderer draws a ColumnSet as a container (no class of its
 * own), so it is the container whose text starts with the item (after its ⬜/✅) and that holds a button.
 */
const itemRow = (page: Page, item: string): Locator =>
  checklistOn(page)
    .locator('.ac-container')
    .filter({ hasText: new RegExp(`^(⬜|✅) ${item.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`) })
    .filter({ has: page.getByRole('button') })
    .last();

/** Input.Date is a Fluent DatePicker: type the date and Enter (as test/e2e/support/reportForm.ts does). */
async function fillDate(page: Page, label: string, value: string): Promise<void> {
  const form = cards(page).filter({ hasText: FORM_INTRO }).last();
  const id = await form
    .getByLabel(label)
    .and(page.locator('input[aria-haspopup="dialog"]'))
    .last()
    .getAttribute('id', { timeout: SHOW_MS });
  const input = page.locator(`[id="${id}"]`);
  await input.click();
  const calendar = page.getByRole('dialog');
  if (await calendar.isVisible()) await input.press('Escape');
  await input.fill(value);
  await input.press('Enter');
  if (await calendar.isVisible()) await input.press('Escape');
  await calendar.waitFor({ state: 'hidden', timeout: 5_000 });
}

async function tick(page: Page, item: string): Promise<number> {
  const started = Date.now();
  await itemRow(page, item).getByRole('button', { name: 'Klar', exact: true }).click({ timeout: SHOW_MS });
  await itemRow(page, item).getByText(`✅ ${item}`).waitFor({ state: 'visible', timeout: SHOW_MS });
  return Date.now() - started;
}

async function expectTicked(page: Page, item: string, by: string): Promise<void> {
  const row = itemRow(page, item);
  await row.getByText(`✅ ${item}`).waitFor({ state: 'visible', timeout: SHOW_MS });
  await row.getByText(new RegExp(`^Klar – ${by}, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d$`)).waitFor({
    state: 'visible',
    timeout: SHOW_MS,
  });
}

describe('Meeting checklist shared in a group chat (Agents Playground, two people)', function () {
  this.timeout(240_000);
  this.bail(true); // one story: when a step fails, every later step would fail too
  let rig: E2eRig;
  let bot: E2eBot;
  let playground: PlaygroundHandle;
  let browser: Browser;
  let anna: Page;
  let olof: Page;
  let sara: Page;
  let botOutput = '';

  before(async () => {
    rig = await startRig({ users: [ANNA, OLOF, SARA] });
    ({ bot, playground, browser } = rig);
    bot.child.stdout?.on('data', (chunk: Buffer) => (botOutput += chunk.toString()));
    bot.child.stderr?.on('data', (chunk: Buffer) => (botOutput += chunk.toString()));
    // Sara opens the bot first, so it knows her 1:1 chat for the risk alert.
    sara = await openPlayground(playground.urlFor(SARA), browser);
    await waitForText(sara, /ring 112/, 30_000);
    [anna, olof] = await Promise.all([
      openPlayground(playground.urlFor(ANNA), browser),
      openPlayground(playground.urlFor(OLOF), browser),
    ]);
    await openGroupChat(anna);
    await openGroupChat(olof);
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed') return;
    await screenshot(anna, 'meeting-anna-failure').catch(() => undefined);
    await screenshot(olof, 'meeting-olof-failure').catch(() => undefined);
    await screenshot(sara, 'meeting-sara-failure').catch(() => undefined);
    const html = await cards(anna)
      .last()
      .innerHTML()
      .catch(() => '');
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync('test-results/meeting-anna-failure.html', html);
    this.currentTest.err = new Error(
      `${this.currentTest.err?.message}\n${playground.logs()}\n--- bot\n${botOutput.slice(-4_000)}`,
    );
  });

  after(async () => rig?.stop());

  it('Anna asks for the checklist (@mentioning the bot); both see the form', async () => {
    await sendMessage(anna, 'checklista inför fullmäktige');
    await waitForText(anna, FORM_INTRO);
    await waitForText(olof, FORM_INTRO);
  });

  it('Anna names the meeting; both see the same checklist card', async () => {
    const date = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await fillCardInput(anna, 'Organ', 'Kommunfullmäktige', { inCardWithText: FORM_INTRO });
    await fillDate(anna, 'Datum', date);
    await fillCardInput(anna, 'Plats', 'Sessionssalen, stadshuset', { inCardWithText: FORM_INTRO });
    await clickCardButton(anna, 'Starta checklistan', { inCardWithText: FORM_INTRO });
    await waitForText(anna, CHECKLIST_TITLE);
    await waitForText(olof, CHECKLIST_TITLE);
    await checklistOn(olof).getByText(`${date}, Sessionssalen, stadshuset`).waitFor({ timeout: SHOW_MS });
    assert.equal(await checklistOn(olof).getByRole('button', { name: 'Klar', exact: true }).count(), 17);
  });

  it('both tick items; both pages show every tick and who made it', async () => {
    const timings = [
      await tick(anna, 'Entrén'),
      await tick(olof, 'Brandsläckare'),
      await tick(anna, 'Utrymningsskyltar'),
    ];
    await tick(olof, 'Nödutgångar/utrymningsvägar');
    for (const page of [anna, olof]) {
      await expectTicked(page, 'Entrén', ANNA);
      await expectTicked(page, 'Utrymningsskyltar', ANNA);
      await expectTicked(page, 'Brandsläckare', OLOF);
      await expectTicked(page, 'Nödutgångar/utrymningsvägar', OLOF);
      await checklistOn(page)
        .getByText('4 av 17 punkter klara', { exact: false })
        .waitFor({ timeout: SHOW_MS });
    }
    await screenshot(anna, 'meeting-anna');
    await screenshot(olof, 'meeting-olof');
    console.log(`      click → own tick visible: ${timings.join(', ')} ms`);
  });

  it('Olof marks elevated risk; both see the screening rules (SFS 2010:294), and the chief gets the alert', async () => {
    await checklistOn(olof).getByRole('button', { name: 'Ja', exact: true }).click();
    for (const page of [anna, olof]) {
      await checklistOn(page).getByText('Säkerhetskontroll (SFS 2010:294)').waitFor({ timeout: SHOW_MS });
      await checklistOn(page)
        .getByText(/^Säkerhetssamordnaren har larmats \(Olof Ledamot/)
        .waitFor({ timeout: SHOW_MS });
    }
    await screenshot(anna, 'meeting-anna-risk');
    const alert = cards(sara).filter({ hasText: RISK_ALERT_TITLE }).last();
    await alert.getByText('Sessionssalen, stadshuset').first().waitFor({ timeout: SHOW_MS });
    await alert.getByText('Olof Ledamot').first().waitFor({ timeout: SHOW_MS });
    await screenshot(sara, 'meeting-sara-risk-alert');
  });
});
