import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { AlertDeliveryConfig } from '../core/config';
import { Repository } from '../core/storage';
import { noTelemetry } from '../core/telemetry';
import { Acknowledgement, type Owner } from './acknowledgement';
import { AlertOutbox, type StoredDelivery } from './alertOutbox';
import { startAlertWorker, type AlertWorker } from './alertWorker';
import { ChiefQuestions } from './chiefQuestions';
import { ConversationReferences, type StoredReference, type TenantAddress } from './conversationReferences';
import type { ChiefQuestion } from './domain/deliveryPayload';
import { DEFAULT_RETRY_POLICY } from './domain/retryPolicy';
import { Escalations, type Escalation } from './escalations';
import type { AlertsDeps } from './alertsDeps';
import { PartyContacts, type PartyContactsRecord } from './partyContacts';
import { logReach, type ReachDeps } from './alertStatus';

/** How often the worker re-reads the party contacts another instance may have changed. */
const CONTACTS_REFRESH_MS = 30_000;
/** How long shutdown tries to hand back this instance's claims. */
const RELEASE_CLAIMS_MS = 2_000;

/** Everything the alerts capability is made of, built once from its deps (see `buildAlertParts`). */
export interface AlertParts {
  references: ConversationReferences;
  deliveries: Repository<StoredDelivery>;
  contacts: PartyContacts;
  outbox: AlertOutbox;
  escalations: Escalations;
  acknowledgement: Acknowledgement;
  questions: ChiefQuestions;
  reachDeps: ReachDeps;
  /** Something was queued: take new report events over and deliver now, not at the next poll. */
  kick(): void;
  /** Starts the worker and loads the party contacts (never held up by frozen storage). */
  start(): Promise<void>;
  stop(options?: { deadlineMs?: number }): Promise<void>;
  workerHeartbeat(): number | undefined;
  oldestDueDeliveryAgeMs(): Promise<number | undefined>;
}

/** The stores, the outbox with its escalations and worker, and who tells whom: the alerts' delivery side. */
export function buildAlertParts(deps: AlertsDeps): AlertParts {
  const { references, deliveries, contacts, owners } = alertStores(deps);
  const fallbackTenant = deps.delivery.fallbackTenant
    ? { fallbackTenant: fallbackAddress(deps.delivery.fallbackTenant, deps.botAppId) }
    : {};
  const outbox = buildOutbox(deps, deliveries, references, contacts, fallbackTenant);
  const escalations = new Escalations({
    escalations: new Repository<Escalation>(() => deps.tables.table('AlertEscalations'), ['status', 'dueAt']),
    owners,
    reports: deps.reports,
    outbox,
    roles: contacts,
    delays: deps.escalationDelays,
  });
  outbox.onEnqueued = (event) => escalations.schedule(event);
  let worker: AlertWorker | undefined;
  // A report filed by this process: its alerts are written and sent now (the worker's pass would find it too).
  deps.reports.onFiled((event) => {
    if (!worker) return;
    outbox
      .takeOver(event)
      .catch((err: unknown) => deps.logger.warn({ err }, 'report event not taken over yet'));
  });
  // A report filed here is taken over by onFiled above, so a submit needs no kick: the worker's pass (every
  // poll) reads the pending events, a key range over the event rows, for reports filed elsewhere or whose
  // take-over failed. A kick (a question, an answer, a notice) asks for a pass now; kicks during a pass fold
  // into one more.
  const kick = (): void => worker?.kick();
  const acknowledgement = buildAcknowledgement(deps, {
    owners,
    deliveries,
    references,
    contacts,
    outbox,
    kick,
  });
  const questions = new ChiefQuestions({
    questions: new Repository<ChiefQuestion>(() => deps.tables.table('ChiefQuestions')),
    outbox,
    roles: contacts,
    kick,
  });
  const reachDeps: ReachDeps = { references, roles: contacts, parties: deps.parties, ...fallbackTenant };
  const pass = workerPass(deps, contacts, outbox, escalations);
  return {
    references,
    deliveries,
    contacts,
    outbox,
    escalations,
    acknowledgement,
    questions,
    reachDeps,
    kick,
    start: async () => {
      // The worker first: storage frozen at start-up must not keep it (or the caller) from starting. Until
      // the contacts are loaded, roles come from configuration (every worker pass reloads them too).
      // The worker's first pass reads the contacts; this waits for that read rather than making a second
      // one (on an empty table both would seed the row, and one would lose with a ConcurrencyError).
      pass.beat();
      worker ??= startAlertWorker(pass, deps.pollMs, deps.logger);
      await pass
        .loadContacts()
        .catch((err: unknown) => deps.logger.warn({ err }, 'party contacts not loaded yet'));
      // Counts only, in the background: a missing install shows before the first incident, and a slow
      // storage never holds up the start.
      void logReach(reachDeps, deps.logger).catch((err: unknown) =>
        deps.logger.warn({ err }, 'alert recipients not counted'),
      );
    },
    stop: async (options) => {
      const stopping = worker;
      worker = undefined;
      await stopDelivery(deps, outbox, stopping, options?.deadlineMs);
    },
    workerHeartbeat: () => pass.heartbeatAt(),
    oldestDueDeliveryAgeMs: () => oldestDueAgeMs(deliveries),
  };
}

