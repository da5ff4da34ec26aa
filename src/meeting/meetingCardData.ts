/**
 * The data the meeting card templates (cards/meeting-*.json) are expanded with. Every string is already
 * localised; what people typed (place, names) is plain data, clipped by `asUserText`.
 */

/** A button of the form card: the data it posts, and whether it carries the form's inputs. */
export interface MeetingFormButton {
  title: string;
  payload: Record<string, unknown>;
  associatedInputs: 'auto' | 'none';
  style: string;
}

interface FormField {
  label: string;
  value: string;
  /** The message beside the field after an invalid "Starta", or null. */
  error: string | null;
}

/** cards/meeting-form.json: "name the meeting" (body, date, place). */
export interface MeetingFormCardData {
  title: string;
  intro: string;
  errorSummary: string | null;
  body: FormField & { choices: readonly string[] };
  date: FormField & { placeholder: string };
  place: FormField & { placeholder: string; maxLength: number };
  source: string;
  acuteFooter: string;
  actions: MeetingFormButton[];
}

/** cards/meeting-record.json: a finished meeting's done/not-done summary. */
export interface MeetingRecordCardData {
  title: string;
  subtitle: string;
  finished: string;
  elevated: string;
  verdict: string;
  complete: boolean;
  groups: Array<{ heading: string; items: Array<{ text: string; status: string }> }>;
  source: string;
}

/** cards/meeting-list.json: past and current meetings, each opening its record. */
export interface MeetingListCardData {
  title: string;
  empty: string | null;
  show: string;
  meetings: Array<{ heading: string; place: string; line: string; payload: Record<string, unknown> }>;
}

declare module '../core/cards/cardRenderer' {
  interface CardData {
    'meeting-form': MeetingFormCardData;
    'meeting-record': MeetingRecordCardData;
    'meeting-list': MeetingListCardData;
  }
}
