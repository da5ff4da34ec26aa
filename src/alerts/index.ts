import { randomUUID } from 'node:crypto';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import type { CardRenderer } from '../core/cards';
import type { Locale, RoleSeeds } from '../core/config';
import type { Logger } from '../core/logging/logger';
import { Repository, type TableService } from '../core/storage';
import type { Capability } from '../core/turn';
import type { MeetingRiskAlert } from '../meeting/meetingRisk';
import type { ReportStore } from '../report/reportStore';
import { Acknowledgement, type Owner, type TakeResult } from './acknowledgement';
import { AlertOutbox, type Delivery } from './alertOutbox';
import { BotAlertSender, type AlertSender } from './alertSender';
import { startAlertWorker } from './alertWorker';
import { ConversationReferences, type StoredReference } from './conversationReferences';
import { Escalations, type Escalation, type EscalationDelays } from './escalations';

export interface AlertsDeps {
  tables: TableService;
  reports: ReportStore;
  adapter: CloudAdapter;
  botAppId: string;
  cards: CardRenderer;
  roles: RoleSeeds;
  locale: Locale;
  logger: Logger;
  pollMs: number;
  escalationDelays: EscalationDelays;
  /** Overridable for tests. */
  sender?: AlertSender;
}

export interface Alerts {
  capability: Capability;
  outbox: AlertOutbox;
  escalations: Escalations;
  /** Remembers the person's 1:1 conversation; failures are logged, never fail the user's turn. */
  observe(context: TurnContext): Promise<void>;
  start(): void;
  /** A report was submitted: deliver now instead of at the next poll. */
  kick(): void;
  stop(): Promise<void>;
  /** A chair marked elevated risk before a meeting: alert the security chief. */
  notifyMeetingRisk(alert: MeetingRiskAlert): Promise<void>;
}

const TAKE_REPLY: Record<Locale, (result: TakeResult) => string> = {
  sv: (r) =>
    r.kind === 'taken'
      ? `Du har tagit ärendet ${r.reference}. Rapportören har fått besked.`
      : r.kind === 'alreadyTaken'
        ? `Ärendet ${r.reference} togs redan av ${r.owner.name}.`
        : r.kind === 'forbidden'
          ? 'Du har ingen roll som gäller det här ärendet.'
          : 'Ärendet finns inte.',
  en: (r) =>
    r.kind === 'taken'
      ? `You have taken ${r.reference}. The reporter has been told.`
      : r.kind === 'alreadyTaken'
        ? `${r.reference} was already taken by ${r.owner.name}.`
        : r.kind === 'forbidden'
          ? 'You have no role that covers this report.'
          : 'There is no such report.',
};

/**
 * Alerts to the security chief and the party's security contact: conversation references, the durable
 * delivery outbox and its worker, "Jag tar ärendet". Escalation and "Fråga säkerhetschefen" come next.
 */
export function createAlerts(deps: AlertsDeps): Alerts {
  const references = new ConversationReferences(
    new Repository<StoredReference>(() => deps.tables.table('ConversationRefs')),
  );
  const deliveries = new Repository<Delivery>(
    () => deps.tables.table('AlertDeliveries'),
    ['status', 'dueAt'],
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
    roles: deps.roles,
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
    roles: deps.roles,
    delays: deps.escalationDelays,
  });
  outbox.onEnqueued = (event) => escalations.schedule(event);
  const pass = {
    runOnce: async () => {
      await outbox.runOnce();
      // Escalation deliveries written now are sent on the next pass (within one poll interval).
      return escalations.runDue();
    },
  };
  let worker: ReturnType<typeof startAlertWorker> | undefined;
  return {
    capability: {
      name: 'alerts',
      actions: {
        'alerts.take': async (turn, reply) => {
          const result = await acknowledgement.take(turn.user, turn.roles, turn.action?.data.reportId);
          await reply.text(TAKE_REPLY[turn.locale](result));
        },
      },
    },
    outbox,
    escalations,
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
    start: () => {
      worker ??= startAlertWorker(pass, deps.pollMs, deps.logger);
    },
    kick: () => worker?.kick(),
    stop: async () => {
      await worker?.stop();
      worker = undefined;
    },
    // replaced by the alerts branch at merge
    notifyMeetingRisk: async (alert) =>
      deps.logger.info({ meetingId: alert.meetingId }, 'meeting risk alert'),
  };
}