/** The alerts' tables: conversation references, the outbox's deliveries, party contacts and case owners. */
function alertStores(deps: AlertsDeps) {
  return {
    references: new ConversationReferences(
      new Repository<StoredReference>(() => deps.tables.table('ConversationRefs')),
      new Repository<TenantAddress>(() => deps.tables.table('ConversationRefs')),
    ),
    deliveries: new Repository<StoredDelivery>(
      () => deps.tables.table('AlertDeliveries'),
      ['status', 'dueAt'],
    ),
    contacts: new PartyContacts(
      new Repository<PartyContactsRecord>(() => deps.tables.table('PartyContacts')),
      deps.roles,
    ),
    owners: new Repository<Owner>(() => deps.tables.table('ReportOwners')),
  };
}

/** "Jag tar ärendet", take-over and reassign; the people it tells are told through the outbox. */
function buildAcknowledgement(
  deps: AlertsDeps,
  parts: {
    owners: Repository<Owner>;
    deliveries: Repository<StoredDelivery>;
    references: ConversationReferences;
    contacts: PartyContacts;
    outbox: AlertOutbox;
    kick: () => void;
  },
): Acknowledgement {
  const { outbox, kick } = parts;
  return new Acknowledgement({
    reports: deps.reports,
    owners: parts.owners,
    deliveries: parts.deliveries,
    references: parts.references,
    sender: deps.sender,
    cards: deps.cards,
    locale: deps.locale,
    contact: deps.contact,
    tellReporter: async (partition, row, reporterKey, text) => {
      await outbox.enqueueReporterNotice(partition, row, reporterKey, text);
      kick();
    },
    tellStaff: async (partition, row, recipient, text) => {
      await outbox.enqueueText(partition, row, recipient, text);
      kick();
    },
    roles: parts.contacts,
  });
}

/** How long the oldest due delivery has waited (readiness): read from the table, so every instance agrees. */
async function oldestDueAgeMs(deliveries: Repository<StoredDelivery>): Promise<number | undefined> {
  const now = new Date();
  const due = await deliveries.query(
    odata`(status eq 'pending' or status eq 'sending') and dueAt le ${now.toISOString()}`,
  );
  const oldest = due.map((entry) => entry.value.dueAt).sort()[0];
  return oldest === undefined ? undefined : now.getTime() - Date.parse(oldest);
}

function buildOutbox(
  deps: AlertsDeps,
  deliveries: Repository<StoredDelivery>,
  references: ConversationReferences,
  contacts: PartyContacts,
  fallbackTenant: { fallbackTenant?: TenantAddress },
): AlertOutbox {
  const delivery = deps.delivery;
  return new AlertOutbox({
    reports: deps.reports,
    deliveries,
    references,
    sender: deps.sender,
    cards: deps.cards,
    roles: contacts,
    locale: deps.locale,
    role: deps.contact.title,
    logger: deps.logger,
    instanceId: randomUUID(),
    policy: {
      ...DEFAULT_RETRY_POLICY,
      baseDelayMs: delivery.retry.baseDelayMs,
      maxDelayMs: delivery.retry.maxDelayMs,
      reportGiveUpAfterMs: delivery.retry.reportGiveUpAfterMs,
    },
    limits: {
      sendTimeoutMs: delivery.sendTimeoutMs,
      claimMs: delivery.claimMs,
      maxInFlight: delivery.maxInFlight,
      urgentReserve: Math.max(1, Math.floor(delivery.maxInFlight / 4)),
      sendsPerSecond: delivery.sendsPerSecond,
      chatGapMs: delivery.chatGapMs,
      escalateFailingAfterMs: delivery.escalateFailingAfterMs,
      burstHoldMs: delivery.burstHoldMs,
    },
    ...fallbackTenant,
    ...(deps.telemetry ? { telemetry: deps.telemetry } : {}), // telemetry hook
  });
}

