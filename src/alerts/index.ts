import type { Capability } from '../core/turn';

/**
 * Alerts to the security chief and the party's security contact: outbox, delivery, acknowledgement,
 * escalation. Wired into the router; delivery arrives with the alerts issue.
 */
export function createAlertsCapability(): Capability {
  return { name: 'alerts', actions: {} };
}
