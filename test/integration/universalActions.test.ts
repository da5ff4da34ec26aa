import assert from 'node:assert/strict';
import { cardExecute } from '../support/activities';
import { startBot, type RunningBot } from '../support/botHarness';

describe('Action.Execute over the real endpoint', function () {
  this.timeout(30_000);
  let bot: RunningBot;

  before(async () => {
    bot = await startBot();
  });
  after(async () => {
    await bot.stop();
  });

  it('routes the invoke to the verb handler and returns the invoke response in the HTTP body', async () => {
    const activity = cardExecute(
      'guidance.topic',
      { topicId: 'social-media', lang: 'sv' },
      { serviceUrl: bot.connector.url, replyToId: 'welcome-card-1' },
    );
    const response = await bot.post(activity);
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body), {
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: {},
    });
    const [answer] = bot.connector.activitiesIn(activity.conversation.id);
    assert.match(JSON.stringify(answer?.attachments?.[0]?.content), /Källa: Bilaga 5, Sociala medier/);
  });

  it('an Action.Execute without a verb is refused with 400, not routed', async () => {
    const activity = cardExecute('', {}, { serviceUrl: bot.connector.url });
    const response = await bot.post(activity);
    assert.equal(response.status, 400);
    assert.equal(bot.connector.activitiesIn(activity.conversation.id).length, 0);
  });
});
