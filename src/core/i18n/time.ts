// Users are in a Swedish municipality: dates and times are shown, and "today" judged, in Swedish time. Formatters are built
// once (constructing an Intl.DateTimeFormat costs far more than using one), on first use: building them when the
// module loads was 15–30 ms of every start, before the bot is ready, for formatters a start never uses.
let date: Intl.DateTimeFormat | undefined;
let dateTime: Intl.DateTimeFormat | undefined;

/** A stored UTC timestamp as Swedish local time ("2026-11-29 10:05"), which is what users in Sweden read. */
export function localDateTime(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  dateTime ??= new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Stockholm',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
  return dateTime.format(at);
}

/** The calendar day in Sweden (YYYY-MM-DD): a report at 00:30 Swedish time belongs to that day, not the UTC one. */
export function swedishDate(at: Date | string): string {
  date ??= new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });
  return date.format(typeof at === 'string' ? new Date(at) : at);
}
