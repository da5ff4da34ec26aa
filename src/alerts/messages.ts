import type { Locale } from '../core/config';
import { capitalise, roleNames, type RoleNames, type RoleTitle } from '../core/i18n';
import type { ReassignResult, TakeResult } from './acknowledgement';

/** Every line the alerts capability says in a chat (cards keep their own texts beside their builders). */
const TEXT = {
  sv: {
    urgent: (role: string, party: boolean, at: string) =>
      `Larmet är skickat till ${role}${party ? ' och ditt partis säkerhetsansvariga' : ''} med ditt namn och klockslaget (${at}). Det ersätter inte 112: ring 112 nu om du inte redan har gjort det.`,
    taken: (reference: string) => `Du har tagit ärendet ${reference}. Rapportören har fått besked.`,
    inContact: (reference: string, role: RoleNames) =>
      `Du är markerad som i kontakt med den utsatta om ${reference}. ${capitalise(role.definite)} äger ärendet och larmas tills hen tar det.`,
    alreadyTaken: (reference: string, name: string) => `Ärendet ${reference} togs redan av ${name}.`,
    forbidden: 'Du har ingen roll som gäller det här ärendet.',
    unknown: 'Ärendet finns inte.',
    reassigned: (reference: string, name: string) =>
      `${name} har nu ärendet ${reference}. Rapportören har fått besked om vem som hör av sig.`,
    notStaff: (role: RoleNames) => `Ärendet kan bara ges till ${role.definite} eller en ställföreträdare.`,
    onlyChief: (role: RoleNames) => `Bara ${role.definite} kan ta över eller flytta ett ärende.`,
    newOwner: (reference: string, by: string) =>
      `${by} har gett dig ärendet ${reference}. Öppna det under "ärenden".`,
  },
  en: {
    urgent: (role: string, party: boolean, at: string) =>
      `The alert has been sent to ${role}${party ? " and your party's security contact" : ''} with your name and the time (${at}). It does not replace 112: call 112 now if you have not already.`,
    taken: (reference: string) => `You have taken ${reference}. The reporter has been told.`,
    inContact: (reference: string, role: RoleNames) =>
      `You are marked as in contact with the member about ${reference}. ${capitalise(role.definite)} owns the case and is alerted until they take it.`,
    alreadyTaken: (reference: string, name: string) => `${reference} was already taken by ${name}.`,
    forbidden: 'You have no role that covers this report.',
    unknown: 'There is no such report.',
    reassigned: (reference: string, name: string) =>
      `${name} now handles ${reference}. The reporter has been told who will contact them.`,
    notStaff: (role: RoleNames) => `A case can only be given to ${role.definite} or a deputy.`,
    onlyChief: (role: RoleNames) => `Only ${role.definite} can take over or move a case.`,
    newOwner: (reference: string, by: string) => `${by} has given you ${reference}. Open it under "cases".`,
  },
} as const;

export const alertText = (locale: Locale) => TEXT[locale];

/** What the person who pressed "Jag tar ärendet" is told. */
export function takeReply(locale: Locale, result: TakeResult, role: RoleTitle): string {
  const t = TEXT[locale];
  switch (result.kind) {
    case 'taken':
      return t.taken(result.reference);
    case 'inContact':
      return t.inContact(result.reference, roleNames(role, locale));
    case 'alreadyTaken':
      return t.alreadyTaken(result.reference, result.owner.name);
    case 'forbidden':
      return t.forbidden;
    case 'unknown':
      return t.unknown;
  }
}

/** What the security chief is told after taking over or moving a case. */
export function reassignReply(locale: Locale, result: ReassignResult, role: RoleTitle): string {
  const t = TEXT[locale];
  switch (result.kind) {
    case 'reassigned':
      return t.reassigned(result.reference, result.owner.name);
    case 'notStaff':
      return t.notStaff(roleNames(role, locale));
    case 'forbidden':
      return t.onlyChief(roleNames(role, locale));
    case 'unknown':
      return t.unknown;
  }
}
