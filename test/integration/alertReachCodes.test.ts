import assert from 'node:assert/strict';
import { message, TEST_TENANT } from '../support/activities';
import { asRecipient, reportEvent } from '../support/alertEvents';
import {
  chief,
  contactS,
  deputy,
  install,
  postsIn,
  ROLE_ENV,
  submitReport,
  waitUntil,
} from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { FakeConnector } from '../support/fakeConnector';
import { ReportStore } from '../../src/report/reportStore';

const ALERT = 'Ny incidentrapport';
const NOTICE = 'Någon kunde inte nås';

describe("Teams' error codes on proactive sends, and a chat where no one has written yet", function () {
  this.timeout(60_000);
  let bot: RunningBot | undefined;
  let fallback: FakeConnector | undefined;

  afterEach(async () => {
    await bot?.stop();
    await fallback?.stop();
    bot = fallback = undefined;
  });

  /** The party contact's delivery of the (only) report. */
  async function contactDelivery(running: RunningBot) {
    const [report] = await new ReportStore(() => running.tables.table('Reports')).all();
    const deliveries = await running.app.alerts.outbox.deliveriesFor(report!.report.id);
    return deliveries.find((d) => d.recipient.role === 'partyContact' && d.payload.kind === 'report')!;
  }

  it('ConversationNotFound on the stored chat: the reference is dropped, the chat opened again once, and the alert sent', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: '' });
    const chiefChat = await install(bot, chief);
    bot.connector.failNext({
      status: 404,
      errorCode: 'ConversationNotFound',
      conversationId: chiefChat,
      times: 1,
      while: () => true,
    });
    await submitReport(bot);
    await bot.connector.waitFor(() => bot!.connector.createdConversations.length === 1, 10_000);
    const created = bot.connector.createdConversations[0]!;
    assert.deepEqual(created.memberIds, [chief.aadObjectId]);
    await bot.connector.waitFor(() => postsIn(bot!, created.id, ALERT).length === 1, 10_000);
    // The new chat was stored: the next alert goes straight there, the gone chat is not tried again.
    const failedBefore = bot.connector.failedCalls.length;
    await submitReport(bot);
    await bot.connector.waitFor(() => postsIn(bot!, created.id, ALERT).length === 2, 10_000);
    assert.equal(bot.connector.failedCalls.length, failedBefore);
    assert.equal(postsIn(bot, chiefChat, NOTICE).length, 0);
  });

  it('ConversationBlockedByUser is permanent: unreachable at once (no retry), with the code recorded, and the chief told', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: `S=${contactS.aadObjectId}` });
    const chiefChat = await install(bot, chief);
    const contactChat = await install(bot, contactS);
    bot.connector.failNext({
      status: 403,
      errorCode: 'ConversationBlockedByUser',
      conversationId: contactChat,
      times: 5,
    });
    await submitReport(bot);
    await bot.connector.waitFor(() => postsIn(bot!, chiefChat, NOTICE).length === 1, 10_000);
    assert.equal(bot.connector.failedCalls.length, 1, 'tried once');
    const toContact = await contactDelivery(bot);
    assert.equal(toContact.status, 'unreachable');
    assert.match(toContact.lastError!, /403 ConversationBlockedByUser/);
  });

  it('BotNotInConversationRoster: the report alert waits for an install (not given up), and the chief is told once', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: `S=${contactS.aadObjectId}` });
    const chiefChat = await install(bot, chief);
    const contactChat = await install(bot, contactS);
    bot.connector.failNext({
      status: 403,
      errorCode: 'BotNotInConversationRoster',
      conversationId: contactChat,
      times: 5,
    });
    await submitReport(bot);
    await bot.connector.waitFor(() => postsIn(bot!, chiefChat, NOTICE).length === 1, 10_000);
    const toContact = await contactDelivery(bot);
    assert.equal(toContact.status, 'pending', 'still to be delivered once the app is installed');
    assert.ok(Date.parse(toContact.dueAt) - Date.now() > 5 * 60_000, 'tried again in minutes, not seconds');
    assert.match(toContact.lastError!, /BotNotInConversationRoster/);
  });

  it('with nobody in the tenant seen yet, opens the chat at the configured serviceUrl and tenant', async () => {
    fallback = await new FakeConnector().start();
    bot = await startBot({
      ...ROLE_ENV,
      PARTY_CONTACTS: '',
      TEAMS_SERVICE_URL: fallback.url,
      TEAMS_TENANT_ID: TEST_TENANT,
    });
    const event = reportEvent(9);
    await bot.app.alerts.outbox.enqueueReport(event, asRecipient(chief, 'securityChief'), false);
    bot.app.alerts.kick();
    await fallback.waitFor(() => fallback!.createdConversations.length === 1, 10_000);
    const created = fallback.createdConversations[0]!;
    assert.deepEqual(created.memberIds, [chief.aadObjectId]);
    assert.equal(created.tenantId, TEST_TENANT);
    await fallback.waitFor(
      () => fallback!.activitiesIn(created.id).some((a) => JSON.stringify(a).includes(event.reference)),
      10_000,
    );
    await waitUntil(
      async () => (await bot!.app.alerts.outbox.deliveriesFor(event.reportId))[0]?.status === 'delivered',
    );
  });
});

