import type { Capability } from '../core/turn';

/**
 * Incident report (the guideline's Bilaga 4): the multi-turn card dialog, drafts, submission.
 * Wired into the router; its dialog arrives with the incident-report issue.
 */
export function createReportCapability(): Capability {
  return { name: 'report', actions: {} };
}
