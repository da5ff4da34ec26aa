import { randomUUID } from 'node:crypto';
import type { Locale } from '../core/config';
import { userKey, type UserIdentity } from '../core/identity';
import type { UserLimits } from '../core/limits/userLimits';
import { ConcurrencyError, retryOnConflict, type Repository, type Versioned } from '../core/storage';
import { withTimeout } from '../core/timeouts';
import {
  QUICK_REQUIRED,
  QUICK_STEP,
  QUICK_STEP_INDEX,
  REPORT_STEPS,
  stepAt,
  type FieldDef,
} from './domain/bilaga4';
import { factsFrom } from './domain/quickReport';
import { firstInvalidStep, validateStep, type ConfiguredLists, type ReportValues } from './domain/validation';
import {
  REPORT_STATUS_RECEIVED,
  reportCodes,
  type ReportStore,
  type ReportSubmittedEvent,
  type StoredReport,
} from './reportStore';
import { ReferenceNumbers, type ReferenceCounter } from './referenceNumbers';
import { DraftCache } from './draftCache';
import type { StepAction, SubmittedFields } from './reportActionData';
import { problemTexts } from './messages';

export interface Draft {
  id: string;
  ownerKey: string;
  /** Index into REPORT_STEPS, or REPORT_STEPS.length for the review. */
  step: number;
  values: ReportValues;
  /** Messages from the last invalid submit of the current step, shown beside the fields. */
  errors: Record<string, string>;
  /** Follow-ups that the last submit revealed (shown with a short notice). */
  revealed: string[];
  /** Editing from the review: "Nästa" returns to the review. */
  fromReview: boolean;
  /**
   * Started as a quick report from her own words: "Skicka nu" is offered on every card and only the quick
   * answers are required; the rest of Bilaga 4 is there to complete ("Komplettera"), now or not at all.
   */
  quick?: boolean;
  reference?: string;
  /** Set by the "Skicka" press that is filing the draft: a second press waits for its report instead. */
  submittingAt?: string;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export type ReportView =
  | { kind: 'step'; draft: Draft }
  | { kind: 'review'; draft: Draft }
  | { kind: 'resumeOffer'; draft: Draft }
  | { kind: 'saved'; draft: Draft }
  | { kind: 'confirmCancel'; draft: Draft }
  | { kind: 'cancelled' }
  | { kind: 'stale' }
  | { kind: 'submitted'; report: StoredReport }
  /** Another press of "Skicka" is filing this draft and its report is not there yet. */
  | { kind: 'submitting' };

export type { StepAction };

export interface ReportServiceDeps {
  drafts: Repository<Draft>;
  reports: ReportStore;
  counters: Repository<ReferenceCounter>;
  lists: ConfiguredLists;
  draftExpiryDays: number;
  /** Per-person limits: past the report limit a report is still filed, its alert marked part of a burst. */
  limits?: Pick<UserLimits, 'take'>;
  now?: () => Date;
}

const DRAFT_ROW = 'current';
/** The burst check never delays a submit by more than this (storage slow: the report is not a burst). */
const BURST_CHECK_MS = 500;
/** A "Skicka" press in progress newer than this makes a second press wait for it (older: it failed or crashed). */
const SUBMIT_CLAIM_MS = 15_000;
/** How long a second press waits for the first one's report (under the 5-s turn deadline). */
const SECOND_PRESS_WAIT_MS = 4_000;
const SECOND_PRESS_POLL_MS = 150;
/** A step that keeps losing the race to other writers of the same draft gives up (the caller shows the draft). */
const CHANGE_ATTEMPTS = 3;
export const REVIEW_STEP = REPORT_STEPS.length;

/**
 * The incident-report dialog as plain operations on durable state: every step is saved to Table Storage
 * (ETag-checked) before the next card is shown, so a restart between two steps loses nothing, and nothing
 * here depends on the Bot Framework SDK.
 */
export class ReportService {
  private readonly now: () => Date;
  private readonly references: ReferenceNumbers;
  /** The drafts this process last read or wrote (see DraftCache: used only where an ETag or the card checks it). */
  private readonly drafts: DraftCache;

