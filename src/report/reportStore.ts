import { randomBytes } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import { ConcurrencyError, Repository, retryOnConflict } from '../core/storage';
import { userKey } from '../core/identity';
import type { HistoryEntry, ReportSubmittedEvent, StoredReport } from './domain/storedReport';

// The stored shapes live in domain/ (other capabilities import them from there); kept importable from here.
export * from './domain/storedReport';

/** Who a history entry names after retention anonymised it. */
const ANONYMISED = 'anonymised';

/**
 * Reports, their append-only history and their outbox events share one partition, so submitting writes the
 * report, its first history entry and the "report submitted" event in ONE transaction: a report can never
 * exist without its alert event, and a retried submit creates nothing twice.
 */
const PARTITION = 'reports';
const reportRow = (id: string) => `report|${id}`;
/** Every event row starts so: the pending-events read is a key range over them, never a partition scan. */
const EVENT_ROWS = 'event|report-submitted|';
const eventRow = (id: string) => `${EVENT_ROWS}${id}`;
const historyPrefix = (id: string) => `history|${id}|`;
/** Tries of one append: each has a new random key, so a second collision is already 2^-64. */
const HISTORY_ATTEMPTS = 3;

/**
 * A history row: `history|<report>|<ISO time>|<nnn>-<8 hex>`. Rows sort by time, then by `nnn`, the entry's
 * place within one write (0 for a single entry; 0, 1, … for the entries of one edit), so one edit's entries
 * keep their order. The random 32-bit part keeps two writers of the same millisecond apart. Before, the
 * suffix was one random number: 0–999 for an append, 500–899+n for an edit's entries — overlapping ranges,
 * and two appends of one millisecond collided 1 time in 1 000 (a lost write: the create failed). Older rows
 * (`…|<nnn>`) still sort and read the same.
 */
