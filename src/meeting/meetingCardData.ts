import type { SubmitButton } from '../core/cards';

/**
 * The data the meeting card templates (cards/meeting-*.json) are expanded with. Every string is already
 * localised; what people typed (place, names) is plain data, clipped by `asUserText`.
 */

/** A button of the form card: core's SubmitButton, as the report and case cards use. */
export type MeetingFormButton = SubmitButton;

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

/**
 * A button on the checklist card. With Universal Actions it is an Action.Execute (verb + data, an invoke that
 * Teams answers in place); the data also carries the verb, so the same press works as an Action.Submit.
 */
export interface MeetingButton {
  type: 'Action.Execute' | 'Action.Submit';
  title: string;
  verb: string;
  data: Record<string, unknown>;
  style: 'default' | 'positive' | 'destructive';
}

/** "Finns det förhöjd risk?": the answer, who gave it, the security role's alert and the two buttons. */
export interface ChecklistRiskBlock {
  question: string;
  elevated: boolean;
  answer: string;
  alerted: string | null;
  required: string | null;
  buttons: MeetingButton[];
}

/** The guideline's lines on security screening (3.5, 3.8), with their source. */
export interface ScreeningBlock {
  title: string;
  lines: string[];
  source: string;
}

/** The guideline on order during the meeting (3.6, 3.7), each summary with its source. */
export interface GuidanceBlock {
  title: string;
  blocks: Array<{ text: string; source: string }>;
}

/** One checklist section; `phase` only on the first section of a phase. */
export interface ChecklistSection {
  phase: string | null;
  heading: string;
  note: string;
  items: Array<{ text: string; status: string | null; buttons: MeetingButton[] }>;
  guidance: GuidanceBlock | null;
}

/** cards/meeting-checklist.json: the shared checklist of one meeting. */
export interface MeetingChecklistCardData {
  /** Universal Actions refresh while the meeting is open, else null (and removed from the card). */
  refresh: { title: string; verb: string; data: Record<string, unknown>; userIds: string[] } | null;
  title: string;
  subtitle: string;
  progress: string;
  finished: string | null;
  risk: ChecklistRiskBlock;
  screening: ScreeningBlock | null;
  sections: ChecklistSection[];
  source: string;
  acuteFooter: string;
  actions: MeetingButton[];
}

declare module '../core/cards/cardRenderer' {
  interface CardData {
    'meeting-checklist': MeetingChecklistCardData;
    'meeting-form': MeetingFormCardData;
    'meeting-record': MeetingRecordCardData;
    'meeting-list': MeetingListCardData;
  }
}
