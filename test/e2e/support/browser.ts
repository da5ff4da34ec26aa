/**
 * Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and page helpers for the
 * Agents Playground web UI. Selectors use roles, labels and text; the few class names used are library
 * names (Fluent AI `fai-OutputCard`, adaptivecards `ac-adaptiveCard`), not the UI's hashed classes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { playgroundForUrl, projectRoot } from '../../../scripts/playground/playground';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Chromium with a fresh temporary profile (playwright's launch() makes one and deletes it on close). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

let sharedBrowser: Browser | undefined;
async function defaultBrowser(): Promise<Browser> {
  if (!sharedBrowser || !sharedBrowser.isConnected()) sharedBrowser = await launchBrowser();
  return sharedBrowser;
}

/** Closes the browser openPlayground() launched when it was given none. */
export async function closeBrowser(): Promise<void> {
  const browser = sharedBrowser;
  sharedBrowser = undefined;
  await browser?.close();
}

type ConversationKind = 'personal' | 'group' | 'channel';

interface PageState {
  botName: string;
  groupChatName: string;
  teamName: string;
  userName: string;
  active: ConversationKind;
}

const states = new WeakMap<Page, PageState>();

function stateOf(page: Page): PageState {
  const state = states.get(page);
  if (!state) throw new Error('not a Playground page: open it with openPlayground()');
  return state;
}

/** The compose box (a Lexical editor); card inputs are textboxes too, so not just getByRole('textbox'). */
export function composeBox(page: Page): Locator {
  return page.locator('[data-lexical-editor="true"][role="textbox"]');
}

/** Bot messages (text and cards) in the open conversation; excludes the chat list preview and the log panel. */
export function botMessages(page: Page): Locator {
  return page.locator('.fai-OutputCard');
}

/** Adaptive Cards in the open conversation. */
export function cards(page: Page): Locator {
  return page.locator('.ac-adaptiveCard');
}

async function isolatedContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'sv-SE' });
  // Loopback only: the UI asks a CDN for its fonts (harmless to miss) and must never reach out.
  // Matching in the predicate keeps loopback requests off the (slow) interception path.
  await context.route(
    (url) => url.protocol !== 'data:' && url.protocol !== 'blob:' && !LOOPBACK_HOSTS.has(url.hostname),
    (route) => route.abort('blockedbyclient'),
  );
  return context;
}

async function waitUntilReady(page: Page, timeoutMs: number): Promise<void> {
  await composeBox(page).waitFor({ state: 'visible', timeout: timeoutMs });
  await page
    .getByRole('treeitem', { name: 'Personal Chat' })
    .waitFor({ state: 'visible', timeout: timeoutMs });
}

async function readState(page: Page): Promise<PageState> {
  const response = await page.request.get(new URL('/_internal/v1/testConfig', page.url()).toString());
  const { config } = (await response.json()) as {
    config: {
      bot: { name: string };
      currentUser: { name: string };
      groupChats: Array<{ name: string }>;
      teams: Array<{ name: string }>;
    };
  };
  return {
    botName: config.bot.name,
    groupChatName: config.groupChats[0]?.name ?? 'Group Chat',
    teamName: config.teams[0]?.name ?? '',
    userName: config.currentUser.name,
    active: 'personal',
  };
}

/**
 * Opens the Playground UI in a new, isolated browser context and waits until it can be typed into.
 * Each page load makes the Playground send installationUpdate + conversationUpdate to the bot, and starts
 * with empty chats: the UI keeps no history across loads.
 */
export async function openPlayground(url: string, browser?: Browser, timeoutMs = 30_000): Promise<Page> {
  const context = await isolatedContext(browser ?? (await defaultBrowser()));
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await waitUntilReady(page, timeoutMs);
  states.set(page, await readState(page));
  return page;
}

/** The person the page is acting as (the Playground's current user). */
export function currentUserName(page: Page): string {
  return stateOf(page).userName;
}

/**
 * Types a message and sends it. In a group chat or channel the bot only receives messages that @mention it
 * (as in Teams), so by default the mention is added there; pass mentionBot: false to send a plain message.
 */
export async function sendMessage(
  page: Page,
  text: string,
  options: { mentionBot?: boolean } = {},
): Promise<void> {
  const state = stateOf(page);
  const mention = options.mentionBot ?? state.active !== 'personal';
  const box = composeBox(page);
  await box.click();
  // <at>Name</at> is the Playground's mention syntax (the names of the chat's members and the bot).
  await box.fill(mention ? `<at>${state.botName}</at> ${text}` : text);
  await page.getByRole('button', { name: 'Send Message' }).click();
  // The Playground clears the compose box once it has taken the message.
  await page.waitForFunction(
    `!document.querySelector('[data-lexical-editor="true"]')?.textContent?.trim()`,
    undefined,
    { timeout: 5_000 },
  );
}

