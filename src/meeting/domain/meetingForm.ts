import { z } from 'zod';
import type { Locale } from '../../core/config';

/** What the user typed in the "name the meeting" form; kept as typed so an invalid form comes back filled. */
export interface MeetingFormValues {
  body: string;
  date: string;
  place: string;
}

export type MeetingFormErrors = Partial<Record<keyof MeetingFormValues, string>>;

export const PLACE_MAX_CHARS = 200;
/** Far enough for any real meeting, near enough to catch a mistyped year. */
const MAX_DAYS_AWAY = 400;
const DAY_MS = 86_400_000;

const MESSAGES = {
  sv: {
    body: 'Välj ett organ i listan.',
    date: 'Skriv datumet som ÅÅÅÅ-MM-DD.',
    dateRange: 'Datumet ligger mer än ett år från i dag. Kontrollera året.',
    place: 'Skriv var sammanträdet hålls.',
    placeLong: (got: number) => `Högst ${PLACE_MAX_CHARS} tecken – du har skrivit ${got}.`,
  },
  en: {
    body: 'Choose a body from the list.',
    date: 'Write the date as YYYY-MM-DD.',
    dateRange: 'The date is more than a year from today. Check the year.',
    place: 'Write where the meeting is held.',
    placeLong: (got: number) => `At most ${PLACE_MAX_CHARS} characters – you wrote ${got}.`,
  },
} as const;

/**
 * Card inputs arrive as strings, or are missing altogether (Teams leaves an empty input out of the submit):
 * anything but a string is read as empty, so an empty form gets a message per field, never an error.
 */
const cardString = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === 'string' ? value.slice(0, 2_000) : ''));
const formInput = z.object({ body: cardString, date: cardString, place: cardString });

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  });

/** Reads the untrusted card data of the form: only its three fields, as strings. */
export function readMeetingForm(data: Record<string, unknown>): MeetingFormValues {
  return formInput.parse(data);
}

/**
 * Validates the form: the body from the configured list, a real calendar date within about a year of today,
 * and a place (1–200 characters). Returns the trimmed values, or a message per field in the user's language.
 */
export function validateMeetingForm(
  values: MeetingFormValues,
  bodies: readonly string[],
  today: Date,
  locale: Locale,
): { ok: true; meeting: MeetingFormValues } | { ok: false; errors: MeetingFormErrors } {
  const t = MESSAGES[locale];
  const body = values.body.trim();
  const date = values.date.trim();
  // A tab or line break pasted into the place becomes a space: kept, and safe in every card and alert.
  // eslint-disable-next-line no-control-regex -- exactly the control characters
  const place = values.place.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  const errors: MeetingFormErrors = {};

  if (!z.enum(bodies as [string, ...string[]]).safeParse(body).success) errors.body = t.body;
  if (!isoDate.safeParse(date).success) errors.date = t.date;
  else if (Math.abs(Date.parse(`${date}T12:00:00Z`) - today.getTime()) > MAX_DAYS_AWAY * DAY_MS)
    errors.date = t.dateRange;
  const placeLength = Array.from(place).length;
  if (placeLength === 0) errors.place = t.place;
  else if (placeLength > PLACE_MAX_CHARS) errors.place = t.placeLong(placeLength);

  return Object.keys(errors).length > 0
    ? { ok: false, errors }
    : { ok: true, meeting: { body, date, place } };
}
