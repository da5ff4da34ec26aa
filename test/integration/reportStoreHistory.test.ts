import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ReportStore, type HistoryEntry } from '../../src/report/reportStore';
import { freshTables } from '../support/rootHooks';

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
});
