import { parseCardData } from '../core/actionData';
import { localDateTime, securityRole } from '../core/i18n';
import { isSecurityStaff, userKey } from '../core/identity';
import type { ActionHandler, TurnInput, Responder } from '../core/turn';
import { meetingSeenData, reassignData, reportData } from './alertActionData';
import { ALERT_VERBS } from './alertCards';
import { readDelivery } from './alertOutbox';
import type { AlertParts } from './alertParts';
import { contactActions } from './contactsActions';
import type { UrgentAlert } from './domain/deliveryPayload';
import { alertRecipients } from './domain/recipients';
import type { AlertsDeps } from './alertsDeps';
import { MEETING_RISK_SEEN, meetingRiskCard } from './meetingRiskCards';
import { alertText, reassignReply, takeReply } from './messages';
import { questionActions } from './questionActions';

/** Every card verb of the alerts capability: take, take over, reassign, the urgent alarm, seen, refresh, … */
export function alertActions(
  deps: AlertsDeps,
  parts: AlertParts,
  contactsDeps: Parameters<typeof contactActions>[0],
): Record<string, ActionHandler> {
  const { acknowledgement } = parts;
  const role = deps.contact.title;
  return {
    [ALERT_VERBS.take]: (turn, reply) => take(parts, role, turn, reply),
    [ALERT_VERBS.takeOver]: async (turn, reply) => {
      const result = await acknowledgement.reassign(
        turn.user,
        turn.roles,
        parseCardData(reportData, turn.action?.data).reportId,
        userKey(turn.user),
      );
      await reply.text(reassignReply(turn.locale, result, role));
    },
    [ALERT_VERBS.reassign]: async (turn, reply) => {
      const { reportId, to } = parseCardData(reassignData, turn.action?.data);
      const result = await acknowledgement.reassign(turn.user, turn.roles, reportId, to);
      await reply.text(reassignReply(turn.locale, result, role));
    },
    [ALERT_VERBS.urgent]: (turn, reply) => urgentAlarm(deps, parts, turn, reply),
    [MEETING_RISK_SEEN]: (turn, reply) => meetingRiskSeen(deps, parts, turn, reply),
    [ALERT_VERBS.refresh]: async (turn, reply) => {
      const { reportId } = parseCardData(reportData, turn.action?.data);
      const card = await acknowledgement.refreshedCard(
        turn.user,
        turn.roles,
        reportId,
        turn.action?.messageId,
      );
      if (card) await reply.replaceCard(card);
    },
    ...questionActions({
      cards: deps.cards,
      questions: parts.questions,
      outbox: parts.outbox,
      limits: deps.limits,
      role,
    }),
    ...contactActions(contactsDeps),
  };
}

/** "Jag tar ärendet": the pressed card shows who took it, whoever won; a chief may then take over or reassign. */
async function take(
  parts: AlertParts,
  role: AlertsDeps['contact']['title'],
  turn: TurnInput,
  reply: Responder,
): Promise<void> {
  const { reportId } = parseCardData(reportData, turn.action?.data);
  const result = await parts.acknowledgement.take(turn.user, turn.roles, reportId, turn.action?.messageId);
  if ((result.kind === 'taken' || result.kind === 'alreadyTaken') && result.card)
    await reply.replaceCard(result.card);
  await reply.text(takeReply(turn.locale, result, role));
  if (result.kind !== 'alreadyTaken' || result.owner.aadObjectId === userKey(turn.user)) return;
  const card = await parts.acknowledgement.ownerCard(turn.roles, reportId, result.owner, turn.locale);
  if (card) await reply.card(card);
}

/**
 * "Larma <role>" from the acute reply: an urgent alert (highest priority) to the security staff and, when her
 * last report for herself names her party, that party's contact. Never a substitute for 112 (the card says so).
 */
async function urgentAlarm(
  deps: AlertsDeps,
  parts: AlertParts,
  turn: TurnInput,
  reply: Responder,
): Promise<void> {
  const at = new Date();
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
  const recipients = alertRecipients(parts.contacts, party ?? '');
  for (const recipient of recipients)
    await parts.outbox.enqueue(`urgent-${id}`, recipient.aadObjectId, { kind: 'urgent', alert }, recipient);
  parts.kick();
  const contactAlerted = recipients.some((r) => r.role === 'partyContact');
  await reply.text(
    alertText(turn.locale).urgent(
      securityRole(deps.contact, turn.locale),
      contactAlerted,
      localDateTime(alert.at),
    ),
  );
}

/**
 * "Jag har sett det" on a meeting-risk alert. The meeting id is only a pointer: the alert must exist in the
 * outbox, and only the security function may say it has seen it.
 */
async function meetingRiskSeen(
  deps: AlertsDeps,
  parts: AlertParts,
  turn: TurnInput,
  reply: Responder,
): Promise<void> {
  const { meetingId } = parseCardData(meetingSeenData, turn.action?.data);
  if (!isSecurityStaff(turn.roles) || !meetingId) return;
  const stored = (await parts.deliveries.listPartition(`meeting-${meetingId}`))
    .map((entry) => readDelivery(entry.value).payload)
    .find((payload) => payload.kind === 'meetingRisk');
  if (stored?.kind !== 'meetingRisk') return;
  const seen = { name: turn.user.name, at: new Date().toISOString() };
  await reply.replaceCard(meetingRiskCard(deps.cards, stored.alert, turn.locale, seen));
}