/** Waits until a bot message or card containing `text` is visible; returns that message. */
/**
 * A bot message that arrived after the first `before` ones and contains `text`: the answer to what was just
 * sent (waitForText would also accept an older message that happens to match).
 */
export async function waitForReply(
  page: Page,
  before: number,
  text: string | RegExp,
  timeoutMs = 15_000,
): Promise<Locator> {
  const deadline = Date.now() + timeoutMs;
  const has = (inner: string) => (typeof text === 'string' ? inner.includes(text) : text.test(inner));
  for (;;) {
    const count = await botMessages(page).count();
    for (let i = before; i < count; i++) {
      const message = botMessages(page).nth(i);
      if (has(await message.innerText().catch(() => ''))) return message;
    }
    if (Date.now() > deadline)
      throw new Error(`no new bot message with ${String(text)} within ${timeoutMs} ms`);
    await page.waitForTimeout(100);
  }
}

export async function waitForText(page: Page, text: string | RegExp, timeoutMs = 15_000): Promise<Locator> {
  const message = botMessages(page).filter({ hasText: text }).last();
  await message.waitFor({ state: 'visible', timeout: timeoutMs });
  return message;
}

/** Clicks a button (Action.Submit / Action.Execute / …) on the newest card that has it, optionally only in a card containing `inCardWithText`. */
export async function clickCardButton(
  page: Page,
  title: string,
  options: { inCardWithText?: string | RegExp; timeoutMs?: number } = {},
): Promise<void> {
  const scope = options.inCardWithText
    ? cards(page).filter({ hasText: options.inCardWithText })
    : cards(page);
  const button = scope.getByRole('button', { name: title, exact: true }).last();
  await button.click({ timeout: options.timeoutMs ?? 10_000 });
}

/**
 * Fills a card input found by its label (or placeholder) on the newest card that has it. Text, number, date
 * and time inputs are filled; Input.Toggle takes "true"/"false"; Input.ChoiceSet takes the choice's title.
 * The card's input ids are not in the DOM (the renderer generates ids), so inputs cannot be found by id.
 */
export async function fillCardInput(
  page: Page,
  labelOrPlaceholder: string,
  value: string,
  options: { inCardWithText?: string | RegExp; timeoutMs?: number } = {},
): Promise<void> {
  const timeout = options.timeoutMs ?? 10_000;
  const scope = options.inCardWithText
    ? cards(page).filter({ hasText: options.inCardWithText })
    : cards(page);
  // A ChoiceSet's chevron button carries the label too: keep to the form controls.
  const controls = page.locator('input, textarea, select, [role="radiogroup"], [role="group"]');
  let input = scope.getByLabel(labelOrPlaceholder).and(controls).last();
  if ((await input.count()) === 0) input = scope.getByPlaceholder(labelOrPlaceholder).and(controls).last();
  if ((await input.count()) === 0) {
    // Expanded ChoiceSet: a group of radios / checkboxes under the label.
    const option = scope.getByRole('radio', { name: value, exact: true }).last();
    if ((await option.count()) > 0) return option.check({ timeout });
    throw new Error(`no card input labelled "${labelOrPlaceholder}"`);
  }
  const kind = await input.evaluate((el) => ({
    tag: el.tagName.toLowerCase(),
    type: (el.getAttribute('type') ?? '').toLowerCase(),
    role: el.getAttribute('role') ?? '',
  }));
  if (kind.role === 'combobox' && kind.tag === 'input') {
    // A card replaced in place re-creates its input objects on the first interaction, which can swallow the
    // click that opens the list: open it again when the option does not show within ~2 s.
    const option = page.getByRole('option', { name: value, exact: true }).last();
    for (let attempt = 0; ; attempt++) {
      await input.click({ timeout });
      try {
        await option.waitFor({ state: 'visible', timeout: 2_000 });
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
        await page.keyboard.press('Escape').catch(() => undefined);
        await page.waitForTimeout(200);
      }
    }
    await option.click({ timeout });
  } else if (kind.tag === 'select') {
    await input.selectOption({ label: value }, { timeout });
  } else if (kind.type === 'checkbox' || kind.role === 'checkbox' || kind.role === 'switch') {
    await input.setChecked(value === 'true', { timeout });
  } else if (kind.role === 'radiogroup' || kind.role === 'group') {
    await input
      .getByRole(kind.role === 'group' ? 'checkbox' : 'radio', { name: value, exact: true })
      .check({ timeout });
  } else {
    // Click first: the first click into a card re-creates the card's input objects (seen on the first card of
    // a conversation); a value filled before that click is still shown but missing from the submit data.
    await input.click({ timeout });
    await page.waitForTimeout(200);
    await input.fill(value, { timeout });
  }
}

