import fs from 'node:fs';
import { z } from 'zod';

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
  /** How the guideline names the roles the bot routes to. */
  roles: z.object({ securityChief: bilingual, partyContact: bilingual }),
});
export type Organisation = z.infer<typeof organisationSchema>;

/** Reads and validates organisation.json; a problem stops start-up with the file and the field named. */
export function loadOrganisation(file: string): Organisation {
  const parsed = organisationSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
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
