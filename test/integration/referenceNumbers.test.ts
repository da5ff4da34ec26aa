import assert from 'node:assert/strict';
import sinon from 'sinon';
import { Repository } from '../../src/core/storage';
import { ReferenceNumbers, type ReferenceCounter } from '../../src/report/referenceNumbers';
import { freshTables } from '../support/rootHooks';

describe('reference numbers: one round trip per reservation (real Azurite)', () => {
  it('reads the counter once while nobody else writes it, re-reads after another instance did, never repeats a number', async () => {
    const tables = freshTables();
    const counters = () => new Repository<ReferenceCounter>(() => tables.table('Counters'));
    const [mine, theirs] = [counters(), counters()];
    const reads = sinon.spy(mine, 'get');
    const here = new ReferenceNumbers(mine);
    const otherInstance = new ReferenceNumbers(theirs);

    const taken: string[] = [];
    // One after the other, as submits a moment apart are (each its own reservation).
    for (let n = 0; n < 3; n++) taken.push(await here.allocate(2026));
    assert.equal(reads.callCount, 1, 'the counter this process wrote last is not read again');

    taken.push(await otherInstance.allocate(2026));
    taken.push(await here.allocate(2026));
    assert.equal(
      reads.callCount,
      2,
      "another instance's write is found (the ETag) and the counter read again",
    );
    assert.deepEqual(taken, ['IR-2026-0001', 'IR-2026-0002', 'IR-2026-0003', 'IR-2026-0004', 'IR-2026-0005']);
  });
});
