import { odata } from '@azure/data-tables';
import type { CardRenderer } from '../core/cards';
import type { Locale, RoleSeeds } from '../core/config';
import type { Logger } from '../core/logging/logger';
import { ConcurrencyError, type Repository } from '../core/storage';
import type { ReportStore, ReportSubmittedEvent } from '../report/reportStore';
import { alertCard, alertSummaryLine } from './alertCards';
import type { AlertSender } from './alertSender';
import type { ConversationReferences } from './conversationReferences';
import { alertRecipients, type Recipient } from './domain/recipients';
import { classifyFailure, DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './domain/retryPolicy';

export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'unreachable' | 'dead';

/** One alert to one recipient: written durably before anything is sent, with a visible status. */
export interface Delivery {
  reportId: string;
  /** The row key: the recipient's id, with "~escalation" for an escalation's delivery. */
  row: string;
  /** An escalation carries "nobody has taken this yet" on its card. */
  escalation?: boolean;
  event: ReportSubmittedEvent;
  recipient: Recipient;
  status: DeliveryStatus;
  attempts: number;
  /** When the next attempt may run (ISO); also the claim's expiry while status is "sending". */
  dueAt: string;
  claimedBy?: string;
  activityId?: string;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
}

export interface AlertOutboxDeps {
  reports: ReportStore;
  deliveries: Repository<Delivery>;
  references: ConversationReferences;
  sender: AlertSender;
  cards: CardRenderer;
  roles: RoleSeeds;
  locale: Locale;
  logger: Logger;
  /** Identifies this process in claims, so two instances never send the same delivery. */
  instanceId: string;
  policy?: RetryPolicy;
  /** Gap between two sends (Teams allows ~7 messages/s per conversation and ~30 requests/s per app). */
  paceMs?: number;
  claimMs?: number;
  now?: () => Date;
}

/**
 * The delivery outbox: "report submitted" events become one durable delivery per recipient, and a worker
 * claims due deliveries with ETag-conditional updates (so several bot instances never send the same one),
 * sends them paced, and retries throttling and server errors with back-off and a global pause, until each
 * ends delivered, unreachable or dead-lettered.
 */
export class AlertOutbox {
  private pausedUntil = 0;
  private readonly now: () => Date;
  private readonly policy: RetryPolicy;

  constructor(private readonly deps: AlertOutboxDeps) {
    this.now = deps.now ?? (() => new Date());
    this.policy = deps.policy ?? DEFAULT_RETRY_POLICY;
  }

  /** One pass: take over new report events, then send what is due. Returns how many sends were tried. */
  async runOnce(): Promise<number> {
    await this.enqueueNewEvents();
    return this.deliverDue();
  }

  async enqueueNewEvents(): Promise<void> {
    for (const { event, etag } of await this.deps.reports.pendingEventEntities()) {
      for (const recipient of alertRecipients(this.deps.roles, event.party))
        await this.enqueue(event, recipient, false);
      await this.onEnqueued?.(event);
      await this.deps.reports.markEventQueued(event.reportId, etag);
    }
  }

  /** Called once per new report after its deliveries are written (the escalation schedule hooks in here). */
  onEnqueued?: (event: ReportSubmittedEvent) => Promise<void>;

  /** Writes one durable delivery; idempotent, so a delivery written before a crash is simply found again. */
  async enqueue(event: ReportSubmittedEvent, recipient: Recipient, escalation: boolean): Promise<void> {
    const at = this.now().toISOString();
    const row = escalation ? `${recipient.aadObjectId}~escalation` : recipient.aadObjectId;
    const delivery: Delivery = {
      reportId: event.reportId,
      row,
      ...(escalation ? { escalation } : {}),
      event,
      recipient,
      status: 'pending',
      attempts: 0,
      dueAt: at,
      createdAt: at,
      updatedAt: at,
    };
    await this.deps.deliveries.create(event.reportId, row, delivery).catch((err: unknown) => {
      if (!(err instanceof ConcurrencyError)) throw err;
    });
  }

  async deliverDue(): Promise<number> {
    const now = this.now();
    if (now.getTime() < this.pausedUntil) return 0;
    const at = now.toISOString();
    const due = await this.deps.deliveries.query(
      odata`(status eq 'pending' or status eq 'sending') and dueAt le ${at}`,
    );
    let tried = 0;
    for (const candidate of due) {
      if (this.now().getTime() < this.pausedUntil) break;
      const claimed = await this.claim(candidate.value, candidate.etag);
      if (!claimed) continue;
      tried++;
      await this.attempt(claimed.delivery, claimed.etag);
      if (this.deps.paceMs) await new Promise((resolve) => setTimeout(resolve, this.deps.paceMs));
    }
    return tried;
  }

  /** Everything known about one report's deliveries (the visible status per recipient). */
  async deliveriesFor(reportId: string): Promise<Delivery[]> {
    return (await this.deps.deliveries.listPartition(reportId)).map((entry) => entry.value);
  }

  private async claim(
    delivery: Delivery,
    etag: string,
  ): Promise<{ delivery: Delivery; etag: string } | undefined> {
    const claimed: Delivery = {
      ...delivery,
      status: 'sending',
      claimedBy: this.deps.instanceId,
      dueAt: new Date(this.now().getTime() + (this.deps.claimMs ?? 30_000)).toISOString(),
      updatedAt: this.now().toISOString(),
    };
    try {
      const newEtag = await this.deps.deliveries.replace(delivery.reportId, delivery.row, claimed, etag);
      return { delivery: claimed, etag: newEtag };
    } catch (err) {
      if (err instanceof ConcurrencyError) return undefined; // another instance took it
      throw err;
    }
  }

  private async attempt(delivery: Delivery, etag: string): Promise<void> {
    const attempts = delivery.attempts + 1;
    const reference = await this.deps.references.find(delivery.recipient.aadObjectId);
    if (!reference) {
      return this.finish(delivery, etag, {
        status: 'unreachable',
        attempts,
        lastError: 'no conversation with the bot yet',
      });
    }
    const address = { ...reference };
    delete address.activityId; // a new message in the chat, not a reply to what the person last wrote
    const card = alertCard(this.deps.cards, delivery.event, this.deps.locale, undefined, delivery.escalation);
    const result = await this.deps.sender.send(
      address,
      card,
      alertSummaryLine(delivery.event, this.deps.locale),
    );
    if (result.ok)
      return this.finish(delivery, etag, { status: 'delivered', attempts, activityId: result.activityId });

    const kind = classifyFailure(result.statusCode);
    const lastError = `${result.statusCode ?? 'network'}: ${result.message}`.slice(0, 300);
    if (kind === 'unreachable')
      return this.finish(delivery, etag, { status: 'unreachable', attempts, lastError });
    if (kind === 'fatal' || attempts >= this.policy.maxAttempts) {
      return this.finish(delivery, etag, { status: 'dead', attempts, lastError });
    }
    const delay = retryDelayMs(attempts, this.policy, result.retryAfterSeconds);
    if (result.statusCode === 429) this.pausedUntil = this.now().getTime() + delay; // back off as a whole
    const dueAt = new Date(this.now().getTime() + delay).toISOString();
    return this.finish(delivery, etag, { status: 'pending', attempts, lastError, dueAt });
  }

  private async finish(delivery: Delivery, etag: string, change: Partial<Delivery>): Promise<void> {
    const next: Delivery = { ...delivery, ...change, updatedAt: this.now().toISOString() };
    delete next.claimedBy;
    await this.deps.deliveries.replace(delivery.reportId, delivery.row, next, etag);
    this.deps.logger.info(
      {
        reportId: delivery.reportId,
        status: next.status,
        attempts: next.attempts,
        role: delivery.recipient.role,
      },
      'alert delivery',
    );
  }
}
