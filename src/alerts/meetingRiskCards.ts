import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { localDateTime } from '../core/i18n';
import type { MeetingRiskAlert } from '../meeting/domain/meetingRisk';
import { MEETING_VERBS } from '../meeting/domain/verbs';
import { MEETING_RISK_SEEN } from './domain/verbs';

const TEXT = {
  sv: {
    title: 'Förhöjd risk vid sammanträde',
    intro: 'Förhöjd risk har markerats inför ett sammanträde.',
    seen: 'Jag har sett det',
    openChecklist: 'Öppna checklistan',
    seenBy: (name: string, at: string) => `Sett av ${name} ${at}.`,
    labels: ['Nämnd/styrelse', 'Datum', 'Markerad'],
    place: 'Plats',
    raisedBy: 'Markerad av',
    adviceTitle: 'Riktlinjens råd vid förhöjd risk:',
    advice: [
      'Kontakta polisen (kommunpolisen).',
      'Kontakt mellan kommunen och partiernas säkerhetsansvariga.',
      'Alternativ ingång till sammanträdet.',
      'Bedöm behov av väktare och eventuell placering.',
      'Säkerhetskontroll: polisen beslutar hur den genomförs (avsnitt 3.8).',
    ],
    source: 'Källa: Bilaga 2, Förhöjd risk; avsnitt 3.8 Genomförande av säkerhetskontroll',
    summary: 'Förhöjd risk vid sammanträde',
  },
  en: {
    title: 'Elevated risk at a meeting',
    intro: 'Elevated risk has been marked for an upcoming meeting.',
    seen: 'I have seen it',
    openChecklist: 'Open the checklist',
    seenBy: (name: string, at: string) => `Seen by ${name} ${at}.`,
    labels: ['Committee/board', 'Date', 'Marked'],
    place: 'Place',
    raisedBy: 'Marked by',
    adviceTitle: "The guideline's advice at elevated risk:",
    advice: [
      'Contact the police (the municipal police officer).',
      "Contact between the municipality and the parties' security contacts.",
      'An alternative entrance to the meeting.',
      'Assess the need for guards and where to place them.',
      'Security screening: the police decide how it is carried out (section 3.8).',
    ],
    source: 'Source: Bilaga 2, Förhöjd risk; section 3.8 Genomförande av säkerhetskontroll',
    summary: 'Elevated risk at a meeting',
  },
} as const;

export { MEETING_RISK_SEEN };

/**
 * The meeting-risk alert for the security chief: what, when, where, who raised it, and the advice pointer, with
 * "Jag har sett det" (until someone has) and "Öppna checklistan" (the meeting's checklist, read-only).
 */
export function meetingRiskCard(
  cards: CardRenderer,
  alert: MeetingRiskAlert,
  locale: Locale,
  seen?: { name: string; at: string },
): AdaptiveCard {
  const t = TEXT[locale];
  const payload = (verb: string) => ({ verb, meetingId: alert.meetingId, lang: locale });
  const values = [alert.body, alert.date, localDateTime(alert.raisedAt)];
  return cards.render('alert-meeting-risk', {
    title: t.title,
    intro: t.intro,
    facts: t.labels.map((title, i) => ({ title, value: values[i] ?? '' })),
    placeLabel: t.place,
    place: asUserText(alert.place, 200),
    raisedByLabel: t.raisedBy,
    raisedBy: asUserText(alert.raisedBy.name, 100),
    adviceTitle: t.adviceTitle,
    advice: [...t.advice],
    source: t.source,
    seen: seen ? t.seenBy(asUserText(seen.name, 100), localDateTime(seen.at)) : null,
    actions: [
      ...(seen ? [] : [{ title: t.seen, data: payload(MEETING_RISK_SEEN) }]),
      { title: t.openChecklist, data: payload(MEETING_VERBS.record) },
    ],
  });
}

export function meetingRiskSummary(alert: MeetingRiskAlert, locale: Locale): string {
  return `${TEXT[locale].summary}: ${alert.body} ${alert.date}`;
}
