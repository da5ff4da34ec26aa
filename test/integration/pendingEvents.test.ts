import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { ReportStore, type StoredReport } from '../../src/report/reportStore';
import { reportEvent } from '../support/alertEvents';
import { freshTables } from '../support/rootHooks';

/** The table client with every `listEntities` filter it was asked for recorded. */
function recordingFilters(client: TableClient, filters: string[]): TableClient {
  return new Proxy(client, {
    get(target, name, receiver) {
      const member = Reflect.get(target, name, receiver) as unknown;
      if (name !== 'listEntities' || typeof member !== 'function') return member;
      return (options?: { queryOptions?: { filter?: string } }) => {
        filters.push(options?.queryOptions?.filter ?? '');
        return (member as TableClient['listEntities']).call(target, options);
      };
    },
  });
}

/** The row-key range a filter limits its read to, or undefined when it reads the whole partition. */
function rowKeyRange(filter: string): { from: string; to: string } | undefined {
  const from = /RowKey ge '([^']*)'/.exec(filter)?.[1];
  const to = /RowKey lt '([^']*)'/.exec(filter)?.[1];
  return from !== undefined && to !== undefined ? { from, to } : undefined;
}

function storedReport(id: string, n: number): StoredReport {
  const at = new Date().toISOString();
  return {
    id,
    reference: `IR-2026-${String(n).padStart(4, '0')}`,
    status: 'Mottagen',
    createdAt: at,
    updatedAt: at,
    reporter: { aadObjectId: `user-${n}`, name: 'Anna' },
    values: {},
  } as StoredReport;
}

/**
 * The worker reads pending report events every poll. Table Storage indexes only PartitionKey and RowKey, so a
 * filter on other columns reads every row of the `reports` partition (every report and its whole history),
 * which only grows. The read must be a row-key range over the event rows.
 */
describe('ReportStore pending events', function () {
  this.timeout(60_000);

  it('reads a row-key range holding only event rows, not the whole reports partition', async () => {
    const tables = freshTables();
    const filters: string[] = [];
    const store = new ReportStore(async () => recordingFilters(await tables.table('Reports'), filters));
    const events = [];
    for (let n = 1; n <= 30; n++) {
      const event = reportEvent(n);
      events.push(event);
      const report = storedReport(event.reportId, n);
      await store.createSubmitted(report, event, { at: report.createdAt, by: 'Anna', action: 'submitted' });
      for (let h = 0; h < 3; h++)
        await store.appendHistory(event.reportId, {
          at: new Date().toISOString(),
          by: 'Sara',
          action: 'note',
        });
    }
    const queued = (await store.pendingEventEntities()).slice(0, 25);
    for (const { event, etag } of queued) assert.ok(await store.markEventQueued(event.reportId, etag));
    filters.length = 0;

    const pending = await store.pendingEventEntities();

    assert.deepEqual(
      pending.map(({ event }) => event.reportId).sort(),
      events
        .map((e) => e.reportId)
        .filter((id) => !queued.some(({ event }) => event.reportId === id))
        .sort(),
      'exactly the events not yet taken over',
    );
    assert.equal(filters.length, 1, 'one query');
    const range = rowKeyRange(filters[0]!);
    assert.ok(range, `the read is limited to a row-key range: ${filters[0]}`);
    assert.match(filters[0]!, /PartitionKey eq 'reports'/);
    // Every row of the partition the range covers is an event row, and every event row is in it.
    const rows: string[] = [];
    for await (const entity of (await tables.table('Reports')).listEntities()) rows.push(entity.rowKey ?? '');
    const inRange = rows.filter((row) => row >= range.from && row < range.to);
    assert.equal(rows.length, 30 * 6, 'reports, their history (4 rows each) and events all in the partition');
    assert.equal(inRange.length, 30, 'the range holds the 30 event rows and nothing else');
    assert.ok(inRange.every((row) => row.startsWith('event|')));
  });

  it('reads an event whose key has an escaped character right after the prefix (`~XX` sorts after `~`)', async () => {
    const tables = freshTables();
    const filters: string[] = [];
    const store = new ReportStore(async () => recordingFilters(await tables.table('Reports'), filters));
    const event = { ...reportEvent(1), reportId: `~zz${randomUUID()}` };
    const report = storedReport(event.reportId, 1);
    await store.createSubmitted(report, event, { at: report.createdAt, by: 'Anna', action: 'submitted' });
    assert.deepEqual(
      (await store.pendingEventEntities()).map(({ event: e }) => e.reportId),
      [event.reportId],
    );
  });
});
