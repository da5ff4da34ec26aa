import assert from 'node:assert/strict';
import { cardSubmit, official } from '../support/activities';
import { chief, install, postsIn, ROLE_ENV, waitUntil } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { ReportClient } from '../support/reportFlow';

/** Rows in one table (the test's own prefix), counted straight from storage. */
async function rowsIn(bot: RunningBot, table: string): Promise<number> {
  let count = 0;
  for await (const entity of (await bot.tables.table(table)).listEntities()) if (entity) count++;
  return count;
}

/**
 * Finding 3 (issue 13): one person cannot flood the security chief. Questions are limited per person and the
 * same question twice is dropped; risk marks are limited per person. The flood test of the issue: 600
 * questions from one user leave fewer than 50 question cards for the chief, and a report filed right after
 * has its alert at the chief within 3 s of "Skicka".
 */
describe('per-person limits towards the security chief', function () {
  this.timeout(180_000);
  let bot: RunningBot;
  let chiefChat: string;

  beforeEach(async () => {
    bot = await startBot(ROLE_ENV);
    chiefChat = await install(bot, chief);
    await install(bot, official);
  });
  afterEach(async () => bot.stop());

  it('600 questions from one user: < 50 question cards reach the chief, a report alert within 3 s', async () => {
    const conversationId = `a:personal-${official.id}`;
    const options = { serviceUrl: bot.connector.url, conversationId, user: official };
    const questions = Array.from({ length: 600 }, (_, i) =>
      i % 3 === 2 ? 'Samma fråga igen?' : `Fråga nummer ${i}: vad gör jag?`,
    );
    const started = Date.now();
    for (let i = 0; i < questions.length; i += 20) {
      const batch = questions
        .slice(i, i + 20)
        .map((question, j) =>
          bot.post(
            cardSubmit(
              { verb: 'alerts.askSend', question, lang: 'sv' },
              { ...options, replyToId: `form-${i + j}` },
            ),
          ),
        );
      for (const response of await Promise.all(batch)) assert.equal(response.status, 200);
    }
    console.log(`      600 questions posted in ${Date.now() - started} ms`);
    const stored = await rowsIn(bot, 'ChiefQuestions');
    assert.ok(stored < 50, `${stored} questions stored for the chief`);
    const replies = JSON.stringify(bot.connector.activitiesIn(conversationId));
    assert.match(replies, /många frågor den senaste timmen/, 'the asker is told the limit is reached');
    assert.match(replies, /redan skickat/, 'a duplicate is dropped with a message');

    // A real report right after the flood: its alert reaches the chief within 3 s of "Skicka".
    const anna = new ReportClient(bot, official);
    await anna.say('rapportera incident');
    await anna.completeAll();
    const pressed = Date.now();
    await anna.press(anna.action('report.submit'));
    const reference = /IR-\d{4}-\d{4}/.exec(anna.lastText())![0];
    await waitUntil(() => postsIn(bot, chiefChat, reference).length > 0, 10_000);
    const alertAfterMs = postsIn(bot, chiefChat, reference).length && Date.now() - pressed;
    console.log(`      report alert at the chief ${alertAfterMs} ms after "Skicka"`);
    assert.ok(alertAfterMs < 3_000, `${alertAfterMs} ms`);

    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const cards = postsIn(bot, chiefChat, 'Fråga till säkerhetssamordnaren').length;
    console.log(`      question cards in the chief's chat: ${cards}`);
    assert.ok(cards < 50, `${cards} question cards`);
  });

  it('15 meetings marked "förhöjd risk" by one person: at most 3 alerts, and the person is told', async () => {
    const conversationId = `a:personal-${official.id}`;
    const options = { serviceUrl: bot.connector.url, conversationId, user: official };
    for (let i = 0; i < 15; i++) {
      const date = `2027-0${1 + (i % 9)}-1${i % 10}`;
      await bot.post(
        cardSubmit(
          { verb: 'meeting.create', body: 'Kommunfullmäktige', date, place: `Sal ${i}`, lang: 'sv' },
          options,
        ),
      );
      const sent = JSON.stringify(bot.connector.activitiesIn(conversationId));
      const ids = [...sent.matchAll(/"meetingId":"([0-9a-f-]{36})"/g)].map((m) => m[1]!);
      const meetingId = ids.at(-1)!;
      await bot.post(cardSubmit({ verb: 'meeting.risk', meetingId, elevated: true, lang: 'sv' }, options));
    }
    await waitUntil(async () => (await rowsIn(bot, 'AlertDeliveries')) >= 3);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const alerts = postsIn(bot, chiefChat, /Förhöjd risk|förhöjd risk/).length;
    assert.ok(alerts <= 3, `${alerts} meeting-risk alerts`);
    assert.match(JSON.stringify(bot.connector.activitiesIn(conversationId)), /larmades inte igen/);
  });
});