  constructor(private readonly deps: ReportServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.references = new ReferenceNumbers(deps.counters);
    this.drafts = new DraftCache(() => this.now().getTime());
  }

  /** "Rapportera incident": offer to continue a saved draft, or start a new one. */
  async start(user: UserIdentity): Promise<ReportView> {
    const current = await this.currentDraft(user);
    if (current) return { kind: 'resumeOffer', draft: current.value };
    return { kind: 'step', draft: await this.newDraft(user) };
  }

  /**
   * A quick report from her own words: a draft prefilled with what the text says (kind, channel, day, place,
   * the text as the description, about herself), her Teams name, and the body and party of her last report.
   * An open draft is offered first, as for "rapportera incident": nothing she started is replaced.
   */
  async startQuick(user: UserIdentity, text: string): Promise<ReportView> {
    const current = await this.currentDraft(user);
    if (current) return { kind: 'resumeOffer', draft: current.value };
    const values: ReportValues = {
      ...(await this.fromLastReport(user)),
      ...factsFrom(text, this.now()),
      reporterName: user.name,
    };
    const draft = await this.newDraft(user, { step: QUICK_STEP_INDEX, values, quick: true });
    return { kind: 'step', draft };
  }

  async resume(user: UserIdentity): Promise<ReportView> {
    const draft = (await this.currentDraft(user))?.value;
    if (!draft) return { kind: 'step', draft: await this.newDraft(user) };
    return draft.step >= REVIEW_STEP ? { kind: 'review', draft } : { kind: 'step', draft };
  }

  /** "Börja om": a new draft written over the old one (the write replaces the whole row: no delete first). */
  async restart(user: UserIdentity): Promise<ReportView> {
    return { kind: 'step', draft: await this.newDraft(user) };
  }

  /**
   * A step card's submit. "next" validates and moves on (or shows the same card with the messages); "back"
   * and "save" keep whatever was typed without validating it, so no input is ever lost.
   */
  async submitStep(
    user: UserIdentity,
    draftId: string | undefined,
    step: number | undefined,
    data: SubmittedFields,
    action: StepAction,
    locale: Locale,
  ): Promise<ReportView> {
    const onThisStep = (draft: Draft) =>
      draft.id === draftId && draft.step === step && draft.step < REVIEW_STEP;
    const outcome = await this.changeDraft(user, onThisStep, (draft) =>
      this.planStep(draft, data, action, locale),
    );
    if (!outcome) return action === 'send' ? this.sendAgain(user, draftId) : { kind: 'stale' };
    const { saved, then } = outcome;
    if (then === 'saved') return { kind: 'saved', draft: saved };
    if (then === 'send') return this.submit(user, saved.id);
    return saved.step >= REVIEW_STEP ? { kind: 'review', draft: saved } : { kind: 'step', draft: saved };
  }

  /** What a step button does to the draft, and what comes after it is saved (nothing is written here). */
  private planStep(
    draft: Draft,
    data: SubmittedFields,
    action: StepAction,
    locale: Locale,
  ): { next: Draft; then: 'show' | 'saved' | 'send' } {
    const definition = stepAt(draft.step)!;
    const result = validateStep(
      definition,
      data,
      draft.values,
      this.deps.lists,
      this.now(),
      requiredFor(draft),
    );
    const next: Draft = { ...draft, values: result.values, errors: {}, revealed: [] };
    if (action === 'save') return { next, then: 'saved' };
    if (action === 'back') {
      const step = Math.max(draft.quick ? QUICK_STEP_INDEX : 0, draft.step - 1);
      return { next: { ...next, step, fromReview: false }, then: 'show' };
    }
    if (action === 'complete' && draft.quick) {
      // "Komplettera": the rest of Bilaga 4, from its first step; nothing typed here is lost or judged yet.
      return { next: { ...next, step: 0, fromReview: false }, then: 'show' };
    }
    if (Object.keys(result.problems).length > 0 || result.revealed.length > 0) {
      // The draft keeps the texts shown beside the fields (its stored shape), in the language of this press.
      const errors = problemTexts(result.problems, locale);
      return { next: { ...next, errors, revealed: result.revealed }, then: 'show' };
    }
    if (action === 'send' && draft.quick) return { next, then: 'send' };
    next.step = draft.fromReview ? REVIEW_STEP : draft.step + 1;
    if (next.step >= REVIEW_STEP) {
      // Steps can be edited out of order: the review only opens when every step is complete.
      const invalid = this.firstIncompleteStep(next);
      if (invalid !== undefined) next.step = invalid;
    }
    return { next, then: 'show' };
  }

