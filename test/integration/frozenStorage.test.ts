import assert from 'node:assert/strict';
import type { TestUser } from '../support/activities';
import { message } from '../support/activities';
import { sharedGuidance, startBot, type RunningBot } from '../support/botHarness';
import { FrozenStorage } from '../support/frozenStorage';
import { testAzurite } from '../support/rootHooks';

/** Rejects when `promise` has not settled within `ms` (the old code hung for ever here). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Someone the bot has never seen: remembering their conversation would be a storage write. */
const newcomer: TestUser = {
  id: '29:newcomer',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-0000000000fe',
  name: 'Ny Användare',
};

describe('112 first, without storage (storage frozen: accepts connections, never answers)', function () {
  this.timeout(30_000);
  let frozen: FrozenStorage;
  let bot: RunningBot | undefined;

  // The models are trained once per run (seconds on a busy machine): not part of the time to listen.
  before(async () => void (await sharedGuidance()));

  beforeEach(async () => {
    frozen = await new FrozenStorage().start();
    bot = undefined;
  });

  afterEach(async () => {
    // Shutdown must be bounded too; the frozen server is released afterwards so nothing hangs on.
    await within(bot?.stop() ?? Promise.resolve(), 15_000, 'stop').catch(() => undefined);
    await frozen.stop();
  });

  it('starts listening and answers /livez while storage is frozen', async () => {
    bot = await within(startBot({}, frozen.tables()), 5_000, 'listen');
    const started = Date.now();
    const live = await fetch(`${bot.url}/livez`);
    assert.equal(live.status, 200);
    assert.ok(Date.now() - started < 500, `/livez answered in ${Date.now() - started} ms`);
  });

  async function acuteReplyTime(running: RunningBot): Promise<number> {
    const activity = message('han står utanför mitt hus med en kniv just nu', {
      serviceUrl: running.connector.url,
      user: newcomer,
    });
    const sentAt = Date.now();
    void running.post(activity).catch(() => undefined);
    await running.connector.waitFor(
      (calls) =>
        calls.some(
          (call) =>
            call.conversationId === activity.conversation.id &&
            /^Ring 112 nu/.test(String(call.activity?.text)),
        ),
      2_000,
    );
    return Date.now() - sentAt;
  }

  it("gives a new user's acute message the 112 reply within 2 s (bot started during the freeze)", async () => {
    bot = await within(startBot({}, frozen.tables()), 5_000, 'listen');
    const elapsed = await acuteReplyTime(bot);
    console.log(`      time to "Ring 112 nu", storage frozen since start: ${elapsed} ms`);
    assert.ok(frozen.frozenConnections > 0, 'the bot did try storage (it is frozen, not unused)');
  });

  it("gives a new user's acute message the 112 reply within 2 s (storage froze while running)", async () => {
    await frozen.stop();
    frozen = await new FrozenStorage(testAzurite().port).start();
    bot = await startBot({}, frozen.tables(`fz${Date.now() % 1_000_000}`));
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200, 'ready while storage answers');
    frozen.freeze();
    const elapsed = await acuteReplyTime(bot);
    console.log(`      time to "Ring 112 nu", storage frozen while running: ${elapsed} ms`);
    assert.ok(frozen.frozenConnections > 0, 'the bot did try storage after it froze');
    assert.equal((await fetch(`${bot.url}/readyz`)).status, 503, 'not ready while storage is frozen');
    assert.equal((await fetch(`${bot.url}/livez`)).status, 200, 'alive all the same');
  });
});
