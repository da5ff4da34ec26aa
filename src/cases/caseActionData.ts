import { z } from 'zod';
import type { LinkDecision } from './domain/linking';
import { CASE_STATUSES } from './domain/status';

/**
 * Card data of each case verb, parsed at the edge: card data is untrusted (it can be replayed or forged), so
 * every field becomes a string (or is dropped) here and the services below never see `unknown`.
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = z.string().catch('');
/** A field that is absent stays absent; anything else that is not a string becomes '' (never a match). */
const optionalText = z.string().optional().catch('');
const date = z.string().regex(DATE).or(z.literal('')).catch('');

export const openData = z.object({ reportId: text });

/** The detail card's inputs: whatever was typed is kept on a card that comes back (stale, invalid). */
export const editData = z.object({
  reportId: text,
  etag: optionalText,
  statusTo: text,
  reason: text,
  measures: text,
  note: text,
});
export type EditData = z.infer<typeof editData>;

export const linkData = z.object({
  reportId: text,
  otherId: text,
  decision: z.enum(['confirmed', 'dismissed'] satisfies LinkDecision[]).catch('dismissed'),
});

/** A period's date: '' when left empty; anything else that is not a date fails the parse (no period). */
const periodDate = z.string().regex(DATE).or(z.literal('')).default('');

/** The previous quarter, or from/to (dates checked here; their order and span by the statistics view). */
export const statisticsData = z.object({ quarter: text, from: periodDate, to: periodDate });

/** The list filter: unknown values are dropped (the list then shows everything for that field). */
export function filterData(parties: string[], kinds: string[]) {
  return z.object({
    status: z.enum(['', ...CASE_STATUSES]).catch(''),
    party: text.transform((p) => (parties.includes(p) ? p : '')),
    kind: text.transform((k) => (kinds.includes(k) ? k : '')),
    from: date,
    to: date,
  });
}
