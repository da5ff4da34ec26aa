import type { Locale } from '../../core/config';
import { choiceTitles } from '../../report/domain/bilaga4';

/** What an alert card says about a report: no narrative, no names — chat messages persist (OSL 21:3). */
export interface AlertSummaryInput {
  reference: string;
  kinds: string;
  channel: string;
  party: string;
  body: string;
  createdAt: string;
}

export type Severity = 'high' | 'elevated' | 'normal';

/** Violence is high, a threat elevated, the rest normal: used for the card and (later) escalation times. */
export function severityOf(kinds: string): Severity {
  const codes = kinds.split(',').map((code) => code.trim());
  if (codes.includes('vald')) return 'high';
  if (codes.includes('hot')) return 'elevated';
  return 'normal';
}

/** Labels come from the report form itself (Bilaga 4's choices), so the alert says what the reporter chose. */
export function kindLabels(kinds: string, locale: Locale): string {
  return choiceTitles('kinds', kinds, locale);
}

export function channelLabel(channel: string, locale: Locale): string {
  return choiceTitles('channel', channel, locale);
}
