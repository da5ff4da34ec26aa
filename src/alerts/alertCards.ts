import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { localDateTime } from '../core/i18n';
import { CASE_VERBS } from '../cases/domain/verbs';
import { channelLabel, kindLabels, severityOf, type AlertSummaryInput } from './domain/alertSummary';
import { ALERT_VERBS } from './domain/verbs';

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
    digestTitle: (count: number) => `${count} nya incidentrapporter`,
    resent:
      'Skickat igen: förra försöket kan ha kommit fram trots att Teams inte svarade. Har du redan fått larmet gäller det samma rapport.',
    owner: (reference: string, name: string, at: string) => `${reference} tas om hand av ${name} (${at}).`,
    ownerHint: 'Du kan ta över ärendet själv eller ge det till någon annan i säkerhetsfunktionen.',
    ownerTo: 'Ge ärendet till',
    takeOver: 'Ta över ärendet',
    reminder: 'Påminnelse',
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
    digestTitle: (count: number) => `${count} new incident reports`,
    resent:
      'Sent again: the previous attempt may have arrived although Teams did not answer. If you already have this alert, it is the same report.',
    owner: (reference: string, name: string, at: string) => `${reference} is handled by ${name} (${at}).`,
    ownerHint: 'You can take over the case yourself or give it to someone else in the security function.',
    ownerTo: 'Give the case to',
    takeOver: 'Take over the case',
    reminder: 'Reminder',
  },
} as const;

/** The notification text Teams shows for the alert (the card itself has no preview text). */
export function alertSummaryLine(summary: AlertSummaryInput, locale: Locale): string {
  return `${TEXT[locale].title} ${summary.reference}`;
}

export { ALERT_VERBS };

/** Teams shows a user-specific refreshed card to at most 60 users. */
export const MAX_REFRESH_USERS = 60;

export interface AlertCardOptions {
  owner?: { name: string; at: string } | undefined;
  escalation?: boolean | undefined;
  /**
   * Channel user ids (29:…) of the people who see this message: while nobody has taken the report, their
   * Teams client asks the bot for the current card when they look at it (refresh, Universal Actions).
   */
  viewerIds?: string[] | undefined;
  /** A resend after an attempt whose outcome is unknown (it may have arrived): the card says so. */
  resent?: boolean | undefined;
}

/**
 * The alert card for the security chief and the party's security contact. "Jag tar ärendet" is an
 * Action.Execute (Universal Actions, card 1.5) with an Action.Submit fallback carrying the same verb and data,
 * so clients without Universal Actions reach the same handler.
 */
export function alertCard(
  cards: CardRenderer,
  summary: AlertSummaryInput & { reportId: string },
  locale: Locale,
  options: AlertCardOptions = {},
): AdaptiveCard {
  const { owner, escalation = false, viewerIds = [], resent = false } = options;
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
  // Who may take or open it is checked on the server; the report id in the data is only a pointer.
  const pointer = { reportId: summary.reportId, lang: locale };
  return cards.render('alert-report', {
    title: t.title,
    attention: severity !== 'normal',
    facts: t.labels.map((title, i) => ({ title, value: values[i] ?? '' })),
    privacy: t.privacy,
    taken: owner ? t.takenBy(asUserText(owner.name, 100), localDateTime(owner.at)) : null,
    escalation: escalation && !owner ? t.escalation : null,
    resent: resent && !owner ? t.resent : null,
    refresh:
      !owner && viewerIds.length > 0
        ? { verb: ALERT_VERBS.refresh, data: pointer, userIds: viewerIds.slice(0, MAX_REFRESH_USERS) }
        : null,
    take: !owner
      ? {
          title: t.take,
          verb: ALERT_VERBS.take,
          data: pointer,
          fallback: { verb: ALERT_VERBS.take, ...pointer },
        }
      : null,
    // Handled by case management: details only in the 1:1 chat, after a role check.
    open: { title: t.open, payload: { verb: CASE_VERBS.open, ...pointer } },
  });
}

/** One report listed in a digest card: its summary, and whether it is the "nobody has taken it" reminder. */
export interface DigestItem {
  event: AlertSummaryInput & { reportId: string };
  escalation?: boolean | undefined;
}

/** Violence first, then threats, then the rest; the newest first within each. */
export function digestOrder(items: DigestItem[]): DigestItem[] {
  const rank = { high: 0, elevated: 1, normal: 2 } as const;
  return [...items].sort(
    (a, b) =>
      rank[severityOf(a.event.kinds)] - rank[severityOf(b.event.kinds)] ||
      b.event.createdAt.localeCompare(a.event.createdAt),
  );
}

/**
 * Several report alerts for one chat in one card (a burst of reports must not bury the chief in cards, nor
 * wait for the chat's pacing one by one). Each report keeps its own "Jag tar ärendet" and "Öppna rapporten"
 * with the same data as the single alert card, so taking and opening work as there. No refresh: the card
 * belongs to many reports, and who took each one is answered in the chat instead.
 */
export function digestCard(
  cards: CardRenderer,
  items: DigestItem[],
  locale: Locale,
  resent = false,
): AdaptiveCard {
  const t = TEXT[locale];
  const ordered = digestOrder(items);
  return cards.render('alert-digest', {
    title: t.digestTitle(ordered.length),
    attention: ordered.some((item) => severityOf(item.event.kinds) !== 'normal'),
    privacy: t.privacy,
    resent: resent ? t.resent : null,
    items: ordered.map(({ event, escalation }) => {
      const severity = severityOf(event.kinds);
      const pointer = { reportId: event.reportId, lang: locale };
      return {
        attention: severity === 'high',
        heading: [event.reference, t.severity[severity], ...(escalation ? [t.reminder] : [])].join(' · '),
        details: [
          kindLabels(event.kinds, locale),
          channelLabel(event.channel, locale),
          event.body,
          event.party,
          localDateTime(event.createdAt),
        ]
          .filter(Boolean)
          .join(' · '),
        take: {
          title: t.take,
          verb: ALERT_VERBS.take,
          data: pointer,
          fallback: { verb: ALERT_VERBS.take, ...pointer },
        },
        open: { title: t.open, payload: { verb: CASE_VERBS.open, ...pointer } },
      };
    }),
  });
}

/** The notification text for a digest. */
export function digestSummaryLine(count: number, locale: Locale): string {
  return TEXT[locale].digestTitle(count);
}

/**
 * cards/alert-owner.json: a case someone else has, shown to a security chief: "Ta över ärendet", or pick a
 * member of the security staff and "Ge ärendet till". The ids are only pointers: both are checked again.
 */
export function ownerCard(
  cards: CardRenderer,
  data: {
    reference: string;
    reportId: string;
    owner: { name: string; at: string };
    staff: Array<{ title: string; value: string }>;
  },
  locale: Locale,
): AdaptiveCard {
  const t = TEXT[locale];
  const pointer = { reportId: data.reportId, lang: locale };
  return cards.render('alert-owner', {
    title: t.owner(data.reference, asUserText(data.owner.name, 100), localDateTime(data.owner.at)),
    hint: t.ownerHint,
    toLabel: t.ownerTo,
    staff: data.staff.map((s) => ({ title: asUserText(s.title, 150), value: s.value })),
    takeOver: { title: t.takeOver, data: { verb: ALERT_VERBS.takeOver, ...pointer } },
    reassign: { title: t.ownerTo, data: { verb: ALERT_VERBS.reassign, ...pointer } },
  });
}
