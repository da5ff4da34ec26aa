import assert from 'node:assert/strict';
import { botInstalled, official, type TestUser } from './activities';
import type { RunningBot } from './botHarness';
import { waitUntil } from '../../scripts/tooling';
import { CASE_VERBS } from '../../src/cases/domain/verbs';
import { findActions, ReportClient } from './reportFlow';

export const chief: TestUser = {
  id: '29:chief',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000c1',
  name: 'Sara Säkerhetschef',
};
export const contactS: TestUser = {
  id: '29:contact-s',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000c2',
  name: 'Karl (S)',
};
export const deputy: TestUser = {
  id: '29:deputy',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000d1',
  name: 'David',
};
export const contactM: TestUser = {
  id: '29:contact-m',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000c3',
  name: 'Maria (M)',
};

export const ROLE_ENV = {
  SECURITY_CHIEF_IDS: chief.aadObjectId,
  PARTY_CONTACTS: `S=${contactS.aadObjectId};M=${contactM.aadObjectId}`,
  ALERT_POLL_MS: '100',
};

/** The person installs the bot in a 1:1 chat (so the bot holds its conversation reference). */
export async function install(bot: RunningBot, user: TestUser): Promise<string> {
  const conversationId = `a:personal-${user.id}`;
  await bot.post(botInstalled({ serviceUrl: bot.connector.url, conversationId, user }));
  return conversationId;
}

/** Files a complete report as `reporter`; returns its reference. */
export async function submitReport(bot: RunningBot, reporter: TestUser = official): Promise<string> {
  const client = new ReportClient(bot, reporter);
  await client.say('rapportera incident');
  await client.completeAll();
  await client.press(client.action('report.submit'));
  const reference = /IR-\d{4}-\d{4}/.exec(client.lastText())?.[0];
  assert.ok(reference, 'the report was submitted and has a reference');
  return reference;
}

/** New messages in a chat whose JSON contains `marker` (POSTs only: card updates are PUTs). */
export function postsIn(bot: RunningBot, conversationId: string, marker: string | RegExp) {
  return bot.connector.calls
    .filter((c) => c.method === 'POST' && c.conversationId === conversationId && c.activity)
    .map((c) => c.activity!)
    .filter((a) => {
      const json = JSON.stringify(a);
      return typeof marker === 'string' ? json.includes(marker) : marker.test(json);
    });
}

/** The plain texts (not cards) the bot posted in a chat, in order. */
export function textsIn(bot: RunningBot, conversationId: string): string[] {
  return bot.connector
    .activitiesIn(conversationId)
    .map((a) => String(a.text ?? ''))
    .filter(Boolean);
}

export { waitUntil };

/**
 * Files a report as `reporter` and waits for its alert in the security chief's chat (the chief installs the bot
 * first); returns its reference and the report id from the alert's "Öppna rapporten".
 */
export async function reportAlertedToChief(
  bot: RunningBot,
  reporter: TestUser = official,
): Promise<{ reference: string; reportId: string }> {
  const chiefChat = await install(bot, chief);
  const reference = await submitReport(bot, reporter);
  await waitUntil(() =>
    bot.connector.activitiesIn(chiefChat).some((a) => JSON.stringify(a).includes(reference)),
  );
  const open = bot.connector
    .activitiesIn(chiefChat)
    .flatMap((a) => findActions(a.attachments?.[0]?.content))
    .find((data) => data.verb === CASE_VERBS.open);
  assert.ok(typeof open?.reportId === 'string', 'the alert card has "Öppna rapporten"');
  return { reference, reportId: open.reportId };
}

/**
 * One complete pass of the alert worker, run here rather than waited for: every due delivery is sent, due
 * escalations are written and sent. A duplicate, or a missed escalation, would show up after it.
 */
export async function runAlertPass(bot: RunningBot): Promise<void> {
  await bot.app.alerts.outbox.runOnce();
  await bot.app.alerts.escalations.runDue();
  await bot.app.alerts.outbox.runOnce();
}
