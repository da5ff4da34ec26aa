import type { Locale, SecurityContact } from '../config';
import { localDateTime } from './time';

/**
 * What a reporter is told about who in the security function will contact her, how to reach them and when.
 * Everything comes from configuration; a detail that is not configured is left out, never made up.
 */

/** "kommunens säkerhetssamordnare" / "the municipality's security coordinator" (the guideline's term). */
export function securityRole(contact: SecurityContact, locale: Locale): string {
  return locale === 'sv' ? `kommunens ${contact.title.sv}` : `the municipality's ${contact.title.en}`;
}

/** "säkerhetssamordnare" → "säkerhetssamordnaren", "säkerhetschef" → "säkerhetschefen". */
function swedishDefinite(title: string): string {
  return /(e|a|o)$/.test(title) ? `${title}n` : /en$/.test(title) ? title : `${title}en`;
}

/**
 * The forms a sentence needs of the configured role's name (SECURITY_CONTACT_TITLE / _EN), in one language,
 * so no text hard-codes a name the municipality may have chosen otherwise.
 */
export interface RoleNames {
  /** "säkerhetssamordnare" / "security coordinator". */
  indefinite: string;
  /**
   * "säkerhetssamordnaren" / "the security coordinator": the one definite form, article included, every text
   * builds on (a text says "Ask ${definite}", never "Ask the ${…}").
   */
  definite: string;
  /** "ställföreträdande säkerhetssamordnare" / "deputy security coordinator". */
  deputy: string;
}

/** The role's configured name in both languages, indefinite: { sv: 'säkerhetssamordnare', en: 'security coordinator' }. */
export type RoleTitle = SecurityContact['title'];

export function roleNames(title: RoleTitle, locale: Locale): RoleNames {
  return locale === 'sv'
    ? { indefinite: title.sv, definite: swedishDefinite(title.sv), deputy: `ställföreträdande ${title.sv}` }
    : { indefinite: title.en, definite: `the ${title.en}`, deputy: `deputy ${title.en}` };
}

/** The first letter upper-case: a role name at the start of a sentence or a label. */
export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** When the security function promises to get in touch, counted from `from`; undefined when none is configured. */
export function contactDeadline(contact: SecurityContact, from: Date): string | undefined {
  if (!contact.responseHours) return undefined;
  return localDateTime(new Date(from.getTime() + contact.responseHours * 3_600_000).toISOString());
}

/** How to reach the security function ("Telefon 0346-…, vardagar 08–16."), or nothing when no number is set. */
export function howToReach(contact: SecurityContact, locale: Locale): string[] {
  if (!contact.phone) return [];
  const hours = contact.hours ? ` (${contact.hours})` : '';
  const who = contact.name ? `${contact.name}, ` : '';
  return locale === 'sv'
    ? [`Du når ${who}${securityRole(contact, 'sv')} på telefon ${contact.phone}${hours}.`]
    : [`You can reach ${who}${securityRole(contact, 'en')} by phone on ${contact.phone}${hours}.`];
}

/** After Skicka: who takes the report and when they will be in touch. */
export function whoWillContact(contact: SecurityContact, locale: Locale, from: Date): string {
  const deadline = contactDeadline(contact, from);
  const name = contact.name ? ` (${contact.name})` : '';
  if (locale === 'sv') {
    const when = deadline ? ` senast ${deadline}` : '';
    return `${capitalise(securityRole(contact, 'sv'))}${name} tar emot din rapport och hör av sig till dig${when}.`;
  }
  const when = deadline ? ` by ${deadline}` : '';
  return `${capitalise(securityRole(contact, 'en'))}${name} receives your report and will contact you${when}.`;
}

/** When someone takes the case: "<namn> tar hand om din rapport IR-… och hör av sig senast …". */
export function takenNotice(
  contact: SecurityContact,
  locale: Locale,
  taker: string,
  reference: string,
  at: Date,
): string {
  const deadline = contactDeadline(contact, at);
  const lines =
    locale === 'sv'
      ? [
          `${taker} tar hand om din rapport ${reference} och hör av sig till dig${deadline ? ` senast ${deadline}` : ''}.`,
          'Status: Under handläggning.',
        ]
      : [
          `${taker} is handling your report ${reference} and will contact you${deadline ? ` by ${deadline}` : ''}.`,
          'Status: In progress.',
        ];
  return [...lines, ...howToReach(contact, locale)].join('\n');
}
