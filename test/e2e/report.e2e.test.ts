import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { startPlayground, type PlaygroundHandle } from '../../scripts/playground/playground';
import { startE2eBot, type E2eBot } from './support/bot';
import {
  botMessages,
  cards,
  clickCardButton,
  closeBrowser,
  fillCardInput,
  openPlayground,
  screenshot,
  sendMessage,
  waitForText,
} from './support/browser';

/**
 * The whole incident report (Bilaga 4) as Anna Förtroendevald fills it in her personal chat: every step through
 * the real card inputs in headless Chromium, follow-up questions revealed by the bot, the review, Skicka, the
 * confirmation with its reference and the police sheet. The answers are those of COMPLETE_ANSWERS in
 * test/support/reportFlow.ts, entered as a person would: choice titles, not codes.
 */

/**
 * One answer: the input's label (a prefix is enough; without the " *" the card adds to required fields), the
 * value as the user picks or types it, and how it is entered:
 * - default: fillCardInput() (text, textarea, compact ChoiceSet = Fluent combobox, expanded ChoiceSet = radios,
 *   Input.Time = Fluent TimePicker combobox with half-hour options);
 * - 'date': Input.Date, a Fluent DatePicker (see fillDate);
 * - 'tick': one option of a multi-select ChoiceSet (see tick).
 */
type Entry = [label: string, value: string, how?: 'date' | 'tick'];

const TOTAL = 8;
const progress = (n: number) => `Steg ${n} av ${TOTAL}`;
const REPLY_MS = 20_000;
/** The Playground always sends locale en-US: the bot answers in Swedish because the words are Swedish. */
const START_MESSAGE = 'rapportera incident';

const STEPS: Record<number, Entry[]> = {
  1: [
    ['Ditt namn', 'Anna Förtroendevald'],
    ['Din funktion eller ditt uppdrag', 'Ledamot'],
    ['Gäller rapporten dig själv eller någon annan?', 'Mig själv'], // expanded (2 choices)
  ],
  2: [
    ['Nämnd eller styrelse', 'Socialnämnden'], // compact (12 bodies)
    ['Parti', 'S'], // compact (8 parties)
  ],
  3: [
    ['Vad utsattes personen för?', 'Hot', 'tick'], // multi-select
    ['Vad utsattes personen för?', 'Trakasserier', 'tick'],
    ['Hur framfördes det?', 'Sociala medier'], // compact (7 choices)
    [
      'Beskriv händelsen så detaljerat som möjligt',
      'En person skrev att "vi vet var du bor" under mitt inlägg om skolnedläggningen. 😟',
    ],
    ['Misstänker du ett hatbrottsmotiv', 'Nej'],
  ],
  4: [
    ['Datum', '2026-11-20', 'date'],
    ['Ungefärlig tid', '21:30'], // Input.Time
    ['Plats', 'Facebook'],
    ['Såg någon annan händelsen?', 'Min man såg inlägget'],
    ['Nådde hotet fram till den tänkta mottagaren?', 'Ja'],
  ],
  5: [
    ['Är förövaren känd?', 'Okänd'],
    ['En eller flera personer?', 'En'],
    ['Har förövaren utsatt andra förtroendevalda?', 'Vet inte'],
  ],
  6: [
    ['Antas förövaren tillhöra en gruppering av något slag?', 'Nej'],
    ['Finns någon känd utlösande faktor?', 'Ett beslut'],
    ['Hur upplevde den utsatte incidenten?', 'Skrämmande'],
  ],
  7: [
    ['Har polisen kontaktats?', 'Ja'],
    ['Har incidenten polisanmälts?', 'Nej'],
    ['Har den utsatte uttryckt behov av stöd eller hjälp?', 'Nej'],
  ],
  8: [
    ['Har den utsatte fått stöd eller hjälp?', 'Nej'],
    ['Har anhöriga informerats?', 'Ja'],
    ['Har säkerhetsansvarig i partiet eller annan ledande förtroendevald i partiet informerats?', 'Ja'],
    ['Har kommunala verksamheter informerats?', 'Nej'],
  ],
};

