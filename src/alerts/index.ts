import { randomUUID } from 'node:crypto';
import { odata } from '@azure/data-tables';
import type { CardRenderer } from '../core/cards';
import type { AlertDeliveryConfig, Locale, RoleSeeds, SecurityContact } from '../core/config';
import { isSecurityStaff, userKey, type UserIdentity } from '../core/identity';
import type { UserLimits } from '../core/limits/userLimits';
import type { Logger } from '../core/logging/logger';
import { Repository, type TableService } from '../core/storage';
import { noTelemetry, type Telemetry } from '../core/telemetry';
import type { Capability } from '../core/turn';
import type { MeetingRiskAlert, MeetingRiskNotifier } from '../meeting/domain/meetingRisk';
import type { ReportStore } from '../report';
import { Acknowledgement, type Owner } from './acknowledgement';
import { ALERT_VERBS } from './alertCards';
import { AlertOutbox, readDelivery, type StoredDelivery } from './alertOutbox';
import { MEETING_RISK_SEEN, meetingRiskCard } from './meetingRiskCards';
import type { AlertSender } from './alertSender';
import { startAlertWorker } from './alertWorker';
import { ChiefQuestions } from './chiefQuestions';
import {
  ConversationReferences,
  type ObservedTurn,
  type StoredReference,
  type TenantAddress,
} from './conversationReferences';
import type { ChiefQuestion, UrgentAlert } from './domain/deliveryPayload';
import { alertRecipients, chiefRecipients } from './domain/recipients';
import { DEFAULT_RETRY_POLICY } from './domain/retryPolicy';
import { localDateTime, securityRole } from '../core/i18n';
import { Escalations, type Escalation, type EscalationDelays } from './escalations';
import { meetingRiskSchema } from './meetingRiskInput';
import { PartyContacts, type PartyContactsRecord } from './partyContacts';
import { contactActions, contactsCommand, isContactsCommand } from './contactsActions';
import { alertStatusCommand, isAlertStatusCommand, logReach, type ReachDeps } from './alertStatus';
import { questionActions } from './questionActions';
import { alertText, reassignReply, takeReply } from './messages';

export interface AlertsDeps {
  tables: TableService;
  reports: ReportStore;
  /** How the outbox reaches Teams (src/bot/proactiveSender.ts: one request per call, with a timeout). */
  sender: AlertSender;
  botAppId: string;
  cards: CardRenderer;
  roles: RoleSeeds;
  parties: string[];
  locale: Locale;
  logger: Logger;
  pollMs: number;
  escalationDelays: EscalationDelays;
  /** Who reporters are told will contact them (on "Jag tar ärendet"). */
  contact: SecurityContact;
  delivery: AlertDeliveryConfig;
  /** Per-person limits on what reaches the security chief (questions). */
  limits: UserLimits;
  telemetry?: Telemetry;
}

export interface Alerts extends MeetingRiskNotifier {
  capability: Capability;
  outbox: AlertOutbox;
  escalations: Escalations;
  /** Each party's security contacts (stored, editable by the security chief): the role directory reads them. */
  contacts: PartyContacts;
  /** Remembers the person's 1:1 conversation; failures are logged, never fail the user's turn. */
  observe(context: ObservedTurn): Promise<void>;
  /** Loads the stored party contacts (seeding them on first use) and starts the worker. */
  start(): Promise<void>;
  /**
   * Tells a reporter something in their 1:1 chat (a status change of their case), through the durable outbox
   * (retried like a report alert). A failure to queue it is logged (without who), never an error for the
   * person who changed the case.
   */
  tellReporter(reporter: UserIdentity, text: (locale: Locale) => string): Promise<void>;
  /** Something was queued: deliver now instead of at the next poll. */
  kick(): void;
  /** Stops the worker: waits for its pass at most `deadlineMs`, then gives up on it (claims expire or are released). */
  stop(options?: { deadlineMs?: number }): Promise<void>;
  /** When the worker last finished a pass (or was started), in ms since the epoch: its readiness heartbeat. */
  workerHeartbeat(): number | undefined;
  /** How long the oldest due delivery has been waiting, in ms; undefined when none is due. */
  oldestDueDeliveryAgeMs(): Promise<number | undefined>;
}

