import type { Capability } from '../core/turn';

/**
 * Guidance: answers "what do I do now?" from the guideline's knowledge base, triage, the crime explainer.
 * Wired into the router as the last text handler; the matcher arrives with the guidance issue.
 */
export function createGuidanceCapability(): Capability {
  return { name: 'guidance', actions: {} };
}
