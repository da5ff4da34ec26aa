import type { CardRenderer } from '../core/cards';
import type { Logger } from '../core/logging/logger';
import type { TableService } from '../core/storage';
import type { Capability, Responder, TurnInput } from '../core/turn';
import type { KnowledgeBase } from '../guidance/domain/knowledgeBase';
import { roleNames, swedishDate, type RoleTitle } from '../core/i18n';
import { isListRequest, isStartRequest, startPrefill } from './domain/triggers';
import { MeetingCards, MEETING_VERBS } from './meetingCards';
import type { MeetingRiskNotifier } from './domain/meetingRisk';
import type { UserLimits } from '../core/limits/userLimits';
import { MeetingService, type MeetingView, type Outcome } from './meetingService';
import { KeyedQueue } from './keyedQueue';
import { MeetingStore } from './meetingStore';
import { meetingText } from './messages';

export interface MeetingDeps {
  cards: CardRenderer;
  knowledgeBase: KnowledgeBase;
  tables: TableService;
  bodies: readonly string[];
  /** Delivers the meeting-risk alert to the security role (the alerts capability). */
  riskNotifier: MeetingRiskNotifier;
  /** The security role's configured name (SECURITY_CONTACT_TITLE), for the texts that name who is alerted. */
  securityRole: RoleTitle;
  limits: UserLimits;
  logger: Logger;
  now?: () => Date;
}

/**
 * Meeting safety: the guideline's Bilaga 2 checklist as one shared card per meeting that everyone in the chat
 * ticks off (Universal Actions, with Action.Submit working the same), "Finns det förhöjd risk?" with the
 * screening rules (3.5, 3.8) and the security chief's alert, order during the meeting (3.6, 3.7), the
 * finished meeting's record and the list of past meetings, and Bilaga 1's personal preparation.
 */
export function createMeetingCapability(deps: MeetingDeps): Capability {
  const service = new MeetingService({
    store: new MeetingStore(deps.tables),
    bodies: deps.bodies,
    riskNotifier: deps.riskNotifier,
    limits: deps.limits,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const cards = new MeetingCards(deps.cards, deps.knowledgeBase, deps.bodies, deps.securityRole);
  const data = (turn: TurnInput): Record<string, unknown> => turn.action?.data ?? {};

  const queue = new KeyedQueue();

  /**
   * Puts the current checklist in place of the pressed card and, when the press came from another copy,
   * also updates the shared card whose id the meeting keeps, so everyone's view converges on one card.
   * Read and sent in the meeting's queue, so the last update carries the latest state.
   */
  const showShared = (
    meetingId: string,
    turn: TurnInput,
    reply: Responder,
  ): Promise<MeetingView | undefined> =>
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
          deps.logger.warn({ err: err }, 'meeting: shared card not updated');
        }
      }
      return view;
    });

  const change =
    (operation: (turn: TurnInput, data: unknown) => Promise<Outcome>) =>
    async (turn: TurnInput, reply: Responder): Promise<void> => {
      const outcome = await operation(turn, data(turn));
      if (outcome.kind === 'notFound') return reply.text(meetingText(turn.locale).notFound);
      await showShared(outcome.meeting.id, turn, reply);
      if (outcome.kind === 'closed') await reply.text(meetingText(turn.locale).closed);
      if (outcome.kind === 'ok' && outcome.riskNotSent)
        await reply.text(meetingText(turn.locale).riskNotSent(roleNames(deps.securityRole, turn.locale)));
    };

  async function list(turn: TurnInput, reply: Responder): Promise<void> {
    await reply.card(cards.list(await service.list(turn), turn.locale));
  }

  return {
    name: 'meeting',
    // Meetings are stored with who created and ticked them: that needs the authenticated object id.
    needsIdentity: true,
    recognizesText: (turn) => isStartRequest(turn.text ?? '') || isListRequest(turn.text ?? ''),
    actions: {
      [MEETING_VERBS.form]: (turn, reply) => reply.card(cards.form(turn.locale)),
      [MEETING_VERBS.create]: async (turn, reply) => {
        const result = await service.create(turn, data(turn));
        // A second press of the same filled-in form: the first press already shared the checklist.
        if (result.kind === 'duplicate') return;
        if (result.kind === 'invalid')
          return reply.replaceCard(cards.form(turn.locale, result.values, result.errors));
        const { meeting, marks, participants } = result.view;
        const messageId = await reply.card(cards.checklist(meeting, marks, participants, turn.locale));
        if (messageId) await service.rememberCard(meeting.id, messageId);
      },
      [MEETING_VERBS.tick]: change((turn, payload) => service.tick(turn, payload)),
      [MEETING_VERBS.risk]: change((turn, payload) => service.answerRisk(turn, payload)),
      [MEETING_VERBS.refresh]: async (turn, reply) => {
        // Teams refreshes the card for each of refresh.userIds when they look at it: answer that person only,
        // since updating the message for everyone on every look would make every client refresh again.
        const outcome = await service.current(turn, data(turn));
        const view = outcome.kind === 'ok' ? await service.view(outcome.meeting.id) : undefined;
        if (!view) return reply.text(meetingText(turn.locale).notFound);
        await reply.answerCard(cards.checklist(view.meeting, view.marks, view.participants, turn.locale));
      },
      [MEETING_VERBS.finish]: async (turn, reply) => {
        const outcome = await service.finish(turn, data(turn));
        if (outcome.kind === 'notFound') return reply.text(meetingText(turn.locale).notFound);
        const view = await showShared(outcome.meeting.id, turn, reply);
        // Only the press that finished the meeting posts its record; a later or simultaneous one does not.
        if (outcome.kind === 'ok' && view?.meeting.record)
          await reply.card(cards.record(view.meeting, view.meeting.record, turn.locale));
      },
      [MEETING_VERBS.list]: list,
      [MEETING_VERBS.record]: async (turn, reply) => {
        const outcome = await service.read(turn, data(turn));
        const view = outcome.kind === 'ok' ? await service.view(outcome.meeting.id) : undefined;
        if (!view) return reply.text(meetingText(turn.locale).notFound);
        const { meeting, marks, participants } = view;
        // Another chat's meeting in progress is shown without buttons: only its own chat ticks it off.
        const readOnly = meeting.conversationId !== turn.conversation.id;
        await reply.card(
          meeting.record
            ? cards.record(meeting, meeting.record, turn.locale)
            : cards.checklist(meeting, marks, participants, turn.locale, { readOnly }),
        );
      },
    },
    async onText(turn, reply) {
      const text = turn.text ?? '';
      if (isStartRequest(text)) {
        // "checklista inför fullmäktige på torsdag": the body and the day are filled in from the words.
        const prefill = startPrefill(text, swedishDate(deps.now?.() ?? new Date()), deps.bodies);
        await reply.card(cards.form(turn.locale, { ...prefill, place: '' }));
        return true;
      }
      if (isListRequest(text)) {
        await list(turn, reply);
        return true;
      }
      return false;
    },
  };
}
export type { MeetingRiskAlert, MeetingRiskNotifier } from './domain/meetingRisk';
