import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { capitalise, roleNames, type RoleNames, type RoleTitle } from '../core/i18n';
import type { UnreachableNotice } from './domain/deliveryPayload';
import type { Recipient } from './domain/recipients';

const TEXT = {
  sv: {
    title: 'Någon kunde inte nås',
    who: 'Kunde inte nås',
    roles: {
      securityChief: (role: RoleNames) => capitalise(role.indefinite),
      securityDeputy: (role: RoleNames) => capitalise(role.deputy),
      partyContact: () => 'Partiets säkerhetsansvarig',
      asker: () => 'Förtroendevald som ställt en fråga',
      reporter: () => 'Förtroendevald som rapporterat en incident',
    },
    about: {
      report: (ref?: string) => `Larmet om incidentrapport ${ref ?? ''} kom inte fram.`,
      meetingRisk: () => 'Larmet om förhöjd risk vid ett sammanträde kom inte fram.',
      question: (_ref: string | undefined, role: RoleNames) =>
        `En fråga till ${role.definite} kom inte fram.`,
      answer: () => 'Svaret på en fråga kom inte fram till den som frågade.',
      unreachable: () => 'Ett meddelande kom inte fram.',
      urgent: () => 'Ett AKUT larm från en förtroendevald kom inte fram.',
      reporterNotice: () => 'Beskedet till rapportören om hens ärende kom inte fram.',
    },
    outcome: {
      unreachable: () =>
        'Personen har inte appen installerad, har blockerat den eller finns inte: kontakta hen på annat sätt.',
      dead: () => 'Teams tog inte emot meddelandet efter flera försök: kontakta personen på annat sätt.',
      delayed: (role: RoleNames) =>
        `Teams tar inte emot meddelandet just nu. Det skickas igen tills det kommer fram, och ${role.deputy} har larmats. Kontakta personen på annat sätt om det brådskar.`,
    },
    noName: 'namn okänt',
  },
  en: {
    title: 'Someone could not be reached',
    who: 'Could not reach',
    roles: {
      securityChief: (role: RoleNames) => capitalise(role.indefinite),
      securityDeputy: (role: RoleNames) => capitalise(role.deputy),
      partyContact: () => "Party's security contact",
      asker: () => 'Elected official who asked a question',
      reporter: () => 'Elected official who reported an incident',
    },
    about: {
      report: (ref?: string) => `The alert about incident report ${ref ?? ''} was not delivered.`,
      meetingRisk: () => 'The alert about elevated risk at a meeting was not delivered.',
      question: (_ref: string | undefined, role: RoleNames) =>
        `A question to ${role.definite} was not delivered.`,
      answer: () => 'The answer to a question did not reach the person who asked.',
      unreachable: () => 'A message was not delivered.',
      urgent: () => 'An URGENT alert from an elected official was not delivered.',
      reporterNotice: () => 'The notice to the reporter about their case was not delivered.',
    },
    outcome: {
      unreachable: () =>
        'The person has not installed the app, has blocked it or does not exist: reach them another way.',
      dead: () => 'Teams did not accept the message after several attempts: reach the person another way.',
      delayed: (role: RoleNames) =>
        `Teams is not accepting the message right now. It is sent again until it arrives, and the ${role.deputy} has been alerted. Reach the person another way if it is urgent.`,
    },
    noName: 'name unknown',
  },
} as const;

/** Role, party and name when known: never anything about the alert's content. */
export function describeRecipient(recipient: Recipient, locale: Locale, role: RoleTitle): string {
  const t = TEXT[locale];
  return `${roleLabel(recipient, locale, role)}: ${recipient.name ? asUserText(recipient.name, 100) : t.noName}`;
}

/** "Partiets säkerhetsansvarig (S)"; the security roles by their configured name ("Säkerhetssamordnare"). */
export function roleLabel(recipient: Recipient, locale: Locale, role: RoleTitle): string {
  return roleOnly(recipient.role, locale, role) + (recipient.party ? ` (${recipient.party})` : '');
}

const roleOnly = (kind: Recipient['role'], locale: Locale, role: RoleTitle): string =>
  TEXT[locale].roles[kind](roleNames(role, locale));

/** Tells the security role who could not be alerted. */
export function unreachableCard(
  cards: CardRenderer,
  notice: UnreachableNotice,
  locale: Locale,
  role: RoleTitle,
): AdaptiveCard {
  const t = TEXT[locale];
  const names = roleNames(role, locale);
  return cards.render('alert-notice', {
    title: t.title,
    whoLabel: t.who,
    who: describeRecipient(notice.who, locale, role),
    what: t.about[notice.about](notice.reference, names),
    advice: t.outcome[notice.outcome](names),
  });
}

export function unreachableSummary(notice: UnreachableNotice, locale: Locale, role: RoleTitle): string {
  return `${TEXT[locale].title}: ${roleOnly(notice.who.role, locale, role)}`;
}
