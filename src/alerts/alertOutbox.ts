import { odata } from '@azure/data-tables';
import type { CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import type { Logger } from '../core/logging/logger';
import { ConcurrencyError, type Repository } from '../core/storage';
import type { ReportStore, ReportSubmittedEvent } from '../report/reportStore';
import type { AlertSender } from './alertSender';
import type { ConversationReferences, StoredReference } from './conversationReferences';
import { deliveryMessage } from './deliveryCards';
import type { DeliveryPayload } from './domain/deliveryPayload';
import {
  alertRecipients,
  unreachableNoticeRecipients,
  type Recipient,
  type RoleSource,
} from './domain/recipients';
import { classifyFailure, DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './domain/retryPolicy';

export type DeliveryStatus = 'pending' | 'sending' | 'delivered' | 'unreachable' | 'dead';

/** One message to one recipient: written durably before anything is sent, with a visible status. */
export interface Delivery {
  /** Groups one message's deliveries (the table partition): a report id, "meeting-<id>" or "question-<id>". */
  partition: string;
  /** The row key: the recipient's id, with a suffix ("~escalation", "~answer", …) for follow-up messages. */
  row: string;
  payload: DeliveryPayload;
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

/** A row written before deliveries carried anything but report alerts: still read, never written. */
interface LegacyDelivery extends Omit<Delivery, 'partition' | 'payload'> {
  reportId: string;
  event: ReportSubmittedEvent;
  escalation?: boolean;
}

export type StoredDelivery = Delivery | LegacyDelivery;

/** Reads both row shapes as a Delivery. */
export function readDelivery(stored: StoredDelivery): Delivery {
  if ('payload' in stored && 'partition' in stored) return stored;
  const { reportId, event, escalation, ...rest } = stored as LegacyDelivery;
  return {
    ...rest,
    partition: reportId,
    payload: { kind: 'report', event, ...(escalation ? { escalation } : {}) },
  };
}

export interface AlertOutboxDeps {
  reports: ReportStore;
  deliveries: Repository<StoredDelivery>;
  references: ConversationReferences;
  sender: AlertSender;
  cards: CardRenderer;
  roles: RoleSource;
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
 * The delivery outbox: every message to a security role (report alerts, meeting-risk alerts, questions and
 * answers, "could not be reached" notices) becomes one durable delivery per recipient, and a worker claims
 * due deliveries with ETag-conditional updates (so several bot instances never send the same one), sends them
 * paced, and retries throttling and server errors with back-off and a global pause, until each ends
 * delivered, unreachable or dead-lettered.
 */
export class AlertOutbox {
  private pausedUntil = 0;
  /** Set at shutdown: the pass in progress claims nothing more. */
  private stopping = false;
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
        await this.enqueueReport(event, recipient, false);
      await this.onEnqueued?.(event);
      await this.deps.reports.markEventQueued(event.reportId, etag);
    }
  }

  /** Called once per new report after its deliveries are written (the escalation schedule hooks in here). */
  onEnqueued?: (event: ReportSubmittedEvent) => Promise<void>;

  /** A report alert (or, with `escalation`, the "nobody has taken it yet" reminder) to one person. */
  enqueueReport(event: ReportSubmittedEvent, recipient: Recipient, escalation: boolean): Promise<void> {
    const row = escalation ? `${recipient.aadObjectId}~escalation` : recipient.aadObjectId;
    return this.enqueue(
      event.reportId,
      row,
      { kind: 'report', event, ...(escalation ? { escalation } : {}) },
      recipient,
    );
  }

  /**
   * Writes one durable delivery; idempotent per (partition, row), so a delivery written before a crash is
   * simply found again and a message is never queued twice for the same person.
   */
  async enqueue(
    partition: string,
    row: string,
    payload: DeliveryPayload,
    recipient: Recipient,
  ): Promise<void> {
    const at = this.now().toISOString();
    const delivery: Delivery = {
      partition,
      row,
      payload,
      recipient,
      status: 'pending',
      attempts: 0,
      dueAt: at,
      createdAt: at,
      updatedAt: at,
    };
    await this.deps.deliveries.create(partition, row, delivery).catch((err: unknown) => {
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
      if (this.stopping || this.now().getTime() < this.pausedUntil) break;
      const claimed = await this.claim(readDelivery(candidate.value), candidate.etag);
      if (!claimed) continue;
      tried++;
      await this.attempt(claimed.delivery, claimed.etag);
      if (this.deps.paceMs) await new Promise((resolve) => setTimeout(resolve, this.deps.paceMs));
    }
    return tried;
  }

  /** Shutdown, first step: the pass in progress claims nothing more. */
  stopClaiming(): void {
    this.stopping = true;
  }

  /**
   * Shutdown, last step: hands this instance's claims back (due now), so another instance or the next start
   * sends them at once instead of after the claim expires. A send that was still hung may then arrive twice.
   */
  async releaseClaims(): Promise<number> {
    const now = this.now().toISOString();
    let released = 0;
    for (const { value, etag } of await this.deps.deliveries.query(odata`status eq 'sending'`)) {
      const delivery = readDelivery(value);
      if (delivery.claimedBy !== this.deps.instanceId) continue;
      const next: Delivery = { ...delivery, status: 'pending', dueAt: now, updatedAt: now };
      delete next.claimedBy;
      try {
        await this.deps.deliveries.replace(delivery.partition, delivery.row, next, etag);
        released++;
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err; // finished meanwhile: nothing to hand back
      }
    }
    return released;
  }

  /** Everything known about one message's deliveries (the visible status per recipient). */
  async deliveriesFor(partition: string): Promise<Delivery[]> {
    return (await this.deps.deliveries.listPartition(partition)).map((entry) => readDelivery(entry.value));
  }

  /** Replaces every delivered card of one message (who took it, who answered) for everyone who got it. */
  async updateDeliveredCards(
    partition: string,
    render: (delivery: Delivery) => ReturnType<typeof deliveryMessage>['card'] | undefined,
  ): Promise<void> {
    for (const delivery of await this.deliveriesFor(partition)) {
      if (delivery.status !== 'delivered' || !delivery.activityId) continue;
      const card = render(delivery);
      const reference = card && (await this.deps.references.find(delivery.recipient.aadObjectId));
      if (!card || !reference) continue;
      const result = await this.deps.sender.update(withoutReplyTo(reference), delivery.activityId, card);
      if (!result.ok)
        this.deps.logger.warn({ partition, status: result.statusCode }, 'alert card not updated');
    }
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
      const newEtag = await this.deps.deliveries.replace(delivery.partition, delivery.row, claimed, etag);
      return { delivery: claimed, etag: newEtag };
    } catch (err) {
      if (err instanceof ConcurrencyError) return undefined; // another instance took it
      throw err;
    }
  }

  private async attempt(delivery: Delivery, etag: string): Promise<void> {
    const attempts = delivery.attempts + 1;
    const opened = await this.addressOf(delivery.recipient);
    if (!opened.ok) return this.failed(delivery, etag, attempts, opened.failure);
    const { card, summary } = deliveryMessage(
      this.deps.cards,
      delivery.payload,
      this.deps.locale,
      viewerIdOf(opened.reference, delivery.recipient.aadObjectId),
    );
    const result = await this.deps.sender.send(withoutReplyTo(opened.reference), card, summary);
    if (result.ok)
      return this.finish(delivery, etag, { status: 'delivered', attempts, activityId: result.activityId });
    const name = opened.reference.user?.name;
    return this.failed(delivery, etag, attempts, { ...result, ...(name ? { name } : {}) });
  }

  /**
   * The person's 1:1 chat: the stored one, or a new one the bot opens (tenant id + the person's object id, at
   * the serviceUrl last seen for the tenant), which is then stored. Only when that fails is the person
   * unreachable.
   */
  private async addressOf(
    recipient: Recipient,
  ): Promise<{ ok: true; reference: StoredReference } | { ok: false; failure: Failure }> {
    const stored = await this.deps.references.find(recipient.aadObjectId);
    if (stored) return { ok: true, reference: stored };
    const tenant = await this.deps.references.tenantAddress();
    if (!tenant)
      return { ok: false, failure: { message: 'no conversation and no tenant seen yet', unreachable: true } };
    const created = await this.deps.sender.openConversation(tenant, recipient.aadObjectId);
    if (!created.ok) return { ok: false, failure: created };
    return {
      ok: true,
      reference: await this.deps.references.saveCreated(recipient.aadObjectId, created.reference),
    };
  }

  private async failed(delivery: Delivery, etag: string, attempts: number, failure: Failure): Promise<void> {
    const lastError =
      `${failure.statusCode ?? (failure.unreachable ? 'none' : 'network')}: ${failure.message}`.slice(0, 300);
    const kind = failure.unreachable ? 'unreachable' : classifyFailure(failure.statusCode);
    if (kind === 'unreachable' || kind === 'fatal' || attempts >= this.policy.maxAttempts) {
      const status = kind === 'unreachable' ? 'unreachable' : 'dead';
      await this.finish(delivery, etag, { status, attempts, lastError });
      return this.noticeUnreachable(delivery, status, failure.name);
    }
    const delay = retryDelayMs(attempts, this.policy, failure.retryAfterSeconds);
    if (failure.statusCode === 429) this.pausedUntil = this.now().getTime() + delay; // back off as a whole
    const dueAt = new Date(this.now().getTime() + delay).toISOString();
    return this.finish(delivery, etag, { status: 'pending', attempts, lastError, dueAt });
  }

  /**
   * Tells the security chiefs (and, when a chief is the one missing, the deputies) who could not be reached,
   * once per failed delivery. A notice that fails itself is not noticed again.
   */
  private async noticeUnreachable(
    delivery: Delivery,
    outcome: 'unreachable' | 'dead',
    knownName: string | undefined,
  ): Promise<void> {
    const payload = delivery.payload;
    if (payload.kind === 'unreachable') return;
    const name = delivery.recipient.name ?? knownName;
    const who: Recipient = { ...delivery.recipient, ...(name ? { name } : {}) };
    const notice: DeliveryPayload = {
      kind: 'unreachable',
      notice: {
        who,
        about: payload.kind,
        ...(payload.kind === 'report' ? { reference: payload.event.reference } : {}),
        outcome,
      },
    };
    for (const recipient of unreachableNoticeRecipients(this.deps.roles, delivery.recipient)) {
      await this.enqueue(
        delivery.partition,
        `${recipient.aadObjectId}~unreachable~${delivery.row}`,
        notice,
        recipient,
      );
    }
  }

  private async finish(delivery: Delivery, etag: string, change: Partial<Delivery>): Promise<void> {
    const next: Delivery = { ...delivery, ...change, updatedAt: this.now().toISOString() };
    delete next.claimedBy;
    await this.deps.deliveries.replace(delivery.partition, delivery.row, next, etag);
    this.deps.logger.info(
      {
        partition: delivery.partition,
        kind: delivery.payload.kind,
        status: next.status,
        attempts: next.attempts,
        role: delivery.recipient.role,
      },
      'alert delivery',
    );
  }
}

interface Failure {
  statusCode?: number;
  retryAfterSeconds?: number;
  message: string;
  /** Known to be unreachable without a status code (no conversation could be found or opened). */
  unreachable?: boolean;
  /** The person's display name, when the failed conversation told it. */
  name?: string;
}

/**
 * The id Teams knows the person by in refresh.userIds: the channel user id (29:…) from their chat, or for a
 * chat the bot opened itself (where only the object id is known) the person's org MRI.
 */
export function viewerIdOf(reference: StoredReference, aadObjectId: string): string {
  const id = reference.user?.id;
  return id && id !== aadObjectId ? id : `8:orgid:${aadObjectId}`;
}

/** A new message in the chat, not a reply to what the person last wrote. */
export function withoutReplyTo<T extends { activityId?: string }>(reference: T): T {
  const copy = { ...reference };
  delete copy.activityId;
  return copy;
}
