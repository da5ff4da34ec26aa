import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import {
  botMessages,
  cards,
  clickCardButton,
  fillCardInput,
  rerenderPersonalChat,
  waitForReply,
} from './browser';

/**
 * Filling the incident report in the Playground through its real card inputs, shared by the E2E tests. The
 * answers are those of COMPLETE_ANSWERS in test/support/reportFlow.ts, entered as a person would: choice titles,
 * not codes; Anna reports for herself, so the labels say "du". An entry is the input's label (a prefix is enough), the value, and how it is entered:
 * - default: fillCardInput() (text, textarea, compact and expanded ChoiceSets, Input.Time);
 * - 'date': Input.Date, a Fluent DatePicker (see fillDate);
 * - 'tick': one option of a multi-select ChoiceSet (see tick).
 */

export const REPLY_MS = 20_000;
export type Entry = [label: string, value: string, how?: 'date' | 'tick'];

export const TOTAL = 8;
export const progress = (n: number) => `Steg ${n} av ${TOTAL}`;

export const DESCRIPTION =
  'En person skrev att "vi vet var du bor" under mitt inlägg om skolnedläggningen. 😟';

export const STEPS: Record<number, Entry[]> = {
  1: [
    ['Ditt namn', 'Anna Förtroendevald'],
    ['Din funktion eller ditt uppdrag', 'Ledamot'],
    ['Gäller rapporten dig själv eller någon annan?', 'Mig själv'],
  ],
  2: [
    ['Nämnd eller styrelse', 'Socialnämnden'],
    ['Parti', 'S'],
  ],
  3: [
    ['Vad utsattes du för?', 'Hot', 'tick'],
    ['Vad utsattes du för?', 'Trakasserier', 'tick'],
    ['Hur framfördes det?', 'Sociala medier'],
    ['Beskriv händelsen så detaljerat som möjligt', DESCRIPTION],
    ['Misstänker du ett hatbrottsmotiv', 'Nej'],
  ],
  4: [
    ['Datum', '2026-11-20', 'date'],
    ['Ungefärlig tid', '21:30'],
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
    ['Hur upplevde du incidenten?', 'Skrämmande'],
  ],
  7: [
    ['Har polisen kontaktats?', 'Ja'],
    ['Har incidenten polisanmälts?', 'Nej'],
    ['Behöver du stöd eller hjälp?', 'Nej'],
  ],
  8: [
    ['Har du fått stöd eller hjälp?', 'Nej'],
    ['Har anhöriga informerats?', 'Ja'],
    ['Har säkerhetsansvarig i partiet eller annan ledande förtroendevald i partiet informerats?', 'Ja'],
    ['Har kommunala verksamheter informerats?', 'Nej'],
  ],
};

export const FOLLOW_UPS: Record<number, Entry[]> = {
  6: [
    [
      'Om en fråga, ett beslut eller annat: vilken fråga, vilket beslut eller vad?',
      'Beslutet om skolnedläggning',
    ],
  ],
  7: [
    ['Om ja, när?', '2026-11-21', 'date'],
    ['Om inte, vill du att incidenten polisanmäls?', 'Ja'],
  ],
  8: [['Om ja, vilka anhöriga?', 'Min man']],
};

export const stepCard = (n: number, withFollowUps = false): string | RegExp =>
  withFollowUps ? new RegExp(`${progress(n)}[\\s\\S]*Några följdfrågor`) : progress(n);

export const newestCard = (page: Page, n: number, withFollowUps = false) =>
  cards(page)
    .filter({ hasText: stepCard(n, withFollowUps) })
    .last();

/** Input.Date (Fluent DatePicker): type the date, Enter, check the picker shows it (see report.e2e.test.ts). */
export async function fillDate(page: Page, n: number, label: string, value: string, withFollowUps: boolean) {
  const found = newestCard(page, n, withFollowUps)
    .getByLabel(label)
    .and(page.locator('input[aria-haspopup="dialog"]'))
    .last();
  const id = await found.getAttribute('id', { timeout: 10_000 });
  assert.ok(id, `the date input "${label}" has an id`);
  const input = page.locator(`[id="${id}"]`);
  await input.click();
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
  });
  let pickerText = '';
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await page.waitForTimeout(100)) {
    pickerText = await input.inputValue();
    if (pickerText === shown) break;
  }
  assert.equal(pickerText, shown, `the date picker "${label}" took ${value}`);
  if (await calendar.isVisible()) await input.press('Escape');
  await calendar.waitFor({ state: 'hidden', timeout: 5_000 });
}

/** One option of a multi-select ChoiceSet (see report.e2e.test.ts for why not fillCardInput). */
export async function tick(page: Page, n: number, label: string, value: string, withFollowUps: boolean) {
  const card = newestCard(page, n, withFollowUps);
  const option = card
    .getByRole('checkbox', { name: label })
    .and(card.locator(`input[type="checkbox"][aria-label="${value}"]`));
  await option.check({ timeout: 10_000 });
  assert.ok(await option.isChecked(), `"${value}" is ticked`);
}

export async function fill(page: Page, n: number, entries: Entry[], withFollowUps = false) {
  // A card replaced in place keeps the old card's rendered ChoiceSet options: render the chat afresh first.
  await rerenderPersonalChat(page);
  // A card replaced in place re-creates its input objects on the first click into it: click a neutral part
  // (the progress text) once first, so that no tick or choice is lost.
  await newestCard(page, n, withFollowUps)
    .getByText(progress(n))
    .first()
    .click({ timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  for (const [label, value, how] of entries) {
    if (how === 'date') await fillDate(page, n, label, value, withFollowUps);
    else if (how === 'tick') await tick(page, n, label, value, withFollowUps);
    else await fillCardInput(page, label, value, { inCardWithText: stepCard(n, withFollowUps) });
  }
}

export async function press(page: Page, n: number, title: string, withFollowUps = false) {
  await clickCardButton(page, title, { inCardWithText: stepCard(n, withFollowUps), timeoutMs: 15_000 });
}

/**
 * Waits for `text` in the bot's answer to a press: a new message after the `before` already shown, or the
 * pressed card itself (the last one shown), which the report dialog replaces in place with the next step.
 */
export async function waitForNewMessage(page: Page, before: number, text: string | RegExp) {
  return waitForReply(page, Math.max(0, before - 1), text, REPLY_MS);
}

/** Fills step n with its follow-ups (on the same card, "Om ja, …") and presses `button` once until `next` shows. */
export async function completeStep(page: Page, n: number, button: string, next: string | RegExp) {
  await fill(page, n, [...STEPS[n]!, ...(FOLLOW_UPS[n] ?? [])]);
  const before = await botMessages(page).count();
  await press(page, n, button);
  const card = await waitForNewMessage(page, before, next);
  assert.doesNotMatch(await card.innerText(), /Kontrollera de markerade fälten/, `step ${n}: no errors`);
}
