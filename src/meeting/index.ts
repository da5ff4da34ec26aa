import type { CardRenderer } from '../core/cards';
import type { Logger } from '../core/logging/logger';
import type { TableService } from '../core/storage';
import type { Capability } from '../core/turn';
import type { KnowledgeBase } from '../guidance/domain/knowledgeBase';
import { swedishDate, type RoleTitle } from '../core/i18n';
import { isListRequest, isStartRequest, startPrefill } from './domain/triggers';
import { MeetingCards } from './meetingCards';
import { createMeetingActions } from './meetingActions';
import type { MeetingRiskNotifier } from './domain/meetingRisk';
import type { UserLimits } from '../core/limits/userLimits';
import { MeetingService } from './meetingService';
import { MeetingStore } from './meetingStore';

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
  const { actions, list } = createMeetingActions({
    service,
    cards,
    logger: deps.logger,
    securityRole: deps.securityRole,
  });

  return {
    name: 'meeting',
    // Meetings are stored with who created and ticked them: that needs the authenticated object id.
    needsIdentity: true,
    recognizesText: (turn) => isStartRequest(turn.text ?? '') || isListRequest(turn.text ?? ''),
    actions,
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
