import { swedishDate } from '../../core/i18n/time';
import { containsPersonalIdentityNumber } from '../../core/text/personalIdentityNumber';
import type { FieldDef, StepDef } from './bilaga4';

/** Answers by field id. Multichoice answers are comma-separated codes, as Adaptive Cards submit them. */
export type ReportValues = Record<string, string>;

export interface ConfiguredLists {
  bodies: string[];
  parties: string[];
}

/**
 * Why an answer needs the user's attention. The domain says what is wrong, not how to say it: the capability
 * turns a problem into the text beside the field (`problemTexts` in ../messages.ts), in the user's language.
 */
export type FieldProblem =
  | {
      code:
        | 'required'
        | 'choose'
        | 'chooseAtLeastOne'
        | 'date'
        | 'future'
        | 'time'
        | 'invalid'
        | 'personalIdentityNumber';
    }
  /** Longer than the field allows: `max` characters allowed, `got` written (both in characters, not UTF-16). */
  | { code: 'tooLong'; max: number; got: number };

export interface StepResult {
  /** The draft's values with this step's submission merged in (hidden follow-ups removed). */
  values: ReportValues;
  /** Field id → problem, for every field that needs the user's attention; empty when the step is valid. */
  problems: Record<string, FieldProblem>;
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
  isRequired: (field: FieldDef) => boolean = (field) => field.required === true,
): StepResult {
  const { values: submitted, unreadable } = readSubmission(step, submission);
  const values: ReportValues = { ...current, ...submitted };
  const problems: Record<string, FieldProblem> = {};
  const revealed: string[] = [];
  for (const field of step.fields) {
    if (!isVisible(field, values)) {
      delete values[field.id]; // a follow-up that no longer applies is not kept
      continue;
    }
    const wasOnCard = isOnStepCard(field, step, current) || field.id in submitted;
    if (!wasOnCard) revealed.push(field.id);
    if (unreadable.includes(field.id)) {
      problems[field.id] = { code: 'invalid' };
      continue;
    }
    const value = (values[field.id] ?? '').trim();
    values[field.id] = value;
    if (!value) {
      if (isRequired(field)) problems[field.id] = { code: requiredProblem(field) };
      else delete values[field.id];
      continue;
    }
    const problem = checkValue(field, value, lists, now);
    if (problem) problems[field.id] = problem;
  }
  // A follow-up the card did not show (its question is on an earlier step) is not an error yet: not seen.
  for (const id of revealed) if (!values[id]) delete problems[id];
  return { values, problems, revealed };
}

function requiredProblem(field: FieldDef): 'required' | 'choose' | 'chooseAtLeastOne' {
  if (field.kind === 'multichoice') return 'chooseAtLeastOne';
  return field.choices ? 'choose' : 'required';
}

function checkValue(
  field: FieldDef,
  value: string,
  lists: ConfiguredLists,
  now: Date,
): FieldProblem | undefined {
  if (field.maxLength && Array.from(value).length > field.maxLength) {
    return { code: 'tooLong', max: field.maxLength, got: Array.from(value).length };
  }
  if (field.kind === 'choice' && !allowedValues(field, lists).includes(value)) return { code: 'choose' };
  if (field.kind === 'multichoice') {
    const allowed = allowedValues(field, lists);
    if (!value.split(',').every((code) => allowed.includes(code.trim()))) return { code: 'chooseAtLeastOne' };
  }
  if (field.kind === 'date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      return { code: 'date' };
    if (field.notFuture && value > swedishDate(now)) return { code: 'future' };
  }
  if (field.kind === 'time' && !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) return { code: 'time' };
  // Bilaga 4 must never hold a personnummer; the typed text comes back with this problem, nothing is lost.
  if ((field.kind === 'text' || field.kind === 'textarea') && containsPersonalIdentityNumber(value))
    return { code: 'personalIdentityNumber' };
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
  isRequired?: (field: FieldDef) => boolean,
): number | undefined {
  for (let i = 0; i < steps.length; i++) {
    const result = validateStep(steps[i]!, {}, values, lists, now, isRequired);
    if (Object.keys(result.problems).length > 0 || result.revealed.length > 0) return i;
  }
  return undefined;
}
