import { isSecurityChief, userKey } from '../core/identity';
import { z } from 'zod';
import { readCardData } from '../core/actionData';
import type { CardRenderer } from '../core/cards';
import { isGuid } from '../core/config/lists';
import type { Locale } from '../core/config';
import { roleNames, type RoleNames, type RoleTitle } from '../core/i18n';
import { normalizeText } from '../core/text/normalize';
import type { ActionHandler, Capability, Responder, TurnInput } from '../core/turn';
import { CONTACT_VERBS, contactsCard, type ContactsForm } from './contactsCards';
import type { PartyContacts } from './partyContacts';

const TEXT = {
  sv: {
    refused: (role: RoleNames) => `Bara ${role.definite} kan se och ändra partiernas säkerhetsansvariga.`,
    badParty: 'Välj ett parti i listan.',
    badId: 'Entra-objekt-id ska vara ett GUID, till exempel 80d86fff-f5b9-4fa5-b4e7-4250cf9c478f.',
    badName: 'Skriv ett namn (högst 100 tecken).',
    added: (name: string, party: string) => `${name} är nu säkerhetsansvarig för ${party}.`,
    alreadyThere: (name: string, party: string) => `${name} var redan säkerhetsansvarig för ${party}.`,
    removed: (party: string) => `Borttagen som säkerhetsansvarig för ${party}.`,
    notThere: (party: string) => `Personen var inte säkerhetsansvarig för ${party} (längre).`,
  },
  en: {
    refused: (role: RoleNames) => `Only ${role.definite} can view and change the parties' security contacts.`,
    badParty: 'Choose a party from the list.',
    badId: 'The Entra object id must be a GUID, for example 80d86fff-f5b9-4fa5-b4e7-4250cf9c478f.',
    badName: 'Type a name (at most 100 characters).',
    added: (name: string, party: string) => `${name} is now a security contact for ${party}.`,
    alreadyThere: (name: string, party: string) => `${name} already was a security contact for ${party}.`,
    removed: (party: string) => `Removed as security contact for ${party}.`,
    notThere: (party: string) => `The person was not (or no longer) a security contact for ${party}.`,
  },
} as const;

/** Typed by the security chief to open the card. */
const COMMANDS = new Set(['partikontakter', 'sakerhetsansvariga', 'party contacts', 'security contacts']);

const form = z.object({
  party: z.string().max(50).optional(),
  aadObjectId: z.string().max(200).optional(),
  name: z.string().max(1_000).optional(),
});
const removal = z.object({ party: z.string().max(50), aadObjectId: z.string().max(200) });

export interface ContactsDeps {
  cards: CardRenderer;
  contacts: PartyContacts;
  parties: string[];
  /** The security role's configured name (SECURITY_CONTACT_TITLE), for the texts that name it. */
  role: RoleTitle;
}

/** The party-contacts card's buttons: show, add (or rename), remove. Only the security chief may use them. */
export function contactActions(deps: ContactsDeps): Record<string, ActionHandler> {
  const show = (
    turn: TurnInput,
    reply: Responder,
    message: { text: string; ok: boolean } | null = null,
    values: ContactsForm = {},
  ) =>
    reply.card(
      contactsCard(deps.cards, turn.locale, deps.role, deps.parties, deps.contacts.list(), message, values),
    );
  const guarded =
    (handler: ActionHandler): ActionHandler =>
    async (turn, reply) =>
      isSecurityChief(turn.roles)
        ? handler(turn, reply)
        : reply.text(TEXT[turn.locale].refused(roleNames(deps.role, turn.locale)));
  return {
    [CONTACT_VERBS.show]: guarded(async (turn, reply) => {
      await deps.contacts.refresh();
      await show(turn, reply);
    }),
    [CONTACT_VERBS.add]: guarded(async (turn, reply) => {
      const t = TEXT[turn.locale];
      const values = readCardData(form, turn.action?.data) ?? {};
      const problem = addProblem(values, deps.parties, turn.locale);
      if (problem) return show(turn, reply, { text: problem, ok: false }, values);
      const party = values.party!;
      const name = values.name!.trim();
      const outcome = await deps.contacts.add(
        party,
        { aadObjectId: values.aadObjectId!.trim().toLowerCase(), name },
        userKey(turn.user),
      );
      const text = outcome === 'alreadyThere' ? t.alreadyThere(name, party) : t.added(name, party);
      await show(turn, reply, { text, ok: true });
    }),
    [CONTACT_VERBS.remove]: guarded(async (turn, reply) => {
      const t = TEXT[turn.locale];
      const parsed = readCardData(removal, turn.action?.data);
      if (!parsed || !deps.parties.includes(parsed.party) || !isGuid(parsed.aadObjectId))
        return show(turn, reply, { text: t.badId, ok: false });
      const { party, aadObjectId } = parsed;
      const outcome = await deps.contacts.remove(party, aadObjectId.toLowerCase(), userKey(turn.user));
      await show(turn, reply, {
        text: outcome === 'removed' ? t.removed(party) : t.notThere(party),
        ok: true,
      });
    }),
  };
}

/** "partikontakter" opens the card for the security chief; for anyone else it is a question for guidance. */
/** "partikontakter" and its synonyms (also recognised, not run, in group chats to say where to go). */
export const isContactsCommand = (turn: TurnInput): boolean => COMMANDS.has(normalizeText(turn.text ?? ''));

export function contactsCommand(deps: ContactsDeps): NonNullable<Capability['onText']> {
  const actions = contactActions(deps);
  return async (turn, reply) => {
    if (!isSecurityChief(turn.roles) || !COMMANDS.has(normalizeText(turn.text ?? ''))) return false;
    await actions[CONTACT_VERBS.show]!(turn, reply);
    return true;
  };
}

function addProblem(values: ContactsForm, parties: string[], locale: Locale): string | undefined {
  const t = TEXT[locale];
  if (!values.party || !parties.includes(values.party)) return t.badParty;
  if (!values.aadObjectId || !isGuid(values.aadObjectId.trim())) return t.badId;
  const name = values.name?.trim() ?? '';
  if (!name || Array.from(name).length > 100) return t.badName;
  return undefined;
}
