import { odata, type TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import {
  ConcurrencyError,
  fromChunkedProperties,
  isAlreadyExists,
  isNotFound,
  isPreconditionFailed,
  toChunkedProperties,
  toTableKey,
} from '../core/storage';
import { userKey, type UserIdentity } from '../core/identity';
import type { ReportValues } from './domain/validation';

export const REPORT_STATUS_RECEIVED = 'Mottagen';
/** The status a case gets when someone takes it. */
export const REPORT_STATUS_IN_PROGRESS = 'Under handläggning';
/** Who a history entry names after retention anonymised it. */
const ANONYMISED = 'anonymised';

export interface StoredReport {
  id: string;
  reference: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  /** Teams identities from the authenticated activity: the reporter, and the victim when reporting for oneself. */
  reporter: UserIdentity;
  victim?: UserIdentity;
  values: ReportValues;
  /** Who took the case ("Jag tar ärendet") and when: the reporter is told their name. */
  takenBy?: { name: string; at: string };
  /** The security chief's case file (case management); absent until someone works on the case. */
  caseFile?: CaseFile;
}

export interface CaseFile {
  /** Decided measures (the chief's text; the reporter's own answer stays in values.decidedMeasures). */
  measures?: string;
  /** When the case was last closed: retention counts from here. */
  closedAt?: string;
  /** Other report id → the chief's decision on a suggested link. */
  links?: Record<string, 'confirmed' | 'dismissed'>;
  /** Set when retention anonymised the report. */
  anonymisedAt?: string;
  /** Set once the history's names and details are cleared too (a crash in between is finished next run). */
  historyCleared?: boolean;
}

export interface HistoryEntry {
  at: string;
  by: string;
  action: string;
  detail?: string;
}

/** The durable "report submitted" event the alerts capability delivers: no narrative, no personal details. */
export interface ReportSubmittedEvent {
  type: 'report-submitted';
  reportId: string;
  reference: string;
  party: string;
  body: string;
  kinds: string;
  channel: string;
  createdAt: string;
}

/**
 * Reports, their append-only history and their outbox events share one partition, so submitting writes the
 * report, its first history entry and the "report submitted" event in ONE transaction: a report can never
 * exist without its alert event, and a retried submit creates nothing twice.
 */
const PARTITION = 'reports';
const reportRow = (id: string) => `report|${id}`;
const eventRow = (id: string) => `event|report-submitted|${id}`;
const historyRow = (id: string, at: string, n: number) => `history|${id}|${at}|${String(n).padStart(3, '0')}`;

/** A report's statistics codes (party, body, kinds, channel): what alerts and case lists show of it. */
export function reportCodes(report: StoredReport): {
  party: string;
  body: string;
  kinds: string;
  channel: string;
} {
  return {
    party: report.values.victimParty ?? '',
    body: report.values.victimBody ?? '',
    kinds: report.values.kinds ?? '',
    channel: report.values.channel ?? '',
  };
}

export class ReportStore {
  constructor(private readonly table: () => Promise<TableClient>) {}

  /** Creates report + history + event atomically; returns false when the report already exists. */
  async createSubmitted(
    report: StoredReport,
    event: ReportSubmittedEvent,
    history: HistoryEntry,
  ): Promise<boolean> {
    const client = await this.table();
    const entity = (row: string, value: unknown, columns: Record<string, string> = {}): TableEntity => ({
      partitionKey: PARTITION,
      rowKey: toTableKey(row),
      ...toChunkedProperties(row, value),
      ...columns,
    });
    try {
      await client.submitTransaction([
        [
          'create',
          entity(reportRow(report.id), report, { reporterKey: userKey(report.reporter), kind: 'report' }),
        ],
        ['create', entity(historyRow(report.id, history.at, 0), history, { kind: 'history' })],
        ['create', entity(eventRow(report.id), event, { kind: 'event', state: 'pending' })],
      ]);
      return true;
    } catch (err) {
      if (isAlreadyExists(err)) return false;
      throw err;
    }
  }

  async get(id: string): Promise<StoredReport | undefined> {
    const client = await this.table();
    try {
      return fromChunkedProperties<StoredReport>(
        await client.getEntity(PARTITION, toTableKey(reportRow(id))),
      );
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** The report with the ETag to hand back on a conditional write. */
  async getVersioned(id: string): Promise<{ report: StoredReport; etag: string } | undefined> {
    const client = await this.table();
    try {
      const entity = await client.getEntity<Record<string, unknown>>(PARTITION, toTableKey(reportRow(id)));
      return { report: fromChunkedProperties<StoredReport>(entity), etag: entity.etag };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** Every report, with its ETag. */
  async all(): Promise<Array<{ report: StoredReport; etag: string }>> {
    const client = await this.table();
    const filter = odata`PartitionKey eq ${PARTITION} and kind eq 'report'`;
    const results: Array<{ report: StoredReport; etag: string }> = [];
    for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      results.push({ report: fromChunkedProperties<StoredReport>(entity), etag: entity.etag });
    }
    return results;
  }

  /**
   * Replaces the report only if it still has `etag`, and appends its history entries in the SAME transaction:
   * a change is never without its history entry, and a stale editor overwrites nothing (ConcurrencyError).
   */
  async replaceWithHistory(report: StoredReport, etag: string, entries: HistoryEntry[]): Promise<void> {
    const client = await this.table();
    const row = reportRow(report.id);
    try {
      await client.submitTransaction([
        [
          'update',
          {
            partitionKey: PARTITION,
            rowKey: toTableKey(row),
            ...toChunkedProperties(row, report),
            reporterKey: userKey(report.reporter),
            kind: 'report',
          },
          'Replace',
          { etag },
        ],
        ...entries.map((entry, n): TransactionAction => {
          const historyKey = historyRow(report.id, entry.at, 500 + n + Math.floor(Math.random() * 400));
          return [
            'create',
            {
              partitionKey: PARTITION,
              rowKey: toTableKey(historyKey),
              ...toChunkedProperties(historyKey, entry),
              kind: 'history',
            },
          ];
        }),
      ]);
    } catch (err) {
      if (isPreconditionFailed(err) || isNotFound(err)) throw new ConcurrencyError(`report ${report.id}`);
      throw err;
    }
  }

  /** Retention: clears who and the `detail` of every history entry (when and what stay). Safe to repeat. */
  async stripHistoryDetails(id: string): Promise<void> {
    const client = await this.table();
    const prefix = toTableKey(`history|${id}|`);
    const filter = odata`PartitionKey eq ${PARTITION} and RowKey ge ${prefix} and RowKey lt ${`${prefix}~`}`;
    for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      const entry = fromChunkedProperties<HistoryEntry>(entity);
      if (entry.action === 'anonymised' || (entry.detail === undefined && entry.by === ANONYMISED)) continue;
      const kept: HistoryEntry = { at: entry.at, by: ANONYMISED, action: entry.action };
      const row = entity.rowKey ?? '';
      await client.updateEntity(
        { partitionKey: PARTITION, rowKey: row, ...toChunkedProperties(row, kept), kind: 'history' },
        'Replace',
      );
    }
  }

  /**
   * Deletes a report, its history and its event (retention); the removal itself is logged by the caller. The
   * report row goes first and only at the version the caller decided on, so a case reopened meanwhile stays.
   */
  async remove(id: string, etag: string): Promise<void> {
    const client = await this.table();
    await client.deleteEntity(PARTITION, toTableKey(reportRow(id)), { etag }).catch((err: unknown) => {
      if (isPreconditionFailed(err)) throw new ConcurrencyError(`report ${id} changed`);
      if (!isNotFound(err)) throw err;
    });
    const rows = [eventRow(id)];
    const prefix = toTableKey(`history|${id}|`);
    const filter = odata`PartitionKey eq ${PARTITION} and RowKey ge ${prefix} and RowKey lt ${`${prefix}~`}`;
    for await (const entity of client.listEntities({ queryOptions: { filter, select: ['RowKey'] } }))
      await deleteQuietly(client, entity.rowKey ?? '');
    for (const row of rows) await deleteQuietly(client, toTableKey(row));
  }

  async byReporter(reporterKey: string): Promise<StoredReport[]> {
    return this.query<StoredReport>(
      odata`PartitionKey eq ${PARTITION} and kind eq 'report' and reporterKey eq ${reporterKey}`,
    );
  }

  /** Appends to a report's history (append-only: entries are created, never replaced). */
  async appendHistory(id: string, entry: HistoryEntry): Promise<void> {
    const client = await this.table();
    const row = historyRow(id, entry.at, Math.floor(Math.random() * 1000));
    await client.createEntity({
      partitionKey: PARTITION,
      rowKey: toTableKey(row),
      ...toChunkedProperties(row, entry),
      kind: 'history',
    });
  }

  async history(id: string): Promise<HistoryEntry[]> {
    const prefix = toTableKey(`history|${id}|`);
    return this.query<HistoryEntry>(
      odata`PartitionKey eq ${PARTITION} and RowKey ge ${prefix} and RowKey lt ${`${prefix}~`}`,
    );
  }

  /** Every "report submitted" event, whatever its delivery state. */
  async events(): Promise<ReportSubmittedEvent[]> {
    return this.query<ReportSubmittedEvent>(odata`PartitionKey eq ${PARTITION} and kind eq 'event'`);
  }

  async pendingEvents(): Promise<ReportSubmittedEvent[]> {
    return (await this.pendingEventEntities()).map((entity) => entity.event);
  }

  /** Pending "report submitted" events with their ETags, for the alerts outbox to take over. */
  async pendingEventEntities(): Promise<Array<{ event: ReportSubmittedEvent; etag: string }>> {
    const client = await this.table();
    const filter = odata`PartitionKey eq ${PARTITION} and kind eq 'event' and state eq 'pending'`;
    const results: Array<{ event: ReportSubmittedEvent; etag: string }> = [];
    for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      results.push({ event: fromChunkedProperties<ReportSubmittedEvent>(entity), etag: entity.etag });
    }
    return results;
  }

  /** Marks an event taken over, only if nobody else did since it was read; false when another instance won. */
  async markEventQueued(reportId: string, etag: string): Promise<boolean> {
    const client = await this.table();
    try {
      await client.updateEntity(
        { partitionKey: PARTITION, rowKey: toTableKey(eventRow(reportId)), state: 'queued' },
        'Merge',
        { etag },
      );
      return true;
    } catch (err) {
      if (isPreconditionFailed(err)) return false;
      throw err;
    }
  }

  private async query<T>(filter: string): Promise<T[]> {
    const client = await this.table();
    const results: T[] = [];
    for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
      results.push(fromChunkedProperties<T>(entity));
    }
    return results;
  }
}

async function deleteQuietly(client: TableClient, rowKey: string): Promise<void> {
  try {
    await client.deleteEntity(PARTITION, rowKey);
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
