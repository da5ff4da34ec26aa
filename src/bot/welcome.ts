import type { AdaptiveCard, CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { messagesFor } from '../core/i18n';

export interface WelcomeCardData {
  acuteLine: string;
  policeLine: string;
  notice: string | null;
  title: string;
  intro: string;
  canDo: string;
  items: string[];
  actions: Array<{ title: string; text: string }>;
}

/** The first card a user sees; the 112 line is always on top. `notice` is an optional line above the title. */
export function welcomeCardData(locale: Locale, notice: string | null = null): WelcomeCardData {
  const m = messagesFor(locale);
  return {
    acuteLine: m.acuteLine,
    policeLine: m.policeLine,
    notice,
    title: m.welcomeTitle,
    intro: m.welcomeIntro,
    canDo: m.welcomeCanDo,
    items: [m.welcomeAsk, m.welcomeReport, m.welcomeChecklist],
    actions: [
      { title: m.actionWhatNow, text: m.textWhatNow },
      { title: m.actionReport, text: m.textReport },
      { title: m.actionChecklist, text: m.textChecklist },
      { title: m.actionMenu, text: m.textMenu },
    ],
  };
}

export function welcomeCard(cards: CardRenderer, locale: Locale, notice: string | null = null): AdaptiveCard {
  return cards.render('welcome', welcomeCardData(locale, notice));
}
