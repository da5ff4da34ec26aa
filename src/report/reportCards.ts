import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Organisation } from '../core/organisation';
import { howToReach, localDateTime, messagesFor, securityRole, whoWillContact } from '../core/i18n';
import type { Locale, SecurityContact } from '../core/config';
import {
  QUICK_REQUIRED,
  QUICK_STEP_INDEX,
  REPORT_STEPS,
  labelFor,
  stepAt,
  type FieldDef,
} from './domain/bilaga4';
import { policeSheet } from './domain/policeSheet';
import { adviceTopicFor } from './domain/quickReport';
import { isOnStepCard, isVisible, type ConfiguredLists } from './domain/validation';
import { reportText } from './messages';
import type { ReportButton, StepFieldData } from './reportCardData';
import { REVIEW_STEP, type Draft } from './reportService';
import type { StoredReport } from './reportStore';
import { REPORT_VERBS } from './domain/verbs';
import { GUIDANCE_VERBS } from '../guidance/domain/verbs';

export { REPORT_VERBS };

/** The review shows long answers clipped; the stored report keeps every character. */
const REVIEW_VALUE_CHARS = 300;

const button = (
  title: string,
  payload: Record<string, unknown>,
  style: ReportButton['style'] = 'default',
  associatedInputs: ReportButton['associatedInputs'] = 'none',
): ReportButton => ({ title, payload, style, associatedInputs });

function chunks<T>(items: T[], size: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += size) rows.push(items.slice(i, i + size));
  return rows;
}

/** Builds the incident-report cards from the dialog's state; all texts from data and dictionaries. */
export class ReportCards {
  constructor(
    private readonly cards: CardRenderer,
    private readonly lists: ConfiguredLists,
    private readonly organisation: Organisation,
    private readonly contact: SecurityContact,
  ) {}

  step(draft: Draft, locale: Locale): AdaptiveCard {
    if (draft.step === QUICK_STEP_INDEX) return this.quickStep(draft, locale);
    const t = reportText(locale);
    const definition = REPORT_STEPS[draft.step]!;
    const base = { verb: REPORT_VERBS.step, draftId: draft.id, step: draft.step, lang: locale };
    const last = draft.step === REVIEW_STEP - 1 || draft.fromReview;
    const progress = t.progress(draft.step + 1, REVIEW_STEP);
    return this.cards.render('report-step', {
      progress: draft.quick ? t.completeProgress(progress) : progress,
      title: definition.title[locale],
      notice: draft.revealed.length > 0 ? t.revealed : null,
      errorSummary: Object.keys(draft.errors).length > 0 ? t.errorSummary : null,
      fields: definition.fields
        .filter((field) => isOnStepCard(field, definition, draft.values))
        .map((field) => this.field(field, draft, locale)),
      actions: [
        button(last ? t.toReview : t.next, { ...base, move: 'next' }, 'positive', 'auto'),
        // A quick report can be sent from any step: the rest of Bilaga 4 is optional.
        ...(draft.quick ? [button(t.sendNow, { ...base, move: 'send' }, 'positive', 'auto')] : []),
        ...((draft.step > 0 || draft.quick) && !draft.fromReview
          ? [button(t.back, { ...base, move: 'back' }, 'default', 'auto')]
          : []),
        button(t.saveLater, { ...base, move: 'save' }, 'default', 'auto'),
        button(t.cancel, { verb: REPORT_VERBS.askCancel, draftId: draft.id, lang: locale }, 'destructive'),
      ],
      acuteFooter: messagesFor(locale).acuteFooter,
    });
  }

  /** The quick report: one short card prefilled from her words, "Skicka nu", and "Komplettera" for the rest. */
  private quickStep(draft: Draft, locale: Locale): AdaptiveCard {
    const t = reportText(locale);
    const base = { verb: REPORT_VERBS.step, draftId: draft.id, step: draft.step, lang: locale };
    // Body and party route the alert: asked here only when her last report did not already say them.
    const fields = stepAt(QUICK_STEP_INDEX)!.fields.filter(
      (field) =>
        !['victimBody', 'victimParty'].includes(field.id) ||
        !draft.values[field.id] ||
        draft.errors[field.id] !== undefined,
    );
    return this.cards.render('report-step', {
      progress: t.quickProgress,
      title: stepAt(QUICK_STEP_INDEX)!.title[locale],
      notice: t.quickNotice,
      errorSummary: Object.keys(draft.errors).length > 0 ? t.errorSummary : null,
      fields: fields.map((field) => this.field(field, draft, locale)),
      actions: [
        button(t.sendNow, { ...base, move: 'send' }, 'positive', 'auto'),
        button(t.complete, { ...base, move: 'complete' }, 'default', 'auto'),
        // Telling what happened is not asking what to do: the guideline's advice is one press away.
        button(t.advice, {
          verb: GUIDANCE_VERBS.topic,
          topicId: adviceTopicFor(draft.values.channel),
          lang: locale,
        }),
        button(t.saveLater, { ...base, move: 'save' }, 'default', 'auto'),
        button(t.cancel, { verb: REPORT_VERBS.askCancel, draftId: draft.id, lang: locale }, 'destructive'),
      ],
      acuteFooter: messagesFor(locale).acuteFooter,
    });
  }

