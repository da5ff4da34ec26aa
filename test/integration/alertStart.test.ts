import assert from 'node:assert/strict';
import sinon from 'sinon';
import { PartyContacts } from '../../src/alerts/partyContacts';
import { startBot, type RunningBot } from '../support/botHarness';

/**
 * The start loads the party contacts and so does the worker's first pass, which starts with it: one read, not
 * two (on an empty table both seeded the row, and one lost with a ConcurrencyError).
 */
describe('alerts start: the party contacts are read once', function () {
  this.timeout(60_000);
  let bot: RunningBot | undefined;

  afterEach(async () => {
    sinon.restore();
    await bot?.stop();
    bot = undefined;
  });

  it('one start, with its first worker pass, makes one contacts read', async () => {
    const reads = sinon.spy(PartyContacts.prototype, 'refresh');
    bot = await startBot({ ALERT_POLL_MS: '60000' });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the start's pass is over
    assert.equal(reads.callCount, 1, `${reads.callCount} contacts reads at start`);
  });
});
