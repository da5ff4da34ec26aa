import type { RoleSeeds } from '../../core/config';

export interface Recipient {
  /** Entra object id: how the bot finds the person's 1:1 conversation. */
  aadObjectId: string;
  role: 'securityChief' | 'securityDeputy' | 'partyContact';
}

/**
 * Who is alerted about a report: every security chief, and the security contacts of the victim's party.
 * A person with both roles is alerted once, as security chief.
 */
export function alertRecipients(roles: RoleSeeds, party: string): Recipient[] {
  const recipients = new Map<string, Recipient>();
  for (const id of roles.securityChiefIds) recipients.set(id, { aadObjectId: id, role: 'securityChief' });
  for (const id of roles.partyContacts[party] ?? []) {
    if (!recipients.has(id)) recipients.set(id, { aadObjectId: id, role: 'partyContact' });
  }
  return [...recipients.values()];
}

/** Who an unacknowledged alert escalates to: the deputies, and the security chiefs again (a reminder). */
export function escalationRecipients(roles: RoleSeeds): Recipient[] {
  return [
    ...roles.securityDeputyIds.map((id) => ({ aadObjectId: id, role: 'securityDeputy' as const })),
    ...roles.securityChiefIds.map((id) => ({ aadObjectId: id, role: 'securityChief' as const })),
  ];
}
