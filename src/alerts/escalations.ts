import { odata } from '@azure/data-tables';
import { ConcurrencyError, type Repository } from '../core/storage';
import type { ReportStore } from '../report';
import type { ReportSubmittedEvent } from '../report/domain/storedReport';
import type { Owner } from './acknowledgement';
import type { AlertOutbox } from './alertOutbox';
import { severityOf } from './domain/alertSummary';
import { escalationRecipients, type RoleSource } from './domain/recipients';

export interface Escalation {
  reportId: string;
  event: ReportSubmittedEvent;
  status: 'pending' | 'escalated' | 'resolved';
  /** When nobody having taken the report escalates it (ISO). */
  dueAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface EscalationDelays {
  /** Reports of violence escalate sooner than the rest. */
  violenceSeconds: number;
  otherSeconds: number;
}

export interface EscalationsDeps {
  escalations: Repository<Escalation>;
  owners: Repository<Owner>;
  reports: ReportStore;
  outbox: AlertOutbox;
  roles: RoleSource;
  delays: EscalationDelays;
  now?: () => Date;
}

const ROW = 'escalation';

/**
 * A durable due time per report: if nobody has taken it by then, the deputies are alerted and the security
 * chief is reminded, and the report's history says so. The schedule lives in Table Storage, so it survives
 * restarts; an ETag-conditional status change makes sure only one instance escalates.
 */
export class Escalations {
  private readonly now: () => Date;

  constructor(private readonly deps: EscalationsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async schedule(event: ReportSubmittedEvent): Promise<void> {
    const delay =
      severityOf(event.kinds) === 'high' ? this.deps.delays.violenceSeconds : this.deps.delays.otherSeconds;
    const at = this.now();
    const escalation: Escalation = {
      reportId: event.reportId,
      event,
      status: 'pending',
      dueAt: new Date(at.getTime() + delay * 1_000).toISOString(),
      createdAt: at.toISOString(),
      updatedAt: at.toISOString(),
    };
    await this.deps.escalations.create(event.reportId, ROW, escalation).catch((err: unknown) => {
      if (!(err instanceof ConcurrencyError)) throw err; // already scheduled before a crash
    });
  }

  /** Escalates every due, still unowned report once. Returns how many were escalated. */
  async runDue(): Promise<number> {
    const at = this.now().toISOString();
    let escalated = 0;
    for (const due of await this.deps.escalations.query(odata`status eq 'pending' and dueAt le ${at}`)) {
      const owned = await this.deps.owners.get(due.value.reportId, 'owner');
      if (!owned) {
        // Deliveries first (idempotent), then the status: a crash in between escalates again, never not at all.
        for (const recipient of escalationRecipients(this.deps.roles)) {
          await this.deps.outbox.enqueueReport(due.value.event, recipient, true);
        }
      }
      const status = owned ? 'resolved' : 'escalated';
      try {
        await this.deps.escalations.replace(
          due.value.reportId,
          ROW,
          { ...due.value, status, updatedAt: at },
          due.etag,
        );
      } catch (err) {
        if (err instanceof ConcurrencyError) continue; // another instance handled it
        throw err;
      }
      if (owned) continue;
      escalated++;
      await this.deps.reports.appendHistory(due.value.reportId, {
        at,
        by: 'system',
        action: 'escalated',
        detail: 'nobody had taken the report: deputies alerted, reminder sent',
      });
    }
    return escalated;
  }
}