/** Opens the personal chat with the bot. */
export async function openPersonalChat(page: Page): Promise<void> {
  await page.getByRole('treeitem', { name: 'Personal Chat' }).click();
  stateOf(page).active = 'personal';
}

/**
 * Opens the group chat (the config's groupChat: the current user + the 5 other users + the bot). For two
 * people in the same group chat, start the Playground with users: [a, b] and open one page per person:
 * both pages then see every bot message in the group chat (human messages show only in the sender's page).
 */
export async function openGroupChat(page: Page): Promise<void> {
  const state = stateOf(page);
  await page.getByRole('treeitem', { name: state.groupChatName, exact: true }).click();
  state.active = 'group';
}

/** Opens a team channel ("General" or the config's extra channel). */
export async function openChannel(page: Page, channelName = 'General'): Promise<void> {
  const state = stateOf(page);
  await page.getByRole('treeitem', { name: `${state.teamName} - ${channelName}`, exact: true }).click();
  state.active = 'channel';
}

/**
 * Makes this page act as another person: navigates it to that person's Playground (started with
 * startPlayground({ users: [...] })). The new page load starts with empty chats, on the personal chat.
 * Keep one page per person (openPlayground(handle.urlFor(name))) when both must stay on screen.
 */
export async function switchUser(page: Page, displayName: string, timeoutMs = 30_000): Promise<void> {
  const found = playgroundForUrl(page.url());
  if (!found) throw new Error(`no Playground started by startPlayground() serves ${page.url()}`);
  const url = found.handle.urlFor(displayName);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await waitUntilReady(page, timeoutMs);
  states.set(page, await readState(page));
}

/** Saves a PNG of the page under test-results/ at the project root; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = path.join(projectRoot(), 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Lays every bot message out at a phone's card width (the Playground has no phone viewport, and its
 * conversation pane does not fit one): the cards wrap as they would on a phone, so heights are a phone's.
 */
export async function narrowCards(page: Page, widthPx: number): Promise<void> {
  await page.addStyleTag({
    content: `.fai-OutputCard, .ac-adaptiveCard { width: ${widthPx}px !important; max-width: ${widthPx}px !important; box-sizing: border-box !important; }`,
  });
}

/** Saves a PNG of one message (a card at its rendered size) under artifacts/ (git-ignored); returns its path. */
export async function messageScreenshot(message: Locator, name: string): Promise<string> {
  const dir = path.join(projectRoot(), 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.png`);
  await message.scrollIntoViewIfNeeded();
  await message.screenshot({ path: file });
  return file;
}

/** After a failed test: each page's newest bot message on stderr and a screenshot (`<prefix>-failure-<name>`). */
export async function dumpPages(prefix: string, pages: Record<string, Page | undefined>): Promise<void> {
  for (const [name, page] of Object.entries(pages)) {
    if (!page) continue;
    const texts = await botMessages(page)
      .allInnerTexts()
      .catch(() => [] as string[]);
    console.error(`${name}: newest bot message:\n${texts.at(-1) ?? '(none)'}`);
    await screenshot(page, `${prefix}-failure-${name}`).catch(() => undefined);
  }
}

/**
 * Renders the open personal chat's cards afresh (opens another chat and comes back). The Playground reuses the
 * rendered inputs of a card replaced in place (updateActivity) by position: a compact ChoiceSet of the new card
 * can keep the options of the old card's ChoiceSet at the same place (step 3's "Hur framfördes det?" listed
 * step 2's parties). Only the personal chat is handled; other chats are left as they are.
 */
export async function rerenderPersonalChat(page: Page, timeoutMs = 10_000): Promise<void> {
  const state = stateOf(page);
  if (state.active !== 'personal') return;
  const count = await botMessages(page).count();
  await page.getByRole('treeitem', { name: state.groupChatName, exact: true }).click({ timeout: timeoutMs });
  await page.waitForTimeout(200);
  await page.getByRole('treeitem', { name: 'Personal Chat' }).click({ timeout: timeoutMs });
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await page.waitForTimeout(100)) {
    if ((await botMessages(page).count()) >= count) return;
  }
  throw new Error(`the personal chat did not show its ${count} bot messages again`);
}
