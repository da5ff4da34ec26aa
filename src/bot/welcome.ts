import type { AdaptiveCard, CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { messagesFor } from '../core/i18n';
import { withOrganisation, type Organisation } from '../core/organisation';
import { GUIDANCE_VERBS } from '../guidance/domain/verbs';
import { REPORT_VERBS } from '../report/domain/verbs';

export interface WelcomeCardData {
  acuteLine: string;
  policeLine: string;
  notice: string | null;
  title: string;
  intro: string;
  canDo: string;
  items: string[];
  /** Buttons post a verb (not an imBack text: not every Teams client, nor the Playground, sends those). */
  actions: Array<{ title: string; payload: Record<string, unknown> }>;
}

/** The first card a user sees; the 112 line is always on top. `notice` is an optional line above the title. */
export function welcomeCardData(
  locale: Locale,
  organisation: Organisation,
  notice: string | null = null,
): WelcomeCardData {
  const m = messagesFor(locale);
  return {
    acuteLine: m.acuteLine,
    policeLine: m.policeLine,
    notice,
    title: m.welcomeTitle,
    intro: withOrganisation(m.welcomeIntro, organisation, locale),
    canDo: m.welcomeCanDo,
    items: [m.welcomeAsk, withOrganisation(m.welcomeReport, organisation, locale), m.welcomeChecklist],
    actions: [
      { title: m.actionWhatNow, payload: { verb: GUIDANCE_VERBS.triage, lang: locale } },
      { title: m.actionReport, payload: { verb: REPORT_VERBS.start, lang: locale } },
      {
        title: m.actionChecklist,
        payload: { verb: GUIDANCE_VERBS.topic, topicId: 'meeting-checklist', lang: locale },
      },
      { title: m.actionMenu, payload: { verb: GUIDANCE_VERBS.menu, lang: locale } },
    ],
  };
}

export function welcomeCard(
  cards: CardRenderer,
  organisation: Organisation,
  locale: Locale,
  notice: string | null = null,
): AdaptiveCard {
  // The same for everyone with the same language and notice: expanded once (a greeting is a common turn).
  return cards.renderShared('welcome', JSON.stringify([locale, notice, organisation]), () =>
    welcomeCardData(locale, organisation, notice),
  );
}

declare module '../core/cards/cardRenderer' {
  interface CardData {
    welcome: WelcomeCardData;
  }
}
