// Users are in a Swedish municipality: dates and times are shown, and "today" judged, in Swedish time. Formatters are built
// once (constructing an Intl.DateTimeFormat costs far more than using one).
const DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });
const DATE_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** A stored UTC timestamp as Swedish local time ("2026-11-29 10:05"), which is what users in Sweden read. */
export function localDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return DATE_TIME.format(date);
}

/** The calendar day in Sweden (YYYY-MM-DD): a report at 00:30 Swedish time belongs to that day, not the UTC one. */
export function swedishDate(at: Date | string): string {
  return DATE.format(typeof at === 'string' ? new Date(at) : at);
}
