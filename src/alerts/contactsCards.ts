import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { roleNames, type RoleNames, type RoleTitle } from '../core/i18n';
import { CONTACT_VERBS } from './domain/verbs';
import type { Contact } from './partyContacts';

export { CONTACT_VERBS };

const TEXT = {
  sv: {
    title: 'Partiernas säkerhetsansvariga',
    intro:
      'Här ser du vem som larmas för varje parti. Ändringar gäller direkt för nya larm. Personer anges med sitt Entra-objekt-id.',
    empty: (role: RoleNames) => `Ingen säkerhetsansvarig: partiets larm går bara till ${role.definite}.`,
    remove: 'Ta bort',
    addTitle: 'Lägg till eller byt namn',
    party: 'Parti',
    id: 'Entra-objekt-id (GUID)',
    name: 'Namn',
    add: 'Spara',
    noName: '(namn saknas)',
  },
  en: {
    title: "The parties' security contacts",
    intro:
      'Who is alerted for each party. Changes apply at once to new alerts. People are given by their Entra object id.',
    empty: (role: RoleNames) => `No security contact: the party's alerts go to ${role.definite} only.`,
    remove: 'Remove',
    addTitle: 'Add, or rename',
    party: 'Party',
    id: 'Entra object id (GUID)',
    name: 'Name',
    add: 'Save',
    noName: '(no name)',
  },
} as const;

export interface ContactsForm {
  party?: string;
  aadObjectId?: string;
  name?: string;
}

/** The security role's view of every party's contacts, with remove buttons and an add form. */
export function contactsCard(
  cards: CardRenderer,
  locale: Locale,
  role: RoleTitle,
  parties: string[],
  contacts: Record<string, Contact[]>,
  message: { text: string; ok: boolean } | null = null,
  form: ContactsForm = {},
): AdaptiveCard {
  const t = TEXT[locale];
  return cards.render('party-contacts', {
    title: t.title,
    intro: t.intro,
    // The message may quote the name the chief typed: user text, rendered as a TextRun.
    message: message ? asUserText(message.text) : null,
    messageColor: message?.ok ? 'Good' : 'Attention',
    parties: parties.map((party) => ({
      heading: party,
      empty: t.empty(roleNames(role, locale)),
      contacts: (contacts[party] ?? []).map((contact) => ({
        name: contact.name ? asUserText(contact.name, 100) : t.noName,
        aadObjectId: contact.aadObjectId,
        removeTitle: t.remove,
        removePayload: { verb: CONTACT_VERBS.remove, party, aadObjectId: contact.aadObjectId, lang: locale },
      })),
    })),
    addTitle: t.addTitle,
    partyLabel: t.party,
    partyValue: form.party ?? parties[0] ?? '',
    partyChoices: parties.map((party) => ({ title: party, value: party })),
    idLabel: t.id,
    idValue: asUserText(form.aadObjectId ?? '', 100),
    nameLabel: t.name,
    nameValue: asUserText(form.name ?? '', 100),
    addButton: t.add,
    addPayload: { verb: CONTACT_VERBS.add, lang: locale },
  });
}
