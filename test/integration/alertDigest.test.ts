import assert from 'node:assert/strict';
import { cardSubmit, type TestUser } from '../support/activities';
import { percentile } from '../support/alertEvents';
import { chief, contactS, deputy, install, postsIn, waitUntil } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { findActions, ReportClient } from '../support/reportFlow';

const REFERENCE = /IR-\d{4}-\d{4}/g;
const person = (n: number): TestUser => ({
  id: `29:digest-${n}`,
  aadObjectId: `dddddddd-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `Person ${n}`,
});

/** The report references each new message (POST) in a chat lists, with when it arrived and its id. */
function alertMessages(bot: RunningBot, conversationId: string) {
  return bot.connector.calls
    .filter((c) => c.method === 'POST' && c.conversationId === conversationId && c.activity?.attachments)
    .map((c) => ({
      at: c.at,
      id: c.id,
      card: c.activity!.attachments![0]!.content,
      references: [...new Set(JSON.stringify(c.activity).match(REFERENCE) ?? [])],
    }))
    .filter((m) => m.references.length > 0);
}

describe('a burst of reports becomes digests for the chief (real endpoint, fake connector, default pacing)', function () {
  this.timeout(240_000);
  let bot: RunningBot;

  afterEach(async () => {
    await bot?.stop();
  });

  it('50 simultaneous submits: 50 reports, every one reaches the chief once (filed → alert p99 ≤ 2 s), take and escalation per report', async () => {
    bot = await startBot({
      SECURITY_CHIEF_IDS: chief.aadObjectId,
      SECURITY_DEPUTY_IDS: deputy.aadObjectId,
      PARTY_CONTACTS: `S=${contactS.aadObjectId}`,
      ESCALATE_AFTER_SECONDS: '30',
      ESCALATE_VIOLENCE_AFTER_SECONDS: '30',
    });
    assert.equal(bot.config.alertDelivery.chatGapMs, 250, 'the default per-chat pacing');
    const [chiefChat, deputyChat] = [await install(bot, chief), await install(bot, deputy)];
    await install(bot, contactS);
    const clients = Array.from({ length: 50 }, (_, n) => new ReportClient(bot, person(n)));
    for (let i = 0; i < clients.length; i += 10)
      await Promise.all(
        clients.slice(i, i + 10).map(async (client) => {
          await client.say('rapportera incident');
          await client.completeAll();
        }),
      );

    const pressed = Date.now();
    await Promise.all(clients.map((client) => client.press(client.action('report.submit'))));
    console.log(`      submits answered after ${Date.now() - pressed} ms`);
    const references = clients.map((client) => {
      const found = client.lastText().match(REFERENCE);
      assert.ok(found, 'each person saw the confirmation with a reference');
      return found[0];
    });
    assert.equal(new Set(references).size, 50, '50 reports, 50 references');

    const reached = () => new Set(alertMessages(bot, chiefChat).flatMap((m) => m.references));
    await waitUntil(() => references.every((r) => reached().has(r)), 30_000);
    const messages = alertMessages(bot, chiefChat);
    const latencies = references.map((r) => messages.find((m) => m.references.includes(r))!.at - pressed);
    const [p50, p99] = [percentile(latencies, 50), percentile(latencies, 99)];
    console.log(
      `      50 submits → chief: ${messages.length} messages (largest lists ${Math.max(...messages.map((m) => m.references.length))}), p50 ${p50} ms, p99 ${p99} ms`,
    );
    for (const reference of references)
      assert.equal(
        messages.filter((m) => m.references.includes(reference)).length,
        1,
        `${reference} reached the chief once`,
      );
    assert.ok(messages.length < 50, 'queued reports were folded into digests');

    // Every folded delivery is recorded as delivered, by the digest's message.
    const digest = messages.find((m) => m.references.length > 1)!;
    const deliveries = await bot.app.alerts.outbox.deliveriesFor(
      findActions(digest.card).find((a) => a.verb === 'alerts.take')!.reportId as string,
    );
    const toChief = deliveries.find((d) => d.recipient.aadObjectId === chief.aadObjectId)!;
    assert.equal(toChief.status, 'delivered');
    assert.equal(toChief.activityId, digest.id);
    assert.equal(toChief.digest, digest.references.length);

    // "Jag tar ärendet" on one report of the digest: taken, the reporter told, the digest left as it is.
    const takes = findActions(digest.card).filter((a) => a.verb === 'alerts.take');
    assert.equal(takes.length, digest.references.length, 'a take button per report');
    const taken = takes[1]!;
    await bot.post(
      cardSubmit(taken, {
        serviceUrl: bot.connector.url,
        conversationId: chiefChat,
        user: chief,
        replyToId: digest.id!,
      }),
    );
    const texts = bot.connector.activitiesIn(chiefChat).map((a) => String(a.text ?? ''));
    const takenRef = /Du har tagit ärendet (IR-\d{4}-\d{4})/.exec(texts.join('\n'))?.[1];
    assert.ok(takenRef, texts.at(-1));
    const reporter = clients[references.indexOf(takenRef)]!;
    // Told through the outbox: within a moment of the press.
    await bot.connector.waitFor(
      () =>
        bot.connector
          .activitiesIn(reporter.conversationId)
          .some((a) => String(a.text ?? '').includes(`tar hand om din rapport ${takenRef}`)),
      10_000,
    );
    assert.equal(
      bot.connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === chiefChat).length,
      0,
      'the digest is not replaced by one report',
    );

    // Nobody takes the others: each escalates to the deputy (in single cards or digests); the taken one not.
    const escalated = () =>
      new Set(
        postsIn(bot, deputyChat, 'Påminnelse').flatMap((a) => JSON.stringify(a).match(REFERENCE) ?? []),
      );
    await waitUntil(() => references.filter((r) => r !== takenRef).every((r) => escalated().has(r)), 60_000);
    assert.ok(!escalated().has(takenRef), 'the taken report does not escalate');
    // The alert path's own share (report filed → chief's chat) must hold p99 ≤ 2 s; submit → alert adds the
    // 50 concurrent submits themselves (report capability), which on a loaded 2-core machine alone take seconds.
    const filed = await Promise.all(
      messages.flatMap((m) =>
        findActions(m.card)
          .filter((a) => a.verb === 'alerts.take')
          .map(async (a) => {
            const [delivery] = await bot.app.alerts.outbox.deliveriesFor(a.reportId as string);
            const event = delivery!.payload.kind === 'report' ? delivery!.payload.event : undefined;
            return m.at - Date.parse(event!.createdAt);
          }),
      ),
    );
    const alertPathP99 = percentile(filed, 99);
    console.log(
      `      report filed → chief's alert: p50 ${percentile(filed, 50)} ms, p99 ${alertPathP99} ms`,
    );
    assert.ok(alertPathP99 <= 2_000, `report filed → chief's alert p99 ${alertPathP99} ms`);
  });

  it('a burst of reports from one person: every report filed and alerted once, past the limit as one digest', async () => {
    bot = await startBot({
      SECURITY_CHIEF_IDS: chief.aadObjectId,
      ALERT_BURST_HOLD_SECONDS: '3',
    });
    const chiefChat = await install(bot, chief);
    const reporter = new ReportClient(bot, person(900));
    const references: string[] = [];
    // Seven reports one after the other, as fast as the dialog allows (the per-person limit is 3 in 10 min).
    for (let n = 0; n < 7; n++) {
      await reporter.say('rapportera incident');
      await reporter.completeAll();
      await reporter.press(reporter.action('report.submit'));
      const found = reporter.lastText().match(REFERENCE);
      assert.ok(found, 'every report is filed and confirmed, none refused');
      references.push(found[0]);
    }
    assert.equal(new Set(references).size, 7);

    const reached = () => new Set(alertMessages(bot, chiefChat).flatMap((m) => m.references));
    await waitUntil(() => references.every((r) => reached().has(r)), 20_000);
    const messages = alertMessages(bot, chiefChat);
    for (const reference of references)
      assert.equal(
        messages.filter((m) => m.references.includes(reference)).length,
        1,
        `${reference} reached the chief once`,
      );
    console.log(`      7 reports from one person → ${messages.length} messages in the chief's chat`);
    // The first three alert as they come (two may share a card when the chat's gap holds one back); the four
    // past the limit arrive together, as one digest.
    const pastLimit = references.slice(3);
    const burstMessages = messages.filter((m) => m.references.some((r) => pastLimit.includes(r)));
    assert.equal(burstMessages.length, 1, 'the reports past the limit reach the chief in one message');
    assert.deepEqual(
      burstMessages[0]!.references.filter((r) => pastLimit.includes(r)).sort(),
      [...pastLimit].sort(),
    );
  });
});
