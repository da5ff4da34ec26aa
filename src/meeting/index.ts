import type { Capability } from '../core/turn';

/**
 * Meeting safety: the Bilaga 2 checklist as a shared card, order and screening rules.
 * Wired into the router; the checklist arrives with the meeting-safety issue.
 */
export function createMeetingCapability(): Capability {
  return { name: 'meeting', actions: {} };
}
