import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import {
  fromChunkedProperties,
  isAlreadyExists,
  isNotFound,
  isPreconditionFailed,
  toChunkedProperties,
  toTableKey,
} from '../core/storage';
import type { UserIdentity } from '../core/identity';
import type { ReportValues } from './domain/validation';

export const REPORT_STATUS_RECEIVED = 'Mottagen';

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
          entity(reportRow(report.id), report, { reporterKey: ownerKey(report.reporter), kind: 'report' }),
        ],
        ['create', entity(historyRow(report.id, history.at, 0), history, { kind: 'history' })],
        ['create', entity(eventRow(report.id), event, { kind: 'event', state: 'pending' })],
      ]);
      return true;
    } catch (err) {
      if (isAlreadyExists(err) || /EntityAlreadyExists|already exists/i.test(String((err as Error)?.message)))
        return false;
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

/** Whose drafts and reports: the Entra object id when Teams gives one, else the channel user id. */
export function ownerKey(user: Pick<UserIdentity, 'aadObjectId' | 'userId'>): string {
  return user.aadObjectId ?? user.userId;
}
