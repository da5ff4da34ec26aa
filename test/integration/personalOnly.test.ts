import assert from 'node:assert/strict';
import { cardExecute, cardSubmit, message, official, type TestUser } from '../support/activities';
import { chief, contactS, install, reportAlertedToChief, ROLE_ENV } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';

type Json = Record<string, unknown>;

/**
 * Finding 2 (issue 13): reports, cases, questions to the chief, party contacts, statistics and exports only
 * in a 1:1 chat. In a group chat or team channel nobody gets anything of a report, whatever they type or
 * press (card data can be replayed from anywhere), only a line saying where to go.
 */
describe('case data only in 1:1 chats', function () {
  this.timeout(90_000);
  let bot: RunningBot;
  let reportId: string;

  before(async () => {
    bot = await startBot(ROLE_ENV);
    await install(bot, contactS);
    ({ reportId } = await reportAlertedToChief(bot, official));
  });
  after(async () => bot.stop());

  const NARRATIVE = /vi vet var du bor|Socialnämnden|IR-\d{4}-\d{4}|api\/cases\/files|Anna Förtroendevald/;

  /** Everything the bot sent to a conversation, as one string. */
  const sentTo = (conversationId: string) =>
    JSON.stringify(
      bot.connector.activitiesIn(conversationId).map((a) => ({ text: a.text, attachments: a.attachments })),
    );

  async function inGroup(
    who: TestUser,
    kind: 'groupChat' | 'channel',
    send: (options: { serviceUrl: string; conversationId: string; user: TestUser; isGroup: true }) => Json,
    locale = 'sv-SE',
  ): Promise<string> {
    const conversationId = `19:${kind}-${Math.random().toString(36).slice(2)}@thread.v2`;
    const activity = send({ serviceUrl: bot.connector.url, conversationId, user: who, isGroup: true });
    const conversation = activity.conversation as Json;
    if (kind === 'channel') conversation.conversationType = 'channel';
    activity.locale = locale;
    const response = await bot.post(activity);
    assert.ok(response.status === 200, `answered ${response.status}`);
    return sentTo(conversationId);
  }

  const texts: Array<[TestUser, string]> = [
    [chief, 'ärenden'],
    [chief, 'alla rapporter'],
    [chief, 'statistik'],
    [chief, 'partikontakter'],
    [contactS, 'ärenden'],
    [official, 'mina rapporter'],
    [official, 'rapportera incident'],
  ];
  for (const [who, text] of texts) {
    it(`"${text}" from ${who.name} in a group chat and a channel: only "go to your 1:1 chat"`, async () => {
      for (const kind of ['groupChat', 'channel'] as const) {
        const sent = await inGroup(who, kind, (options) => message(text, options));
        assert.doesNotMatch(sent, NARRATIVE, `${kind}: ${sent.slice(0, 300)}`);
        assert.match(sent, /privat chatt|1:1/, `${kind}: tells where to go`);
      }
    });
  }

  const presses = (): Array<[TestUser, Json]> => [
    [chief, { verb: 'cases.menu' }],
    [chief, { verb: 'cases.list' }],
    [chief, { verb: 'cases.open', reportId }],
    [chief, { verb: 'cases.export', reportId }],
    [chief, { verb: 'cases.stats', quarter: 'previous' }],
    [chief, { verb: 'cases.note', reportId, note: 'anteckning i gruppen' }],
    [chief, { verb: 'alerts.take', reportId }],
    [chief, { verb: 'alerts.contacts' }],
    [contactS, { verb: 'cases.open', reportId }],
    [contactS, { verb: 'alerts.take', reportId }],
    [official, { verb: 'report.mine' }],
    [official, { verb: 'report.start' }],
    [official, { verb: 'alerts.ask', question: 'hur gör jag?' }],
    [official, { verb: 'alerts.askSend', question: 'en fråga från gruppen' }],
  ];
  it('every button press of reports, cases, questions and contacts, replayed in a group: refused', async () => {
    for (const [who, value] of presses()) {
      for (const via of ['submit', 'execute'] as const) {
        const { verb, ...data } = value;
        const sent = await inGroup(who, 'groupChat', (options) =>
          via === 'submit' ? cardSubmit(value, options) : cardExecute(verb as string, data, options),
        );
        assert.doesNotMatch(sent, NARRATIVE, `${String(verb)} (${via}): ${sent.slice(0, 300)}`);
        assert.match(sent, /privat chatt/, `${String(verb)} (${via}) tells where to go`);
      }
    }
    const history = await bot.app.cases.repository.readLogUnchecked(reportId);
    assert.equal(history.length, 0, 'nothing was read on anyone’s behalf');
    const chiefChat = bot.connector.activitiesIn(`a:personal-${chief.id}`);
    assert.ok(!JSON.stringify(chiefChat).includes('en fråga från gruppen'), 'no question reached the chief');
    assert.ok(!JSON.stringify(chiefChat).includes('Tas om hand'), 'nobody took the case from a group');
  });

  it('says it in English to an English client', async () => {
    const sent = await inGroup(chief, 'groupChat', (options) => message('cases', options), 'en-GB');
    assert.match(sent, /private \(1:1\) chat/, sent);
  });

  it('still answers guidance and the meeting checklist in a group chat', async () => {
    const sent = await inGroup(official, 'groupChat', (options) =>
      message('hur skyddar jag mig på sociala medier', options),
    );
    assert.doesNotMatch(sent, /privat chatt/);
    assert.match(sent, /Källa/);
  });
});
