/**
 * Gallring: a closed case is removed or anonymised once the configured retention period has passed since it
 * was closed. Open cases are never removed (a case still being handled is still needed). Anonymising keeps the
 * codes the statistics count (kind, channel, party, body, month) and drops everything that points at a person.
 */
export type RetentionAction = 'anonymise' | 'delete';

export interface RetentionRule {
  days: number;
  action: RetentionAction;
}

export interface RetentionSubject {
  status: string;
  /** When the case was last closed (ISO); undefined when it never was. */
  closedAt?: string;
  anonymisedAt?: string;
}

const DAY_MS = 86_400_000;

export function isDueForRetention(subject: RetentionSubject, rule: RetentionRule, now: Date): boolean {
  if (subject.status !== 'Avslutad' || !subject.closedAt || subject.anonymisedAt) return false;
  return now.getTime() - Date.parse(subject.closedAt) >= rule.days * DAY_MS;
}

/** The answers an anonymised report keeps: statistics codes only, and the incident's month. */
export const KEPT_WHEN_ANONYMISED = ['kinds', 'channel', 'victimParty', 'victimBody'] as const;

export function anonymisedValues(values: Readonly<Record<string, string>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const field of KEPT_WHEN_ANONYMISED) if (values[field]) kept[field] = values[field]!;
  if (values.date) kept.date = `${values.date.slice(0, 7)}-01`;
  return kept;
}

/** How the rule is written in the removal log ("gallring efter 730 dagar, anonymisering"). */
export function ruleText(rule: RetentionRule): string {
  return `gallring ${rule.days} dagar efter avslut (${rule.action === 'delete' ? 'radering' : 'anonymisering'})`;
}
