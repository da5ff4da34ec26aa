import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { localDateTime } from '../core/i18n';
import type { UrgentAlert } from './domain/deliveryPayload';

const TEXT = {
  sv: {
    title: 'AKUT LARM från en förtroendevald',
    who: 'Vem',
    time: 'Larmade',
    party: 'Parti',
    lines: [
      'Personen har fått rådet att ringa 112 och tryckte på "Larma" i Trygg förtroendevald.',
      'Ring upp personen så snart du kan.',
    ],
    never112: 'Larmet ersätter aldrig 112.',
    summary: 'AKUT larm från en förtroendevald',
  },
  en: {
    title: 'URGENT ALERT from an elected official',
    who: 'Who',
    time: 'Alerted',
    party: 'Party',
    lines: [
      'The person was told to call 112 and pressed "Alert" in Trygg förtroendevald.',
      'Call the person as soon as you can.',
    ],
    never112: 'The alert never replaces 112.',
    summary: 'URGENT alert from an elected official',
  },
} as const;

/** The urgent alert a person raised from the acute reply: her name and the time, nothing else. */
export function urgentCard(cards: CardRenderer, alert: UrgentAlert, locale: Locale): AdaptiveCard {
  const t = TEXT[locale];
  return cards.render('alert-urgent', {
    title: t.title,
    whoLabel: t.who,
    who: asUserText(alert.name, 100),
    facts: [
      { title: t.time, value: localDateTime(alert.at) },
      ...(alert.party ? [{ title: t.party, value: alert.party }] : []),
    ],
    lines: t.lines,
    never112: t.never112,
  });
}

export function urgentSummary(locale: Locale): string {
  return TEXT[locale].summary;
}