  /**
   * "Skicka nu" on a card whose draft could not be changed: a double tap whose first press is filing the draft
   * (or has filed it) gets that press's outcome, as a second "Skicka" does; only a card of a draft that nobody
   * is filing is out of date.
   */
  private async sendAgain(user: UserIdentity, draftId: string | undefined): Promise<ReportView> {
    if (typeof draftId !== 'string') return { kind: 'stale' };
    const draft = (await this.currentDraft(user))?.value;
    if (draft?.id === draftId && !this.beingSubmitted(draft)) return { kind: 'stale' };
    return this.otherPressOutcome(user, draftId);
  }

  /** "Ändra" on the review: open that step; its "Nästa" returns to the review. */
  async edit(user: UserIdentity, draftId: string | undefined, step: number | undefined): Promise<ReportView> {
    if (step === undefined || step < 0 || step >= REVIEW_STEP) return { kind: 'stale' };
    const outcome = await this.changeDraft(
      user,
      (draft) => draft.id === draftId,
      (draft) => ({ next: { ...draft, step, fromReview: true, errors: {}, revealed: [] } }),
    );
    return outcome ? { kind: 'step', draft: outcome.saved } : { kind: 'stale' };
  }

  /**
   * Changes her draft and saves it with its ETag, if it is the draft the pressed card is for (`isPressed`)
   * and no "Skicka" press is filing it; undefined when not (a stale card). The draft comes from this process's cache when the cached copy is
   * the pressed one, so a step is one storage request: the conditional write. A copy that is not the pressed
   * one proves nothing (another instance may have moved on) and is read again; a lost race (412: written
   * elsewhere since) reads the stored draft and applies the change to it again.
   */
  private async changeDraft<Plan extends { next: Draft }>(
    user: UserIdentity,
    isPressed: (draft: Draft) => boolean,
    change: (draft: Draft) => Plan,
  ): Promise<(Plan & { saved: Draft }) | undefined> {
    // A draft a "Skicka" press is filing is not changed: that press would lose its next write, leave the
    // mark, and file nothing while she sees "Skickar…" (a second device, or a press on an older card).
    const changeable = (draft: Draft) => isPressed(draft) && !this.beingSubmitted(draft);
    const cached = this.drafts.get(userKey(user));
    const known = cached && changeable(cached.value) && !this.expired(cached.value) ? cached : undefined;
    // Not Repository.updateIf: that reads before every write, where the first attempt here writes from the
    // cached copy, and a read here goes through currentDraft (expired drafts removed, the cache kept).
    return retryOnConflict(CHANGE_ATTEMPTS, async (attempt) => {
      const current = attempt === 1 && known ? known : await this.currentDraft(user);
      if (!current || !changeable(current.value)) return undefined;
      const plan = change(current.value);
      return { ...plan, saved: await this.save(plan.next, current.etag) };
    });
  }

  async askCancel(user: UserIdentity, draftId: string | undefined): Promise<ReportView> {
    const draft = (await this.currentDraft(user))?.value;
    return draft && draft.id === draftId ? { kind: 'confirmCancel', draft } : { kind: 'stale' };
  }

  async cancel(user: UserIdentity, draftId: string | undefined): Promise<ReportView> {
    const draft = (await this.currentDraft(user))?.value;
    if (!draft || draft.id !== draftId) return { kind: 'stale' };
    await this.deleteDraft(user);
    return { kind: 'cancelled' };
  }

