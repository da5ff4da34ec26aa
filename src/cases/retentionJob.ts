import { odata, type TableClient } from '@azure/data-tables';
import type { Logger } from '../core/logging/logger';
import { ConcurrencyError, type Repository } from '../core/storage';
import type { ReportStore, StoredReport } from '../report';
import { anonymisedValues, isDueForRetention, ruleText, type RetentionRule } from './domain/retention';

/** One removal, kept after the report is gone: which report, when, by what rule. */
export interface RetentionLogEntry {
  reportId: string;
  reference: string;
  at: string;
  action: 'anonymised' | 'deleted';
  rule: string;
  by: string;
}

/**
 * A table whose rows hold personal data and are removed a number of days after they were last written
 * (Table Storage's own Timestamp): drafts, questions, access log, conversation references, owners, …
 */
export interface TableSweep {
  table: string;
  days: number;
  client: () => Promise<TableClient>;
}

export interface RetentionDeps {
  reports: ReportStore;
  /** Every other table with personal data, each with its rule (see the data inventory in the README). */
  sweeps?: TableSweep[];
  log: Repository<RetentionLogEntry>;
  rule: RetentionRule;
  logger: Logger;
  now?: () => Date;
}

const JOB = 'retention-job';

/**
 * Gallring: closed cases past the retention period are anonymised (or deleted), each removal written to the
 * retention log first (so a crash between the two leaves a log entry for a report that still exists, and the
 * next run finishes it — never a removal without a log line).
 */
export class RetentionJob {
  private timer?: NodeJS.Timeout;
  private firstRun?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(private readonly deps: RetentionDeps) {}

  /** Handles every due case once; returns how many it removed or anonymised. */
  async runOnce(): Promise<number> {
    const now = this.deps.now?.() ?? new Date();
    let handled = 0;
    for (const { report, etag } of await this.deps.reports.all()) {
      if (report.caseFile?.anonymisedAt && !report.caseFile.historyCleared) {
        await this.clearHistory(report, etag);
        continue;
      }
      if (!isDueForRetention({ status: report.status, ...report.caseFile }, this.deps.rule, now)) continue;
      if (await this.apply(report, etag, now)) handled++;
    }
    await this.sweep(now);
    return handled;
  }

  /** Removes rows not written for longer than their table's rule; returns how many, per table. */
  async sweep(now = this.deps.now?.() ?? new Date()): Promise<Record<string, number>> {
    const removed: Record<string, number> = {};
    for (const { table, days, client: clientOf } of this.deps.sweeps ?? []) {
      const cutoff = new Date(now.getTime() - days * 86_400_000);
      const client = await clientOf();
      let count = 0;
      const due = client.listEntities({
        queryOptions: { filter: odata`Timestamp lt ${cutoff}`, select: ['PartitionKey', 'RowKey'] },
      });
      for await (const row of due) {
        // ETag-conditional: a row written again since it was listed is kept until the next run.
        await client
          .deleteEntity(row.partitionKey!, row.rowKey!, { etag: row.etag })
          .then(() => count++)
          .catch(() => undefined);
      }
      removed[table] = count;
      if (count > 0) this.deps.logger.info({ table, count, days }, 'retention: rows removed');
    }
    return removed;
  }

  private async apply(report: StoredReport, etag: string, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const action = this.deps.rule.action === 'delete' ? 'deleted' : 'anonymised';
    const entry: RetentionLogEntry = {
      reportId: report.id,
      reference: report.reference,
      at,
      action,
      rule: ruleText(this.deps.rule),
      by: JOB,
    };
    await this.deps.log.upsert(at.slice(0, 7), `${report.reference}|${report.id}`, entry);
    try {
      if (action === 'deleted') await this.deps.reports.remove(report.id, etag);
      else await this.anonymise(report, etag, at);
    } catch (err) {
      if (err instanceof ConcurrencyError) return false; // changed meanwhile (reopened?): judged again next run
      throw err;
    }
    this.deps.logger.info(
      { reference: report.reference, action, rule: entry.rule },
      'retention: report removed',
    );
    return true;
  }

  /** Keeps the statistics codes; drops names, narrative, identities, measures and the history's details. */
  private async anonymise(report: StoredReport, etag: string, at: string): Promise<void> {
    const next: StoredReport = {
      id: report.id,
      reference: report.reference,
      status: report.status,
      createdAt: report.createdAt,
      updatedAt: at,
      reporter: { userId: 'anonymised', name: '' },
      values: anonymisedValues(report.values),
      caseFile: {
        ...(report.caseFile?.closedAt ? { closedAt: report.caseFile.closedAt } : {}),
        anonymisedAt: at,
      },
    };
    await this.deps.reports.replaceWithHistory(next, etag, [
      { at, by: JOB, action: 'anonymised', detail: ruleText(this.deps.rule) },
    ]);
    const stored = await this.deps.reports.getVersioned(report.id);
    if (stored) await this.clearHistory(stored.report, stored.etag);
  }

  /** Clears who and what from the history, then marks it done; repeated until the mark is stored. */
  private async clearHistory(report: StoredReport, etag: string): Promise<void> {
    await this.deps.reports.stripHistoryDetails(report.id);
    const caseFile = { ...report.caseFile, historyCleared: true };
    await this.deps.reports.replaceWithHistory({ ...report, caseFile }, etag, []).catch((err: unknown) => {
      if (!(err instanceof ConcurrencyError)) throw err;
    });
  }

  start(everyMs: number): void {
    if (this.timer) return;
    const tick = () => {
      this.running ??= this.runOnce()
        .catch((err: unknown) => {
          this.deps.logger.error({ err: err }, 'retention run failed');
          return 0;
        })
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
    this.firstRun = setTimeout(tick, 5_000).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    clearTimeout(this.firstRun);
    this.timer = undefined;
    await this.running;
  }
}