  private field(field: FieldDef, draft: Draft, locale: Locale): StepFieldData {
    // A follow-up on the card before its answer makes it relevant gets no "*": "Om ja" says when.
    const required =
      field.required === true &&
      (!draft.quick || QUICK_REQUIRED.has(field.id)) &&
      isVisible(field, draft.values);
    return {
      id: field.id,
      // Required is checked on the server (with a message beside the field); a client-side check would also
      // block "Tillbaka" and "Spara och fortsätt senare", which must keep half-filled cards.
      label: required ? `${labelFor(field, draft.values, locale)} *` : labelFor(field, draft.values, locale),
      value: draft.values[field.id] ?? '',
      isRequired: false,
      isText: field.kind === 'text',
      isTextarea: field.kind === 'textarea',
      isChoice: field.kind === 'choice',
      isMultiChoice: field.kind === 'multichoice',
      isDate: field.kind === 'date',
      isTime: field.kind === 'time',
      maxLength: field.maxLength ?? 0,
      choices: this.choices(field, locale),
      error: draft.errors[field.id] ?? null,
    };
  }

  private choices(field: FieldDef, locale: Locale): Array<{ title: string; value: string }> {
    if (!field.choices) return [];
    if ('fixed' in field.choices)
      return field.choices.fixed.map((c) => ({ title: c[locale], value: c.value }));
    return this.lists[field.choices.configured].map((value) => ({ title: value, value }));
  }

  /** Every answer, by section, with the label of the chosen option rather than its code. */
  review(draft: Draft, locale: Locale): AdaptiveCard {
    const t = reportText(locale);
    const sections = REPORT_STEPS.map((step, index) => ({
      title: step.title[locale],
      answers: step.fields
        .filter((field) => isVisible(field, draft.values) && draft.values[field.id])
        .map((field) => ({
          label: labelFor(field, draft.values, locale),
          value: asUserText(this.display(field, draft.values[field.id]!, locale), REVIEW_VALUE_CHARS),
        })),
      edit: button(t.edit, { verb: REPORT_VERBS.edit, draftId: draft.id, step: index, lang: locale }),
    }));
    // A step with nothing filled in is one line with its button, not an empty section.
    const empty = sections.filter((section) => section.answers.length === 0);
    return this.cards.render('report-review', {
      title: t.reviewTitle,
      intro: t.reviewIntro(securityRole(this.contact, locale)),
      sections: sections.filter((section) => section.answers.length > 0),
      unanswered:
        empty.length === 0
          ? null
          : {
              text: t.unanswered(empty.map((section) => section.title).join(', ')),
              // Rows of at most three: an ActionSet holds at most five buttons, and three fit a phone.
              rows: chunks(
                empty.map((section) => ({ ...section.edit, title: t.fillIn(section.title) })),
                3,
              ).map((edits) => ({ edits })),
            },
      actions: [
        button(t.send, { verb: REPORT_VERBS.submit, draftId: draft.id, lang: locale }, 'positive'),
        button(t.cancel, { verb: REPORT_VERBS.askCancel, draftId: draft.id, lang: locale }, 'destructive'),
      ],
      acuteFooter: messagesFor(locale).acuteFooter,
    });
  }

  private display(field: FieldDef, value: string, locale: Locale): string {
    if (field.kind !== 'choice' && field.kind !== 'multichoice') return value;
    const titles = new Map(this.choices(field, locale).map((c) => [c.value, c.title]));
    return value
      .split(',')
      .map((code) => titles.get(code.trim()) ?? code)
      .join(', ');
  }

  resumeOffer(draft: Draft, locale: Locale): AdaptiveCard {
    const t = reportText(locale);
    const where = draft.step >= REVIEW_STEP ? t.reviewTitle : t.progress(draft.step + 1, REVIEW_STEP);
    const date = draft.updatedAt.slice(0, 10);
    return this.message(
      t.resumeTitle,
      [t.resumeLine(where, date)],
      [
        button(t.resume, { verb: REPORT_VERBS.resume, lang: locale }, 'positive'),
        button(t.restart, { verb: REPORT_VERBS.restart, lang: locale }),
      ],
    );
  }

