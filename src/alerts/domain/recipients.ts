import type { RoleSeeds } from '../../core/config';

export interface Recipient {
  /** Entra object id: how the bot finds (or opens) the person's 1:1 conversation. */
  aadObjectId: string;
  /** "asker": the person who asked the security chief a question and gets the answer; "reporter": who filed a report. */
  role: 'securityChief' | 'securityDeputy' | 'partyContact' | 'asker' | 'reporter';
  /** For a party contact: which party. */
  party?: string;
  /** Display name when known (the party-contacts card stores one); used to say who could not be reached. */
  name?: string;
}

/** Role seeds plus the display names the security chief gave party contacts. */
export interface RoleSource {
  seeds(): RoleSeeds;
  nameOf?(aadObjectId: string): string | undefined;
}

const named = (source: RoleSource, id: string): { name?: string } => {
  const name = source.nameOf?.(id);
  return name ? { name } : {};
};

/**
 * Who is alerted about a report: every security chief, and the security contacts of the victim's party.
 * A person with both roles is alerted once, as security chief.
 */
export function alertRecipients(source: RoleSource, party: string): Recipient[] {
  const roles = source.seeds();
  const recipients = new Map<string, Recipient>();
  for (const id of roles.securityChiefIds) recipients.set(id, chief(source, id));
  for (const id of roles.partyContacts[party] ?? []) {
    if (!recipients.has(id))
      recipients.set(id, { aadObjectId: id, role: 'partyContact', party, ...named(source, id) });
  }
  return [...recipients.values()];
}

/** Who an unacknowledged alert escalates to: the deputies, and the security chiefs again (a reminder). */
export function escalationRecipients(source: RoleSource): Recipient[] {
  const roles = source.seeds();
  return [
    ...roles.securityDeputyIds.map((id) => deputy(source, id)),
    ...roles.securityChiefIds.map((id) => chief(source, id)),
  ];
}

/** Meeting-risk alerts and questions go to the security chiefs. */
export function chiefRecipients(source: RoleSource): Recipient[] {
  return source.seeds().securityChiefIds.map((id) => chief(source, id));
}

/**
 * Who hears that someone could not be reached: the security chiefs, and when the unreachable person is a
 * security chief, the deputies too (never the unreachable person themself).
 */
export function unreachableNoticeRecipients(source: RoleSource, unreachable: Recipient): Recipient[] {
  const roles = source.seeds();
  const chiefs = roles.securityChiefIds.map((id) => chief(source, id));
  const deputies =
    unreachable.role === 'securityChief' ? roles.securityDeputyIds.map((id) => deputy(source, id)) : [];
  const unique = new Map<string, Recipient>();
  for (const recipient of [...chiefs, ...deputies]) {
    if (recipient.aadObjectId !== unreachable.aadObjectId && !unique.has(recipient.aadObjectId))
      unique.set(recipient.aadObjectId, recipient);
  }
  return [...unique.values()];
}

const chief = (source: RoleSource, id: string): Recipient => ({
  aadObjectId: id,
  role: 'securityChief',
  ...named(source, id),
});
const deputy = (source: RoleSource, id: string): Recipient => ({
  aadObjectId: id,
  role: 'securityDeputy',
  ...named(source, id),
});