/**
 * One worker pass: re-read the party contacts now and then, start the due sends, run due escalations. Each
 * finished pass (well or not) is the readiness heartbeat; a pass is background work for telemetry.
 */
function workerPass(
  deps: AlertsDeps,
  contacts: PartyContacts,
  outbox: AlertOutbox,
  escalations: Escalations,
): {
  runOnce(): Promise<number>;
  loadContacts(): Promise<void>;
  beat(): void;
  heartbeatAt(): number | undefined;
} {
  const telemetry = deps.telemetry ?? noTelemetry;
  let contactsReadAt = 0;
  let reading: Promise<void> | undefined;
  let heartbeatAt: number | undefined;
  /**
   * Another instance may have changed the party contacts: re-read them now and then, not on every call. A
   * read under way is waited for, never doubled.
   */
  const loadContacts = (): Promise<void> => {
    if (reading || Date.now() - contactsReadAt < CONTACTS_REFRESH_MS) return reading ?? Promise.resolve();
    return (reading = contacts
      .refresh()
      .then(() => void (contactsReadAt = Date.now()))
      .finally(() => (reading = undefined)));
  };
  const runOnce = async (): Promise<number> => {
    try {
      await loadContacts();
      // Starts the due sends and returns: they run concurrently and a slow chat never holds up this loop.
      await outbox.pump();
      // Escalation deliveries written now are sent on the next pass (within one poll interval).
      return await escalations.runDue();
    } finally {
      heartbeatAt = Date.now();
    }
  };
  return {
    runOnce: async () => {
      const escalated = await telemetry.background(runOnce); // telemetry hook
      telemetry.outboxPass(escalated);
      return escalated;
    },
    loadContacts,
    beat: () => (heartbeatAt ??= Date.now()),
    heartbeatAt: () => heartbeatAt,
  };
}

/**
 * Stops the worker and the sends in flight. A bounded stop (`deadlineMs`, the process's shutdown) also stops
 * claiming at once and hands this instance's claims back, bounded too: storage may be what hangs.
 */
async function stopDelivery(
  deps: AlertsDeps,
  outbox: AlertOutbox,
  worker: AlertWorker | undefined,
  deadlineMs: number | undefined,
): Promise<void> {
  if (deadlineMs !== undefined) outbox.stopClaiming();
  await worker?.stop(deadlineMs);
  // Sends in flight end within their timeout (or the shutdown deadline); anything unfinished is picked up
  // again once its claim is released below or expires.
  await outbox.stop(Math.min(deps.delivery.sendTimeoutMs + 2_000, deadlineMs ?? Infinity));
  if (deadlineMs === undefined) return;
  const released = await Promise.race([
    outbox.releaseClaims(),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), RELEASE_CLAIMS_MS).unref()),
  ]).catch((err: unknown) => {
    deps.logger.warn({ err }, 'shutdown: claims not released');
    return undefined;
  });
  deps.logger.info({ released: released ?? null }, 'shutdown: outbox stopped');
}

/** The configured place to open chats at, as a TenantAddress (the bot's Teams id is "28:" + its app id). */
function fallbackAddress(
  fallback: NonNullable<AlertDeliveryConfig['fallbackTenant']>,
  botAppId: string,
): TenantAddress {
  return {
    tenantId: fallback.tenantId,
    serviceUrl: fallback.serviceUrl,
    channelId: 'msteams',
    bot: { id: `28:${botAppId}` },
    savedAt: '',
  };
}
