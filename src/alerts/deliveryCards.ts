import { cardAttachment, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import type { RoleTitle } from '../core/i18n';
import { alertCard, alertSummaryLine, digestCard, digestSummaryLine, type DigestItem } from './alertCards';
import type { DeliveryPayload } from './domain/deliveryPayload';
import type { Delivery } from './alertOutbox';
import { meetingRiskCard, meetingRiskSummary } from './meetingRiskCards';
import { unreachableCard, unreachableSummary } from './noticeCards';
import { urgentCard, urgentSummary } from './urgentCards';
import { answerCard, answerSummary, chiefQuestionCard, questionSummary } from './questionCards';

/** Every kind of delivery but the reporter's notice, which is a plain line of text. */
export type CardPayload = Exclude<DeliveryPayload, { kind: 'reporterNotice' }>;

/** The card (and its notification text) a delivery sends, whatever kind of message it carries. */
export function deliveryMessage(
  cards: CardRenderer,
  payload: CardPayload,
  locale: Locale,
  /** The security role's configured name (SECURITY_CONTACT_TITLE), for the cards that name it. */
  role: RoleTitle,
  /** The recipient's Teams user id: their client refreshes a report alert to its current state. */
  viewerId?: string,
  /** An earlier attempt may have arrived (its outcome is unknown): a report alert says it is sent again. */
  resent = false,
): { card: AdaptiveCard; summary: string } {
  switch (payload.kind) {
    case 'report':
      return {
        card: alertCard(cards, payload.event, locale, {
          escalation: payload.escalation,
          viewerIds: viewerId ? [viewerId] : [],
          resent,
        }),
        summary: alertSummaryLine(payload.event, locale),
      };
    case 'meetingRisk':
      return {
        card: meetingRiskCard(cards, payload.alert, locale),
        summary: meetingRiskSummary(payload.alert, locale),
      };
    case 'question':
      return {
        card: chiefQuestionCard(cards, payload.question, locale, role),
        summary: questionSummary(locale, role),
      };
    case 'answer':
      return {
        card: answerCard(cards, payload.question, role),
        summary: answerSummary(payload.question.locale, role),
      };
    case 'urgent':
      return { card: urgentCard(cards, payload.alert, locale), summary: urgentSummary(locale) };
    case 'unreachable':
      return {
        card: unreachableCard(cards, payload.notice, locale, role),
        summary: unreachableSummary(payload.notice, locale, role),
      };
  }
}

/** A digest lists at most this many reports: more is hard to read on a phone (the rest follow in the next). */
export const MAX_DIGEST_REPORTS = 20;
/**
 * A digest's attachment stays under this many bytes counted as UTF-16, as Teams counts a message (its
 * documented limit is 40 KB; 28 KB is the smallest limit documented for a posted card, so that is kept).
 */
export const MAX_DIGEST_UTF16_BYTES = 28 * 1024;

const digestItems = (deliveries: Delivery[]): DigestItem[] =>
  deliveries.flatMap((delivery) =>
    delivery.payload.kind === 'report'
      ? [{ event: delivery.payload.event, escalation: delivery.payload.escalation }]
      : [],
  );

/** One card for several report alerts to the same chat. */
export function digestMessage(
  cards: CardRenderer,
  deliveries: Delivery[],
  locale: Locale,
): { card: AdaptiveCard; summary: string } {
  const items = digestItems(deliveries);
  const resent = deliveries.some((delivery) => delivery.maybeDelivered);
  return { card: digestCard(cards, items, locale, resent), summary: digestSummaryLine(items.length, locale) };
}

/** How many of `candidates` fit in one digest card with the deliveries already in `batch`. */
export function digestFit(
  cards: CardRenderer,
  batch: Delivery[],
  candidates: Delivery[],
  locale: Locale,
): number {
  let count = Math.min(candidates.length, MAX_DIGEST_REPORTS - batch.length);
  while (count > 0) {
    const { card } = digestMessage(cards, [...batch, ...candidates.slice(0, count)], locale);
    const utf16Bytes = JSON.stringify(cardAttachment(card)).length * 2;
    if (utf16Bytes <= MAX_DIGEST_UTF16_BYTES) return count;
    // Shrink in proportion to the overshoot (at least by one), so this renders a few times at most.
    count = Math.min(count - 1, Math.floor((count * MAX_DIGEST_UTF16_BYTES) / utf16Bytes));
  }
  return 0;
}
