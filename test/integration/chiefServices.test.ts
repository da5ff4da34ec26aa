import assert from 'node:assert/strict';
import { cardSubmit, message, official, type TestUser } from '../support/activities';
import {
  chief,
  contactS,
  install,
  postsIn,
  ROLE_ENV,
  runAlertPass,
  submitReport,
  waitUntil,
} from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { findActions } from '../support/reportFlow';
import type { MeetingRiskAlert } from '../../src/meeting/domain/meetingRisk';

type Json = Record<string, unknown>;

const secondChief: TestUser = {
  id: '29:chief-2',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000c9',
  name: 'Sven Säkerhetschef',
};

function client(bot: RunningBot, user: TestUser, conversationId = `a:personal-${user.id}`) {
  const options = { serviceUrl: bot.connector.url, conversationId, user };
  return {
    conversationId,
    say: (text: string) => bot.post(message(text, options)),
    press: (value: Json) => bot.post(cardSubmit(value, options)),
    cards: () =>
      bot.connector
        .activitiesIn(conversationId)
        .map((a) => a.attachments?.[0]?.content as Json | undefined)
        .filter((c): c is Json => !!c),
    texts: () =>
      bot.connector
        .activitiesIn(conversationId)
        .map((a) => String(a.text ?? ''))
        .filter(Boolean),
  };
}

const action = (card: Json, verb: string): Json => {
  const found = findActions(card).find((data) => data.verb === verb);
  assert.ok(found, `a button with verb ${verb}`);
  return found;
};