  saved(locale: Locale, draftExpiryDays: number): AdaptiveCard {
    const t = reportText(locale);
    return this.message(
      t.savedTitle,
      t.savedLines.map((line) => line.replace('{days}', String(draftExpiryDays))),
      [button(t.resume, { verb: REPORT_VERBS.resume, lang: locale }, 'positive')],
    );
  }

  confirmCancel(draft: Draft, locale: Locale): AdaptiveCard {
    const t = reportText(locale);
    return this.message(
      t.confirmCancelTitle,
      [t.confirmCancelLine],
      [
        button(
          t.confirmCancelYes,
          { verb: REPORT_VERBS.cancel, draftId: draft.id, lang: locale },
          'destructive',
        ),
        button(t.confirmCancelNo, { verb: REPORT_VERBS.resume, lang: locale }, 'positive'),
      ],
    );
  }

  cancelled(locale: Locale): AdaptiveCard {
    const t = reportText(locale);
    return this.message(
      t.cancelledTitle,
      [t.cancelledLine],
      [button(t.newReport, { verb: REPORT_VERBS.start, lang: locale })],
    );
  }

  stale(locale: Locale): AdaptiveCard {
    const t = reportText(locale);
    return this.message(
      t.staleTitle,
      [t.staleLine],
      [
        button(t.resume, { verb: REPORT_VERBS.resume, lang: locale }, 'positive'),
        button(t.myReports, { verb: REPORT_VERBS.mine, lang: locale }),
      ],
    );
  }

  confirmation(report: StoredReport, locale: Locale): AdaptiveCard {
    const t = reportText(locale);
    return this.cards.render('report-confirmation', {
      title: t.confirmationTitle,
      referenceLabel: t.referenceLabel,
      reference: report.reference,
      statusLabel: t.statusLabel,
      status: report.status,
      submittedLabel: t.submittedLabel,
      submitted: localDateTime(report.createdAt),
      nextStepsTitle: t.nextStepsTitle,
      nextSteps: [
        whoWillContact(this.contact, locale, new Date(report.createdAt)),
        ...howToReach(this.contact, locale),
        ...t.nextSteps,
        report.values.policeReported === 'yes' ? t.policeReported : t.policeNotReported,
      ],
      acuteFooter: messagesFor(locale).acuteFooter,
      actions: [button(t.myReports, { verb: REPORT_VERBS.mine, lang: locale })],
    });
  }

  policeSheet(report: StoredReport, locale: Locale): AdaptiveCard {
    const sheet = policeSheet(report.values, locale, this.organisation);
    const sv = locale === 'sv';
    return this.cards.render('report-police-sheet', {
      title: sv
        ? `Inför polisanmälan – ${report.reference}`
        : `Preparing the police report – ${report.reference}`,
      intro: sv
        ? 'Det här är vad polisen kommer att fråga efter, ifyllt från din rapport. Ta med det när du anmäler.'
        : 'This is what the police will ask for, filled in from your report. Have it ready when you report.',
      howTitle: sv ? 'Så gör du en anmälan' : 'How to report',
      how: sheet.how,
      tellTitle: sv ? 'Berätta för polisen' : 'Tell the police',
      tell: sheet.tell.map((point) => ({ heading: point.heading, text: asUserText(point.text, 4_500) })),
      source: sv ? 'Källa: Bilaga 3 och Bilaga 1' : 'Source: Bilaga 3 and Bilaga 1',
    });
  }

  list(reports: StoredReport[], locale: Locale): AdaptiveCard {
    const t = reportText(locale);
    return this.cards.render('report-list', {
      title: t.listTitle,
      empty: reports.length === 0 ? t.listEmpty : null,
      contact: howToReach(this.contact, locale),
      reports: reports.slice(0, 20).map((report) => ({
        reference: report.reference,
        date: report.createdAt.slice(0, 10),
        status: report.status,
        handler: report.takenBy ? t.takenBy(report.takenBy.name) : null,
        summary: asUserText(report.values.description ?? '', 120),
      })),
      actions: [button(t.newReport, { verb: REPORT_VERBS.start, lang: locale })],
    });
  }

  private message(title: string, lines: string[], actions: ReportButton[]): AdaptiveCard {
    return this.cards.render('report-message', { title, lines, actions });
  }
}
