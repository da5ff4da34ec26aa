import assert from 'node:assert/strict';
import { AlertOutbox, type DeliveryLimits, type StoredDelivery } from '../../src/alerts/alertOutbox';
import type { AlertSender } from '../../src/alerts/alertSender';
import {
  ConversationReferences,
  type StoredReference,
  type TenantAddress,
} from '../../src/alerts/conversationReferences';
import { CardRenderer } from '../../src/core/cards';
import { createLogger } from '../../src/core/logging/logger';
import { Repository } from '../../src/core/storage';
import { ReportStore } from '../../src/report/reportStore';
import { arrivals, asRecipient, reportEvent } from '../support/alertEvents';
import { chief, contactS, deputy, install, ROLE_ENV } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';

const ALERT = 'Ny incidentrapport';
const NOTICE = 'Någon kunde inte nås';
const MINUTE = 60_000;

/**
 * Posts a card to the chat's serviceUrl as the connector API expects, one request per call: the outbox's retry
 * logic is what these tests look at, over the fake connector, on a clock the test moves.
 */
function httpSender(): AlertSender {
  const unused = async () => ({ ok: false as const, message: 'unused' });
  return {
    send: async (reference, card, summary) => {
      const url = `${reference.serviceUrl}v3/conversations/${encodeURIComponent(reference.conversation!.id)}/activities`;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          summary,
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
        }),
      });
      if (response.ok) return { ok: true, activityId: ((await response.json()) as { id: string }).id };
      return { ok: false, statusCode: response.status, message: `HTTP ${response.status}` };
    },
    update: unused,
    sendText: unused,
    openConversation: unused,
  };
}