describe('"Fråga säkerhetssamordnaren": question to the chiefs, answer back to the asker', function () {
  this.timeout(60_000);
  let bot: RunningBot;
  afterEach(async () => bot?.stop());

  it('Anna asks from a guidance answer, Sara answers in the card, Anna gets it, both chiefs see who answered', async () => {
    bot = await startBot({
      ...ROLE_ENV,
      SECURITY_CHIEF_IDS: `${chief.aadObjectId},${secondChief.aadObjectId}`,
    });
    const sara = client(bot, chief);
    const sven = client(bot, secondChief);
    await install(bot, chief);
    await install(bot, secondChief);
    const anna = client(bot, official);
    const asked = 'Hur polisanmäler jag hot på Facebook? [klicka](https://evil.example) {{DATE(2026)}}';
    await anna.say('Hur gör jag en polisanmälan?');
    const ask = action(anna.cards().at(-1)!, 'alerts.ask');
    assert.equal(ask.question, 'Hur gör jag en polisanmälan?', 'prefilled with what she asked');
    await anna.press(ask);
    const askCard = anna.cards().at(-1)!;
    assert.match(JSON.stringify(askCard), /Fråga säkerhetssamordnaren/);
    assert.match(
      JSON.stringify(askCard),
      /"value":"Hur gör jag en polisanmälan\?"/,
      'the input is prefilled',
    );

    // An empty question comes back with a message; nothing is sent.
    await anna.press({ ...action(askCard, 'alerts.askSend'), question: '   ' });
    assert.match(JSON.stringify(anna.cards().at(-1)), /Skriv en fråga först/);
    await anna.press({
      ...action(askCard, 'alerts.askSend'),
      question: asked,
      reportId: 'forged',
      user: 'x',
    });
    assert.match(anna.texts().at(-1)!, /Din fråga har skickats till säkerhetssamordnaren/);

    const questionCards = (chat: string) => postsIn(bot, chat, 'Fråga till säkerhetssamordnaren');
    await bot.connector.waitFor(
      () =>
        questionCards(sara.conversationId).length === 1 && questionCards(sven.conversationId).length === 1,
      10_000,
    );
    const chiefCard = questionCards(sara.conversationId)[0]!.attachments![0]!.content as Json;
    const json = JSON.stringify(chiefCard);
    assert.match(json, /Anna Förtroendevald/, "the asker's name, from the activity");
    assert.match(json, /\{\u200b\{DATE/, 'Teams macros in user text are broken');
    assert.match(json, /"type":"TextRun","text":"Hur polisanmäler jag hot/, 'user text only in TextRuns');
    const answer = action(chiefCard, 'alerts.answer');

    // Not a chief: refused. Empty answer: the card comes back.
    const karl = client(bot, contactS);
    await karl.press({ ...answer, answer: 'Jag svarar' });
    assert.match(karl.texts().at(-1)!, /Bara säkerhetssamordnaren/);
    await sara.press({ ...answer, answer: '' });
    assert.match(JSON.stringify(sara.cards().at(-1)), /Skriv ett svar först/);

    await sara.press({ ...answer, answer: 'Ring mig på 0346-88 60 00 så går vi igenom det.' });
    assert.match(sara.texts().at(-1)!, /Ditt svar har skickats till Anna Förtroendevald/);
    await bot.connector.waitFor(
      () => postsIn(bot, anna.conversationId, 'Svar från säkerhetssamordnaren').length === 1,
    );
    const received = JSON.stringify(postsIn(bot, anna.conversationId, 'Svar från säkerhetssamordnaren')[0]);
    assert.match(received, /Ring mig på 0346-88 60 00/);
    assert.match(received, /Svar från Sara Säkerhetschef/);

    const updates = bot.connector.calls.filter(
      (c) => c.method === 'PUT' && JSON.stringify(c.activity).includes('Besvarad av Sara Säkerhetschef'),
    );
    assert.deepEqual(
      new Set(updates.map((u) => u.conversationId)),
      new Set([sara.conversationId, sven.conversationId]),
      "every chief's card says who answered",
    );
    assert.ok(
      updates.every((u) => !JSON.stringify(u.activity).includes('alerts.answer')),
      'no answer button',
    );

    // The second chief answers too late: told so, and their text is handed back.
    await sven.press({ ...answer, answer: 'Mitt svar' });
    assert.match(sven.texts().at(-2)!, /redan besvarats av Sara Säkerhetschef/);
    assert.equal(sven.texts().at(-1), 'Mitt svar');
    await runAlertPass(bot);
    assert.equal(postsIn(bot, anna.conversationId, 'Svar från säkerhetssamordnaren').length, 1, 'one answer');
  });

  it('a double press of the same form sends one question (two presses of another form send two)', async () => {
    bot = await startBot(ROLE_ENV);
    const sara = client(bot, chief);
    await install(bot, chief);
    const anna = client(bot, official);
    const options = { serviceUrl: bot.connector.url, conversationId: anna.conversationId, user: official };
    const send = (formMessageId: string, question = 'Får jag ha skyddat nummer?') =>
      bot.post(
        cardSubmit(
          { verb: 'alerts.askSend', question, lang: 'sv' },
          { ...options, replyToId: formMessageId },
        ),
      );
    await Promise.all([send('form-1'), send('form-1')]);
    // Another form with another question (the same question again is dropped as a duplicate: issue 13 #3).
    await send('form-2', 'Får min familj ha skyddat nummer?');
    const asked = () => postsIn(bot, sara.conversationId, 'Fråga till säkerhetssamordnaren').length;
    await bot.connector.waitFor(() => asked() >= 2, 10_000);
    await runAlertPass(bot);
    assert.equal(asked(), 2, 'form-1 twice is one question; form-2 is another');

    // A question with a form-derived id can be answered (Teams always sends replyToId).
    const chiefCard = postsIn(bot, sara.conversationId, 'Fråga till säkerhetssamordnaren')[0]!
      .attachments![0]!.content as Json;
    await sara.press({ ...action(chiefCard, 'alerts.answer'), answer: 'Ja, prata med Skatteverket.' });
    await bot.connector.waitFor(
      () => postsIn(bot, anna.conversationId, 'Svar från säkerhetssamordnaren').length === 1,
    );
  });
});

describe('meeting-risk alerts (entry point for the meeting checklist)', function () {
  this.timeout(60_000);
  let bot: RunningBot;
  afterEach(async () => bot?.stop());

  it('delivers one meeting-risk card per meeting to the security chief through the outbox', async () => {
    bot = await startBot(ROLE_ENV);
    const chiefChat = await install(bot, chief);
    const contactChat = await install(bot, contactS);
    const alert: MeetingRiskAlert = {
      meetingId: 'kf-2026-12-01',
      body: 'Kommunfullmäktige',
      date: '2026-12-01',
      place: 'Stadshuset, sessionssalen',
      raisedBy: { name: 'Olof Ledamot', aadObjectId: '2f2111a6-86bb-49bf-94c6-1caa56d38b48' },
      raisedAt: '2026-11-29T10:00:00.000Z',
    };
    await Promise.all([bot.app.alerts.notifyMeetingRisk(alert), bot.app.alerts.notifyMeetingRisk(alert)]);
    const TITLE = 'Förhöjd risk vid sammanträde';
    await bot.connector.waitFor(() => postsIn(bot, chiefChat, TITLE).length === 1, 10_000);
    await bot.app.alerts.notifyMeetingRisk(alert);
    await runAlertPass(bot);
    assert.equal(postsIn(bot, chiefChat, TITLE).length, 1, 'idempotent per meetingId');
    assert.equal(postsIn(bot, contactChat, TITLE).length, 0, 'to the security chief only');
    const text = JSON.stringify(postsIn(bot, chiefChat, TITLE)[0]);
    for (const expected of ['Kommunfullmäktige', '2026-12-01', 'Stadshuset, sessionssalen', 'Olof Ledamot'])
      assert.ok(text.includes(expected), expected);
    assert.match(text, /Bilaga 2, Förhöjd risk/);
    assert.match(text, /3\.8/);
    await waitUntil(async () =>
      (await bot.app.alerts.outbox.deliveriesFor('meeting-kf-2026-12-01')).every(
        (d) => d.status === 'delivered',
      ),
    );
    await assert.rejects(bot.app.alerts.notifyMeetingRisk({ ...alert, meetingId: 'x', date: '1 december' }));
  });
});

describe('party contacts card (security chief only)', function () {
  this.timeout(60_000);
  let bot: RunningBot;
  afterEach(async () => bot?.stop());

  it('the chief sees the seeded contacts, adds and removes one; alerts and roles follow; others are refused', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: `S=${contactS.aadObjectId}` });
    const sara = client(bot, chief);
    const karl = client(bot, contactS);
    const nina: TestUser = {
      id: '29:nina',
      aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000ee',
      name: 'Nina (S)',
    };
    await install(bot, chief);
    await install(bot, contactS);
    const ninaChat = await install(bot, nina);

    await sara.say('partikontakter');
    const card = sara.cards().at(-1)!;
    assert.match(JSON.stringify(card), /Partiernas säkerhetsansvariga/);
    assert.ok(JSON.stringify(card).includes(contactS.aadObjectId), 'seeded from PARTY_CONTACTS');
    const add = action(card, 'alerts.contactsAdd');

    // Refused for anyone but the chief, also with a forged button.
    await karl.press({ ...add, party: 'S', aadObjectId: nina.aadObjectId, name: 'Nina' });
    assert.match(karl.texts().at(-1)!, /Bara säkerhetssamordnaren/);
    await karl.say('partikontakter');
    assert.doesNotMatch(JSON.stringify(karl.cards().at(-1)), /Partiernas säkerhetsansvariga/);

    // A bad id comes back with the typed values kept.
    await sara.press({ ...add, party: 'S', aadObjectId: 'inte-ett-guid', name: 'Nina (S)' });
    const refused = JSON.stringify(sara.cards().at(-1));
    assert.match(refused, /ska vara ett GUID/);
    assert.match(refused, /"value":"inte-ett-guid"/);
    assert.match(refused, /"value":"Nina \(S\)"/);

    await sara.press({ ...add, party: 'S', aadObjectId: nina.aadObjectId.toUpperCase(), name: 'Nina (S)' });
    assert.match(JSON.stringify(sara.cards().at(-1)), /Nina \(S\) är nu säkerhetsansvarig för S/);
    const remove = findActions(sara.cards().at(-1)!).find(
      (d) => d.verb === 'alerts.contactsRemove' && d.aadObjectId === contactS.aadObjectId,
    )!;
    await sara.press(remove);
    assert.match(JSON.stringify(sara.cards().at(-1)), /Borttagen som säkerhetsansvarig för S/);

    await submitReport(bot);
    const ALERT = 'Ny incidentrapport';
    await bot.connector.waitFor(() => postsIn(bot, ninaChat, ALERT).length === 1, 10_000);
    assert.equal(postsIn(bot, karl.conversationId, ALERT).length, 0, 'the removed contact is not alerted');
    // Nina's role comes from the stored contacts: her press counts (a party contact is marked in contact, not
    // refused with "ingen roll"; only security staff take the case: issue 13 #7).
    const take = action(postsIn(bot, ninaChat, ALERT)[0]!.attachments![0]!.content as Json, 'alerts.take');
    await client(bot, nina).press(take);
    assert.match(client(bot, nina).texts().at(-1)!, /i kontakt med den utsatta/);
  });
});
