import type { RoleSeeds } from '../config';

/** Who sent an activity, as Teams authenticated it. Never built from card data. */
export interface UserIdentity {
  /** The channel-scoped user id (29:...), used to address the user in a conversation. */
  userId: string;
  /** The Entra object id; roles are keyed on it. Absent outside Teams (for example a bare test client). */
  aadObjectId?: string;
  name: string;
  tenantId?: string;
}

export type Role =
  { kind: 'securityChief' } | { kind: 'securityDeputy' } | { kind: 'partyContact'; party: string };

/** Roles come from configuration seeds (later also from the contacts table the security chief edits). */
export class RoleDirectory {
  constructor(private readonly seeds: RoleSeeds) {}

  rolesOf(user: Pick<UserIdentity, 'aadObjectId'>): Role[] {
    const id = user.aadObjectId?.toLowerCase();
    if (!id) return [];
    const roles: Role[] = [];
    if (this.seeds.securityChiefIds.includes(id)) roles.push({ kind: 'securityChief' });
    if (this.seeds.securityDeputyIds.includes(id)) roles.push({ kind: 'securityDeputy' });
    for (const [party, ids] of Object.entries(this.seeds.partyContacts)) {
      if (ids.includes(id)) roles.push({ kind: 'partyContact', party });
    }
    return roles;
  }
}
