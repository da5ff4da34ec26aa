import assert from 'node:assert/strict';
import sinon from 'sinon';
import { arrivals, asRecipient, percentile, reportEvent } from '../support/alertEvents';
import { chief, contactS, install, postsIn, ROLE_ENV, submitReport, waitUntil } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { official } from '../support/activities';
import { ReportStore } from '../../src/report/reportStore';
import type { ChiefQuestion } from '../../src/alerts/domain/deliveryPayload';

const ALERT = 'Ny incidentrapport';

async function deliveriesOfLastReport(bot: RunningBot) {
  const reports = await new ReportStore(() => bot.tables.table('Reports')).byReporter(official.aadObjectId);
  const newest = reports.sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0]!;
  return bot.app.alerts.outbox.deliveriesFor(newest.id);
}

/** Milliseconds from a delivery's enqueue to its card reaching the recipient's chat. */
async function enqueueToArrival(
  bot: RunningBot,
  conversationId: string,
  reference: string,
  partition: string,
) {
  const delivery = (await bot.app.alerts.outbox.deliveriesFor(partition)).find(
    (d) => d.payload.kind === 'report',
  )!;
  const [at] = arrivals(bot, conversationId, reference);
  return at! - Date.parse(delivery.createdAt);
}

describe('alert delivery: isolated chats, priority, throughput (fake connector)', function () {
  this.timeout(120_000);
  let bot: RunningBot | undefined;
  let other: RunningBot | undefined;

  afterEach(async () => {
    await other?.stop();
    await bot?.stop();
    other = bot = undefined;
  });

  it("a hung chat holds up nobody else: the party contact's alerts arrive within 3 s, the chief's once when his chat is back", async () => {
    bot = await startBot({ ...ROLE_ENV, ALERT_SEND_TIMEOUT_MS: '1500', ALERT_CLAIM_MS: '5000' });
    const chiefChat = await install(bot, chief);
    const contactChat = await install(bot, contactS);
    bot.connector.misbehave({ kind: 'hang', conversationId: chiefChat, times: 3 });
    for (const round of [1, 2]) {
      await submitReport(bot);
      await waitUntil(async () => (await deliveriesOfLastReport(bot!)).length === 2);
      const deliveries = await deliveriesOfLastReport(bot);
      const toContact = deliveries.find((d) => d.recipient.role === 'partyContact')!;
      const reference = (toContact.payload as { event: { reference: string } }).event.reference;
      await bot.connector.waitFor(() => arrivals(bot!, contactChat, reference).length === 1, 3_000);
      const waited = arrivals(bot, contactChat, reference)[0]! - Date.parse(toContact.createdAt);
      assert.ok(waited <= 3_000, `round ${round}: the contact's alert took ${waited} ms`);
    }
    assert.ok(bot.connector.unansweredCalls.length >= 1, "the chief's chat did hang");
    // The hung requests were abandoned (never accepted); once the chat answers, each alert arrives once.
    await bot.connector.waitFor(() => arrivals(bot!, chiefChat, ALERT).length >= 2, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(arrivals(bot, chiefChat, ALERT).length, 2, 'one alert per report, no duplicate');
  });

  it("a filed report's alerts go out without waiting for the read of pending report events", async () => {
    // That read scans the reports partition (reports, history, events), which only grows; here it takes 8 s.
    // The read itself first, then the wait: what it returns is 8 s old (the event still pending in it).
    const scan = ReportStore.prototype.pendingEventEntities;
    const scansStarted: number[] = [];
    const slowScan = sinon.stub(ReportStore.prototype, 'pendingEventEntities').callsFake(async function (
      this: ReportStore,
    ) {
      scansStarted.push(Date.now());
      const pending = await scan.call(this);
      await new Promise((resolve) => setTimeout(resolve, 8_000));
      return pending;
    });
    try {
      bot = await startBot(ROLE_ENV);
      const chiefChat = await install(bot, chief);
      const reference = await submitReport(bot);
      const confirmedAt = Date.now();
      await bot.connector.waitFor(() => arrivals(bot!, chiefChat, reference).length === 1, 6_000);
      const arrived = arrivals(bot, chiefChat, reference)[0]!;
      const waited = arrived - confirmedAt;
      assert.ok(waited <= 2_000, `the chief's alert came ${waited} ms after the confirmation`);
      const overlapping = scansStarted.filter((at) => at <= arrived && at + 8_000 > arrived);
      assert.ok(overlapping.length > 0, 'a read of pending events was still running when the alert arrived');
      // That read's stale result still lists the event: its claim (ETag) keeps it from being sent twice.
      await new Promise((resolve) => setTimeout(resolve, 9_000));
      assert.equal(arrivals(bot, chiefChat, reference).length, 1);
    } finally {
      slowScan.restore();
    }
  });

  it('429 with Retry-After on one chat does not delay another chat', async () => {
    bot = await startBot(ROLE_ENV);
    const chiefChat = await install(bot, chief);
    const contactChat = await install(bot, contactS);
    bot.connector.failNext({ status: 429, retryAfterSeconds: 20, times: 2, conversationId: chiefChat });
    await submitReport(bot);
    await waitUntil(async () => (await deliveriesOfLastReport(bot!)).length === 2);
    const deliveries = await deliveriesOfLastReport(bot);
    const toContact = deliveries.find((d) => d.recipient.role === 'partyContact')!;
    const reference = (toContact.payload as { event: { reference: string } }).event.reference;
    await bot.connector.waitFor(() => arrivals(bot!, contactChat, reference).length === 1, 3_000);
    assert.ok((await enqueueToArrival(bot, contactChat, reference, toContact.partition)) <= 3_000);
    const toChief = (await bot.app.alerts.outbox.deliveriesFor(toContact.partition)).find(
      (d) => d.recipient.role === 'securityChief',
    )!;
    assert.equal(toChief.status, 'pending', "the chief's alert waits for Retry-After, it is not lost");
    const throttledAt = bot.connector.failedCalls.find((c) => c.status === 429)!.at;
    assert.ok(Date.parse(toChief.dueAt) - throttledAt >= 19_000, 'not before Retry-After');
  });

  it('the connector client never retries by itself: one HTTP request per outbox attempt (500 three times)', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: '', ALERT_RETRY_BASE_MS: '200' });
    const chiefChat = await install(bot, chief);
    bot.connector.failNext({ status: 500, times: 3, conversationId: chiefChat });
    await submitReport(bot);
    await bot.connector.waitFor(() => arrivals(bot!, chiefChat, ALERT).length === 1, 20_000);
    let delivery: Awaited<ReturnType<typeof deliveriesOfLastReport>>[number] | undefined;
    await waitUntil(async () => {
      delivery = (await deliveriesOfLastReport(bot!)).find((d) => d.recipient.role === 'securityChief');
      return delivery?.status === 'delivered';
    });
    const failed = bot.connector.failedCalls.filter((c) => c.conversationId === chiefChat).length;
    assert.equal(failed, 3);
    assert.equal(delivery!.attempts, failed + 1, 'every request the connector saw was an outbox attempt');
  });

  it('a connection reset after Teams accepted the alert is not resent by the HTTP client', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: '', ALERT_RETRY_BASE_MS: '6000' });
    const chiefChat = await install(bot, chief);
    bot.connector.misbehave({ kind: 'resetAfterAccept', conversationId: chiefChat, times: 1 });
    await submitReport(bot);
    await bot.connector.waitFor(() => arrivals(bot!, chiefChat, ALERT).length === 1, 10_000);
    const first = arrivals(bot, chiefChat, ALERT)[0]!;
    // The old client resent within about a second; the outbox's own retry comes 3 s or more later.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, first + 2_500 - Date.now())));
    assert.equal(arrivals(bot, chiefChat, ALERT).length, 1, 'no client-level resend after the reset');
    const delivery = (await deliveriesOfLastReport(bot)).find((d) => d.recipient.role === 'securityChief')!;
    assert.equal(
      delivery.status,
      'pending',
      'the outcome is unknown: the outbox will try again (at least once)',
    );
    assert.equal(delivery.maybeDelivered, true, 'recorded as possibly delivered');
  });

  it('the resend after a reset-after-accept says it is sent again (the duplicate is recognisable), the first does not', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: '', ALERT_RETRY_BASE_MS: '300' });
    const chiefChat = await install(bot, chief);
    bot.connector.misbehave({ kind: 'resetAfterAccept', conversationId: chiefChat, times: 1 });
    const reference = await submitReport(bot);
    await bot.connector.waitFor(() => arrivals(bot!, chiefChat, reference).length === 2, 10_000);
    const [accepted, resent] = postsIn(bot, chiefChat, reference).map((a) => JSON.stringify(a));
    assert.doesNotMatch(accepted!, /Skickat igen/);
    assert.match(resent!, /Skickat igen: förra försöket kan ha kommit fram/);
    // The `delivered` write follows Teams' answer: under load it can land just after the card arrived.
    const toChief = async () =>
      (await deliveriesOfLastReport(bot!)).find((d) => d.recipient.role === 'securityChief')!;
    await waitUntil(async () => (await toChief()).status === 'delivered');
    assert.equal((await toChief()).attempts, 2);
  });

  it('two instances: a send slower than the claim is sent by one of them only', async () => {
    const env = { ...ROLE_ENV, PARTY_CONTACTS: '', ALERT_CLAIM_MS: '3000', ALERT_SEND_TIMEOUT_MS: '2000' };
    bot = await startBot(env);
    other = await startBot(env, bot.tables); // same storage; it sends to the chats bot's connector serves
    const chiefChat = await install(bot, chief);
    bot.connector.misbehave({ kind: 'slow', conversationId: chiefChat, delayMs: 32_000, times: 1 });
    await submitReport(bot);
    await bot.connector.waitFor(() => arrivals(bot!, chiefChat, ALERT).length >= 1, 15_000);
    // Past the slow answer (and past a 30-s claim): a second copy would have arrived by now.
    await new Promise((resolve) => setTimeout(resolve, 33_000));
    assert.equal(arrivals(bot, chiefChat, ALERT).length, 1, 'exactly one alert');
    assert.equal(
      bot.connector.unansweredCalls.filter((c) => c.kind === 'slow').length,
      1,
      'the slow send was abandoned',
    );
  });

  it('50 reports at once: the chief gets every report once, in digests, violence first (per-chat pacing off)', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: '', ALERT_CHAT_GAP_MS: '0' });
    const chiefChat = await install(bot, chief);
    const events = Array.from({ length: 50 }, (_, i) => reportEvent(100 + i, i % 5 === 0 ? 'vald' : 'hot'));
    const outbox = bot.app.alerts.outbox;
    const enqueueStart = Date.now();
    await Promise.all(
      events.map((event) => outbox.enqueueReport(event, asRecipient(chief, 'securityChief'), false)),
    );
    const enqueued = Date.now() - enqueueStart;
    bot.app.alerts.kick();
    await bot.connector.waitFor(
      () => events.every((event) => arrivals(bot!, chiefChat, event.reference).length > 0),
      30_000,
    );
    const messages = bot.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === chiefChat);
    const sent = messages.map((c) => c.at - enqueueStart);
    console.log(
      `      enqueue ${enqueued} ms; ${messages.length} messages at ${Math.min(...sent)}–${Math.max(...sent)} ms`,
    );
    const latencies: number[] = [];
    for (const event of events) {
      const [delivery] = await outbox.deliveriesFor(event.reportId);
      const at = arrivals(bot, chiefChat, event.reference);
      assert.equal(at.length, 1, `${event.reference} once`);
      assert.equal(delivery!.status, 'delivered');
      latencies.push(at[0]! - Date.parse(delivery!.createdAt));
    }
    const [p50, p99] = [percentile(latencies, 50), percentile(latencies, 99)];
    console.log(
      `      50 reports → chief: enqueue → alert p50 ${p50} ms, p99 ${p99} ms, max ${Math.max(...latencies)} ms`,
    );
    assert.ok(messages.length < 50, 'reports queued for the same chat were folded into digests');
    // Within each message the violence reports come first.
    const vald = new Set(events.filter((e) => e.kinds === 'vald').map((e) => e.reference));
    for (const message of messages) {
      const listed = JSON.stringify(message.activity).match(/IR-\d{4}-\d{4}/g) ?? [];
      const firstOther = listed.findIndex((reference) => !vald.has(reference));
      assert.ok(
        firstOther < 0 || listed.slice(firstOther).every((reference) => !vald.has(reference)),
        'violence first',
      );
    }
  });

  it('600 queued question cards do not delay a report alert past 3 s', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: '', ALERT_POLL_MS: '1000' });
    const chiefChat = await install(bot, chief);
    const outbox = bot.app.alerts.outbox;
    const question = (i: number): ChiefQuestion => ({
      id: `q${i}`,
      asker: { aadObjectId: official.aadObjectId, name: official.name },
      text: `Fråga nummer ${i}`,
      askedAt: new Date().toISOString(),
      locale: 'sv',
      status: 'open',
    });
    for (let i = 0; i < 600; i += 50)
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          outbox.enqueue(
            `question-q${i + j}`,
            chief.aadObjectId,
            { kind: 'question', question: question(i + j) },
            asRecipient(chief, 'securityChief'),
          ),
        ),
      );
    bot.app.alerts.kick();
    await bot.connector.waitFor(() => arrivals(bot!, chiefChat, 'Fråga nummer').length >= 3, 10_000);
    const event = reportEvent(7, 'vald');
    await outbox.enqueueReport(event, asRecipient(chief, 'securityChief'), false);
    bot.app.alerts.kick();
    await bot.connector.waitFor(() => arrivals(bot!, chiefChat, event.reference).length === 1, 3_000);
    const waited = await enqueueToArrival(bot, chiefChat, event.reference, event.reportId);
    const questionsBefore = arrivals(bot, chiefChat, 'Fråga nummer').filter(
      (at) => at < arrivals(bot!, chiefChat, event.reference)[0]!,
    ).length;
    console.log(
      `      report alert behind 600 questions: ${waited} ms (${questionsBefore} question cards sent before it)`,
    );
    assert.ok(waited <= 3_000, `waited ${waited} ms`);
    assert.ok(outbox.health().oldestDueAgeMs > 0, 'the backlog of questions shows in the outbox health');
    assert.ok(outbox.health().lastHeartbeatAt, 'the worker reports its heartbeat');
  });
});
