import assert from 'node:assert/strict';
import { botInstalled, cardSubmit, official, type TestUser } from '../support/activities';
import {
  chief,
  contactM,
  contactS,
  deputy,
  install as installFor,
  postsIn,
  ROLE_ENV,
  runAlertPass,
  submitReport as submitReportAs,
  waitUntil,
} from '../support/alertPeople';
import { findActions } from '../support/reportFlow';
import { startBot, type RunningBot } from '../support/botHarness';
import { ReportClient } from '../support/reportFlow';
import { validateCard } from '../../src/core/cards/cardValidation';
import type { AdaptiveCard } from '../../src/core/cards';
import { ReportStore } from '../../src/report/reportStore';
import { RestError } from '@azure/data-tables';

describe('alerts to the security chief and the party contact (outbox over the real connector path)', function () {
  this.timeout(60_000);
  let bot: RunningBot;

  afterEach(async () => {
    await bot?.stop();
  });

  // Each recipient has installed the bot in a 1:1 chat: that is where alerts go.
  const install = (user: TestUser) => installFor(bot, user);
  const submitReport = () => submitReportAs(bot);
  /** A bot with a deputy that escalates after `seconds`; the chief and the deputy have their 1:1 chats. */
  async function startEscalating(seconds: number): Promise<[string, string]> {
    bot = await startBot({
      ...ROLE_ENV,
      SECURITY_DEPUTY_IDS: deputy.aadObjectId,
      ESCALATE_AFTER_SECONDS: String(seconds),
    });
    return [await install(chief), await install(deputy)];
  }
  /** New alert messages in a chat (POSTs; card updates are PUTs and do not count). */
  const alertsIn = (conversationId: string) => postsIn(bot, conversationId, 'Ny incidentrapport');
  /** The "Jag tar ärendet" button's data on the first alert in a chat (undefined: no such button). */
  const takeButtonIn = (conversationId: string) =>
    findActions(alertsIn(conversationId)[0]!.attachments![0]!.content).find((d) => d.verb === 'alerts.take');
  /** `user` presses it (or `data`, e.g. a forged copy) in `conversationId`. */
  const pressTake = (user: TestUser, conversationId: string, data = takeButtonIn(conversationId)!) =>
    bot.post(cardSubmit(data, { serviceUrl: bot.connector.url, conversationId, user }));

  it("alerts the security chief and the party's contact, not other parties, with no narrative", async () => {
    bot = await startBot(ROLE_ENV);
    const [chiefChat, contactChat, otherChat] = [
      await install(chief),
      await install(contactS),
      await install(contactM),
    ];
    const reference = await submitReport();
    await bot.connector.waitFor(
      () => alertsIn(chiefChat).length === 1 && alertsIn(contactChat).length === 1,
      10_000,
    );
    const card = alertsIn(chiefChat)[0]!.attachments![0]!.content as AdaptiveCard;
    assert.deepEqual(validateCard(card), []);
    const text = JSON.stringify(card);
    assert.ok(text.includes(reference), 'the reference');
    assert.match(text, /Förhöjd – hot/);
    assert.match(text, /Sociala medier/);
    assert.match(text, /Socialnämnden/);
    assert.doesNotMatch(text, /vi vet var du bor|Anna/, 'no narrative, no names');
    assert.equal(alertsIn(otherChat).length, 0, 'the other party is not alerted');
    // The card reaches the connector a moment before its delivery is marked: wait for the recorded status.
    const id = (await reportId(bot))!;
    await waitUntil(async () =>
      (await bot.app.alerts.outbox.deliveriesFor(id)).every((d) => d.status === 'delivered'),
    );
    const deliveries = await bot.app.alerts.outbox.deliveriesFor(id);
    assert.deepEqual(
      deliveries.map((d) => [d.recipient.role, d.status]).sort(),
      [
        ['partyContact', 'delivered'],
        ['securityChief', 'delivered'],
      ],
      'a visible status per recipient',
    );
  });

  it('"Jag tar ärendet": one owner even when two press at once, every card shows it, the reporter is told', async () => {
    bot = await startBot({ ...ROLE_ENV, SECURITY_DEPUTY_IDS: deputy.aadObjectId });
    const [chiefChat, contactChat, otherChat, deputyChat] = [
      await install(chief),
      await install(contactS),
      await install(contactM),
      await install(deputy),
    ];
    const reference = await submitReport();
    await bot.connector.waitFor(
      () => alertsIn(chiefChat).length === 1 && alertsIn(contactChat).length === 1,
      10_000,
    );
    const take = takeButtonIn(chiefChat)!;
    assert.ok(take, 'the alert has a "Jag tar ärendet" button');
    const press = (user: TestUser, conversationId: string, data = take) =>
      pressTake(user, conversationId, data);
    const textsIn = (conversationId: string) =>
      bot.connector
        .activitiesIn(conversationId)
        .map((a) => String(a.text ?? ''))
        .filter(Boolean);

    // Not allowed: another party's contact (with a forged button), an ordinary user, a forged report id.
    await press(contactM, otherChat);
    assert.match(textsIn(otherChat).at(-1)!, /ingen roll/);
    await press(official, 'a:official-forged');
    assert.match(textsIn('a:official-forged').at(-1)!, /ingen roll/);
    await press(chief, chiefChat, { ...take, reportId: '00000000-0000-4000-8000-000000000000' });
    assert.match(textsIn(chiefChat).at(-1)!, /finns inte/);

    // Two of the security staff at once (a party contact's press only marks them in contact: issue 13 #7).
    await Promise.all([press(chief, chiefChat), press(deputy, deputyChat)]);
    const answers = [textsIn(chiefChat).at(-1)!, textsIn(deputyChat).at(-1)!];
    assert.equal(answers.filter((a) => /Du har tagit ärendet/.test(a)).length, 1, 'exactly one owner');
    assert.equal(answers.filter((a) => /togs redan av/.test(a)).length, 1);
    const updates = bot.connector.calls.filter(
      (c) => c.method === 'PUT' && JSON.stringify(c.activity).includes('Tas om hand av'),
    );
    assert.deepEqual(
      new Set(updates.map((u) => u.conversationId)),
      new Set([chiefChat, contactChat]),
      'both cards updated',
    );
    assert.ok(
      updates.every((u) => !JSON.stringify(u.activity).includes('alerts.take')),
      'the button is gone',
    );
    // The reporter's notice goes through the outbox: it follows the press within a moment.
    await bot.connector.waitFor(
      () => bot.connector.calls.some((c) => /tar hand om din rapport/.test(String(c.activity?.text ?? ''))),
      10_000,
    );
    const reporterTexts = bot.connector.calls
      .filter((c) => c.activity?.text && String(c.activity.text).includes(reference))
      .map((c) => String(c.activity!.text));
    // Whoever won the race (the chief or the deputy) is the name the reporter reads.
    const owner = /Du har tagit ärendet/.test(answers[0]!) ? chief : deputy;
    assert.ok(
      reporterTexts.some((t) => t.includes(`${owner.name} tar hand om din rapport ${reference}`)),
      `the reporter is told who took it (${owner.name})`,
    );
    const history = await new ReportStore(() => bot.tables.table('Reports')).history((await reportId(bot))!);
    assert.deepEqual(history.map((h) => h.action).sort(), ['status', 'submitted', 'taken']);
  });

  it('"Jag tar ärendet" right after a case edit: the take is read again and written over the edit, not instead of it', async () => {
    bot = await startBot(ROLE_ENV);
    const chiefChat = await install(chief);
    await submitReport();
    await bot.connector.waitFor(() => alertsIn(chiefChat).length === 1, 10_000);
    const id = (await reportId(bot))!;
    const store = new ReportStore(() => bot.tables.table('Reports'));
    // Someone edits the case between the take's read and its write: the first write's ETag is stale.
    const client = await bot.tables.table('Reports');
    let takes = 0;
    client.pipeline.addPolicy({
      name: 'caseEditInBetween',
      sendRequest: async (request, next) => {
        // The take's transaction is the one that writes `takenBy` (the alert worker writes there too).
        const isTake =
          new URL(request.url).pathname.endsWith('/$batch') && String(request.body).includes('takenBy');
        if (isTake && ++takes === 1) {
          const { report, etag } = (await store.getVersioned(id))!;
          const edited = { ...report, values: { ...report.values, place: 'Stadshuset, entrén' } };
          await store.replaceWithHistory(edited, etag, [
            { at: new Date().toISOString(), by: 'Sara', action: 'edited', detail: 'place' },
          ]);
        }
        return next(request);
      },
    });
    await pressTake(chief, chiefChat);
    assert.match(String(bot.connector.activitiesIn(chiefChat).at(-1)?.text), /Du har tagit ärendet/);
    // The take that lost to the edit, and the take read again.
    assert.equal(takes, 2);
    const { report } = (await store.getVersioned(id))!;
    assert.equal(report.values.place, 'Stadshuset, entrén', 'the edit is kept');
    assert.equal(report.takenBy?.name, chief.name);
    assert.equal(report.status, 'Under handläggning');
    const actions = (await store.history(id)).map((entry) => entry.action).sort();
    assert.deepEqual(actions, ['edited', 'status', 'submitted', 'taken']);
  });

  it('"Jag tar ärendet" that storage fails half-way (owner written, report not): pressing again finishes it', async () => {
    bot = await startBot(ROLE_ENV);
    const [chiefChat, contactChat] = [await install(chief), await install(contactS)];
    const reference = await submitReport();
    await bot.connector.waitFor(
      () => alertsIn(chiefChat).length === 1 && alertsIn(contactChat).length === 1,
      10_000,
    );
    const id = (await reportId(bot))!;
    // Storage goes away after the owner row is written: every write of the take's `takenBy` fails (the SDK's own
    // retries included) until it is back.
    let outage = true;
    (await bot.tables.table('Reports')).pipeline.addPolicy({
      name: 'outageDuringTake',
      sendRequest: async (request, next) => {
        const isTake =
          new URL(request.url).pathname.endsWith('/$batch') && String(request.body).includes('takenBy');
        if (isTake && outage) throw new RestError('Service Unavailable', { statusCode: 503 });
        return next(request);
      },
    });
    const press = () => pressTake(chief, chiefChat);
    const lastText = () => String(bot.connector.activitiesIn(chiefChat).at(-1)?.text ?? '');
    await press();
    await bot.connector.waitFor(() => /Något gick fel/.test(lastText()), 20_000);
    const store = new ReportStore(() => bot.tables.table('Reports'));
    assert.equal((await store.getVersioned(id))!.report.takenBy, undefined, 'the report does not say taken');

    outage = false;
    await press();

    assert.match(lastText(), /Du har tagit ärendet/, 'not "taken already by" herself');
    const { report } = (await store.getVersioned(id))!;
    assert.equal(report.takenBy?.name, chief.name);
    assert.equal(report.status, 'Under handläggning');
    assert.deepEqual((await store.history(id)).map((h) => h.action).sort(), ['status', 'submitted', 'taken']);
    const updated = (conversationId: string) =>
      bot.connector.calls.some(
        (c) =>
          c.method === 'PUT' &&
          c.conversationId === conversationId &&
          JSON.stringify(c.activity).includes('Tas om hand av'),
      );
    assert.ok(updated(contactChat), "the party contact's card shows who took it");
    await bot.connector.waitFor(
      () =>
        bot.connector.calls.some((c) =>
          String(c.activity?.text ?? '').includes(`${chief.name} tar hand om din rapport ${reference}`),
        ),
      10_000,
    );
    // Her press again, and two at once (a double tap): still hers, nothing written twice.
    await Promise.all([press(), press()]);
    assert.match(lastText(), /Du har tagit ärendet/);
    assert.equal((await store.history(id)).length, 3);
  });

  it('"Jag tar ärendet" double-tapped (two presses by one person at once): taken once, in the history once', async () => {
    bot = await startBot(ROLE_ENV);
    const chiefChat = await install(chief);
    await submitReport();
    await bot.connector.waitFor(() => alertsIn(chiefChat).length === 1, 10_000);
    const press = () => pressTake(chief, chiefChat);

    await Promise.all([press(), press()]);

    const id = (await reportId(bot))!;
    const history = await new ReportStore(() => bot.tables.table('Reports')).history(id);
    assert.deepEqual(history.map((h) => h.action).sort(), ['status', 'submitted', 'taken']);
  });

  it('escalates an alert nobody takes: the deputy is alerted, the chief reminded, once, and it is in the history', async () => {
    const [chiefChat, deputyChat] = await startEscalating(1);
    await install(contactS);
    await submitReport();
    await bot.connector.waitFor(
      () => alertsIn(deputyChat).length === 1 && alertsIn(chiefChat).length === 2,
      15_000,
    );
    assert.match(JSON.stringify(alertsIn(deputyChat)[0]), /Påminnelse: ingen har tagit ärendet/);
    assert.match(JSON.stringify(alertsIn(chiefChat)[1]), /Påminnelse/);
    await runAlertPass(bot);
    assert.equal(alertsIn(deputyChat).length, 1, 'escalated once');
    const history = await new ReportStore(() => bot.tables.table('Reports')).history((await reportId(bot))!);
    assert.deepEqual(history.map((h) => h.action).sort(), ['escalated', 'submitted']);
  });

  it('does not escalate a report someone has taken', async () => {
    const [chiefChat, deputyChat] = await startEscalating(2);
    await submitReport();
    await bot.connector.waitFor(() => alertsIn(chiefChat).length === 1, 10_000);
    await pressTake(chief, chiefChat);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // past the escalation's due time
    await runAlertPass(bot);
    assert.equal(alertsIn(deputyChat).length, 0);
    assert.equal(alertsIn(chiefChat).length, 1);
  });

  it('honours 429 Retry-After and 5xx with retries, and still delivers each alert once', async () => {
    bot = await startBot(ROLE_ENV);
    const chiefChat = await install(chief);
    const contactChat = await install(contactS);
    bot.connector.failNext({ status: 429, retryAfterSeconds: 1, times: 1, conversationId: chiefChat });
    bot.connector.failNext({ status: 502, times: 2, conversationId: contactChat });
    await submitReport();
    await bot.connector.waitFor(
      () => alertsIn(chiefChat).length === 1 && alertsIn(contactChat).length === 1,
      20_000,
    );
    await runAlertPass(bot);
    assert.equal(alertsIn(chiefChat).length, 1);
    assert.equal(alertsIn(contactChat).length, 1);
    const throttled = bot.connector.failedCalls.filter((c) => c.status === 429);
    const chiefAlert = bot.connector.calls.find(
      (c) => c.conversationId === chiefChat && JSON.stringify(c).includes('Ny incidentrapport'),
    )!;
    assert.ok(chiefAlert.at - throttled[0]!.at >= 900, 'waited for Retry-After');
    // The card reaches the connector a moment before its delivery is marked: wait for the recorded status.
    const id = (await reportId(bot))!;
    await waitUntil(async () =>
      (await bot.app.alerts.outbox.deliveriesFor(id)).every((d) => d.status === 'delivered'),
    );
    const deliveries = await bot.app.alerts.outbox.deliveriesFor(id);
    assert.deepEqual(deliveries.map((d) => d.status).sort(), ['delivered', 'delivered']);
  });

  it('delivers an alert written before a restart exactly once after it', async () => {
    bot = await startBot(ROLE_ENV);
    const chiefChat = await install(chief);
    await bot.app.alerts.stop(); // the process "dies" before its worker sends anything
    await submitReport();
    await bot.app.alerts.outbox.enqueueNewEvents(); // durable deliveries exist, nothing sent yet
    assert.equal(alertsIn(chiefChat).length, 0);
    // "Restart": a new outbox pass on the same storage (twice, as two instances would).
    await Promise.all([bot.app.alerts.outbox.runOnce(), bot.app.alerts.outbox.runOnce()]);
    await bot.app.alerts.outbox.runOnce();
    assert.equal(alertsIn(chiefChat).length, 1);
  });
});