  /**
   * "Skicka". Idempotent: the report's id is the draft's id, its reference is fixed on the draft before the
   * report is written, and report + history + alert event are one transaction. Of several presses at once
   * (a double click, two devices) the first to mark the draft files it and takes a reference; the others
   * wait for that report and show its confirmation, so one reference is used and no empty form appears.
   * A storage failure throws: the caller tells the user, and the draft is kept.
   */
  async submit(user: UserIdentity, draftId: string | undefined): Promise<ReportView> {
    if (typeof draftId !== 'string') return { kind: 'stale' };
    // Both reads at once: every round trip before the report is filed delays the chief's alert.
    const [existing, read] = await Promise.all([this.deps.reports.get(draftId), this.currentDraft(user)]);
    if (existing) return this.ownReport(existing, user);
    const marked = await this.markForFiling(user, draftId, read);
    if ('kind' in marked) return marked;
    let report: StoredReport;
    let created: boolean;
    try {
      // The burst check runs beside the reference (it never fails, and is bounded by BURST_CHECK_MS).
      const burstCheck = this.pastReportLimit(user);
      report = this.reportFrom(await this.withReference(marked), user);
      const burst = await burstCheck;
      created = await this.deps.reports.createSubmitted(report, submittedEvent(report, burst), {
        at: report.createdAt,
        by: userKey(user),
        action: 'submitted',
        detail: REPORT_STATUS_RECEIVED,
      });
    } catch (err) {
      if (err instanceof ConcurrencyError) {
        // The draft changed after this press marked it (edited on another device): file nothing stale.
        const filed = await this.deps.reports.get(draftId);
        return filed ? this.ownReport(filed, user) : { kind: 'stale' };
      }
      // Not filed: the next press must not wait for this one. Best effort (storage may be what failed).
      await this.unmarkSubmitting(user, draftId).catch(() => undefined);
      throw err;
    }
    // Filed: from here on the confirmation is shown even if tidying up fails (the report is what counts).
    await this.deleteDraft(user).catch(() => undefined);
    // Created just now: it is exactly `report`; otherwise an earlier attempt filed it, and that one counts.
    const stored = created
      ? report
      : ((await this.deps.reports.get(report.id).catch(() => undefined)) ?? report);
    return this.ownReport(stored, user);
  }

  /**
   * Marks the draft as being filed by this press (ETag-checked), or says what this press shows instead:
   * another press's outcome (the draft is gone or being filed), or the first incomplete step. A mark that
   * loses a race reads the draft again: another press marked it (wait for that one), or a double tap's
   * "Skicka nu" saved the same answers again before its own submit (this press may still be the one to file).
   * What it then files is the draft as stored, so an answer saved from another device in between is filed
   * too (as when that save lands before the first read).
   */
  private async markForFiling(
    user: UserIdentity,
    draftId: string,
    read: Versioned<Draft> | undefined,
  ): Promise<Versioned<Draft> | ReportView> {
    try {
      return await retryOnConflict(
        CHANGE_ATTEMPTS,
        async (attempt): Promise<Versioned<Draft> | ReportView> => {
          const current = attempt === 1 ? read : await this.currentDraft(user);
          if (!current || current.value.id !== draftId) return this.otherPressOutcome(user, draftId);
          const invalid = this.firstIncompleteStep(current.value);
          if (invalid !== undefined) {
            const draft = { ...current.value, step: invalid, fromReview: true };
            return { kind: 'step', draft: await this.save(draft, current.etag) };
          }
          if (this.beingSubmitted(current.value)) return this.otherPressOutcome(user, draftId);
          return this.markSubmitting(current);
        },
      );
    } catch (err) {
      if (!(err instanceof ConcurrencyError)) throw err;
      return this.otherPressOutcome(user, draftId); // lost every race: whoever won is filing it, or shows it
    }
  }

