import type { Logger } from '../core/logging/logger';
import { ConcurrencyError, type Repository } from '../core/storage';
import type { ReportStore, StoredReport } from '../report/reportStore';
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

export interface RetentionDeps {
  reports: ReportStore;
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
  private running?: Promise<number>;

  constructor(private readonly deps: RetentionDeps) {}

  /** Handles every due case once; returns how many it removed or anonymised. */
  async runOnce(): Promise<number> {
    const now = this.deps.now?.() ?? new Date();
    let handled = 0;
    for (const { report, etag } of await this.deps.reports.all()) {
      if (!isDueForRetention({ status: report.status, ...report.caseFile }, this.deps.rule, now)) continue;
      if (await this.apply(report, etag, now)) handled++;
    }
    return handled;
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
      if (action === 'deleted') await this.deps.reports.remove(report.id);
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
    await this.deps.reports.stripHistoryDetails(report.id);
  }

  start(everyMs: number): void {
    if (this.timer) return;
    const tick = () => {
      this.running ??= this.runOnce()
        .catch((err: unknown) => {
          this.deps.logger.error(
            { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
            'retention run failed',
          );
          return 0;
        })
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(tick, everyMs);
    this.timer.unref();
    setTimeout(tick, 5_000).unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
