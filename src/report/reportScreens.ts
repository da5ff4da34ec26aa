import type { AdaptiveCard } from '../core/cards';
import type { Responder, TurnInput } from '../core/turn';
import type { ReportCards } from './reportCards';
import type { ReportView } from './reportService';
import { reportText } from './messages';

export interface ReportScreenDeps {
  cards: ReportCards;
  draftExpiryDays: number;
}

/**
 * Shows the dialog's next card. A button press replaces the pressed card in place, so the chat keeps one
 * current form instead of a trail of near-identical ones; a card that is no longer current gets "stale" as
 * a new message (its own buttons were already replaced or answer "stale" again).
 */
export function createReportScreens({ cards, draftExpiryDays }: ReportScreenDeps) {
  return async function show(view: ReportView, turn: TurnInput, reply: Responder): Promise<unknown> {
    const { locale } = turn;
    const put = (card: AdaptiveCard) => (turn.action ? reply.replaceCard(card) : reply.card(card));
    switch (view.kind) {
      case 'step':
        return put(cards.step(view.draft, locale));
      case 'review':
        return put(cards.review(view.draft, locale));
      case 'resumeOffer':
        return put(cards.resumeOffer(view.draft, locale));
      case 'saved':
        return put(cards.saved(locale, draftExpiryDays));
      case 'confirmCancel':
        return put(cards.confirmCancel(view.draft, locale));
      case 'cancelled':
        return put(cards.cancelled(locale));
      case 'stale':
        return reply.card(cards.stale(locale));
      case 'submitting':
        return reply.text(reportText(locale).submitting);
      case 'submitted':
        await put(cards.confirmation(view.report, locale));
        return reply.card(cards.policeSheet(view.report, locale));
    }
  };
}

export type ShowReportView = ReturnType<typeof createReportScreens>;