const historyRow = (id: string, at: string, n: number) =>
  `${historyPrefix(id)}${at}|${String(n).padStart(3, '0')}-${randomBytes(4).toString('hex')}`;

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
  private readonly reports: Repository<StoredReport>;
  private readonly entries: Repository<HistoryEntry>;
  private readonly outbox: Repository<ReportSubmittedEvent>;
  private readonly filedListeners: Array<(event: ReportSubmittedEvent) => void> = [];

  constructor(table: () => Promise<TableClient>) {
    this.reports = new Repository<StoredReport>(table);
    this.entries = new Repository<HistoryEntry>(table);
    this.outbox = new Repository<ReportSubmittedEvent>(table);
  }

  /**
   * Tells `listener`, in this process, of each report filed here the moment its transaction is committed (its
   * event is durable by then): the alerts take it over at once instead of finding it with their next query.
   */
  onFiled(listener: (event: ReportSubmittedEvent) => void): void {
    this.filedListeners.push(listener);
  }

  /** Creates report + history + event atomically; returns false when the report already exists. */
  async createSubmitted(
    report: StoredReport,
    event: ReportSubmittedEvent,
    history: HistoryEntry,
  ): Promise<boolean> {
    try {
      await this.reports.transaction(PARTITION, [
        { op: 'create', row: reportRow(report.id), value: report, columns: reportColumns(report) },
        { op: 'create', row: historyRow(report.id, history.at, 0), value: history, columns: HISTORY },
        {
          op: 'create',
          row: eventRow(report.id),
          value: event,
          columns: { kind: 'event', state: 'pending' },
        },
      ]);
    } catch (err) {
      if (err instanceof ConcurrencyError) return false;
      throw err;
    }
    for (const listener of this.filedListeners) listener(event);
    return true;
  }

  async get(id: string): Promise<StoredReport | undefined> {
    return (await this.reports.get(PARTITION, reportRow(id)))?.value;
  }

  /** The report with the ETag to hand back on a conditional write. */
  async getVersioned(id: string): Promise<{ report: StoredReport; etag: string } | undefined> {
    const found = await this.reports.get(PARTITION, reportRow(id));
    return found && { report: found.value, etag: found.etag };
  }

  /** Every report, with its ETag. */
  async all(): Promise<Array<{ report: StoredReport; etag: string }>> {
    const rows = await this.reports.query(odata`PartitionKey eq ${PARTITION} and kind eq 'report'`);
    return rows.map(({ value, etag }) => ({ report: value, etag }));
  }

  /**
   * Replaces the report only if it still has `etag`, and appends its history entries in the SAME transaction:
   * a change is never without its history entry, and a stale editor overwrites nothing (ConcurrencyError).
   */
  async replaceWithHistory(report: StoredReport, etag: string, entries: HistoryEntry[]): Promise<void> {
    await this.reports.transaction(PARTITION, [
      { op: 'replace', row: reportRow(report.id), value: report, etag, columns: reportColumns(report) },
      ...entries.map((entry, n) => ({
        op: 'create' as const,
        row: historyRow(report.id, entry.at, n),
        value: entry,
        columns: HISTORY,
      })),
    ]);
  }

  /** Retention: clears who and the `detail` of every history entry (when and what stay). Safe to repeat. */
  async stripHistoryDetails(id: string): Promise<void> {
    for (const { row, value: entry } of await this.entries.listPrefix(PARTITION, historyPrefix(id))) {
      if (entry.action === 'anonymised' || (entry.detail === undefined && entry.by === ANONYMISED)) continue;
      const kept: HistoryEntry = { at: entry.at, by: ANONYMISED, action: entry.action };
      await this.entries.replace(PARTITION, row, kept, '*', HISTORY);
    }
  }

  /**
   * Deletes a report, its history and its event (retention); the removal itself is logged by the caller. The
   * report row goes first and only at the version the caller decided on, so a case reopened meanwhile stays.
   */
  async remove(id: string, etag: string): Promise<void> {
    await this.reports.delete(PARTITION, reportRow(id), etag);
    for (const { row } of await this.entries.listPrefix(PARTITION, historyPrefix(id)))
      await this.entries.delete(PARTITION, row);
    await this.outbox.delete(PARTITION, eventRow(id));
  }

  async byReporter(reporterKey: string): Promise<StoredReport[]> {
    const filter = odata`PartitionKey eq ${PARTITION} and kind eq 'report' and reporterKey eq ${reporterKey}`;
    return (await this.reports.query(filter)).map((row) => row.value);
  }

  /**
   * Appends to a report's history (append-only: entries are created, never replaced). A key taken meanwhile
   * (2^-32 for two entries of the same millisecond) is tried again with a new random suffix.
   */
  async appendHistory(id: string, entry: HistoryEntry): Promise<void> {
    await retryOnConflict(HISTORY_ATTEMPTS, () =>
      this.entries.create(PARTITION, historyRow(id, entry.at, 0), entry, HISTORY),
    );
  }

  async history(id: string): Promise<HistoryEntry[]> {
    return (await this.entries.listPrefix(PARTITION, historyPrefix(id))).map((row) => row.value);
  }

  /** Every "report submitted" event, whatever its delivery state. */
  async events(): Promise<ReportSubmittedEvent[]> {
    return (await this.outbox.listPrefix(PARTITION, EVENT_ROWS)).map((row) => row.value);
  }

  /**
   * Pending "report submitted" events with their ETags, for the alerts outbox to take over. Read every poll:
   * a row-key range over the event rows (Table Storage indexes only the keys; a filter on the `kind` column
   * alone read every report and history row of the partition). The range still holds the events already
   * taken over (one per report kept), a small row each.
   */
  async pendingEventEntities(): Promise<Array<{ event: ReportSubmittedEvent; etag: string }>> {
    const pending = await this.outbox.listPrefix(PARTITION, EVENT_ROWS, "state eq 'pending'");
    return pending.map(({ value, etag }) => ({ event: value, etag }));
  }

  /** Marks an event taken over, only if nobody else did since it was read; false when another instance won. */
  async markEventQueued(reportId: string, etag: string): Promise<boolean> {
    try {
      await this.outbox.setColumns(PARTITION, eventRow(reportId), { state: 'queued' }, etag);
      return true;
    } catch (err) {
      if (err instanceof ConcurrencyError) return false;
      throw err;
    }
  }
}

const HISTORY = { kind: 'history' };
const reportColumns = (report: StoredReport) => ({ reporterKey: userKey(report.reporter), kind: 'report' });
