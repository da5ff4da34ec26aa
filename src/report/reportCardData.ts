/**
 * The data each incident-report card template (cards/report-*.json) is expanded with. Every string is
 * already localised; user-entered values are plain data (shown in TextRun elements, never as Markdown).
 */

import type { SubmitButton } from '../core/cards';

/** A button: its title and the data the card posts back. */
export type ReportButton = SubmitButton;

export interface ChoiceOption {
  title: string;
  value: string;
}

/** One input on a step card. Exactly one of the is* flags is true. */
export interface StepFieldData {
  id: string;
  label: string;
  /** Current value: the saved or just-submitted text; for multichoice a comma-separated list of codes. */
  value: string;
  isRequired: boolean;
  isText: boolean;
  isTextarea: boolean;
  isChoice: boolean;
  isMultiChoice: boolean;
  isDate: boolean;
  isTime: boolean;
  maxLength: number;
  choices: ChoiceOption[];
  /** The server's message for this field after an invalid submit, or null. */
  error: string | null;
}

/** cards/report-step.json */
export interface StepCardData {
  progress: string; // "Steg 3 av 8"
  title: string;
  /** A line above the fields (for example "Några följdfrågor till ditt svar:"), or null. */
  notice: string | null;
  /** Summary line when the submit had errors ("Kontrollera de markerade fälten."), or null. */
  errorSummary: string | null;
  fields: StepFieldData[];
  /** Primary action first (Nästa/Granska), then Tillbaka, Spara och fortsätt senare, Avbryt. */
  actions: ReportButton[];
  acuteFooter: string;
}

/** cards/report-review.json: every answer, an "Ändra" button per section, then Skicka. */
export interface ReviewCardData {
  title: string;
  intro: string;
  sections: Array<{
    title: string;
    answers: Array<{ label: string; value: string }>;
    edit: ReportButton;
  }>;
  /** Steps with no answer at all (optional ones), as one line and a "Fyll i" button each, or null. */
  unanswered: { text: string; rows: Array<{ edits: ReportButton[] }> } | null;
  actions: ReportButton[];
  acuteFooter: string;
}

/** cards/report-message.json: a short card with a title, some lines and buttons (cancel confirmation,
 * resume offer, draft saved, cancelled). */
export interface MessageCardData {
  title: string;
  lines: string[];
  actions: ReportButton[];
}

/** cards/report-confirmation.json: after Skicka. */
export interface ConfirmationCardData {
  title: string;
  referenceLabel: string;
  reference: string;
  statusLabel: string;
  status: string;
  submittedLabel: string;
  submitted: string;
  nextStepsTitle: string;
  nextSteps: string[];
  acuteFooter: string;
  actions: ReportButton[];
}

/** cards/report-police-sheet.json: Bilaga 3 preparation sheet built from the answers. */
export interface PoliceSheetCardData {
  title: string;
  intro: string;
  howTitle: string;
  how: string[];
  tellTitle: string;
  /** Points to tell the police, each a heading and the user's own words (or guidance) as plain text. */
  tell: Array<{ heading: string; text: string }>;
  source: string;
}

/** cards/report-list.json: "mina rapporter". */
export interface ReportListCardData {
  title: string;
  empty: string | null;
  /** How to reach the security function (empty when no phone number is configured). */
  contact: string[];
  /** `handler`: "Tas om hand av <namn>" once someone took the case, else null. */
  reports: Array<{
    reference: string;
    date: string;
    status: string;
    handler: string | null;
    summary: string;
  }>;
  actions: ReportButton[];
}

declare module '../core/cards/cardRenderer' {
  interface CardData {
    'report-step': StepCardData;
    'report-review': ReviewCardData;
    'report-message': MessageCardData;
    'report-confirmation': ConfirmationCardData;
    'report-police-sheet': PoliceSheetCardData;
    'report-list': ReportListCardData;
  }
}