/** How often the worker re-reads the party contacts another instance may have changed. */
const CONTACTS_REFRESH_MS = 30_000;
/** How long shutdown tries to hand back this instance's claims. */
const RELEASE_CLAIMS_MS = 2_000;

/**
 * Alerts to the security role (SECURITY_CONTACT_TITLE names it) and the party's security contact: conversation
 * references, the durable delivery outbox and its worker, "Jag tar ärendet", escalation, meeting-risk alerts,
 * "Fråga <role>" and the party-contacts card.
 */
export function createAlerts(deps: AlertsDeps): Alerts {
  const references = new ConversationReferences(
    new Repository<StoredReference>(() => deps.tables.table('ConversationRefs')),
    new Repository<TenantAddress>(() => deps.tables.table('ConversationRefs')),
  );
  const deliveries = new Repository<StoredDelivery>(
    () => deps.tables.table('AlertDeliveries'),
    ['status', 'dueAt'],
  );
  const contacts = new PartyContacts(
    new Repository<PartyContactsRecord>(() => deps.tables.table('PartyContacts')),
    deps.roles,
  );
  const sender = deps.sender;
  const owners = new Repository<Owner>(() => deps.tables.table('ReportOwners'));
  const acknowledgement = new Acknowledgement({
    reports: deps.reports,
    owners,
    deliveries,
    references,
    sender,
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
    roles: contacts,
  });
  const outbox = new AlertOutbox({
    reports: deps.reports,
    deliveries,
    references,
    sender,
    cards: deps.cards,
    roles: contacts,
    locale: deps.locale,
    role: deps.contact.title,
    logger: deps.logger,
    instanceId: randomUUID(),
    policy: {
      ...DEFAULT_RETRY_POLICY,
      baseDelayMs: deps.delivery.retry.baseDelayMs,
      maxDelayMs: deps.delivery.retry.maxDelayMs,
      reportGiveUpAfterMs: deps.delivery.retry.reportGiveUpAfterMs,
    },
    limits: {
      sendTimeoutMs: deps.delivery.sendTimeoutMs,
      claimMs: deps.delivery.claimMs,
      maxInFlight: deps.delivery.maxInFlight,
      urgentReserve: Math.max(1, Math.floor(deps.delivery.maxInFlight / 4)),
      sendsPerSecond: deps.delivery.sendsPerSecond,
      chatGapMs: deps.delivery.chatGapMs,
      escalateFailingAfterMs: deps.delivery.escalateFailingAfterMs,
      burstHoldMs: deps.delivery.burstHoldMs,
    },
    ...(deps.delivery.fallbackTenant
      ? { fallbackTenant: fallbackAddress(deps.delivery.fallbackTenant, deps.botAppId) }
      : {}),
    ...(deps.telemetry ? { telemetry: deps.telemetry } : {}), // telemetry hook
  });
  const escalations = new Escalations({
    escalations: new Repository<Escalation>(() => deps.tables.table('AlertEscalations'), ['status', 'dueAt']),
    owners,
    reports: deps.reports,
    outbox,
    roles: contacts,
    delays: deps.escalationDelays,
  });
  outbox.onEnqueued = (event) => escalations.schedule(event);
  let worker: ReturnType<typeof startAlertWorker> | undefined;
  const kick = (): void => {
    if (!worker) return;
    // A new report is taken over at once, not after the worker's pass in progress (escalations, retries).
    outbox
      .enqueueNewEvents()
      .catch((err: unknown) =>
        deps.logger.warn({ err: { name: (err as Error)?.name } }, 'report events not taken over yet'),
      );
    worker.kick();
  };
  const questions = new ChiefQuestions({
    questions: new Repository<ChiefQuestion>(() => deps.tables.table('ChiefQuestions')),
    outbox,
    roles: contacts,
    kick,
  });
  let contactsReadAt = 0;
  let heartbeatAt: number | undefined;
  const pass = {
    runOnce: async () => {
      try {
        // Another instance may have changed the party contacts: re-read them now and then, not every pass.
        if (Date.now() - contactsReadAt >= CONTACTS_REFRESH_MS) {
          await contacts.refresh();
          contactsReadAt = Date.now();
        }
        // Starts the due sends and returns: they run concurrently and a slow chat never holds up this loop.
        await outbox.pump();
        // Escalation deliveries written now are sent on the next pass (within one poll interval).
        return await escalations.runDue();
      } finally {
        // The readiness heartbeat: a pass ended (well or not), so the worker is not stuck.
        heartbeatAt = Date.now();
      }
    },
  };
  // telemetry hook: a pass is background work (not traced), and each finished pass is the outbox heartbeat.
  const telemetry = deps.telemetry ?? noTelemetry;
  const observedPass = {
    runOnce: async () => {
      const escalated = await telemetry.background(() => pass.runOnce());
      telemetry.outboxPass(escalated);
      return escalated;
    },
  };
  const contactsDeps = { cards: deps.cards, contacts, parties: deps.parties, role: deps.contact.title };
  const reachDeps: ReachDeps = {
    references,
    roles: contacts,
    parties: deps.parties,
    ...(deps.delivery.fallbackTenant
      ? { fallbackTenant: fallbackAddress(deps.delivery.fallbackTenant, deps.botAppId) }
      : {}),
  };
  const contactsText = contactsCommand(contactsDeps);
  const statusText = alertStatusCommand({ ...reachDeps, cards: deps.cards, role: deps.contact.title });
  return {
    capability: {
      name: 'alerts',
      // Alerts, questions and contacts are personal data: only in the 1:1 chat (checked by the router).
      personalOnly: true,
      needsIdentity: true,
      recognizesText: (turn) => isContactsCommand(turn) || isAlertStatusCommand(turn),
      actions: {
        [ALERT_VERBS.take]: async (turn, reply) => {
          const action = turn.action!;
          const result = await acknowledgement.take(
            turn.user,
            turn.roles,
            action.data.reportId,
            action.messageId,
          );
          // The pressed card shows the outcome at once (who took it), whoever won.
          if ((result.kind === 'taken' || result.kind === 'alreadyTaken') && result.card)
            await reply.replaceCard(result.card);
          await reply.text(takeReply(turn.locale, result, deps.contact.title));
          // A security chief finding it taken by someone else may take it over or give it to another.
          if (result.kind === 'alreadyTaken' && result.owner.aadObjectId !== userKey(turn.user)) {
            const card = await acknowledgement.ownerCard(
              turn.roles,
              action.data.reportId as string,
              result.owner,
              turn.locale,
            );
            if (card) await reply.card(card);
          }
        },
        [ALERT_VERBS.takeOver]: async (turn, reply) => {
          const result = await acknowledgement.reassign(
            turn.user,
            turn.roles,
            turn.action!.data.reportId,
            userKey(turn.user),
          );
          await reply.text(reassignReply(turn.locale, result, deps.contact.title));
        },
        [ALERT_VERBS.reassign]: async (turn, reply) => {
          const { reportId, to } = turn.action!.data;
          const result = await acknowledgement.reassign(turn.user, turn.roles, reportId, to);
          await reply.text(reassignReply(turn.locale, result, deps.contact.title));
        },
        [ALERT_VERBS.urgent]: async (turn, reply) => {
          const at = new Date();
          // Her party, when her last report for herself says it: the party's contact is alerted too.
          const last = (await deps.reports.byReporter(userKey(turn.user)))
            .filter((report) => report.values.reportingFor === 'self' && report.values.victimParty)
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
          const party = last?.values.victimParty;
          // One alert per person and minute: a double press queues nothing twice.
          const id = `${userKey(turn.user)}-${at.toISOString().slice(0, 16)}`;
          const alert: UrgentAlert = {
            id,
            name: turn.user.name,
            aadObjectId: userKey(turn.user),
            at: at.toISOString(),
            ...(party ? { party } : {}),
          };
          const recipients = alertRecipients(contacts, party ?? '');
          for (const recipient of recipients)
            await outbox.enqueue(`urgent-${id}`, recipient.aadObjectId, { kind: 'urgent', alert }, recipient);
          kick();
          const contactAlerted = recipients.some((r) => r.role === 'partyContact');
          await reply.text(
            alertText(turn.locale).urgent(
              securityRole(deps.contact, turn.locale),
              contactAlerted,
              localDateTime(alert.at),
            ),
          );
        },
        [MEETING_RISK_SEEN]: async (turn, reply) => {
          // The meeting id is only a pointer: the alert must exist in the outbox, and only the security
          // function may say it has seen it.
          const meetingId = turn.action?.data.meetingId;
          if (!isSecurityStaff(turn.roles) || typeof meetingId !== 'string' || meetingId.length > 200) return;
          const stored = (await deliveries.listPartition(`meeting-${meetingId}`))
            .map((entry) => readDelivery(entry.value).payload)
            .find((payload) => payload.kind === 'meetingRisk');
          if (stored?.kind !== 'meetingRisk') return;
          const seen = { name: turn.user.name, at: new Date().toISOString() };
          await reply.replaceCard(meetingRiskCard(deps.cards, stored.alert, turn.locale, seen));
        },
        [ALERT_VERBS.refresh]: async (turn, reply) => {
          const action = turn.action!;
          const card = await acknowledgement.refreshedCard(
            turn.user,
            turn.roles,
            action.data.reportId,
            action.messageId,
          );
          if (card) await reply.replaceCard(card);
        },
        ...questionActions({
          cards: deps.cards,
          questions,
          outbox,
          limits: deps.limits,
          role: deps.contact.title,
        }),
        ...contactActions(contactsDeps),
      },
      onText: async (turn, reply) => (await contactsText(turn, reply)) || statusText(turn, reply),
    },
    outbox,
    escalations,
    contacts,
    notifyMeetingRisk: async (alert: MeetingRiskAlert) => {
      const checked = meetingRiskSchema.parse(alert);
      for (const chief of chiefRecipients(contacts))
        await outbox.enqueue(
          `meeting-${checked.meetingId}`,
          chief.aadObjectId,
          { kind: 'meetingRisk', alert: checked },
          chief,
        );
      kick();
    },
    observe: async (context) => {
      try {
        await references.remember(context);
      } catch (err) {
        deps.logger.warn(
          { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
          'conversation reference not saved',
        );
      }
    },
    workerHeartbeat: () => heartbeatAt,
    oldestDueDeliveryAgeMs: async () => {
      const now = new Date();
      const due = await deliveries.query(
        odata`(status eq 'pending' or status eq 'sending') and dueAt le ${now.toISOString()}`,
      );
      const oldest = due.map((entry) => entry.value.dueAt).sort()[0];
      return oldest === undefined ? undefined : now.getTime() - Date.parse(oldest);
    },
    start: async () => {
      heartbeatAt ??= Date.now();
      // The worker first: storage frozen at start-up must not keep it (or the caller) from starting. Until
      // the contacts are loaded, roles come from configuration (every worker pass reloads them too).
      worker ??= startAlertWorker(observedPass, deps.pollMs, deps.logger);
      await contacts
        .refresh()
        .catch((err: unknown) =>
          deps.logger.warn(
            { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
            'party contacts not loaded yet',
          ),
        );
      // Counts only, in the background: a missing install shows before the first incident, and a slow
      // storage never holds up the start.
      void logReach(reachDeps, deps.logger).catch((err: unknown) =>
        deps.logger.warn({ err: { name: (err as Error)?.name } }, 'alert recipients not counted'),
      );
    },
    tellReporter: async (reporter, text) => {
      try {
        // Through the outbox: a Teams outage delays the notice, it does not lose it.
        await outbox.enqueueReporterNotice(
          `notice-${randomUUID()}`,
          'reporter',
          userKey(reporter),
          text(deps.locale),
        );
        kick();
      } catch (err) {
        deps.logger.warn(
          { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
          'reporter notice not sent',
        );
      }
    },
    kick,
    stop: async (options) => {
      // A bounded stop is the process's shutdown: the pass in progress claims nothing more either.
      if (options?.deadlineMs !== undefined) outbox.stopClaiming();
      await worker?.stop(options?.deadlineMs);
      worker = undefined;
      // Sends in flight end within their timeout (or the shutdown deadline); anything unfinished is picked up
      // again once its claim is released below or expires.
      await outbox.stop(Math.min(deps.delivery.sendTimeoutMs + 2_000, options?.deadlineMs ?? Infinity));
      // Claims go back only at a bounded shutdown: storage may be what hangs, so this is bounded too.
      if (options?.deadlineMs === undefined) return;
      const released = await Promise.race([
        outbox.releaseClaims(),
        new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), RELEASE_CLAIMS_MS).unref()),
      ]).catch((err: unknown) => {
        deps.logger.warn({ err: { name: (err as Error)?.name } }, 'shutdown: claims not released');
        return undefined;
      });
      deps.logger.info({ released: released ?? null }, 'shutdown: outbox stopped');
    },
  };
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