  /**
   * Whether this report is past its reporter's report limit (a burst). Never refuses and never fails a
   * submit: a slow or failing count means "not a burst", so the alert goes out at once.
   */
  private async pastReportLimit(user: UserIdentity): Promise<boolean> {
    if (!this.deps.limits) return false;
    try {
      const outcome = await withTimeout(this.deps.limits.take('report', userKey(user)), BURST_CHECK_MS);
      return outcome.kind === 'limited';
    } catch {
      return false;
    }
  }

  /** The first step (quick card included for a quick report) whose required answers are missing or invalid. */
  private firstIncompleteStep(draft: Draft): number | undefined {
    const steps = draft.quick ? [QUICK_STEP, ...REPORT_STEPS] : REPORT_STEPS;
    const args = [draft.values, this.deps.lists, this.now(), requiredFor(draft)] as const;
    const invalid = firstInvalidStep(steps, ...args);
    if (invalid === undefined || !draft.quick) return invalid;
    return invalid === 0 ? QUICK_STEP_INDEX : invalid - 1;
  }

  /** Who the last report she made for herself was about (body, party, role), still valid in today's lists. */
  private async fromLastReport(user: UserIdentity): Promise<ReportValues> {
    const last = (await this.myReports(user)).find((report) => report.values.reportingFor === 'self');
    if (!last) return {};
    const { victimBody, victimParty, reporterFunction } = last.values;
    return {
      ...(victimBody && this.deps.lists.bodies.includes(victimBody) ? { victimBody } : {}),
      ...(victimParty && this.deps.lists.parties.includes(victimParty) ? { victimParty } : {}),
      ...(reporterFunction ? { reporterFunction } : {}),
    };
  }

  /** Whether she has an unfinished report (the acute reply tells her it is kept). */
  async hasOpenDraft(user: UserIdentity): Promise<boolean> {
    return (await this.currentDraft(user)) !== undefined;
  }

