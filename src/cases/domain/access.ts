import { isSecurityStaff, userKey, type Role, type UserIdentity } from '../../core/identity';

/** Who is looking: identity and roles from the authenticated activity, never from card data. */
export interface Viewer {
  user: UserIdentity;
  roles: Role[];
}

/** What a report needs for an access decision: whose it is and which party the exposed person belongs to. */
export interface ReportSubject {
  reporterKey: string;
  party: string;
}

/**
 * How a viewer may see one report: `security` (chief or deputy: everything, may manage), `party` (the victim's
 * party's security contact: read), `reporter` (their own report: read), or `none`.
 */
export type Access = 'security' | 'party' | 'reporter' | 'none';

export function contactParties(roles: Role[]): string[] {
  return roles.flatMap((role) => (role.kind === 'partyContact' ? [role.party] : []));
}

/** The strongest access the viewer has to the report (security before party before reporter). */
export function accessTo(viewer: Viewer, report: ReportSubject): Access {
  if (isSecurityStaff(viewer.roles)) return 'security';
  if (report.party && contactParties(viewer.roles).includes(report.party)) return 'party';
  if (report.reporterKey === userKey(viewer.user)) return 'reporter';
  return 'none';
}

/** Reads by anyone but the reporter are logged (who, when, which). */
export function isLoggedRead(viewer: Viewer, report: ReportSubject): boolean {
  return report.reporterKey !== userKey(viewer.user);
}

/** Status, measures, notes and link decisions: the security chief and the deputy only. */
export const mayManage = (access: Access): boolean => access === 'security';

/** History and internal notes: security and the party contact; the reporter sees fields and status only. */
export const maySeeCaseFile = (access: Access): boolean => access === 'security' || access === 'party';

/** Statistics and exports are the security function's tools. */
export const mayUseSecurityTools = (roles: Role[]): boolean => isSecurityStaff(roles);

/** The name of the viewer's role for the access log. */
export function roleName(viewer: Viewer, access: Access): string {
  if (access === 'security')
    return viewer.roles.some((r) => r.kind === 'securityChief') ? 'securityChief' : 'securityDeputy';
  if (access === 'party') return 'partyContact';
  return access;
}
