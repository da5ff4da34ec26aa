import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { message } from '../support/activities';
import { COMPLETE_ANSWERS, ReportClient } from '../support/reportFlow';
import { REPORT_VERBS } from '../../src/report/domain/verbs';
import { startBot, type RunningBot } from '../support/botHarness';
import { recordedTables, type RecordedRequest } from '../support/storageRequests';
import { waitUntil } from '../../scripts/tooling';

/**
 * A guidance question reads and writes nothing the answer needs: each storage round trip is a few ms on a
 * turn whose own work is under one (issue 17, guidance median against the echo bot).
 */
describe('storage round trips of a turn', function () {
  this.timeout(60_000);
  let bot: RunningBot;
  let requests: RecordedRequest[];

  before(async () => {
    const counted = recordedTables();
    requests = counted.requests;
    // The alert worker reads its tables in the background (its first pass at start, then every poll): once its
    // first pass is done (ready) and with a minute between polls, what is counted below is the turns' own.
    bot = await startBot({ ALERT_POLL_MS: '60000' }, counted.tables);
    await waitUntil(async () => (await fetch(`${bot.url}/readyz`)).ok, 20_000);
  });
  after(async () => {
    await bot.stop();
  });

  async function ask(text: string, conversationId: string): Promise<string[]> {
    const before = requests.length;
    const response = await bot.post(message(text, { serviceUrl: bot.connector.url, conversationId }));
    assert.equal(response.status, 200);
    return requests.slice(before).map(({ method, table }) => `${method} ${table}`);
  }

  it('a guidance question from someone already seen makes no storage request', async () => {
    const conversationId = `a:conv-${randomBytes(6).toString('hex')}`;
    // The first turn remembers the conversation (alerts): proof that the count sees the bot's requests.
    const first = await ask('nån hotar mig på fejsbuk', conversationId);
    assert.ok(
      first.some((request) => request.endsWith('ConversationRefs')),
      JSON.stringify(first),
    );
    const repliesBefore = bot.connector.activitiesIn(conversationId).length;
    const second = await ask('vad ska jag säga till polisen', conversationId);
    assertReplied(conversationId, repliesBefore);
    assert.deepEqual(second, []);
  });

  it('a greeting from someone already seen makes no storage request', async () => {
    const conversationId = `a:conv-${randomBytes(6).toString('hex')}`;
    await ask('hej', conversationId);
    const repliesBefore = bot.connector.activitiesIn(conversationId).length;
    assert.deepEqual(await ask('hej', conversationId), []);
    assertReplied(conversationId, repliesBefore);
  });

  it('"Börja om" on an open draft is one write, and the new draft replaces it', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.step(COMPLETE_ANSWERS[0]!);
    const oldDraftId = client.action(REPORT_VERBS.step, 'next').draftId;
    await client.say('rapportera incident'); // the offer to go on with it, or start again
    const before = requests.length;
    await client.press(client.action(REPORT_VERBS.restart));
    // Deleting first was a second round trip in the turn; the write replaces the whole row anyway.
    assert.deepEqual(
      requests.slice(before).map(({ method, table }) => `${method} ${table.slice(-'ReportDrafts'.length)}`),
      ['PUT ReportDrafts'],
    );
    const next = client.action(REPORT_VERBS.step, 'next');
    assert.equal(next.step, 0, 'the first step again');
    assert.notEqual(next.draftId, oldDraftId, 'a new draft');
    // What she had answered is gone from storage too, not only from this card.
    await client.say('rapportera incident');
    await client.press(client.action(REPORT_VERBS.resume));
    assert.equal(client.action(REPORT_VERBS.step, 'next').draftId, next.draftId);
    assert.doesNotMatch(client.lastText(), /Anna Förtroendevald/);
  });

  /** The second turn was answered: no storage request because the bot did its work, not because it did none. */
  function assertReplied(conversationId: string, repliesBefore: number): void {
    const repliesAfter = bot.connector.activitiesIn(conversationId).length;
    assert.ok(repliesAfter > repliesBefore, `replies ${repliesBefore} → ${repliesAfter}`);
  }
});
