import assert from 'node:assert/strict';
import { message, official, TEST_CREDENTIALS } from '../support/activities';
import { ROLE_ENV, submitReport } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';

/**
 * Finding 6 (issue 13): the channel is checked, and a channel user id can never be taken for an Entra object
 * id. Stored data needs the object id Teams authenticates (aadObjectId); a sender that only sets `from.id`
 * to a victim's object id gets nothing of theirs.
 */
describe('identity keys and channels', function () {
  this.timeout(90_000);
  let bot: RunningBot | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('a from.id equal to a victim’s object id, without aadObjectId, sees none of their reports', async () => {
    bot = await startBot(ROLE_ENV);
    const reference = await submitReport(bot, official);
    const impostor = { id: official.aadObjectId, name: 'Mallory', aadObjectId: '' };
    const activity = message('mina rapporter', { serviceUrl: bot.connector.url, user: impostor });
    delete (activity.from as { aadObjectId?: string }).aadObjectId;
    assert.equal((await bot.post(activity)).status, 200);
    const sent = JSON.stringify(
      bot.connector.activitiesIn(activity.conversation.id).map((a) => [a.text, a.attachments]),
    );
    assert.ok(!sent.includes(reference), sent.slice(0, 400));
    assert.match(sent, /Teams/, 'told that it needs Teams sign-in');
  });

  it('with credentials, refuses any channel but msteams before authentication (400)', async () => {
    bot = await startBot(TEST_CREDENTIALS);
    const base = message('hej', { serviceUrl: bot.connector.url });
    for (const channelId of ['directline', 'webchat', 'emulator']) {
      const response = await bot.post({ ...base, channelId });
      assert.equal(response.status, 400, channelId);
      assert.match(response.body, /channel/);
    }
    assert.equal((await bot.post(base)).status, 401, 'msteams goes on to authentication');
  });

  it('in local mode takes msteams and the Playground’s channels, nothing else', async () => {
    bot = await startBot();
    const base = message('hej', { serviceUrl: bot.connector.url });
    assert.equal((await bot.post({ ...base, channelId: 'msteams' })).status, 200);
    assert.equal((await bot.post({ ...base, channelId: 'slack' })).status, 400);
  });
});