  /** The user's own reports, newest first. */
  async myReports(user: UserIdentity): Promise<StoredReport[]> {
    const reports = await this.deps.reports.byReporter(userKey(user));
    return reports.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  private ownReport(report: StoredReport, user: UserIdentity): ReportView {
    return userKey(report.reporter) === userKey(user) ? { kind: 'submitted', report } : { kind: 'stale' };
  }

  private reportFrom(draft: Draft, user: UserIdentity): StoredReport {
    const at = this.now().toISOString();
    const self = draft.values.reportingFor === 'self';
    return {
      id: draft.id,
      reference: draft.reference!,
      status: REPORT_STATUS_RECEIVED,
      createdAt: at,
      updatedAt: at,
      reporter: user,
      ...(self ? { victim: user } : {}),
      values: draft.values,
    };
  }

  /** A press newer than SUBMIT_CLAIM_MS is filing the draft (an older mark is from a failed or crashed one). */
  private beingSubmitted(draft: Draft): boolean {
    return !!draft.submittingAt && this.now().getTime() - Date.parse(draft.submittingAt) < SUBMIT_CLAIM_MS;
  }

  /** Marks the draft as being filed, only if nobody changed it since it was read (ConcurrencyError if so). */
  private async markSubmitting({ value, etag }: Versioned<Draft>): Promise<Versioned<Draft>> {
    this.drafts.forget(value.ownerKey);
    const marked = { ...value, submittingAt: this.now().toISOString(), updatedAt: this.now().toISOString() };
    return this.remember({
      value: marked,
      etag: await this.deps.drafts.replace(value.ownerKey, DRAFT_ROW, marked, etag),
    });
  }

  private async unmarkSubmitting(user: UserIdentity, draftId: string): Promise<void> {
    const current = await this.deps.drafts.get(userKey(user), DRAFT_ROW);
    if (!current || current.value.id !== draftId) return;
    const draft = { ...current.value };
    delete draft.submittingAt;
    await this.save(draft, current.etag);
  }

  /** Fixes the draft's reference once: only the press that marked the draft takes a number. */
  private async withReference({ value: draft, etag }: Versioned<Draft>): Promise<Draft> {
    if (draft.reference) return draft;
    const reference = await this.references.allocate(this.now().getUTCFullYear());
    return this.save({ ...draft, reference }, etag);
  }

  /**
   * A press that found the draft filed, gone or being filed by another press: waits (briefly) for that
   * report and shows its confirmation again; "submitting" if it is not there yet.
   */
  private async otherPressOutcome(user: UserIdentity, draftId: string): Promise<ReportView> {
    const deadline = Date.now() + SECOND_PRESS_WAIT_MS;
    for (;;) {
      const report = await this.deps.reports.get(draftId);
      if (report) return this.ownReport(report, user);
      const draft = (await this.currentDraft(user))?.value;
      if (!draft || draft.id !== draftId) {
        // A press files the report before it deletes the draft: gone now may mean filed since the read above.
        const filed = await this.deps.reports.get(draftId);
        return filed ? this.ownReport(filed, user) : { kind: 'stale' };
      }
      // Not being filed any more and no report: that press failed (and said so); this one may try again.
      if (!this.beingSubmitted(draft)) return { kind: 'review', draft };
      if (Date.now() >= deadline) return { kind: 'submitting' };
      await new Promise((resolve) => setTimeout(resolve, SECOND_PRESS_POLL_MS));
    }
  }

  /** The user's open draft with its ETag, read from storage; an expired draft is removed and counts as none. */
  private async currentDraft(user: UserIdentity): Promise<Versioned<Draft> | undefined> {
    this.drafts.forget(userKey(user));
    const stored = await this.deps.drafts.get(userKey(user), DRAFT_ROW);
    if (!stored) return undefined;
    if (this.expired(stored.value)) {
      await this.deps.drafts.delete(userKey(user), DRAFT_ROW, stored.etag).catch(() => undefined);
      return undefined;
    }
    return this.remember(stored);
  }

  private expired(draft: Draft): boolean {
    return draft.expiresAt < this.now().toISOString();
  }

  private remember(draft: Versioned<Draft>): Versioned<Draft> {
    this.drafts.set(draft);
    return draft;
  }

  /** Forgotten here before storage is asked: a failed delete must not leave a copy that says it is there. */
  private async deleteDraft(user: UserIdentity): Promise<void> {
    this.drafts.forget(userKey(user));
    await this.deps.drafts.delete(userKey(user), DRAFT_ROW);
  }

  private async newDraft(
    user: UserIdentity,
    start: Pick<Draft, 'step' | 'values' | 'quick'> = { step: 0, values: {} },
  ): Promise<Draft> {
    const now = this.now();
    const draft: Draft = {
      id: randomUUID(),
      ownerKey: userKey(user),
      ...start,
      errors: {},
      revealed: [],
      fromReview: false,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + this.deps.draftExpiryDays * 86_400_000).toISOString(),
    };
    this.drafts.forget(draft.ownerKey);
    this.remember({ value: draft, etag: await this.deps.drafts.upsert(draft.ownerKey, DRAFT_ROW, draft) });
    return draft;
  }

  /**
   * Saves the draft only if nobody changed it since it was read (two devices, a double click, another
   * instance). The copy kept here is forgotten first: after a failed write it proves nothing.
   */
  private async save(draft: Draft, etag: string): Promise<Draft> {
    this.drafts.forget(draft.ownerKey);
    const updated = { ...draft, updatedAt: this.now().toISOString() };
    this.remember({
      value: updated,
      etag: await this.deps.drafts.replace(draft.ownerKey, DRAFT_ROW, updated, etag),
    });
    return updated;
  }
}

/** A quick report requires only its quick answers; the full dialog every answer Bilaga 4 marks required. */
function requiredFor(draft: Draft): ((field: FieldDef) => boolean) | undefined {
  if (!draft.quick) return undefined;
  return (field) => field.required === true && QUICK_REQUIRED.has(field.id);
}

function submittedEvent(report: StoredReport, burst: boolean): ReportSubmittedEvent {
  return {
    type: 'report-submitted',
    reportId: report.id,
    reference: report.reference,
    ...reportCodes(report),
    createdAt: report.createdAt,
    ...(burst ? { burst: true as const } : {}),
  };
}
