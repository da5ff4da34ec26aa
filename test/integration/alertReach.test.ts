import assert from 'node:assert/strict';
import { TEST_TENANT } from '../support/activities';
import {
  chief,
  contactS,
  deputy,
  install,
  postsIn,
  ROLE_ENV,
  runAlertPass,
  submitReport,
  waitUntil,
} from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { ReportStore } from '../../src/report/reportStore';
import { official } from '../support/activities';

const ALERT = 'Ny incidentrapport';
const NOTICE = 'Någon kunde inte nås';

async function reportIdOf(bot: RunningBot): Promise<string> {
  const [report] = await new ReportStore(() => bot.tables.table('Reports')).byReporter(official.aadObjectId);
  assert.ok(report, 'a report was filed');
  return report.id;
}

describe('alert recipients without a chat, and those who cannot be reached', function () {
  this.timeout(60_000);
  let bot: RunningBot;

  afterEach(async () => {
    await bot?.stop();
  });

  it('opens a 1:1 chat (tenant + object id, the serviceUrl seen) for a recipient who never wrote, stores it, and sends', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: `S=${contactS.aadObjectId}` });
    const chiefChat = await install(bot, chief); // the party contact never opened the bot
    await submitReport(bot);
    await bot.connector.waitFor(() => bot.connector.createdConversations.length === 1, 10_000);
    const created = bot.connector.createdConversations[0]!;
    assert.deepEqual(created.memberIds, [contactS.aadObjectId]);
    assert.equal(created.tenantId, TEST_TENANT);
    await bot.connector.waitFor(() => postsIn(bot, created.id, ALERT).length === 1, 10_000);
    assert.equal(postsIn(bot, chiefChat, ALERT).length, 1);
    const id = await reportIdOf(bot);
    await waitUntil(async () =>
      (await bot.app.alerts.outbox.deliveriesFor(id)).every((d) => d.status === 'delivered'),
    );
    // A second report reuses the stored chat: no second "create conversation".
    await submitReport(bot);
    await bot.connector.waitFor(() => postsIn(bot, created.id, ALERT).length === 2, 10_000);
    const creates = bot.connector.calls.filter((c) => c.method === 'POST' && c.path === '/v3/conversations');
    assert.equal(creates.length, 1, 'the created conversation was stored and reused');
    assert.equal(postsIn(bot, chiefChat, NOTICE).length, 0, 'nobody was unreachable');
  });

  it('tells the chief who could not be reached (403 on create), and the deputy when the chief is unreachable, once each', async () => {
    bot = await startBot({
      ...ROLE_ENV,
      PARTY_CONTACTS: `S=${contactS.aadObjectId}`,
      SECURITY_DEPUTY_IDS: deputy.aadObjectId,
      ESCALATE_AFTER_SECONDS: '3600',
    });
    const chiefChat = await install(bot, chief);
    const deputyChat = await install(bot, deputy);
    bot.connector.failNext({ status: 403, times: 1, conversationId: chiefChat }); // e.g. MessageWritesBlocked
    bot.connector.failNext({ status: 403, times: 1, createConversation: true }); // app not installed for Karl
    const reference = await submitReport(bot);
    const id = await reportIdOf(bot);
    await waitUntil(async () => {
      const deliveries = await bot.app.alerts.outbox.deliveriesFor(id);
      return (
        deliveries.length === 4 && deliveries.every((d) => d.status !== 'pending' && d.status !== 'sending')
      );
    });
    const deliveries = await bot.app.alerts.outbox.deliveriesFor(id);
    const alertsByRole = Object.fromEntries(
      deliveries.filter((d) => d.payload.kind === 'report').map((d) => [d.recipient.role, d]),
    );
    assert.equal(alertsByRole.securityChief!.status, 'unreachable');
    assert.match(alertsByRole.securityChief!.lastError!, /403/);
    assert.equal(alertsByRole.partyContact!.status, 'unreachable');
    assert.match(alertsByRole.partyContact!.lastError!, /403/);

    await bot.connector.waitFor(
      () => postsIn(bot, deputyChat, NOTICE).length === 1 && postsIn(bot, chiefChat, NOTICE).length === 1,
      10_000,
    );
    const toDeputy = JSON.stringify(postsIn(bot, deputyChat, NOTICE)[0]);
    assert.match(
      toDeputy,
      /Säkerhetssamordnare: Sara Säkerhetschef/,
      'role and name (from the chat) of who was missed',
    );
    assert.ok(toDeputy.includes(reference), 'which alert');
    const toChief = JSON.stringify(postsIn(bot, chiefChat, NOTICE)[0]);
    assert.match(toChief, /Partiets säkerhetsansvarig \(S\)/);
    for (const notice of [toDeputy, toChief])
      assert.doesNotMatch(notice, /vi vet var du bor|Socialnämnden|Anna|Hot/, 'no report details');
    await runAlertPass(bot);
    assert.equal(postsIn(bot, deputyChat, NOTICE).length, 1, 'once per failed delivery');
    assert.equal(postsIn(bot, chiefChat, NOTICE).length, 1);
    assert.equal(postsIn(bot, chiefChat, ALERT).length, 0, 'the failed alert is not re-sent');
  });

  it('dead-letters after the last attempt and tells the chief', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: `S=${contactS.aadObjectId}` });
    const chiefChat = await install(bot, chief);
    const contactChat = await install(bot, contactS);
    bot.connector.failNext({ status: 400, times: 1, conversationId: contactChat }); // not retryable: dead at once
    await submitReport(bot);
    await bot.connector.waitFor(() => postsIn(bot, chiefChat, NOTICE).length === 1, 10_000);
    const id = await reportIdOf(bot);
    const contactDelivery = (await bot.app.alerts.outbox.deliveriesFor(id)).find(
      (d) => d.recipient.role === 'partyContact' && d.payload.kind === 'report',
    )!;
    assert.equal(contactDelivery.status, 'dead');
    assert.match(JSON.stringify(postsIn(bot, chiefChat, NOTICE)[0]), /Teams tog inte emot meddelandet/);
  });
});