/** Follow-ups the bot reveals server-side after Nästa: the same step comes back with "Några följdfrågor". */
const FOLLOW_UPS: Record<number, Entry[]> = {
  6: [['Vilken fråga, vilket beslut eller vad?', 'Beslutet om skolnedläggning']],
  7: [
    ['Om ja, när?', '2026-11-21', 'date'], // revealed by "Har polisen kontaktats?" = Ja
    ['Om inte, vill den utsatte att incidenten polisanmäls?', 'Ja'], // revealed by "polisanmälts?" = Nej
  ],
  8: [['Vem eller vilka?', 'Min man']], // revealed by "Har anhöriga informerats?" = Ja
};

/** Text that picks the newest card of step n (the one that came back with follow-ups, when asked). */
const stepCard = (n: number, withFollowUps = false): string | RegExp =>
  withFollowUps ? new RegExp(`${progress(n)}[\\s\\S]*Några följdfrågor`) : progress(n);

describe('Incident report in the Agents Playground (Swedish, personal chat)', function () {
  this.timeout(240_000);
  this.bail(true); // one conversation: when a step fails, every later step would fail too
  let bot: E2eBot;
  let playground: PlaygroundHandle;
  let page: Page;

  const newestCard = (n: number, withFollowUps = false) =>
    cards(page)
      .filter({ hasText: stepCard(n, withFollowUps) })
      .last();

  /**
   * Input.Date is a Fluent DatePicker: an <input role="combobox"> that opens a calendar dialog, so
   * fillCardInput() (which looks for an option named like the value) cannot fill it. Typing the date and
   * pressing Enter is accepted: the picker shows it as "20 november 2026" and submits YYYY-MM-DD.
   * While the calendar is open the rest of the page is aria-hidden, so the input is held by its id, not its role.
   */
  const fillDate = async (n: number, label: string, value: string, withFollowUps: boolean) => {
    const found = newestCard(n, withFollowUps)
      .getByLabel(label)
      .and(page.locator('input[aria-haspopup="dialog"]'))
      .last();
    const id = await found.getAttribute('id', { timeout: 10_000 });
    assert.ok(id, `the date input "${label}" has an id`);
    const input = page.locator(`[id="${id}"]`);
    await input.click(); // the first click into a card re-creates its inputs (README): click, then type
    const calendar = page.getByRole('dialog');
    if (await calendar.isVisible()) await input.press('Escape');
    await input.fill(value);
    await input.press('Enter');
    const [year, month, day] = value.split('-').map(Number);
    const shown = new Date(Date.UTC(year!, month! - 1, day!)).toLocaleDateString('sv-SE', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }); // "20 november 2026"
    let pickerText = '';
    for (const deadline = Date.now() + 5_000; Date.now() < deadline; await page.waitForTimeout(100)) {
      pickerText = await input.inputValue();
      if (pickerText === shown) break;
    }
    assert.equal(pickerText, shown, `the date picker "${label}" took ${value}`);
    // Close the calendar if it is still open: it covers the next input.
    if (await calendar.isVisible()) await input.press('Escape');
    await calendar.waitFor({ state: 'hidden', timeout: 5_000 });
  };

  /**
   * One option of a multi-select ChoiceSet. Not fillCardInput(): in the Playground's renderer each checkbox is
   * labelled by the set's label too (aria-labelledby = set label + option), so the helper takes the set's last
   * option for an Input.Toggle and calls setChecked(value === 'true') on it, which ticks nothing.
   */
  const tick = async (n: number, label: string, value: string, withFollowUps: boolean) => {
    const card = newestCard(n, withFollowUps);
    const option = card
      .getByRole('checkbox', { name: label })
      .and(card.locator(`input[type="checkbox"][aria-label="${value}"]`));
    await option.check({ timeout: 10_000 });
    assert.ok(await option.isChecked(), `"${value}" is ticked`);
  };

  const fill = async (n: number, entries: Entry[], withFollowUps = false) => {
    for (const [label, value, how] of entries) {
      if (how === 'date') await fillDate(n, label, value, withFollowUps);
      else if (how === 'tick') await tick(n, label, value, withFollowUps);
      else await fillCardInput(page, label, value, { inCardWithText: stepCard(n, withFollowUps) });
    }
  };

  /** Presses a button on the newest card of step n (never an older card's). */
  const press = async (n: number, title: string, withFollowUps = false) => {
    await clickCardButton(page, title, { inCardWithText: stepCard(n, withFollowUps), timeoutMs: 15_000 });
  };

  /** Waits for the bot's next message (the one after the `before` already shown), then for `text`. */
  const messageCount = () => botMessages(page).count();
  const waitForNewMessage = async (before: number, text: string | RegExp) => {
    await botMessages(page).nth(before).waitFor({ state: 'visible', timeout: REPLY_MS });
    return waitForText(page, text, REPLY_MS);
  };

  const buttonCount = (cardText: string | RegExp, title: string) =>
    cards(page)
      .filter({ hasText: cardText })
      .last()
      .getByRole('button', { name: title, exact: true })
      .count();

  before(async () => {
    bot = await startE2eBot();
    playground = await startPlayground({ botEndpoint: bot.endpoint });
    page = await openPlayground(playground.url);
    await waitForText(page, /ring 112/, 30_000); // the welcome card: the chat is ready
  });

  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !page) return;
    // What the user saw when it failed: the newest bot message and a screenshot.
    const texts = await botMessages(page)
      .allInnerTexts()
      .catch(() => [] as string[]);
    console.error(`newest bot message:\n${texts.at(-1) ?? '(none)'}`);
    await screenshot(page, 'report-failure').catch(() => undefined);
  });

  after(async () => {
    await closeBrowser();
    await playground?.stop();
    await bot?.stop();
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

  it('step 6: the trigger "Ett beslut" brings the follow-up "Vilken fråga, vilket beslut eller vad?"', async () => {
    await fill(6, STEPS[6]!);
    let before = await messageCount();
    await press(6, 'Nästa');
    const again = await waitForNewMessage(before, stepCard(6, true));
    const text = await again.innerText();
    assert.match(text, /Vilken fråga, vilket beslut eller vad\?/);
    assert.doesNotMatch(text, /Kontrollera de markerade fälten/);
    await fill(6, FOLLOW_UPS[6]!, true);
    before = await messageCount();
    await press(6, 'Nästa', true);
    await waitForNewMessage(before, progress(7));
  });

  it('step 7: "Har polisen kontaktats?" = Ja brings "Om ja, när?" after Nästa', async () => {
    const first = await waitForText(page, progress(7));
    assert.doesNotMatch(
      await first.innerText(),
      /Om ja, när\?/,
      'the follow-up is not asked before the answer',
    );
    await fill(7, STEPS[7]!);
    let before = await messageCount();
    await press(7, 'Nästa');
    const again = await waitForNewMessage(before, stepCard(7, true));
    const text = await again.innerText();
    assert.match(text, /Tack\. Några följdfrågor till ditt svar:/);
    assert.match(text, /Om ja, när\? \*/);
    assert.match(text, /Om inte, vill den utsatte att incidenten polisanmäls\? \*/);
    assert.doesNotMatch(text, /Kontrollera de markerade fälten/, 'a just-revealed follow-up is not an error');
    await again.getByText(progress(7)).scrollIntoViewIfNeeded();
    await screenshot(page, 'report-step7-follow-up');
    await fill(7, FOLLOW_UPS[7]!, true);
    before = await messageCount();
    await press(7, 'Nästa', true);
    await waitForNewMessage(before, progress(8));
  });

  it('step 8: fills the last step and goes to the review with Granska', async () => {
    const last = await waitForText(page, progress(8));
    assert.match(await last.innerText(), /Stöd och information/);
    assert.equal(await buttonCount(progress(8), 'Nästa'), 0, 'the last step has Granska instead of Nästa');
    await fill(8, STEPS[8]!);
    let before = await messageCount();
    await press(8, 'Granska');
    await waitForNewMessage(before, stepCard(8, true));
    await fill(8, FOLLOW_UPS[8]!, true);
    before = await messageCount();
    await press(8, 'Granska', true);
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
