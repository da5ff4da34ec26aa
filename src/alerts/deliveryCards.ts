import type { AdaptiveCard, CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { alertCard, alertSummaryLine } from './alertCards';
import type { DeliveryPayload } from './domain/deliveryPayload';
import { meetingRiskCard, meetingRiskSummary } from './meetingRiskCards';
import { unreachableCard, unreachableSummary } from './noticeCards';
import { urgentCard, urgentSummary } from './urgentCards';
import { answerCard, answerSummary, chiefQuestionCard, questionSummary } from './questionCards';

/** The card (and its notification text) a delivery sends, whatever kind of message it carries. */
export function deliveryMessage(
  cards: CardRenderer,
  payload: DeliveryPayload,
  locale: Locale,
  /** The recipient's Teams user id: their client refreshes a report alert to its current state. */
  viewerId?: string,
): { card: AdaptiveCard; summary: string } {
  switch (payload.kind) {
    case 'report':
      return {
        card: alertCard(cards, payload.event, locale, {
          escalation: payload.escalation,
          viewerIds: viewerId ? [viewerId] : [],
        }),
        summary: alertSummaryLine(payload.event, locale),
      };
    case 'meetingRisk':
      return {
        card: meetingRiskCard(cards, payload.alert, locale),
        summary: meetingRiskSummary(payload.alert, locale),
      };
    case 'question':
      return { card: chiefQuestionCard(cards, payload.question, locale), summary: questionSummary(locale) };
    case 'answer':
      return { card: answerCard(cards, payload.question), summary: answerSummary(payload.question.locale) };
    case 'urgent':
      return { card: urgentCard(cards, payload.alert, locale), summary: urgentSummary(locale) };
    case 'unreachable':
      return {
        card: unreachableCard(cards, payload.notice, locale),
        summary: unreachableSummary(payload.notice, locale),
      };
  }
}
