/**
 * The case lifecycle: Mottagen → Under handläggning → Polisanmäld → Avslutad. Every change needs a reason
 * (it is recorded in the history); a closed case can be reopened, with a reason.
 */
export const CASE_STATUSES = ['Mottagen', 'Under handläggning', 'Polisanmäld', 'Avslutad'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const STATUS_CODES: Record<CaseStatus, string> = {
  Mottagen: 'received',
  'Under handläggning': 'inProgress',
  Polisanmäld: 'policeReported',
  Avslutad: 'closed',
};

export const STATUS_TITLES: Record<CaseStatus, { sv: string; en: string }> = {
  Mottagen: { sv: 'Mottagen', en: 'Received' },
  'Under handläggning': { sv: 'Under handläggning', en: 'In progress' },
  Polisanmäld: { sv: 'Polisanmäld', en: 'Reported to the police' },
  Avslutad: { sv: 'Avslutad', en: 'Closed' },
};

const NEXT: Record<CaseStatus, CaseStatus[]> = {
  Mottagen: ['Under handläggning', 'Polisanmäld', 'Avslutad'],
  'Under handläggning': ['Polisanmäld', 'Avslutad'],
  Polisanmäld: ['Under handläggning', 'Avslutad'],
  Avslutad: ['Under handläggning'],
};

export const MIN_REASON_CHARS = 3;
export const MAX_REASON_CHARS = 1000;

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

/** The statuses a case may move to from `current` (an unknown stored status is treated as Mottagen). */
export function nextStatuses(current: string): CaseStatus[] {
  return NEXT[isCaseStatus(current) ? current : 'Mottagen'];
}

export type TransitionProblem = 'unknownStatus' | 'notAllowed' | 'reasonMissing' | 'reasonTooLong';

/** Why the change is not allowed, or undefined when it is. */
export function transitionProblem(
  current: string,
  to: unknown,
  reason: string,
): TransitionProblem | undefined {
  if (!isCaseStatus(to)) return 'unknownStatus';
  if (!nextStatuses(current).includes(to)) return 'notAllowed';
  if (reason.trim().length < MIN_REASON_CHARS) return 'reasonMissing';
  if (reason.length > MAX_REASON_CHARS) return 'reasonTooLong';
  return undefined;
}

export function statusTitle(status: string, locale: 'sv' | 'en'): string {
  return isCaseStatus(status) ? STATUS_TITLES[status][locale] : status;
}
