import assert from 'node:assert/strict';
import { official } from '../support/activities';
import { chief, contactM, contactS, install, postsIn, ROLE_ENV } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { COMPLETE_ANSWERS, findActions, ReportClient } from '../support/reportFlow';
import { validateCard } from '../../src/core/cards/cardValidation';
import type { AdaptiveCard } from '../../src/core/cards';

/** Issue 15, item 4: the acute reply is firm, says a draft is kept, and can alert the security function. */
describe('acute reply: "Ring 112 nu.", the saved draft, "Larma säkerhetssamordnaren" (real endpoint)', function () {
  this.timeout(60_000);
  let bot: RunningBot;
  const ACUTE = 'han står utanför dörren nu';

  beforeEach(async () => {
    bot = await startBot(ROLE_ENV);
  });
  afterEach(async () => {
    await bot.stop();
  });

  const repliesTo = async (client: ReportClient, text: string) => {
    const before = bot.connector.activitiesIn(client.conversationId).length;
    await client.say(text);
    return bot.connector.activitiesIn(client.conversationId).slice(before);
  };

  it('says "Ring 112 nu." once, firmly, and does not repeat or hedge it on the card', async () => {
    const client = new ReportClient(bot);
    const replies = await repliesTo(client, ACUTE);
    assert.equal(replies.length, 2);
    assert.equal(replies[0]!.text, 'Ring 112 nu.');
    const card = JSON.stringify(replies[1]!.attachments![0]!.content);
    assert.deepEqual(validateCard(replies[1]!.attachments![0]!.content as AdaptiveCard), []);
    assert.doesNotMatch(card, /Ring 112 nu/, 'the line is not repeated on the card');
    assert.doesNotMatch(card, /om du är i fara/, 'no hedge once the bot has decided');
    assert.match(card, /Larma säkerhetssamordnaren/);
    assert.match(card, /ersätter aldrig 112/);
    assert.doesNotMatch(card, /påbörjade rapport/, 'no draft: nothing said about one');
  });

  it('tells her that her open report draft is saved and how to continue', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.step(COMPLETE_ANSWERS[0]!);
    const replies = await repliesTo(client, ACUTE);
    assert.equal(replies[0]!.text, 'Ring 112 nu.');
    assert.match(
      JSON.stringify(replies[1]!.attachments![0]!.content),
      /Din påbörjade rapport är sparad. Skriv \\"rapportera incident\\" när du är i säkerhet/,
    );
  });

  it('"Larma säkerhetssamordnaren" alerts the chief and her party\'s contact with her name and the time, once', async () => {
    const chiefChat = await install(bot, chief);
    const contactChat = await install(bot, contactS);
    const otherChat = await install(bot, contactM);
    // Her last report says her party (S).
    const first = new ReportClient(bot);
    await first.say('rapportera incident');
    await first.completeAll();
    await first.press(first.action('report.submit'));
    await bot.connector.waitFor(() => postsIn(bot, chiefChat, 'Ny incidentrapport').length === 1, 10_000);

    const client = new ReportClient(bot);
    await client.say(ACUTE);
    const alarm = findActions(client.lastCard()).find((a) => a.verb === 'alerts.urgent')!;
    assert.ok(alarm, 'the acute card has the alarm button');
    await Promise.all([client.press(alarm), client.press(alarm)]); // a double press alerts once
    const told = bot.connector.activitiesIn(client.conversationId).map((a) => String(a.text ?? ''));
    assert.ok(
      told.some((t) =>
        /Larmet är skickat till kommunens säkerhetssamordnare och ditt partis säkerhetsansvariga/.test(t),
      ),
    );
    assert.ok(told.some((t) => /Det ersätter inte 112/.test(t)));

    const urgent = (chat: string) => postsIn(bot, chat, 'AKUT LARM');
    await bot.connector.waitFor(
      () => urgent(chiefChat).length === 1 && urgent(contactChat).length === 1,
      10_000,
    );
    const card = urgent(chiefChat)[0]!.attachments![0]!.content as AdaptiveCard;
    assert.deepEqual(validateCard(card), []);
    const text = JSON.stringify(card);
    assert.match(text, new RegExp(official.name));
    assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, 'the time');
    assert.match(text, /ersätter aldrig 112/);
    assert.doesNotMatch(text, /utanför dörren/, 'not her message');
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(urgent(chiefChat).length, 1, 'one alert for a double press');
    assert.equal(urgent(otherChat).length, 0, 'not another party');
  });
});
