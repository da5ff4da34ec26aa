import { randomUUID } from 'node:crypto';
import type { Locale } from '../core/config';
import { userKey, type UserIdentity } from '../core/identity';
import type { Capability } from '../core/turn';
import type { MeetingRiskAlert, MeetingRiskNotifier } from '../meeting/domain/meetingRisk';
import { alertActions } from './alertActions';
import type { AlertsDeps } from './alertsDeps';
import type { AlertOutbox } from './alertOutbox';
import { buildAlertParts } from './alertParts';
import { alertStatusCommand, isAlertStatusCommand } from './alertStatus';
import { contactsCommand, isContactsCommand } from './contactsActions';
import type { ObservedTurn } from './conversationReferences';
import { chiefRecipients } from './domain/recipients';
import type { Escalations } from './escalations';
import { meetingRiskSchema } from './meetingRiskInput';
import type { PartyContacts } from './partyContacts';

export type { AlertsDeps } from './alertsDeps';
// The ports src/bot implements: sending a card to a person, and the tenant a new chat is opened in.
export type { AlertSender, OpenResult, SendFailure, SendResult } from './alertSender';
export type { TenantAddress } from './conversationReferences';
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

/**
 * Alerts to the security role (SECURITY_CONTACT_TITLE names it) and the party's security contact: conversation
 * references, the durable delivery outbox and its worker, "Jag tar ärendet", escalation, meeting-risk alerts,
 * "Fråga <role>" and the party-contacts card. Wiring only: the parts are built in alertParts.ts, the card verbs
 * live in alertActions.ts.
 */
export function createAlerts(deps: AlertsDeps): Alerts {
  const parts = buildAlertParts(deps);
  const { contacts, outbox, kick } = parts;
  const contactsDeps = { cards: deps.cards, contacts, parties: deps.parties, role: deps.contact.title };
  const contactsText = contactsCommand(contactsDeps);
  const statusText = alertStatusCommand({ ...parts.reachDeps, cards: deps.cards, role: deps.contact.title });
  return {
    capability: {
      name: 'alerts',
      // Alerts, questions and contacts are personal data: only in the 1:1 chat (checked by the router).
      personalOnly: true,
      needsIdentity: true,
      recognizesText: (turn) => isContactsCommand(turn) || isAlertStatusCommand(turn),
      actions: alertActions(deps, parts, contactsDeps),
      onText: async (turn, reply) => (await contactsText(turn, reply)) || statusText(turn, reply),
    },
    outbox,
    escalations: parts.escalations,
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
    observe: (context) =>
      parts.references
        .remember(context)
        .catch((err: unknown) => deps.logger.warn({ err }, 'conversation reference not saved')),
    tellReporter: async (reporter, text) => {
      // Through the outbox: a Teams outage delays the notice, it does not lose it.
      await outbox
        .enqueueReporterNotice(`notice-${randomUUID()}`, 'reporter', userKey(reporter), text(deps.locale))
        .then(kick, (err: unknown) => deps.logger.warn({ err }, 'reporter notice not sent'));
    },
    kick,
    start: parts.start,
    stop: parts.stop,
    workerHeartbeat: parts.workerHeartbeat,
    oldestDueDeliveryAgeMs: parts.oldestDueDeliveryAgeMs,
  };
}