describe('"larmstatus": who alerts can reach, for the security chief', function () {
  this.timeout(60_000);
  let bot: RunningBot | undefined;

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('lists each chief, deputy and party contact with whether the bot reaches them, in a 1:1 chat only, chief only', async () => {
    bot = await startBot({
      ...ROLE_ENV,
      SECURITY_DEPUTY_IDS: deputy.aadObjectId,
      PARTY_CONTACTS: `S=${contactS.aadObjectId}`,
    });
    const chiefChat = await install(bot, chief); // the deputy and the contact never opened the bot
    await bot.post(
      message('larmstatus', { serviceUrl: bot.connector.url, conversationId: chiefChat, user: chief }),
    );
    // The card alone: the reply's addressing (her name as its recipient) must not stand in for what the card
    // shows. Each person is one row (a ColumnSet): her id, her role and whether the bot reaches her.
    const reply = bot.connector.activitiesIn(chiefChat).at(-1);
    const card = JSON.stringify(reply?.attachments);
    assert.match(card, /Larmstatus/);
    const content = reply?.attachments?.[0]?.content as { body: Array<{ type: string }> };
    const rows = content.body
      .filter((element) => element.type === 'ColumnSet')
      .map((row) => JSON.stringify(row));
    const chiefRow = rows.find((row) => row.includes(chief.aadObjectId));
    assert.match(
      chiefRow ?? '',
      /"Säkerhetssamordnare"[^]*"Nås"/,
      'the chief: reachable (her chat is known)',
    );
    assert.match(
      card,
      new RegExp(`${deputy.aadObjectId}[^]*Ställföreträdande[^]*Kan öppnas`),
      'the deputy: a chat can be opened',
    );
    assert.match(card, /Partiets säkerhetsansvarig \(S\)[^]*Kan öppnas/);
    const groupChat = 'a:group-chat';
    await bot.post(
      message('larmstatus', {
        serviceUrl: bot.connector.url,
        conversationId: groupChat,
        user: chief,
        isGroup: true,
      }),
    );
    // What the group sees (the text and any card), not the reply's addressing.
    const shown = JSON.stringify(
      bot.connector
        .activitiesIn(groupChat)
        .map((a: { text?: string; attachments?: unknown }) => ({ text: a.text, attachments: a.attachments })),
    );
    assert.doesNotMatch(shown, /Sara|Karl|Nås/, 'no names in a group chat');
    assert.match(shown, /privat chatt \(1:1\)/, 'told where to ask');
    const contactChat = await install(bot, contactS);
    await bot.post(
      message('larmstatus', { serviceUrl: bot.connector.url, conversationId: contactChat, user: contactS }),
    );
    assert.match(JSON.stringify(bot.connector.activitiesIn(contactChat).at(-1)), /Bara säkerhetssamordnaren/);
    const counted = bot.logs.lines.find(
      (l) => l.msg === 'alert recipients and whether the bot can reach them',
    );
    assert.ok(counted, 'the start-up line');
    assert.doesNotMatch(JSON.stringify(counted), /aaaaaaaa|Sara|Karl/, 'counts only, no ids or names');
  });
});
