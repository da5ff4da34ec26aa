import type { Capability } from '../core/turn';

/**
 * Case management for the security chief: role-scoped access, status and history, statistics, export,
 * retention. Wired into the router; arrives with the case-management issue.
 */
export function createCasesCapability(): Capability {
  return { name: 'cases', actions: {} };
}
