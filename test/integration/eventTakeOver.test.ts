import assert from 'node:assert/strict';
import sinon from 'sinon';
import { arrivals } from '../support/alertEvents';
import { chief, install, ROLE_ENV, submitReport } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';

/**
 * A report filed here is taken over at once by the process that filed it (no read of pending events, no kick
 * of the worker); the worker's pass, every poll, reads the pending events and takes over whatever that missed.
 */
describe('report events: taken over on filing, and by the next pass when that failed', function () {
  this.timeout(60_000);
  let bot: RunningBot | undefined;

  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
  });

  it('a take-over that failed on filing is done by the worker, and the chief gets the alert once', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: '', ALERT_POLL_MS: '1000' });
    const chiefChat = await install(bot, chief);
    const failed = sinon.stub(bot.app.alerts.outbox, 'takeOver').rejects(new Error('storage hiccup'));
    const reference = await submitReport(bot);
    assert.equal(failed.callCount, 1, 'the direct take-over was tried, and failed');
    await bot.connector.waitFor(() => arrivals(bot!, chiefChat, reference).length === 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(arrivals(bot, chiefChat, reference).length, 1, 'once');
  });

  it('with a minute between polls, a filed report still reaches the chief at once', async () => {
    bot = await startBot({ ...ROLE_ENV, PARTY_CONTACTS: '', ALERT_POLL_MS: '60000' });
    const chiefChat = await install(bot, chief);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the start's pass is over
    const reference = await submitReport(bot);
    const confirmedAt = Date.now();
    await bot.connector.waitFor(() => arrivals(bot!, chiefChat, reference).length === 1, 5_000);
    const waited = arrivals(bot, chiefChat, reference)[0]! - confirmedAt;
    assert.ok(waited <= 3_000, `the chief's alert came ${waited} ms after the confirmation`);
  });
});
