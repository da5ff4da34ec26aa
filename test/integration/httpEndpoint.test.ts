import assert from 'node:assert/strict';
import { botInstalled, cardSubmit, message } from '../support/activities';
import { startBot, type RunningBot } from '../support/botHarness';

type Card = {
  body: Array<{ type: string; text?: string; items?: Array<{ text?: string }> }>;
  actions: unknown[];
};

function cardOf(activity: { attachments?: Array<{ content: unknown }> }): Card {
  const content = activity.attachments?.[0]?.content;
  assert.ok(content, 'the reply carries an Adaptive Card');
  return content as Card;
}

function allText(card: Card): string {
  return JSON.stringify(card.body);
}

describe('POST /api/messages (real endpoint, real Azurite, fake connector)', () => {
  let bot: RunningBot;

  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('welcomes on install in Swedish, with 112 and 114 14 visible', async () => {
    const activity = botInstalled({ serviceUrl: bot.connector.url });
    const response = await bot.post(activity);
    assert.equal(response.status, 200);
    const [reply] = bot.connector.activitiesIn(activity.conversation.id);
    const text = allText(cardOf(reply!));
    assert.match(text, /ring 112/);
    assert.match(text, /114 14/);
    assert.match(text, /polisen\.se/);
    assert.match(text, /Rapportera en incident/);
  });

  it('welcomes in English for an en locale', async () => {
    const activity = botInstalled({ serviceUrl: bot.connector.url, locale: 'en-GB' });
    await bot.post(activity);
    assert.match(allText(cardOf(bot.connector.activitiesIn(activity.conversation.id)[0]!)), /call 112/);
  });

  it('answers "hej" with the welcome card', async () => {
    const activity = message('hej', { serviceUrl: bot.connector.url });
    assert.equal((await bot.post(activity)).status, 200);
    const replies = bot.connector.activitiesIn(activity.conversation.id);
    assert.equal(replies.length, 1);
    assert.match(allText(cardOf(replies[0]!)), /Trygg förtroendevald/);
  });

  it('answers a stale card button with a clear line and the menu', async () => {
    const activity = cardSubmit(
      { verb: 'nonexistent.verb', reportId: 'x' },
      { serviceUrl: bot.connector.url },
    );
    await bot.post(activity);
    assert.match(
      allText(cardOf(bot.connector.activitiesIn(activity.conversation.id)[0]!)),
      /knappen går inte/,
    );
  });

  it('rejects a body that is not an activity with 400 and a short reason', async () => {
    for (const body of ['not json', '{}', '[]', JSON.stringify({ type: 'message' })]) {
      const response = await bot.post(body);
      assert.equal(response.status, 400, body);
      assert.ok(response.body.length < 300);
    }
    const badConversation = message('hej', {
      serviceUrl: bot.connector.url,
      conversationId: 'a:\u0000\u0007bad',
    });
    const response = await bot.post(badConversation);
    assert.equal(response.status, 400);
    assert.match(response.body, /conversation\.id/);
  });

  it('in local mode, refuses to answer to a connector off loopback', async () => {
    const response = await bot.post(message('hej', { serviceUrl: 'https://smba.trafficmanager.net/emea/' }));
    assert.equal(response.status, 400);
    assert.match(response.body, /loopback/);
    assert.equal(bot.connector.calls.length, 0);
  });

  it('reports health 200 while storage answers', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    assert.equal(response.status, 200);
  });
});
