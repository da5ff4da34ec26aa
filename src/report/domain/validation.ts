import type { Locale } from '../../core/config';
import { swedishDate } from '../../core/i18n/time';
import { containsPersonalIdentityNumber } from '../../core/text/personalIdentityNumber';
import type { FieldDef, StepDef } from './bilaga4';
import { validationMessages as MESSAGES, type ValidationMessages } from '../messages';

/** Answers by field id. Multichoice answers are comma-separated codes, as Adaptive Cards submit them. */
export type ReportValues = Record<string, string>;

export interface ConfiguredLists {
  bodies: string[];
  parties: string[];
}

export interface StepResult {
  /** The draft's values with this step's submission merged in (hidden follow-ups removed). */
  values: ReportValues;
  /** Field id → message, for every field that needs the user's attention; empty when the step is valid. */
  errors: Record<string, string>;
  /** Follow-up fields that this submission made relevant and that were not on the submitted card. */
  revealed: string[];
}

/** A hard cap on any stored value: more than any valid answer, so an invalid one is kept for correction. */
const STORED_VALUE_CAP = 20_000;

export function isVisible(field: FieldDef, values: ReportValues): boolean {
  return !field.showIf || field.showIf.equals.includes(values[field.showIf.field] ?? '');
}

/**
 * Whether the field is on the step's card: a follow-up whose question is on the same card is there from the
 * start ("Om ja, när?"), since a card cannot show it when the answer is chosen; one that depends on an
 * earlier step only when that answer makes it relevant.
 */
export function isOnStepCard(field: FieldDef, step: StepDef, values: ReportValues): boolean {
  const question = field.showIf?.field;
  return isVisible(field, values) || step.fields.some((other) => other.id === question);
}

export function allowedValues(field: FieldDef, lists: ConfiguredLists): string[] {
  if (!field.choices) return [];
  if ('fixed' in field.choices) return field.choices.fixed.map((choice) => choice.value);
  return lists[field.choices.configured];
}

/** The card data of one step, as untrusted input: only this step's fields are read, anything else ignored. */
export function readSubmission(
  step: StepDef,
  data: Record<string, unknown>,
): { values: ReportValues; unreadable: string[] } {
  const values: ReportValues = {};
  const unreadable: string[] = [];
  for (const field of step.fields) {
    if (!(field.id in data)) continue;
    const raw = data[field.id];
    if (typeof raw === 'string') values[field.id] = raw.slice(0, STORED_VALUE_CAP);
    else if (raw !== undefined && raw !== null) unreadable.push(field.id);
  }
  return { values, unreadable };
}

/**
 * Merges one step's submission into the draft's values and validates the step: required answers, lengths,
 * dates not in the future, choices from the allowed lists. Values are kept even when invalid, so the card can
 * come back with what the user wrote.
 */
export function validateStep(
  step: StepDef,
  submission: Record<string, unknown>,
  current: ReportValues,
  lists: ConfiguredLists,
  now: Date,
  locale: Locale,
  isRequired: (field: FieldDef) => boolean = (field) => field.required === true,
): StepResult {
  const m = MESSAGES[locale];
  const { values: submitted, unreadable } = readSubmission(step, submission);
  const values: ReportValues = { ...current, ...submitted };
  const errors: Record<string, string> = {};
  const revealed: string[] = [];
  for (const field of step.fields) {
    if (!isVisible(field, values)) {
      delete values[field.id]; // a follow-up that no longer applies is not kept
      continue;
    }
    const wasOnCard = isOnStepCard(field, step, current) || field.id in submitted;
    if (!wasOnCard) revealed.push(field.id);
    if (unreadable.includes(field.id)) {
      errors[field.id] = m.invalid;
      continue;
    }
    const value = (values[field.id] ?? '').trim();
    values[field.id] = value;
    if (!value) {
      if (isRequired(field)) errors[field.id] = requiredMessage(field, m);
      else delete values[field.id];
      continue;
    }
    const problem = checkValue(field, value, lists, now, m);
    if (problem) errors[field.id] = problem;
  }
  // A follow-up the card did not show (its question is on an earlier step) is not an error yet: not seen.
  for (const id of revealed) if (!values[id]) delete errors[id];
  return { values, errors, revealed };
}

function requiredMessage(field: FieldDef, m: ValidationMessages): string {
  if (field.kind === 'multichoice') return m.chooseAtLeastOne;
  return field.choices ? m.choose : m.required;
}

function checkValue(
  field: FieldDef,
  value: string,
  lists: ConfiguredLists,
  now: Date,
  m: ValidationMessages,
): string | undefined {
  if (field.maxLength && Array.from(value).length > field.maxLength) {
    return m.tooLong(field.maxLength, Array.from(value).length);
  }
  if (field.kind === 'choice' && !allowedValues(field, lists).includes(value)) return m.choose;
  if (field.kind === 'multichoice') {
    const allowed = allowedValues(field, lists);
    if (!value.split(',').every((code) => allowed.includes(code.trim()))) return m.chooseAtLeastOne;
  }
  if (field.kind === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return m.date;
    if (field.notFuture && value > swedishDate(now)) return m.future;
  }
  if (field.kind === 'time' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) return m.time;
  // Bilaga 4 must never hold a personnummer; the typed text comes back with this message, nothing is lost.
  if ((field.kind === 'text' || field.kind === 'textarea') && containsPersonalIdentityNumber(value))
    return m.personalIdentityNumber;
  return undefined;
}

/** The steps with required Bilaga 4 answers still missing (a quick report sent before "Komplettera"). */
export function stepsWithMissingAnswers(steps: StepDef[], values: ReportValues): StepDef[] {
  return steps.filter((step) =>
    step.fields.some((field) => field.required && isVisible(field, values) && !values[field.id]),
  );
}

/** Whether every step is complete and valid (used before submit, since steps can be edited out of order). */
export function firstInvalidStep(
  steps: StepDef[],
  values: ReportValues,
  lists: ConfiguredLists,
  now: Date,
  locale: Locale,
  isRequired?: (field: FieldDef) => boolean,
): number | undefined {
  for (let i = 0; i < steps.length; i++) {
    const result = validateStep(steps[i]!, {}, values, lists, now, locale, isRequired);
    if (Object.keys(result.errors).length > 0 || result.revealed.length > 0) return i;
  }
  return undefined;
}