describe('alerts outlast a Teams outage (fake connector, a clock the test moves)', function () {
  this.timeout(120_000);
  let bot: RunningBot;
  let now: number;
  let outbox: AlertOutbox;
  const chats: Record<string, string> = {};

  /** An outbox on the test bot's storage, as a second bot instance would have it. */
  function outboxWith(sender: AlertSender, instanceId: string, limits: Partial<DeliveryLimits>): AlertOutbox {
    return new AlertOutbox({
      reports: new ReportStore(() => bot.tables.table('Reports')),
      deliveries: new Repository<StoredDelivery>(
        () => bot.tables.table('AlertDeliveries'),
        ['status', 'dueAt'],
      ),
      references: new ConversationReferences(
        new Repository<StoredReference>(() => bot.tables.table('ConversationRefs')),
        new Repository<TenantAddress>(() => bot.tables.table('ConversationRefs')),
      ),
      sender,
      cards: new CardRenderer(),
      roles: { seeds: () => bot.config.roles },
      locale: 'sv',
      role: bot.config.securityContact.title,
      logger: createLogger('silent'),
      instanceId,
      limits,
      now: () => new Date(now),
    });
  }

  beforeEach(async () => {
    bot = await startBot({
      ...ROLE_ENV,
      SECURITY_DEPUTY_IDS: deputy.aadObjectId,
      PARTY_CONTACTS: `S=${contactS.aadObjectId}`,
    });
    for (const person of [chief, deputy, contactS]) chats[person.aadObjectId] = await install(bot, person);
    await bot.app.alerts.stop(); // only the outbox below sends, on the test's clock
    now = Date.now();
    outbox = new AlertOutbox({
      reports: new ReportStore(() => bot.tables.table('Reports')),
      deliveries: new Repository<StoredDelivery>(
        () => bot.tables.table('AlertDeliveries'),
        ['status', 'dueAt'],
      ),
      references: new ConversationReferences(
        new Repository<StoredReference>(() => bot.tables.table('ConversationRefs')),
        new Repository<TenantAddress>(() => bot.tables.table('ConversationRefs')),
      ),
      sender: httpSender(),
      cards: new CardRenderer(),
      roles: { seeds: () => bot.config.roles },
      locale: 'sv',
      role: bot.config.securityContact.title,
      logger: createLogger('silent'),
      instanceId: 'outage-test',
      limits: { chatGapMs: 0 },
      now: () => new Date(now),
    });
  });

  afterEach(async () => {
    await bot?.stop();
  });

  /** Moves the clock `minutes` ahead in 5-s steps, running the outbox at each step. */
  async function run(minutes: number): Promise<void> {
    for (let step = 0; step < (minutes * MINUTE) / 5_000; step++) {
      now += 5_000;
      await outbox.runOnce();
    }
  }

  it('after a 5-minute outage (500 on everything) every alert is delivered, once', async () => {
    const start = now;
    bot.connector.failNext({ status: 500, times: 1, while: () => now < start + 5 * MINUTE });
    const event = reportEvent(1, 'vald');
    await outbox.enqueueReport(event, asRecipient(chief, 'securityChief'), false);
    await outbox.enqueueReport(event, asRecipient(contactS, 'partyContact', 'S'), false);
    await run(8);
    assert.ok(bot.connector.failedCalls.length >= 10, 'the outage was hit');
    assert.equal(
      arrivals(bot, chats[chief.aadObjectId]!, event.reference).length,
      1,
      "the chief's alert, once",
    );
    assert.equal(
      arrivals(bot, chats[contactS.aadObjectId]!, ALERT).length,
      1,
      "the party contact's alert, once",
    );
    const deliveries = await outbox.deliveriesFor(event.reportId);
    assert.deepEqual(
      deliveries.filter((d) => d.status !== 'delivered').map((d) => `${d.row}: ${d.status}`),
      [],
      'nothing left undelivered or dead',
    );
  });

  it("a chief's alert failing past 2 minutes reaches the deputies and the party's contacts at once", async () => {
    const start = now;
    const chiefChat = chats[chief.aadObjectId]!;
    bot.connector.failNext({
      status: 503,
      times: 1,
      conversationId: chiefChat,
      while: () => now < start + 30 * MINUTE,
    });
    const event = reportEvent(2, 'hot'); // escalates by timer only after 60 minutes
    await outbox.enqueueReport(event, asRecipient(chief, 'securityChief'), false);
    await outbox.enqueueReport(event, asRecipient(contactS, 'partyContact', 'S'), false);
    await run(4);
    const deputyChat = chats[deputy.aadObjectId]!;
    const contactChat = chats[contactS.aadObjectId]!;
    const deputyAlert = bot.connector.calls.filter(
      (c) =>
        c.conversationId === deputyChat &&
        JSON.stringify(c.activity).includes(event.reference) &&
        !JSON.stringify(c.activity).includes(NOTICE),
    );
    assert.equal(deputyAlert.length, 1, 'the deputy got the alert itself');
    assert.equal(
      arrivals(bot, deputyChat, NOTICE).length,
      1,
      'the deputy was told the chief has not been reached',
    );
    assert.equal(arrivals(bot, contactChat, NOTICE).length, 1, "the party's contact was told too");
    assert.match(JSON.stringify(bot.connector.activitiesIn(contactChat).at(-1)), /Säkerhetssamordnare: /);
    const escalation = (await outbox.deliveriesFor(event.reportId)).find(
      (d) => d.recipient.role === 'securityDeputy',
    )!;
    const after = Date.parse(escalation.createdAt) - start;
    assert.ok(after >= 2 * MINUTE && after <= 3.1 * MINUTE, `escalated ${after / 1000} s after the alert`);
    const toChief = (await outbox.deliveriesFor(event.reportId)).find((d) => d.row === chief.aadObjectId)!;
    assert.equal(toChief.status, 'pending', "the chief's alert is still being retried, not dead");
  });

  it('the claim is renewed while a send runs: a second instance does not send it again', async () => {
    const sent: string[] = [];
    const slowSender: AlertSender = {
      ...httpSender(),
      send: async () => {
        sent.push('send');
        await new Promise((resolve) => setTimeout(resolve, 1_500)); // slower than the 600-ms claim
        return { ok: true, activityId: `a-${sent.length}` };
      },
    };
    const limits = { claimMs: 600, sendTimeoutMs: 500, chatGapMs: 0 };
    const [first, second] = [outboxWith(slowSender, 'A', limits), outboxWith(slowSender, 'B', limits)];
    now = Date.now();
    const tick = setInterval(() => (now = Date.now()), 20); // real time here: the claim must expire on its own
    try {
      await first.enqueueReport(reportEvent(3), asRecipient(chief, 'securityChief'), false);
      const sending = first.runOnce();
      await new Promise((resolve) => setTimeout(resolve, 900));
      await second.runOnce(); // the claim would have expired 300 ms ago without renewal
      await sending;
      assert.deepEqual(sent, ['send'], 'sent once');
    } finally {
      clearInterval(tick);
    }
  });
});
