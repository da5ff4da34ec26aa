import type { Locale } from '../../core/config';

/** What an alert card says about a report: no narrative, no names — chat messages persist (OSL 21:3). */
export interface AlertSummaryInput {
  reference: string;
  kinds: string;
  channel: string;
  party: string;
  body: string;
  createdAt: string;
}

const KIND_LABELS: Record<string, { sv: string; en: string }> = {
  hot: { sv: 'Hot', en: 'Threat' },
  vald: { sv: 'Våld', en: 'Violence' },
  trakasserier: { sv: 'Trakasserier', en: 'Harassment' },
  skadegorelse: { sv: 'Skadegörelse', en: 'Vandalism' },
  korruption: { sv: 'Korruption', en: 'Corruption' },
  annat: { sv: 'Annat', en: 'Other' },
};
const CHANNEL_LABELS: Record<string, { sv: string; en: string }> = {
  brev: { sv: 'Brev', en: 'Letter' },
  telefon: { sv: 'Telefonsamtal', en: 'Phone call' },
  sms: { sv: 'Sms', en: 'Text message' },
  epost: { sv: 'E-post', en: 'E-mail' },
  'sociala-medier': { sv: 'Sociala medier', en: 'Social media' },
  personligen: { sv: 'Personligen', en: 'In person' },
  annat: { sv: 'Annat', en: 'Other' },
};

export type Severity = 'high' | 'elevated' | 'normal';

/** Violence is high, a threat elevated, the rest normal: used for the card and (later) escalation times. */
export function severityOf(kinds: string): Severity {
  const codes = kinds.split(',').map((code) => code.trim());
  if (codes.includes('vald')) return 'high';
  if (codes.includes('hot')) return 'elevated';
  return 'normal';
}

export function kindLabels(kinds: string, locale: Locale): string {
  return kinds
    .split(',')
    .filter(Boolean)
    .map((code) => KIND_LABELS[code.trim()]?.[locale] ?? code)
    .join(', ');
}

export function channelLabel(channel: string, locale: Locale): string {
  return CHANNEL_LABELS[channel]?.[locale] ?? channel;
}
