import { randomUUID } from 'node:crypto';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { CardRenderer } from '../core/cards';
import type { Locale, RoleSeeds } from '../core/config';
import type { UserLimits } from '../core/limits/userLimits';
import type { Logger } from '../core/logging/logger';
import { Repository, type TableService } from '../core/storage';
import type { Capability } from '../core/turn';
import type { MeetingRiskAlert, MeetingRiskNotifier } from '../meeting/meetingRisk';
import type { ReportStore } from '../report/reportStore';
import { Acknowledgement, type Owner, type TakeResult } from './acknowledgement';
import { ALERT_VERBS } from './alertCards';
import { AlertOutbox, type StoredDelivery } from './alertOutbox';
import { BotAlertSender, type AlertSender } from './alertSender';
import { startAlertWorker } from './alertWorker';
import { ChiefQuestions } from './chiefQuestions';
import { ConversationReferences, type StoredReference, type TenantAddress } from './conversationReferences';
import type { ChiefQuestion } from './domain/deliveryPayload';
import { chiefRecipients } from './domain/recipients';
import { Escalations, type Escalation, type EscalationDelays } from './escalations';
import { meetingRiskSchema } from './meetingRiskInput';
import { PartyContacts, type PartyContactsRecord } from './partyContacts';
import { contactActions, contactsCommand, isContactsCommand } from './contactsActions';
import { questionActions } from './questionActions';

export interface AlertsDeps {
  tables: TableService;
  reports: ReportStore;
  adapter: CloudAdapter;
  botAppId: string;
  cards: CardRenderer;
  roles: RoleSeeds;
  parties: string[];
  locale: Locale;
  logger: Logger;
  pollMs: number;
  escalationDelays: EscalationDelays;
  /** Per-person limits on what reaches the security chief (questions). */
  limits: UserLimits;
  /** Overridable for tests. */
  sender?: AlertSender;
}

export interface Alerts extends MeetingRiskNotifier {
  capability: Capability;
  outbox: AlertOutbox;
  escalations: Escalations;
  /** Each party's security contacts (stored, editable by the security chief): the role directory reads them. */
  contacts: PartyContacts;
  /** Remembers the person's 1:1 conversation; failures are logged, never fail the user's turn. */
  observe(context: TurnContext): Promise<void>;
  /** Loads the stored party contacts (seeding them on first use) and starts the worker. */
  start(): Promise<void>;
  /** Something was queued: deliver now instead of at the next poll. */
  kick(): void;
  stop(): Promise<void>;
}

/** How often the worker re-reads the party contacts another instance may have changed. */
const CONTACTS_REFRESH_MS = 30_000;

const TAKE_REPLY: Record<Locale, (result: TakeResult) => string> = {
  sv: (r) =>
    r.kind === 'taken'
      ? `Du har tagit ärendet ${r.reference}. Rapportören har fått besked.`
      : r.kind === 'inContact'
        ? `Du är markerad som i kontakt med den utsatta om ${r.reference}. Säkerhetschefen äger ärendet och larmas tills hen tar det.`
        : r.kind === 'alreadyTaken'
          ? `Ärendet ${r.reference} togs redan av ${r.owner.name}.`
          : r.kind === 'forbidden'
            ? 'Du har ingen roll som gäller det här ärendet.'
            : 'Ärendet finns inte.',
  en: (r) =>
    r.kind === 'taken'
      ? `You have taken ${r.reference}. The reporter has been told.`
      : r.kind === 'inContact'
        ? `You are marked as in contact with the member about ${r.reference}. The security chief owns the case and is alerted until they take it.`
        : r.kind === 'alreadyTaken'
          ? `${r.reference} was already taken by ${r.owner.name}.`
          : r.kind === 'forbidden'
            ? 'You have no role that covers this report.'
            : 'There is no such report.',
};

/**
 * Alerts to the security chief and the party's security contact: conversation references, the durable
 * delivery outbox and its worker, "Jag tar ärendet", escalation, meeting-risk alerts, "Fråga
 * säkerhetschefen" and the party-contacts card.
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
  const sender = deps.sender ?? new BotAlertSender(deps.adapter, deps.botAppId);
  const owners = new Repository<Owner>(() => deps.tables.table('ReportOwners'));
  const acknowledgement = new Acknowledgement({
    reports: deps.reports,
    owners,
    deliveries,
    references,
    sender,
    cards: deps.cards,
    locale: deps.locale,
  });
  const outbox = new AlertOutbox({
    reports: deps.reports,
    deliveries,
    references,
    sender,
    cards: deps.cards,
    roles: contacts,
    locale: deps.locale,
    logger: deps.logger,
    instanceId: randomUUID(),
    paceMs: 150,
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
  const kick = (): void => worker?.kick();
  const questions = new ChiefQuestions({
    questions: new Repository<ChiefQuestion>(() => deps.tables.table('ChiefQuestions')),
    outbox,
    roles: contacts,
    kick,
  });
  let contactsReadAt = 0;
  const pass = {
    runOnce: async () => {
      // Another instance may have changed the party contacts: re-read them now and then, not every pass.
      if (Date.now() - contactsReadAt >= CONTACTS_REFRESH_MS) {
        await contacts.refresh();
        contactsReadAt = Date.now();
      }
      await outbox.runOnce();
      // Escalation deliveries written now are sent on the next pass (within one poll interval).
      return escalations.runDue();
    },
  };
  const contactsDeps = { cards: deps.cards, contacts, parties: deps.parties };
  return {
    capability: {
      name: 'alerts',
      // Alerts, questions and contacts are personal data: only in the 1:1 chat (checked by the router).
      personalOnly: true,
      needsIdentity: true,
      recognizesText: isContactsCommand,
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
          await reply.text(TAKE_REPLY[turn.locale](result));
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
        ...questionActions({ cards: deps.cards, questions, outbox, limits: deps.limits }),
        ...contactActions(contactsDeps),
      },
      onText: contactsCommand(contactsDeps),
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
    start: async () => {
      // Storage down at start-up: roles come from configuration until the first worker pass loads them.
      await contacts
        .refresh()
        .catch((err: unknown) =>
          deps.logger.warn(
            { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
            'party contacts not loaded yet',
          ),
        );
      worker ??= startAlertWorker(pass, deps.pollMs, deps.logger);
    },
    kick,
    stop: async () => {
      await worker?.stop();
      worker = undefined;
    },
  };
}
