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

/**
 * Roles of an authenticated user. Security chiefs and deputies come from configuration; party contacts from
 * a source the caller keeps current (the contacts the security chief edits, cached in memory), so looking
 * roles up stays synchronous and costs no storage round trip per turn.
 */
export class RoleDirectory {
  private readonly seeds: () => RoleSeeds;
  private readonly tenants: Set<string>;

  /** With `allowedTenantIds`, a role holds only for a user of one of those tenants (object ids are per tenant). */
  constructor(seeds: RoleSeeds | (() => RoleSeeds), allowedTenantIds: string[] = []) {
    this.seeds = typeof seeds === 'function' ? seeds : () => seeds;
    this.tenants = new Set(allowedTenantIds.map((id) => id.toLowerCase()));
  }

  rolesOf(user: Pick<UserIdentity, 'aadObjectId' | 'tenantId'>): Role[] {
    const id = user.aadObjectId?.toLowerCase();
    if (!id) return [];
    if (this.tenants.size > 0 && !this.tenants.has(user.tenantId?.toLowerCase() ?? '')) return [];
    const seeds = this.seeds();
    const roles: Role[] = [];
    if (seeds.securityChiefIds.includes(id)) roles.push({ kind: 'securityChief' });
    if (seeds.securityDeputyIds.includes(id)) roles.push({ kind: 'securityDeputy' });
    for (const [party, ids] of Object.entries(seeds.partyContacts)) {
      if (ids.includes(id)) roles.push({ kind: 'partyContact', party });
    }
    return roles;
  }
}

/**
 * The stable key for a person's data: the Entra object id Teams authenticates. Without one (no stored data
 * is written then: see the router), the channel user id with a prefix, so a sender that sets `from.id` to
 * someone's object id can never match that person's key.
 */
export const userKey = (user: Pick<UserIdentity, 'aadObjectId' | 'userId'>): string =>
  user.aadObjectId ?? `channel-user:${user.userId}`;

export const isSecurityChief = (roles: Role[]): boolean =>
  roles.some((role) => role.kind === 'securityChief');

/** The security chief and the deputy: they see and manage every report, meeting and question. */
export const isSecurityStaff = (roles: Role[]): boolean =>
  roles.some((role) => role.kind === 'securityChief' || role.kind === 'securityDeputy');
