import fs from 'node:fs';
import { z } from 'zod';
import { DEFAULT_SECURITY_ROLE } from './config/config';

const bilingual = z.object({ sv: z.string().min(1), en: z.string().min(1) });

/**
 * The municipality the bot serves and its guideline, as data (beside the knowledge base), so another
 * municipality supplies its own folder instead of changing code.
 */
export const organisationSchema = z.object({
  /** The municipality's name as the guideline and the police are told it ("Exempelby kommun"). */
  name: z.string().trim().min(1),
  guideline: z.object({
    title: z.string().trim().min(1),
    /** Diarienummer, e.g. "KS 2030-1". */
    number: z.string().trim().min(1),
  }),
  /**
   * How the guideline names the party's role. The security role's name is not here: it is one setting,
   * SECURITY_CONTACT_TITLE, so a file that still names it is refused (strict) rather than silently ignored.
   */
  roles: z.object({ partyContact: bilingual }).strict(),
});
type Bilingual = { sv: string; en: string };
export type Organisation = Omit<z.infer<typeof organisationSchema>, 'roles'> & {
  roles: z.infer<typeof organisationSchema>['roles'] & { securityChief: Bilingual };
};

/**
 * Reads and validates organisation.json; a problem stops start-up with the file and the field named.
 * `securityRole` is the configured name of the security role (SECURITY_CONTACT_TITLE).
 */
export function loadOrganisation(
  file: string,
  securityRole: Bilingual = DEFAULT_SECURITY_ROLE,
): Organisation {
  const parsed = organisationSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return withSecurityRole(parsed.data, securityRole);
}

/** The organisation with the configured security role's name (the one setting for it). */
export function withSecurityRole(
  organisation: Omit<Organisation, 'roles'> & { roles: { partyContact: Bilingual } },
  securityRole: Bilingual,
): Organisation {
  return { ...organisation, roles: { ...organisation.roles, securityChief: { ...securityRole } } };
}

/** Fills {organisation}, {guidelineTitle}, {guidelineNumber}, {securityChief} and {partyContact} in a fixed text. */
export function withOrganisation(text: string, organisation: Organisation, locale: 'sv' | 'en'): string {
  return text
    .replaceAll('{securityChief}', organisation.roles.securityChief[locale])
    .replaceAll('{partyContact}', organisation.roles.partyContact[locale])
    .replaceAll('{organisation}', organisation.name)
    .replaceAll('{guidelineTitle}', organisation.guideline.title)
    .replaceAll('{guidelineNumber}', organisation.guideline.number);
}
