import assert from 'node:assert/strict';
import { cardExecute, cardSubmit, message, official, type TestUser } from '../support/activities';
import {
  chief as configuredChief,
  deputy as configuredDeputy,
  install,
  postsIn,
  ROLE_ENV,
  submitReport,
} from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { findActions } from '../support/reportFlow';
import { MeetingStore } from '../../src/meeting/meetingStore';

type Json = Record<string, unknown>;

/**
 * Issue 15, item 5: one name for the security role throughout. With SECURITY_CONTACT_TITLE set, every text that
 * names the role (cases, meeting, questions, alert notices) uses that name, and none says "säkerhetschef".
 * The people's own names are chosen without the old word, so a hit can only come from a fixed text.
 */
const chief: TestUser = { ...configuredChief, name: 'Sara Samordnare' };
const deputy: TestUser = { ...configuredDeputy, name: 'David Ersättare' };
const OLD_NAME = /säkerhetschef|security chief/i;

describe('SECURITY_CONTACT_TITLE names the role in every text', function () {
  this.timeout(60_000);
  let bot: RunningBot;

  before(async () => {
    bot = await startBot({
      ...ROLE_ENV,
      SECURITY_DEPUTY_IDS: deputy.aadObjectId,
      ESCALATE_AFTER_SECONDS: '3600',
      SECURITY_CONTACT_TITLE: 'trygghetssamordnare',
      SECURITY_CONTACT_TITLE_EN: 'safety coordinator',
    });
  });
  after(async () => bot?.stop());

  function chat(user: TestUser, conversationId = `a:personal-${user.id}`, locale = 'sv-SE') {
    const options = { serviceUrl: bot.connector.url, conversationId, user, locale };
    const sent = () => bot.connector.activitiesIn(conversationId);
    return {
      say: (text: string) => bot.post(message(text, options)),
      press: (value: Json) => bot.post(cardSubmit(value, options)),
      lastJson: () => JSON.stringify(sent().at(-1)),
      lastCard: () => sent().at(-1)?.attachments?.[0]?.content as Json,
    };
  }

  /** `text` names the configured role and never the old one. */
  function namesTheRole(text: string, expected: RegExp, what: string): void {
    assert.match(text, expected, `${what}: ${text.slice(0, 2000)}`);
    assert.doesNotMatch(text, OLD_NAME, `${what}: not the old name`);
  }

  it('cases: the refusal for someone who is not security staff', async () => {
    const anna = chat(official);
    await anna.say('statistik');
    namesTheRole(anna.lastJson(), /till för kommunens trygghetssamordnare och ställföreträdare/, 'refusal');
    const english = chat(official, 'a:personal-en', 'en-US');
    await english.say('statistics');
    namesTheRole(english.lastJson(), /municipality's safety coordinator and deputy/, 'refusal (en)');
  });

  it('meeting: "Finns det förhöjd risk?" Ja says who was alerted', async () => {
    const group = { serviceUrl: bot.connector.url, conversationId: '19:role@thread.v2', isGroup: true };
    const date = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await bot.post(
      cardSubmit(
        { verb: 'meeting.create', body: 'Kommunfullmäktige', date, place: 'Sessionssalen', lang: 'sv' },
        { ...group, replyToId: 'form-1' },
      ),
    );
    const [meeting] = await new MeetingStore(bot.tables).list('all');
    assert.ok(meeting?.cardMessageId, 'the checklist was shared');
    const yes = { verb: 'meeting.risk', meetingId: meeting.id, elevated: true };
    const press = () =>
      bot.post(cardExecute('meeting.risk', yes, { ...group, replyToId: meeting.cardMessageId! }));
    await press();
    const response = await press();
    assert.equal(response.status, 200, response.body);
    // Only the alert line: the card also quotes the guideline (3.5 "samråd med säkerhetschefen"), word for word.
    const alerted = /"text":"([^"]*har larmats[^"]*)"/.exec(response.body)?.[1] ?? response.body;
    namesTheRole(alerted, /^Trygghetssamordnaren har larmats/, 'risk alerted');
  });

  it('questions: the ask card and the confirmation name the role', async () => {
    await install(bot, chief);
    const anna = chat(official);
    await anna.say('Hur gör jag en polisanmälan?');
    const ask = findActions(anna.lastCard()).find((data) => data.verb === 'alerts.ask');
    assert.ok(ask, 'the answer offers the question');
    await anna.press(ask);
    namesTheRole(anna.lastJson(), /Fråga trygghetssamordnaren/, 'ask card title');
    const send = findActions(anna.lastCard()).find((data) => data.verb === 'alerts.askSend');
    assert.ok(send, 'the ask card has a send button');
    await anna.press({ ...send, question: 'Hur polisanmäler jag hot på Facebook?' });
    namesTheRole(anna.lastJson(), /Din fråga har skickats till trygghetssamordnaren/, 'sent confirmation');
  });

  it('alert notices: who could not be reached is named by the role', async () => {
    const chiefChat = await install(bot, chief);
    const deputyChat = await install(bot, deputy);
    bot.connector.failNext({ status: 403, times: 1, conversationId: chiefChat });
    bot.connector.failNext({ status: 403, times: 10, createConversation: true }); // party contacts: no chat
    await submitReport(bot);
    const NOTICE = 'Någon kunde inte nås';
    await bot.connector.waitFor(() => postsIn(bot, deputyChat, NOTICE).length === 1, 10_000);
    namesTheRole(
      JSON.stringify(postsIn(bot, deputyChat, NOTICE)[0]),
      /Trygghetssamordnare: Sara Samordnare/,
      'unreachable notice',
    );
  });
});
