import { roleNames, type RoleTitle } from '../core/i18n';
import type { Logger } from '../core/logging/logger';
import type { ActionHandler, Responder, TurnInput } from '../core/turn';
import { MeetingCards, MEETING_VERBS } from './meetingCards';
import type { MeetingService, MeetingView, Outcome } from './meetingService';
import { KeyedQueue } from './keyedQueue';
import { readCardData } from '../core/actionData';
import { formData, meetingRefData, riskData, tickData } from './meetingActionData';
import { meetingText } from './messages';

export interface MeetingActionDeps {
  service: MeetingService;
  cards: MeetingCards;
  logger: Logger;
}

const NOT_FOUND: Outcome = { kind: 'notFound' };
const data = (turn: TurnInput): Record<string, unknown> => turn.action?.data ?? {};
/** The meeting a press names, or undefined when its card data does not name one. */
const ref = (turn: TurnInput) => readCardData(meetingRefData, data(turn));

/** The meeting verbs' handlers: card data is parsed at the edge (meetingActionData.ts), then the service acts. */
export function createMeetingActions({
  service,
  cards,
  logger,
  securityRole,
}: MeetingActionDeps & {
  /** The configured security role's name (SECURITY_CONTACT_TITLE), for "… was not alerted again". */
  securityRole: RoleTitle;
}) {
  const showShared = sharedCardShower({ service, cards, logger });

  const change =
    (operation: (turn: TurnInput) => Promise<Outcome>): ActionHandler =>
    async (turn, reply) => {
      const outcome = await operation(turn);
      if (outcome.kind === 'notFound') return reply.text(meetingText(turn.locale).notFound);
      await showShared(outcome.meeting.id, turn, reply);
      if (outcome.kind === 'closed') await reply.text(meetingText(turn.locale).closed);
      if (outcome.kind === 'ok' && outcome.riskNotSent)
        await reply.text(meetingText(turn.locale).riskNotSent(roleNames(securityRole, turn.locale)));
    };

  const list: ActionHandler = async (turn, reply) => {
    await reply.card(cards.list(await service.list(turn), turn.locale));
  };

  const actions: Record<string, ActionHandler> = {
    [MEETING_VERBS.form]: (turn, reply) => reply.card(cards.form(turn.locale)),
    [MEETING_VERBS.create]: async (turn, reply) => {
      const result = await service.create(turn, formData(data(turn)));
      // A second press of the same filled-in form: the first press already shared the checklist.
      if (result.kind === 'duplicate') return;
      if (result.kind === 'invalid')
        return reply.replaceCard(cards.form(turn.locale, result.values, result.errors));
      const { meeting, marks, participants } = result.view;
      const messageId = await reply.card(cards.checklist(meeting, marks, participants, turn.locale));
      if (messageId) await service.rememberCard(meeting.id, messageId);
    },
    [MEETING_VERBS.tick]: change(async (turn) => {
      const tick = readCardData(tickData, data(turn));
      return tick ? service.tick(turn, tick) : NOT_FOUND;
    }),
    [MEETING_VERBS.risk]: change(async (turn) => {
      const risk = readCardData(riskData, data(turn));
      return risk ? service.answerRisk(turn, risk) : NOT_FOUND;
    }),
    [MEETING_VERBS.finish]: async (turn, reply) => {
      const meeting = ref(turn);
      const outcome = meeting ? await service.finish(turn, meeting) : NOT_FOUND;
      if (outcome.kind === 'notFound') return reply.text(meetingText(turn.locale).notFound);
      const view = await showShared(outcome.meeting.id, turn, reply);
      // Only the press that finished the meeting posts its record; a later or simultaneous one does not.
      if (outcome.kind === 'ok' && view?.meeting.record)
        await reply.card(cards.record(view.meeting, view.meeting.record, turn.locale));
    },
    [MEETING_VERBS.list]: list,
    ...readActions({ service, cards, logger }),
  };
  return { actions, list };
}

/**
 * Puts the current checklist in place of the pressed card and, when the press came from another copy,
 * also updates the shared card whose id the meeting keeps, so everyone's view converges on one card.
 * Read and sent in the meeting's queue, so the last update carries the latest state.
 */
function sharedCardShower({ service, cards, logger }: MeetingActionDeps) {
  const queue = new KeyedQueue();

  return (meetingId: string, turn: TurnInput, reply: Responder): Promise<MeetingView | undefined> =>
    queue.run(meetingId, async () => {
      const view = await service.view(meetingId);
      if (!view) return undefined;
      const card = cards.checklist(view.meeting, view.marks, view.participants, turn.locale);
      const pressed = turn.action?.messageId;
      const shared = view.meeting.cardMessageId;
      if (pressed || !shared) await reply.replaceCard(card);
      if (shared && shared !== pressed) {
        try {
          await reply.updateCard(shared, card);
        } catch (err) {
          // The pressed card is current already; an old shared message (deleted, too old) is not worth failing for.
          logger.warn({ err }, 'meeting: shared card not updated');
        }
      }
      return view;
    });
}

/** The verbs that only show a meeting: Teams' refresh of the checklist, and a record from the list. */
function readActions({ service, cards }: MeetingActionDeps): Record<string, ActionHandler> {
  /** The meeting a press is about, through `read` or `current`; undefined when it is not found or not allowed. */
  const viewOf = async (outcome: Outcome): Promise<MeetingView | undefined> =>
    outcome.kind === 'ok' ? service.view(outcome.meeting.id) : undefined;

  return {
    [MEETING_VERBS.refresh]: async (turn, reply) => {
      // Teams refreshes the card for each of refresh.userIds when they look at it: answer that person only,
      // since updating the message for everyone on every look would make every client refresh again.
      const meeting = ref(turn);
      const view = meeting ? await viewOf(await service.current(turn, meeting)) : undefined;
      if (!view) return reply.text(meetingText(turn.locale).notFound);
      await reply.answerCard(cards.checklist(view.meeting, view.marks, view.participants, turn.locale));
    },
    [MEETING_VERBS.record]: async (turn, reply) => {
      const meeting = ref(turn);
      const view = meeting ? await viewOf(await service.read(turn, meeting)) : undefined;
      if (!view) return reply.text(meetingText(turn.locale).notFound);
      const { marks, participants } = view;
      // Another chat's meeting in progress is shown without buttons: only its own chat ticks it off.
      const readOnly = view.meeting.conversationId !== turn.conversation.id;
      await reply.card(
        view.meeting.record
          ? cards.record(view.meeting, view.meeting.record, turn.locale)
          : cards.checklist(view.meeting, marks, participants, turn.locale, { readOnly }),
      );
    },
  };
}