describe('alert outbox retries (fake sender, fake clock)', () => {
  it('retries 5xx with back-off and dead-letters after the last attempt, with a visible status', async () => {
    const bot = await startBot({ SECURITY_CHIEF_IDS: chief.aadObjectId, ALERT_POLL_MS: '60000' });
    try {
      await bot.post(botInstalled({ serviceUrl: bot.connector.url, conversationId: 'a:chief', user: chief }));
      await bot.app.alerts.stop(); // only the outbox below may deliver
      const client = new ReportClient(bot, official);
      await client.say('rapportera incident');
      await client.completeAll();
      await client.press(client.action('report.submit'));
      const { AlertOutbox } = await import('../../src/alerts/alertOutbox');
      const { ConversationReferences } = await import('../../src/alerts/conversationReferences');
      const { Repository } = await import('../../src/core/storage');
      const { CardRenderer } = await import('../../src/core/cards');
      const { createLogger } = await import('../../src/core/logging/logger');
      let now = Date.now();
      const sends: number[] = [];
      const outbox = new AlertOutbox({
        reports: new ReportStore(() => bot.tables.table('Reports')),
        deliveries: new Repository(() => bot.tables.table('AlertDeliveries'), ['status', 'dueAt']),
        references: new ConversationReferences(new Repository(() => bot.tables.table('ConversationRefs'))),
        sender: {
          send: async () => {
            sends.push(now);
            return { ok: false, statusCode: 500, message: 'server error' };
          },
          update: async () => ({ ok: false, message: 'unused' }),
          sendText: async () => ({ ok: false, message: 'unused' }),
          openConversation: async () => ({ ok: false, message: 'unused' }),
        },
        cards: new CardRenderer(),
        roles: { seeds: () => bot.config.roles },
        locale: 'sv',
        role: bot.config.securityContact.title,
        logger: createLogger('silent'),
        instanceId: 'test',
        policy: { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000 },
        now: () => new Date(now),
      });
      await outbox.runOnce();
      assert.equal(sends.length, 1);
      await outbox.runOnce();
      assert.equal(sends.length, 1, 'not again before the back-off has passed');
      now += 1_100;
      await outbox.runOnce();
      now += 2_100;
      await outbox.runOnce();
      now += 10_000;
      await outbox.runOnce();
      assert.equal(sends.length, 3, 'three attempts in all');
      const [delivery] = await outbox.deliveriesFor((await reportId(bot))!);
      assert.equal(delivery!.status, 'dead');
      assert.equal(delivery!.attempts, 3);
      assert.match(delivery!.lastError!, /500/);
    } finally {
      await bot.stop();
    }
  });
});

async function reportId(bot: RunningBot): Promise<string | undefined> {
  const [report] = await new ReportStore(() => bot.tables.table('Reports')).byReporter(official.aadObjectId);
  return report?.id;
}
