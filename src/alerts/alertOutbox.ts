import { odata } from '@azure/data-tables';
import type { CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import type { RoleTitle } from '../core/i18n';
import type { Logger } from '../core/logging/logger';
import { ConcurrencyError, type Repository } from '../core/storage';
import type { ReportStore } from '../report';
import type { ReportSubmittedEvent } from '../report/domain/storedReport';
import type { AlertSender, SendResult } from './alertSender';
import type { ConversationReferences, StoredReference, TenantAddress } from './conversationReferences';
import { deliveryMessage, digestFit, digestMessage } from './deliveryCards';
import type { DeliveryPayload, UnreachableNotice } from './domain/deliveryPayload';
import { isUrgent, priorityOf } from './domain/deliveryPriority';
import {
  alertRecipients,
  escalationRecipients,
  unreachableNoticeRecipients,
  type Recipient,
  type RoleSource,
} from './domain/recipients';
import { classifyFailure, DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './domain/retryPolicy';
import { ChatPacing, SlidingWindow } from './domain/sendPacing';
import type { Telemetry } from '../core/telemetry';

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
  /**
   * An attempt ended without an answer (timeout, reset, 5xx) and may have been accepted: the Bot Connector
   * has no idempotency key and a bot cannot read a Teams chat back, so the resend cannot be avoided; it is
   * made recognisable instead (the card says it is sent again).
   */
  maybeDelivered?: boolean;
  /** The stored chat was gone (ConversationNotFound) and a new one has been opened once. */
  chatReopened?: boolean;
  /**
   * Delivered in one digest card with this many report alerts to the same chat (`activityId` is that card's):
   * its card is never replaced by a single report's card.
   */
  digest?: number;
  /** Someone else was told this delivery is late or waits for an install (set once, so they are told once). */
  othersToldAt?: string;
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
  /** The security role's configured name (SECURITY_CONTACT_TITLE), for the cards that name it. */
  role: RoleTitle;
  logger: Logger;
  /** Identifies this process in claims, so two instances never send the same delivery. */
  instanceId: string;
  policy?: RetryPolicy;
  limits?: Partial<DeliveryLimits>;
  /** Where to open a chat when no activity from the tenant has been seen yet (configured serviceUrl + tenant). */
  fallbackTenant?: TenantAddress;
  /** The durable clock (due times, claims, ages); pacing uses the monotonic clock. Injectable for tests. */
  now?: () => Date;
  /** Outbox metrics (telemetry hook: attempts, final statuses, oldest due delivery). */
  telemetry?: Telemetry;
}

/** How hard the outbox may push the connector; see DEFAULT_DELIVERY_LIMITS for why each default. */
export interface DeliveryLimits {
  /** One send (open chat + post) may take this long before it counts as failed; must be below `claimMs`. */
  sendTimeoutMs: number;
  /** How long a claim holds before another instance may take the delivery; renewed while a send runs. */
  claimMs: number;
  /** Sends running at once, over all chats. */
  maxInFlight: number;
  /** Of those, how many only report alerts and their escalations may use: they never wait behind others. */
  urgentReserve: number;
  /** Sends started per second over all chats (Teams: about 50 requests/s per app and tenant). */
  sendsPerSecond: number;
  /** Gap between two sends to the same chat (Teams: 7 per second, 8 per 2 s per conversation). */
  chatGapMs: number;
  /** A report alert to a security chief still failing after this long escalates at once. */
  escalateFailingAfterMs: number;
  /**
   * How long the alert of a report past its reporter's report limit (`event.burst`) waits, so that a burst of
   * reports from one person reaches each recipient as one digest. Violence is never held.
   */
  burstHoldMs: number;
}

export const DEFAULT_DELIVERY_LIMITS: DeliveryLimits = {
  sendTimeoutMs: 5_000,
  claimMs: 30_000,
  maxInFlight: 16,
  urgentReserve: 4,
  sendsPerSecond: 40, // below Teams' ~50/s, which the bot's replies to turns share
  chatGapMs: 250,
  escalateFailingAfterMs: 120_000,
  burstHoldMs: 60_000,
};

/** What readiness needs to know about delivery (see `health()`). */
export interface OutboxHealth {
  /** How long the oldest delivery that is due but not yet being sent has waited (0 when none). */
  oldestDueAgeMs: number;
  /** When the worker last looked for due deliveries (undefined before its first pass). */
  lastHeartbeatAt: Date | undefined;
}

/** A due delivery waiting in memory for a chat, a sending slot and the rate cap. */
interface Queued {
  delivery: Delivery;
  etag: string;
  priority: number;
  /** Monotonic time it entered the queue: a table read that started earlier does not drop it. */
  queuedAt: number;
}

/**
 * The delivery outbox: every message to a security role (report alerts, meeting-risk alerts, questions and
 * answers, "could not be reached" notices) becomes one durable delivery per recipient. Each pass reads the
 * due deliveries into an in-memory queue ordered by priority; they are claimed with ETag-conditional updates
 * (several bot instances never send the same one; the claim is renewed while a send runs) and sent
 * concurrently: one send at a time per chat with a gap and its own Retry-After pause, a bounded number in
 * flight (some slots kept for report alerts), a global rate cap, and a timeout per send. The outbox is the
 * only retrier (its connector client makes one request per call) until each delivery ends delivered,
 * unreachable or dead, and a dead or unreachable one is always told to someone and logged.
 */
export class AlertOutbox {
  /** Set at shutdown: nothing more is claimed. */
  private stopping = false;
  private readonly now: () => Date;
  private readonly policy: RetryPolicy;
  private readonly limits: DeliveryLimits;
  private readonly queue = new Map<string, Queued>();
  private readonly sending = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly chats: ChatPacing;
  private readonly rate: SlidingWindow;
  private wakeTimer: NodeJS.Timeout | undefined;
  private wakeTimerAt = Infinity;
  private lastHeartbeatAt: Date | undefined;
  /** Set while the worker runs: finished sends and paced chats start the next sends by themselves. */
  private background = false;

  constructor(private readonly deps: AlertOutboxDeps) {
    this.now = deps.now ?? (() => new Date());
    this.policy = deps.policy ?? DEFAULT_RETRY_POLICY;
    this.limits = { ...DEFAULT_DELIVERY_LIMITS, ...deps.limits };
    if (this.limits.sendTimeoutMs >= this.limits.claimMs)
      throw new Error('alert delivery: the send timeout must be shorter than the claim');
    this.chats = new ChatPacing(this.limits.chatGapMs);
    this.rate = new SlidingWindow(this.limits.sendsPerSecond, 1_000);
  }

  /**
   * One complete pass: take over new report events, then send everything due now and wait for those sends
   * (including a second message to the same chat after its gap). Returns how many sends were tried.
   */
  async runOnce(): Promise<number> {
    await this.enqueueNewEvents();
    return this.deliverDue();
  }

  /**
   * The worker's pass: like runOnce, but it only starts the sends; they finish (and the next ones start) in
   * the background, so a slow chat never holds up the next pass.
   */
  async pump(): Promise<void> {
    this.background = true;
    await this.enqueueNewEvents();
    await this.refreshQueue();
    this.dispatch();
  }

  /** Age of the oldest due delivery not yet being sent, and the worker's last pass (for readiness). */
  health(): OutboxHealth {
    const now = this.now().getTime();
    let oldest = now;
    for (const { delivery } of this.queue.values()) oldest = Math.min(oldest, Date.parse(delivery.dueAt));
    return { oldestDueAgeMs: Math.max(0, now - oldest), lastHeartbeatAt: this.lastHeartbeatAt };
  }

  /** Stops starting sends in the background and waits (at most `timeoutMs`) for those running. */
  async stop(timeoutMs = 10_000): Promise<void> {
    this.background = false;
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    this.wakeTimerAt = Infinity;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
  }

  /**
   * Takes over new report events: their deliveries are written (each one starts sending at once) several
   * events at a time, so the last of a burst of 50 reports does not wait for 49 others' storage round trips.
   */
  async enqueueNewEvents(): Promise<void> {
    if (this.takingOver) {
      // One take-over at a time; a request meanwhile runs once more after it (a report filed during it).
      this.takeOverAgain = true;
      return this.takingOver;
    }
    this.takingOver = (async () => {
      do {
        this.takeOverAgain = false;
        await this.takeOverPendingEvents();
      } while (this.takeOverAgain);
    })().finally(() => (this.takingOver = undefined));
    return this.takingOver;
  }

  private takingOver: Promise<void> | undefined;
  private takeOverAgain = false;

  private async takeOverPendingEvents(): Promise<void> {
    const pending = await this.deps.reports.pendingEventEntities();
    const untaken = pending.filter(({ event }) => !this.takingOverNow.has(event.reportId));
    await inParallel(untaken, EVENTS_AT_ONCE, ({ event, etag }) => this.takeOverEvent(event, etag));
  }

  /**
   * A report this process has just filed (its event is durable): its alerts are written and start sending
   * now, without waiting for the next read of pending events, which skips it meanwhile. Should this fail,
   * the event is still pending and the worker's next pass takes it over.
   */
  async takeOver(event: ReportSubmittedEvent): Promise<void> {
    if (this.stopping) return;
    this.takingOverNow.add(event.reportId);
    try {
      // At most EVENTS_AT_ONCE at a time: in a burst of submits the alerts' writes do not crowd out the turns.
      while (this.directTakeOvers >= EVENTS_AT_ONCE)
        await new Promise((resolve) => this.takeOverSlot.push(resolve));
      this.directTakeOvers++;
      try {
        // Unconditional: the event's ETag is not known here, and writing its deliveries is idempotent.
        await this.takeOverEvent(event, '*');
      } finally {
        this.directTakeOvers--;
        this.takeOverSlot.shift()?.(undefined);
      }
    } finally {
      this.takingOverNow.delete(event.reportId);
    }
  }

  private readonly takingOverNow = new Set<string>();
  private directTakeOvers = 0;
  private readonly takeOverSlot: Array<(value: unknown) => void> = [];

  /** Writes a report's alert deliveries (they start sending at once), its escalation, then marks it taken. */
  private async takeOverEvent(event: ReportSubmittedEvent, etag: string): Promise<void> {
    await Promise.all(
      alertRecipients(this.deps.roles, event.party).map((recipient) =>
        this.enqueueReport(event, recipient, false),
      ),
    );
    await this.onEnqueued?.(event);
    await this.deps.reports.markEventQueued(event.reportId, etag);
  }

  /** Called once per new report after its deliveries are written (the escalation schedule hooks in here). */
  onEnqueued?: (event: ReportSubmittedEvent) => Promise<void>;

  /** A report alert (or, with `escalation`, the "nobody has taken it yet" reminder) to one person. */
  enqueueReport(event: ReportSubmittedEvent, recipient: Recipient, escalation: boolean): Promise<void> {
    const row = escalation ? `${recipient.aadObjectId}~escalation` : recipient.aadObjectId;
    const payload: DeliveryPayload = { kind: 'report', event, ...(escalation ? { escalation } : {}) };
    const held = !escalation && event.burst === true && priorityOf(payload) > 0;
    return this.enqueue(event.reportId, row, payload, recipient, held ? this.burstDue(recipient) : undefined);
  }

  /**
   * When a held burst alert to this recipient goes out: with the one already waiting, if any (so the whole
   * burst becomes one digest), else one hold from now. Per process; with two instances, at most two digests.
   */
  private burstDue(recipient: Recipient): Date {
    const chat = recipient.aadObjectId.toLowerCase();
    const now = this.now().getTime();
    const waiting = this.burstHolds.get(chat);
    if (waiting !== undefined && waiting > now) return new Date(waiting);
    for (const [key, until] of this.burstHolds) if (until <= now) this.burstHolds.delete(key);
    const until = now + this.limits.burstHoldMs;
    this.burstHolds.set(chat, until);
    return new Date(until);
  }

  private readonly burstHolds = new Map<string, number>();

  /**
   * A line to a reporter about her case (who took it, a status change), sent like any delivery: it outlasts
   * a Teams outage instead of being lost with a failed direct send. `row` makes it idempotent per event.
   */
  enqueueReporterNotice(partition: string, row: string, reporterKey: string, text: string): Promise<void> {
    return this.enqueueText(partition, row, { aadObjectId: reporterKey, role: 'reporter' }, text);
  }

  /** A plain line to anyone (e.g. the staff member a case was given to), durable like every delivery. */
  enqueueText(partition: string, row: string, recipient: Recipient, text: string): Promise<void> {
    return this.enqueue(partition, row, { kind: 'reporterNotice', text }, recipient);
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
    heldUntil?: Date,
  ): Promise<void> {
    const at = this.now().toISOString();
    const delivery: Delivery = {
      partition,
      row,
      payload,
      recipient,
      status: 'pending',
      attempts: 0,
      dueAt: heldUntil?.toISOString() ?? at,
      createdAt: at,
      updatedAt: at,
    };
    try {
      const etag = await this.deps.deliveries.create(partition, row, delivery);
      // A held alert waits in the table; the read that finds it due finds the rest of its burst with it.
      if (heldUntil) return;
      // Straight into the in-memory queue: a report alert starts now, not at the next read of the table.
      this.queue.set(keyOf(delivery), {
        delivery,
        etag,
        priority: priorityOf(payload),
        queuedAt: performance.now(),
      });
      if (this.background) this.dispatch();
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err; // queued before (e.g. before a crash): nothing to do
    }
  }

  async deliverDue(): Promise<number> {
    await this.refreshQueue();
    const due = new Set(this.queue.keys());
    let tried = 0;
    for (;;) {
      tried += this.dispatch(due);
      const waitFor = this.nextStartWithin(due, 1_000);
      if (this.inFlight.size === 0 && waitFor === undefined) return tried;
      if (this.inFlight.size > 0) await Promise.race(this.inFlight);
      else await new Promise((resolve) => setTimeout(resolve, Math.max(1, waitFor!)));
    }
  }

  /** Reads the due deliveries (new, retries due, and claims that expired) into the in-memory queue. */
  private async refreshQueue(): Promise<void> {
    const at = this.now().toISOString();
    const readFrom = performance.now();
    const due = await this.deps.deliveries.query(
      odata`(status eq 'pending' or status eq 'sending') and dueAt le ${at}`,
    );
    this.deps.telemetry?.deliveriesDue(due.map((entry) => entry.value.createdAt)); // telemetry hook
    for (const [key, queued] of this.queue) if (queued.queuedAt < readFrom) this.queue.delete(key);
    for (const { value, etag } of due) {
      const delivery = readDelivery(value);
      const key = keyOf(delivery);
      if (this.sending.has(key) || this.queue.has(key)) continue;
      this.queue.set(key, { delivery, etag, priority: priorityOf(delivery.payload), queuedAt: readFrom });
    }
    this.lastHeartbeatAt = this.now();
  }

  /**
   * Starts every queued delivery that may start now, most urgent first: its chat is free and past its gap
   * or pause, a slot is free (ordinary traffic leaves `urgentReserve` slots to report alerts), and the rate
   * cap has room. Returns how many it started; wakes itself when a paced chat or the rate cap frees up.
   */
  private dispatch(only?: Set<string>): number {
    if (this.stopping) return 0;
    const now = performance.now();
    this.chats.prune(now);
    let started = 0;
    let wakeAt = Infinity;
    const ordered = [...this.queue.entries()]
      .filter(([key]) => !only || only.has(key))
      .sort(([, a], [, b]) => a.priority - b.priority || a.delivery.dueAt.localeCompare(b.delivery.dueAt));
    for (const [key, queued] of ordered) {
      const chat = queued.delivery.recipient.aadObjectId.toLowerCase();
      const availableAt = this.chats.availableAt(chat);
      if (availableAt === undefined) continue; // the chat's next delivery is already getting ready
      if (availableAt > now) {
        wakeAt = Math.min(wakeAt, availableAt);
        continue;
      }
      const urgent = isUrgent(queued.priority);
      const slots = this.limits.maxInFlight - (urgent ? 0 : this.limits.urgentReserve);
      if (this.inFlight.size >= slots) continue;
      if (!this.rate.tryTake(now)) {
        wakeAt = Math.min(wakeAt, this.rate.nextFreeAt(now));
        break;
      }
      this.queue.delete(key);
      this.start(key, chat, queued);
      started++;
    }
    if (wakeAt < Infinity && this.background) this.wakeAt(wakeAt - now);
    return started;
  }

  /** Milliseconds until a queued delivery (of `only`) may start, when that is within `horizonMs`. */
  private nextStartWithin(only: Set<string>, horizonMs: number): number | undefined {
    const now = performance.now();
    let soonest: number | undefined;
    for (const [key, queued] of this.queue) {
      if (!only.has(key)) continue;
      const at = this.chats.availableAt(queued.delivery.recipient.aadObjectId.toLowerCase());
      const wait = Math.max(at ?? now, this.rate.nextFreeAt(now)) - now;
      if (wait <= horizonMs && (soonest === undefined || wait < soonest)) soonest = wait;
    }
    return soonest;
  }

  /** One timer for the soonest moment a paced chat or the rate cap lets a queued delivery start. */
  private wakeAt(delayMs: number): void {
    const at = performance.now() + delayMs;
    if (this.wakeTimer && this.wakeTimerAt <= at) return;
    clearTimeout(this.wakeTimer);
    this.wakeTimerAt = at;
    this.wakeTimer = setTimeout(
      () => {
        this.wakeTimer = undefined;
        this.wakeTimerAt = Infinity;
        if (this.background) this.dispatch();
      },
      Math.max(1, Math.ceil(delayMs)),
    );
    this.wakeTimer.unref();
  }

  private start(key: string, chat: string, queued: Queued): void {
    this.chats.begin(chat);
    this.sending.add(key);
    let turnTaken = false;
    let released = false;
    const chatTurn: ChatTurn = {
      take: async () => {
        await this.chats.turn(chat, () => performance.now());
        turnTaken = true;
        if (this.background) this.dispatch(); // the next delivery to this chat may get ready meanwhile
      },
      // The chat is free again as soon as the connector answered: the outcome's write overlaps the next send.
      release: (pauseMs) => {
        if (released || !turnTaken) return;
        released = true;
        this.chats.end(chat, performance.now(), pauseMs);
      },
    };
    const task = this.process(queued, chatTurn)
      .catch((err: unknown) =>
        this.deps.logger.warn(
          {
            err: { name: (err as Error)?.name, message: (err as Error)?.message },
            kind: queued.delivery.payload.kind,
          },
          'alert delivery attempt failed',
        ),
      )
      .finally(() => {
        if (turnTaken) chatTurn.release(0);
        else this.chats.cancel(chat);
        this.sending.delete(key);
        this.inFlight.delete(task);
        if (this.background) this.dispatch();
      });
    this.inFlight.add(task);
  }

  /** Claims, sends and records one delivery. */
  private async process({ delivery, etag }: Queued, chat: ChatTurn): Promise<void> {
    if (this.stopping) return; // shutting down: left for the next start or another instance
    const claimed = await this.claim(delivery, etag);
    if (!claimed) return;
    const lease = this.renewWhileSending(claimed.delivery, claimed.etag);
    try {
      await this.attempt(claimed.delivery, lease, chat);
    } finally {
      lease.stop();
    }
  }

  /**
   * Keeps the claim from expiring while the send runs (every third of the claim time), so a second
   * instance never takes over a send that is merely slow. `current()` waits for a renewal in progress and
   * gives the ETag to finish with.
   */
  private renewWhileSending(claimed: Delivery, etag: string): Lease {
    let latest = etag;
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(
      () => {
        renewing = renewing.then(async () => {
          const dueAt = new Date(this.now().getTime() + this.limits.claimMs).toISOString();
          try {
            latest = await this.deps.deliveries.replace(
              claimed.partition,
              claimed.row,
              { ...claimed, dueAt, updatedAt: this.now().toISOString() },
              latest,
            );
          } catch (err) {
            this.deps.logger.warn(
              { partition: claimed.partition, err: { name: (err as Error)?.name } },
              'alert delivery claim not renewed',
            );
          }
        });
      },
      Math.max(10, Math.floor(this.limits.claimMs / 3)),
    );
    timer.unref();
    return {
      current: async () => {
        clearInterval(timer);
        await renewing;
        return latest;
      },
      stop: () => clearInterval(timer),
    };
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
      dueAt: new Date(this.now().getTime() + this.limits.claimMs).toISOString(),
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

  /**
   * One attempt; a 429 pauses the chat (not the outbox) for Retry-After. A report alert takes along the other
   * report alerts queued for the same chat when its turn comes: one digest card instead of a card per report
   * paced a gap apart, each folded delivery claimed (ETag) and recorded on its own.
   */
  private async attempt(delivery: Delivery, lease: Lease, chat: ChatTurn): Promise<void> {
    const opened = await this.addressOf(delivery.recipient);
    if (!opened.ok) {
      await this.failed(delivery, lease, delivery.attempts + 1, { ...opened.failure, beforeSend: true });
      return;
    }
    // Folded while the chat's previous send runs, and once more for reports queued while waiting for the turn.
    const batch = [{ delivery, lease }];
    try {
      batch.push(...(await this.foldQueued(batch)));
      await chat.take();
      batch.push(...(await this.foldQueued(batch)));
      const result = await this.sendBatch(
        batch.map((entry) => entry.delivery),
        opened.reference,
      );
      this.deps.telemetry?.deliveryAttempt(result.ok ? 200 : result.statusCode); // telemetry hook
      const throttled = !result.ok && result.statusCode === 429;
      chat.release(
        throttled ? Math.max((result.retryAfterSeconds ?? 0) * 1_000, this.policy.baseDelayMs) : 0,
      );
      const name = opened.reference.user?.name;
      await Promise.all(
        batch.map(async ({ delivery: sent, lease: held }) => {
          const attempts = sent.attempts + 1;
          if (!result.ok) return this.failed(sent, held, attempts, { ...result, ...(name ? { name } : {}) });
          return this.finish(sent, await held.current(), {
            status: 'delivered',
            attempts,
            activityId: result.activityId,
            ...(batch.length > 1 ? { digest: batch.length } : {}),
          });
        }),
      );
    } finally {
      for (const entry of batch.slice(1)) {
        entry.lease.stop();
        this.sending.delete(keyOf(entry.delivery));
      }
    }
  }

  /** One message into the chat: a plain line (reporter's notice), a single card, or a digest of several. */
  private sendBatch(batch: Delivery[], reference: StoredReference): Promise<SendResult> {
    const [lead] = batch as [Delivery, ...Delivery[]];
    const address = withoutReplyTo(reference);
    if (lead.payload.kind === 'reporterNotice') return this.deps.sender.sendText(address, lead.payload.text);
    const { card, summary } =
      batch.length > 1
        ? digestMessage(this.deps.cards, batch, this.deps.locale)
        : deliveryMessage(
            this.deps.cards,
            lead.payload,
            this.deps.locale,
            this.deps.role,
            viewerIdOf(reference, lead.recipient.aadObjectId),
            lead.maybeDelivered,
          );
    return this.deps.sender.send(address, card, summary);
  }

  /**
   * The other report alerts queued for the delivery's chat, as many as fit one card, claimed for this send
   * (one another instance claimed first is left to it). Each keeps its claim renewed like the one sent.
   */
  private async foldQueued(
    batch: Array<{ delivery: Delivery }>,
  ): Promise<Array<{ delivery: Delivery; lease: Lease }>> {
    const lead = batch[0]!.delivery;
    if (lead.payload.kind !== 'report' || this.stopping) return [];
    const chat = lead.recipient.aadObjectId.toLowerCase();
    // New alerts and reminders ("nobody has taken it yet") are never mixed in one card.
    const reminder = !!lead.payload.escalation;
    const candidates = [...this.queue.entries()]
      .filter(
        ([, { delivery: queued }]) =>
          queued.payload.kind === 'report' &&
          !!queued.payload.escalation === reminder &&
          queued.recipient.aadObjectId.toLowerCase() === chat,
      )
      .sort(([, a], [, b]) => a.priority - b.priority || a.delivery.dueAt.localeCompare(b.delivery.dueAt));
    if (candidates.length === 0) return [];
    const fitting = digestFit(
      this.deps.cards,
      batch.map((entry) => entry.delivery),
      candidates.map(([, queued]) => queued.delivery),
      this.deps.locale,
    );
    const taken = candidates.slice(0, fitting);
    for (const [key] of taken) {
      this.queue.delete(key);
      this.sending.add(key);
    }
    const claimed = await Promise.all(
      taken.map(async ([key, queued]) => {
        const result = await this.claim(queued.delivery, queued.etag).catch(() => undefined);
        if (!result) this.sending.delete(key);
        return result;
      }),
    );
    return claimed
      .filter((result) => result !== undefined)
      .map((result) => ({
        delivery: result.delivery,
        lease: this.renewWhileSending(result.delivery, result.etag),
      }));
  }

  /**
   * The person's 1:1 chat: the stored one, or a new one the bot opens (tenant id + the person's object id, at
   * the serviceUrl last seen for the tenant, else the configured one), which is then stored. Only when that
   * fails is the person unreachable.
   */
  private async addressOf(
    recipient: Recipient,
  ): Promise<{ ok: true; reference: StoredReference } | { ok: false; failure: Failure }> {
    const stored = await this.deps.references.find(recipient.aadObjectId);
    if (stored) return { ok: true, reference: stored };
    const tenant = (await this.deps.references.tenantAddress()) ?? this.deps.fallbackTenant;
    if (!tenant)
      return { ok: false, failure: { message: 'no conversation and no tenant seen yet', unreachable: true } };
    const created = await this.deps.sender.openConversation(tenant, recipient.aadObjectId);
    if (!created.ok) return { ok: false, failure: created };
    return {
      ok: true,
      reference: await this.deps.references.saveCreated(recipient.aadObjectId, created.reference),
    };
  }

  /** Records a failed attempt and decides what follows; resolves with the back-off used (0 when final). */
  private async failed(
    delivery: Delivery,
    lease: Lease,
    attempts: number,
    failure: Failure,
  ): Promise<number> {
    const code = failure.errorCode ? ` ${failure.errorCode}` : '';
    const lastError =
      `${failure.statusCode ?? (failure.unreachable ? 'none' : 'network')}${code}: ${failure.message}`.slice(
        0,
        300,
      );
    const kind = failure.unreachable ? 'unreachable' : classifyFailure(failure.statusCode, failure.errorCode);
    const isReport = delivery.payload.kind === 'report';
    if (kind === 'conversationGone' && !delivery.chatReopened) {
      // The chat was deleted or the app re-installed: forget it and open a new one at once, only once.
      await this.deps.references.forget(delivery.recipient.aadObjectId);
      await this.finish(delivery, await lease.current(), {
        status: 'pending',
        attempts,
        lastError,
        chatReopened: true,
        dueAt: this.now().toISOString(),
      });
      return 0;
    }
    if (kind === 'awaitInstall' && isReport && !this.givenUp(delivery, attempts)) {
      // Not installed for this person (yet): someone is told now, and the alert waits for an install.
      const delay = this.policy.awaitInstallMs ?? this.policy.maxDelayMs;
      const told = await this.tellOthersOnce(delivery, 'unreachable', failure.name);
      return this.retryLater(delivery, lease, { attempts, lastError, ...told }, delay);
    }
    if (kind !== 'retry' || this.givenUp(delivery, attempts)) {
      const status = kind === 'unreachable' || kind === 'awaitInstall' ? 'unreachable' : 'dead';
      await this.finish(delivery, await lease.current(), { status, attempts, lastError });
      await this.noticeUnreachable(delivery, status, failure.name);
      return 0;
    }
    const delay = retryDelayMs(attempts, this.policy, failure.retryAfterSeconds);
    const told = await this.tellOthersOnce(delivery, 'delayed', failure.name);
    // No answer, or a server error after the request went out: Teams may have taken it.
    const ambiguous =
      !failure.beforeSend &&
      !failure.unreachable &&
      (failure.statusCode === undefined || failure.statusCode >= 500);
    const unsure = ambiguous || delivery.maybeDelivered ? { maybeDelivered: true } : {};
    return this.retryLater(delivery, lease, { attempts, lastError, ...told, ...unsure }, delay);
  }

  /** Puts a delivery back as pending, due again in `delayMs`; returns the delay. */
  private async retryLater(
    delivery: Delivery,
    lease: Lease,
    change: Partial<Delivery>,
    delayMs: number,
  ): Promise<number> {
    await this.finish(delivery, await lease.current(), {
      status: 'pending',
      ...change,
      dueAt: new Date(this.now().getTime() + delayMs).toISOString(),
    });
    return delayMs;
  }

  /**
   * Report alerts, their escalations, the notices about them and the reporter's notices about her case are
   * retried for hours (`reportGiveUpAfterMs`); everything else `maxAttempts` times.
   */
  private givenUp(delivery: Delivery, attempts: number): boolean {
    const giveUpAfter = this.policy.reportGiveUpAfterMs;
    const lasting = isUrgent(priorityOf(delivery.payload)) || delivery.payload.kind === 'reporterNotice';
    if (lasting && giveUpAfter !== undefined)
      return this.now().getTime() - Date.parse(delivery.createdAt) >= giveUpAfter;
    return attempts >= this.policy.maxAttempts;
  }

  /**
   * Whether others must hear about a report alert now, once per delivery: at once when the person cannot be
   * reached (not installed), and for a security chief's alert once it has failed longer than the threshold.
   */
  private othersMustKnow(delivery: Delivery, outcome: 'delayed' | 'unreachable'): boolean {
    if (delivery.othersToldAt || delivery.payload.kind !== 'report') return false;
    if (outcome === 'unreachable') return true;
    const failingFor = this.now().getTime() - Date.parse(delivery.createdAt);
    return delivery.recipient.role === 'securityChief' && failingFor >= this.limits.escalateFailingAfterMs;
  }

  /**
   * A report alert that cannot reach a security chief now is not left to the escalation timer: the deputies
   * get the alert at once and they and the party's contacts are told the chief has not been reached (or, for
   * anyone else, the security chiefs are told). Once per delivery; the deliveries it writes are idempotent.
   */
  private async tellOthersOnce(
    delivery: Delivery,
    outcome: 'delayed' | 'unreachable',
    knownName: string | undefined,
  ): Promise<Partial<Delivery>> {
    if (!this.othersMustKnow(delivery, outcome) || delivery.payload.kind !== 'report') return {};
    const { event } = delivery.payload;
    if (delivery.recipient.role === 'securityChief') {
      for (const deputy of escalationRecipients(this.deps.roles).filter((r) => r.role === 'securityDeputy'))
        await this.enqueueReport(event, deputy, true);
    }
    const told = await this.enqueueNotice(
      delivery,
      outcome,
      knownName,
      this.noticeRecipients(delivery, true),
    );
    this.deps.logger.warn(
      { partition: delivery.partition, role: delivery.recipient.role, outcome, told },
      'alert delivery late: others told',
    );
    return { othersToldAt: this.now().toISOString() };
  }

  /**
   * Who hears that a delivery failed: the security chiefs (and the deputies when a chief is the one
   * missing). With `withParty` (a report alert to a chief that is late), or when there is nobody else, also
   * the contacts of the victim's party, so someone close to the victim knows.
   */
  private noticeRecipients(delivery: Delivery, withParty: boolean): Recipient[] {
    const recipients = unreachableNoticeRecipients(this.deps.roles, delivery.recipient);
    if (delivery.payload.kind !== 'report' || (!withParty && recipients.length > 0)) return recipients;
    if (!withParty || delivery.recipient.role === 'securityChief') {
      const contacts = alertRecipients(this.deps.roles, delivery.payload.event.party).filter(
        (r) => r.role === 'partyContact' && r.aadObjectId !== delivery.recipient.aadObjectId,
      );
      for (const contact of contacts)
        if (!recipients.some((r) => r.aadObjectId === contact.aadObjectId)) recipients.push(contact);
    }
    return recipients;
  }

  /**
   * Tells someone who could not be reached, once per failed delivery, and logs it either way: a dead or
   * unreachable delivery is never silent. A notice that fails itself is logged, not noticed again.
   */
  private async noticeUnreachable(
    delivery: Delivery,
    outcome: 'unreachable' | 'dead',
    knownName: string | undefined,
  ): Promise<void> {
    const recipients = delivery.payload.kind === 'unreachable' ? [] : this.noticeRecipients(delivery, false);
    const told = await this.enqueueNotice(delivery, outcome, knownName, recipients);
    this.deps.logger.error(
      {
        partition: delivery.partition,
        kind: delivery.payload.kind,
        role: delivery.recipient.role,
        outcome,
        told,
      },
      told > 0 ? 'alert delivery failed: others told' : 'alert delivery failed and nobody else could be told',
    );
  }

  private async enqueueNotice(
    delivery: Delivery,
    outcome: UnreachableNotice['outcome'],
    knownName: string | undefined,
    recipients: Recipient[],
  ): Promise<number> {
    const payload = delivery.payload;
    if (payload.kind === 'unreachable') return 0;
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
    const suffix = outcome === 'delayed' ? 'delayed' : 'unreachable';
    for (const recipient of recipients) {
      await this.enqueue(
        delivery.partition,
        `${recipient.aadObjectId}~${suffix}~${delivery.row}`,
        notice,
        recipient,
      );
    }
    return recipients.length;
  }

  private async finish(delivery: Delivery, etag: string, change: Partial<Delivery>): Promise<void> {
    const next: Delivery = { ...delivery, ...change, updatedAt: this.now().toISOString() };
    delete next.claimedBy;
    await this.deps.deliveries.replace(delivery.partition, delivery.row, next, etag);
    this.deps.telemetry?.deliveryStatus({
      status: next.status,
      kind: next.payload.kind,
      createdAt: next.createdAt,
    }); // telemetry hook
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

/** A delivery's place in its chat's sequence of sends. */
interface ChatTurn {
  /** Waits until the chat's previous send has ended and its gap or pause has passed. */
  take(): Promise<void>;
  /** The connector answered: the chat may be sent to again after the gap (or `pauseMs`). */
  release(pauseMs: number): void;
}

/** The claim of a delivery being sent: renewed in the background until the attempt is recorded. */
interface Lease {
  /** Stops renewing, waits for a renewal in flight and returns the ETag to write the outcome with. */
  current(): Promise<string>;
  stop(): void;
}

/** New report events taken over at once (bounded: each writes a few rows). */
const EVENTS_AT_ONCE = 10;

/** Runs `work` over `items`, at most `width` at a time. */
async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

const keyOf = (delivery: Delivery): string => `${delivery.partition}\u0000${delivery.row}`;

interface Failure {
  statusCode?: number;
  errorCode?: string;
  retryAfterSeconds?: number;
  message: string;
  /** Known to be unreachable without a status code (no conversation could be found or opened). */
  unreachable?: boolean;
  /** The person's display name, when the failed conversation told it. */
  name?: string;
  /** Failed before the message itself went out (finding or opening the chat): it cannot have arrived. */
  beforeSend?: boolean;
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
