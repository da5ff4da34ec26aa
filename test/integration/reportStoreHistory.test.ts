import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '../../src/core/storage';
import { ReportStore, type HistoryEntry } from '../../src/report/reportStore';
import { freshTables } from '../support/rootHooks';
import { collideCreates } from '../support/storageRequests';

/**
 * History rows are keyed `history|<report>|<time>|<suffix>`. Entries written in the same millisecond (two
 * presses at once, an append beside an edit) must never share a key: a shared key fails the write.
 */
describe('ReportStore history keys', function () {
  this.timeout(60_000);

  it('keeps every one of 200 entries appended in the same millisecond', async () => {
    const tables = freshTables();
    const store = new ReportStore(() => tables.table('Reports'));
    const id = randomUUID();
    const at = new Date().toISOString();
    const entries: HistoryEntry[] = Array.from({ length: 200 }, (_, n) => ({
      at,
      by: 'Sara',
      action: 'note',
      detail: `anteckning ${n}`,
    }));
    const results = await Promise.allSettled(entries.map((entry) => store.appendHistory(id, entry)));
    const failed = results.filter((r) => r.status === 'rejected').length;
    assert.equal(failed, 0, `${failed} of 200 appends failed on a key collision`);
    assert.equal((await store.history(id)).length, 200);
  });

  describe('when the key is taken by the time the entry is written', () => {
    const entry: HistoryEntry = { at: new Date().toISOString(), by: 'Sara', action: 'note', detail: 'ringt' };

    async function storeWithCollisions(count: number, fail?: Error) {
      const tables = freshTables();
      const client = await tables.table('Reports');
      const attempts = collideCreates(client, count, fail);
      return { store: new ReportStore(() => tables.table('Reports')), attempts };
    }

    it('writes it again under a new key', async () => {
      const { store, attempts } = await storeWithCollisions(2);
      const id = randomUUID();
      await store.appendHistory(id, entry);
      assert.equal(attempts.rows.length, 3);
      assert.equal(new Set(attempts.rows).size, 3, 'a new key each time');
      // The two rows that took the keys first, and this one.
      assert.equal((await store.history(id)).length, 3);
    });

    it('gives up after three tries, with the conflict', async () => {
      const { store, attempts } = await storeWithCollisions(3);
      await assert.rejects(store.appendHistory(randomUUID(), entry), ConcurrencyError);
      assert.equal(attempts.rows.length, 3);
    });

    it('does not try again when storage fails otherwise', async () => {
      const outage = Object.assign(new Error('injected: storage unavailable'), { statusCode: 503 });
      const { store, attempts } = await storeWithCollisions(0, outage);
      await assert.rejects(store.appendHistory(randomUUID(), entry), /injected/);
      assert.equal(attempts.rows.length, 1);
    });
  });
});
