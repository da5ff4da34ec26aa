import type { AdaptiveCard, CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { localDateTime } from '../core/i18n';
import { channelLabel, kindLabels, severityOf, type AlertSummaryInput } from './domain/alertSummary';

const TEXT = {
  sv: {
    title: 'Ny incidentrapport',
    severity: { high: 'Hög – våld', elevated: 'Förhöjd – hot', normal: 'Normal' },
    labels: ['Referens', 'Allvarlighet', 'Typ', 'Kanal', 'Nämnd/styrelse', 'Parti', 'Mottagen'],
    privacy: 'Av integritetsskäl står inga detaljer här: chattmeddelanden sparas.',
    take: 'Jag tar ärendet',
    open: 'Öppna rapporten',
    escalation: 'Påminnelse: ingen har tagit ärendet ännu.',
    takenBy: (name: string, at: string) => `Tas om hand av ${name} (${at}).`,
  },
  en: {
    title: 'New incident report',
    severity: { high: 'High – violence', elevated: 'Elevated – threat', normal: 'Normal' },
    labels: ['Reference', 'Severity', 'Kind', 'Channel', 'Committee/board', 'Party', 'Received'],
    privacy: 'For privacy no details are shown here: chat messages are kept.',
    take: "I'll take it",
    open: 'Open the report',
    escalation: 'Reminder: nobody has taken this report yet.',
    takenBy: (name: string, at: string) => `Taken care of by ${name} (${at}).`,
  },
} as const;

/** The notification text Teams shows for the alert (the card itself has no preview text). */
export function alertSummaryLine(summary: AlertSummaryInput, locale: Locale): string {
  return `${TEXT[locale].title} ${summary.reference}`;
}

/** The alert card for the security chief and the party's security contact. */
export function alertCard(
  cards: CardRenderer,
  summary: AlertSummaryInput & { reportId: string },
  locale: Locale,
  owner?: { name: string; at: string },
  escalation = false,
): AdaptiveCard {
  const t = TEXT[locale];
  const severity = severityOf(summary.kinds);
  const values = [
    summary.reference,
    t.severity[severity],
    kindLabels(summary.kinds, locale),
    channelLabel(summary.channel, locale),
    summary.body,
    summary.party,
    localDateTime(summary.createdAt),
  ];
  return cards.render('alert-report', {
    title: t.title,
    attention: severity !== 'normal',
    facts: t.labels.map((title, i) => ({ title, value: values[i] ?? '' })),
    privacy: t.privacy,
    taken: owner ? t.takenBy(owner.name, localDateTime(owner.at)) : null,
    escalation: escalation && !owner ? t.escalation : null,
    // Who may take or open it is checked on the server; the report id in the data is only a pointer.
    actions: [
      ...(owner
        ? []
        : [
            {
              title: t.take,
              style: 'positive',
              payload: { verb: 'alerts.take', reportId: summary.reportId, lang: locale },
            },
          ]),
      // Handled by case management (cases.open): details only in the 1:1 chat, after a role check.
      {
        title: t.open,
        style: 'default',
        payload: { verb: 'cases.open', reportId: summary.reportId, lang: locale },
      },
    ],
  });
}
