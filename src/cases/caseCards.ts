import { asUserText, type AdaptiveCard, type CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { localDateTime, roleNames, type RoleNames, type RoleTitle } from '../core/i18n';
import { REPORT_STEPS, choiceTitles, type FieldDef } from '../report/domain/bilaga4';
import { isVisible, stepsWithMissingAnswers, type ConfiguredLists } from '../report/domain/validation';
import type { CaseSummary, CaseView } from './caseRepository';
import { LINK_REASON_TITLES, type LinkSuggestion } from './domain/linking';
import { MIN_CELL, type Count, type Statistics } from './domain/statistics';
import { CASE_STATUSES, nextStatuses, statusTitle } from './domain/status';
import { CASE_VERBS } from './domain/verbs';
import { caseText } from './messages';
import type { CaseButton, CaseFileBlock, LinkedBlock, ManageBlock, SuggestionsBlock } from './caseCardData';

/** The "all" choice of a filter (a choice needs a non-empty value). */
export const ANY = 'all';

export { CASE_VERBS };

/**
 * A card says at most this much of one answer (the export has every character); a report with many long
 * answers is shown with shorter clips, so the card always stays under Teams' message limit.
 */
const ANSWER_CLIPS = [1_200, 600, 300, 120];
const CARD_BUDGET_BYTES = 26 * 1024;
const HISTORY_SHOWN = 12;

const button = (
  title: string,
  payload: Record<string, unknown>,
  style: CaseButton['style'] = 'default',
  associatedInputs: CaseButton['associatedInputs'] = 'none',
): CaseButton => ({ title, payload, style, associatedInputs });

export interface DetailExtras {
  notice?: Notice;
  suggested?: LinkSuggestion[];
  linked?: CaseSummary[];
  /** What the user typed into the inputs, put back after a refused or stale submit (no input is lost). */
  drafts?: Record<string, string>;
}

export interface Notice {
  text: string;
  style: 'good' | 'attention' | 'default';
}

/** Builds the case-management cards; user text only ever travels as data through asUserText. */
export class CaseCards {
  constructor(
    private readonly cards: CardRenderer,
    private readonly lists: ConfiguredLists,
    /** The configured security role's name (SECURITY_CONTACT_TITLE), for the texts that name it. */
    private readonly roleTitle: RoleTitle,
  ) {}

  role(locale: Locale): RoleNames {
    return roleNames(this.roleTitle, locale);
  }

  menu(locale: Locale, period: { from: string; to: string }): AdaptiveCard {
    const t = caseText(locale);
    const any = { title: t.any, value: ANY };
    const kinds = kindChoices(locale);
    return this.cards.render('case-menu', {
      title: t.menuTitle(this.role(locale)),
      intro: t.menuIntro,
      statusLabel: t.status,
      statusChoices: [any, ...CASE_STATUSES.map((s) => ({ title: statusTitle(s, locale), value: s }))],
      partyLabel: t.party,
      partyChoices: [any, ...this.lists.parties.map((p) => ({ title: p, value: p }))],
      kindLabel: t.kind,
      kindChoices: [any, ...kinds],
      fromLabel: t.from,
      from: period.from,
      toLabel: t.to,
      to: period.to,
      actions: [
        button(t.showCases, { verb: CASE_VERBS.list, lang: locale }, 'positive', 'auto'),
        button(t.statsForPeriod, { verb: CASE_VERBS.stats, lang: locale }, 'default', 'auto'),
        button(t.statsLastQuarter, { verb: CASE_VERBS.stats, quarter: 'previous', lang: locale }),
      ],
    });
  }

  list(items: CaseSummary[], total: number, locale: Locale, title?: string, manage = true): AdaptiveCard {
    const t = caseText(locale);
    return this.cards.render('case-list', {
      title: title ?? t.listTitle,
      subtitle: items.length > 0 ? t.listCount(items.length, total) : null,
      empty: items.length === 0 ? t.listEmpty : null,
      items: items.map((item) => ({
        reference: item.reference,
        line: [
          item.createdAt.slice(0, 10),
          statusTitle(item.status, locale),
          item.party,
          choiceTitles('kinds', item.kinds, locale),
          choiceTitles('channel', item.channel, locale),
        ]
          .filter(Boolean)
          .join(' · '),
        open: button(t.open, { verb: CASE_VERBS.open, reportId: item.id, lang: locale }),
      })),
      actions: manage ? [button(t.menu, { verb: CASE_VERBS.menu, lang: locale })] : [],
    });
  }

  /** One report: every answer by Bilaga 4 section, the case file, history, and what the viewer may do. */
  detail(view: CaseView, locale: Locale, extras: DetailExtras = {}): AdaptiveCard {
    let card: AdaptiveCard | undefined;
    for (const clip of ANSWER_CLIPS) {
      card = this.detailClipped(view, locale, extras, clip);
      if (Buffer.byteLength(JSON.stringify(card)) < CARD_BUDGET_BYTES) break;
    }
    return card!;
  }

  /** A quick report leaves Bilaga 4 questions unanswered: the security function sees which, to ask about them. */
  private missing(values: Record<string, string>, locale: Locale): Array<{ title: string; value: string }> {
    const steps = stepsWithMissingAnswers(REPORT_STEPS, values);
    if (steps.length === 0) return [];
    return [{ title: caseText(locale).missing, value: steps.map((step) => step.title[locale]).join(', ') }];
  }

  private detailClipped(view: CaseView, locale: Locale, extras: DetailExtras, clip: number): AdaptiveCard {
    const t = caseText(locale);
    const { report, access } = view;
    const manage = access === 'security';
    return this.cards.render('case-detail', {
      title: t.reportTitle(report.reference),
      notice: extras.notice ? extras.notice.text : null,
      noticeColor:
        extras.notice?.style === 'attention'
          ? 'Attention'
          : extras.notice?.style === 'good'
            ? 'Good'
            : 'Default',
      facts: [
        { title: t.status, value: statusTitle(report.status, locale) },
        { title: t.received, value: localDateTime(report.createdAt) },
        { title: t.party, value: report.values.victimParty ?? '–' },
        ...this.missing(report.values, locale),
      ],
      sections: REPORT_STEPS.map((step) => ({
        title: step.title[locale],
        answers: step.fields
          .filter((field) => isVisible(field, report.values) && report.values[field.id])
          .map((field) => ({
            label: field.label[locale],
            value: asUserText(this.display(field, report.values[field.id]!, locale), clip),
          })),
      })).filter((section) => section.answers.length > 0),
      caseFile: access === 'reporter' ? null : this.caseFileBlock(view, locale, clip),
      linked: this.linkedBlock(extras, locale),
      suggestions: manage ? this.suggestionsBlock(view, extras, locale) : null,
      manage: manage ? this.manageBlock(view, locale, extras.drafts ?? {}) : null,
      actions: [
        ...(manage ? [button(t.export, { verb: CASE_VERBS.export, reportId: report.id, lang: locale })] : []),
        ...(access !== 'reporter' ? [button(t.backToList, { verb: CASE_VERBS.list, lang: locale })] : []),
      ],
    });
  }

  /** The case file (measures and the latest history) for the security staff and the chief's deputy. */
  private caseFileBlock(view: CaseView, locale: Locale, clip: number): CaseFileBlock {
    const t = caseText(locale);
    const { report } = view;
    return {
      title: t.caseFileTitle,
      measuresTitle: t.measuresTitle,
      measures: asUserText(report.caseFile?.measures || t.noMeasures, clip),
      historyTitle: t.historyTitle,
      history: view.history.slice(-HISTORY_SHOWN).map((entry) => ({
        line: `${localDateTime(entry.at)} · ${asUserText(entry.by, 80)} · ${t.history[entry.action] ?? entry.action}`,
        detail: entry.detail ? asUserText(entry.detail, Math.min(300, clip)) : null,
      })),
    };
  }

  /** The reports confirmed as linked to this one, each with its "Öppna" button; null when there are none. */
  private linkedBlock(extras: DetailExtras, locale: Locale): LinkedBlock | null {
    const t = caseText(locale);
    if ((extras.linked ?? []).length === 0) return null;
    return {
      title: t.linkedTitle,
      items: (extras.linked ?? []).map((item) => ({
        reference: item.reference,
        open: button(t.open, { verb: CASE_VERBS.open, reportId: item.id, lang: locale }),
      })),
    };
  }

  /** Possibly related reports to confirm or dismiss as linked (the security staff only); null when none. */
  private suggestionsBlock(view: CaseView, extras: DetailExtras, locale: Locale): SuggestionsBlock | null {
    const t = caseText(locale);
    const base = { reportId: view.report.id, etag: view.etag, lang: locale };
    if ((extras.suggested ?? []).length === 0) return null;
    return {
      title: t.linksTitle,
      items: (extras.suggested ?? []).slice(0, 5).map((s) => ({
        reference: s.reference,
        reasons: s.reasons.map((reason) => LINK_REASON_TITLES[reason][locale]).join(', '),
        actions: [
          button(t.open, { verb: CASE_VERBS.open, reportId: s.id, lang: locale }),
          button(
            t.confirmLink,
            { verb: CASE_VERBS.link, ...base, otherId: s.id, decision: 'confirmed' },
            'positive',
          ),
          button(t.dismissLink, {
            verb: CASE_VERBS.link,
            ...base,
            otherId: s.id,
            decision: 'dismissed',
          }),
        ],
      })),
    };
  }

  /** The status change, measures and note inputs, keeping what was typed on a card that comes back. */
  private manageBlock(
    view: CaseView,
    locale: Locale,
    drafts: NonNullable<DetailExtras['drafts']>,
  ): ManageBlock {
    const t = caseText(locale);
    const { report } = view;
    const base = { reportId: report.id, etag: view.etag, lang: locale };
    return {
      statusTitle: t.changeStatus,
      statusLabel: t.newStatus,
      statusChoices: nextStatuses(report.status).map((s) => ({
        title: statusTitle(s, locale),
        value: s,
      })),
      reasonLabel: t.reason,
      reasonPlaceholder: t.reasonPlaceholder,
      reason: drafts.reason ?? '',
      statusButton: button(t.changeStatus, { verb: CASE_VERBS.status, ...base }, 'positive', 'auto'),
      measuresLabel: t.measuresTitle,
      measures: drafts.measures ?? report.caseFile?.measures ?? '',
      measuresButton: button(t.saveMeasures, { verb: CASE_VERBS.measures, ...base }, 'default', 'auto'),
      noteLabel: t.note,
      note: drafts.note ?? '',
      noteButton: button(t.addNote, { verb: CASE_VERBS.note, ...base }, 'default', 'auto'),
    };
  }

  private display(field: FieldDef, value: string, locale: Locale): string {
    if (field.kind !== 'choice' && field.kind !== 'multichoice') return value;
    return choiceTitles(field.id, value, locale);
  }

  statistics(statistics: Statistics, locale: Locale, chart: { imageUrl: string } | null): AdaptiveCard {
    const t = caseText(locale);
    const table = (title: string, counts: Count[], label: (key: string) => string = (k) => k) => ({
      title,
      facts: counts.map((count) => ({ title: label(count.key), value: String(count.count) })),
    });
    return this.cards.render('case-stats', {
      title: t.statsTitle,
      period: t.statsPeriod(statistics.period.from, statistics.period.to),
      total: t.statsTotal(statistics.total),
      imageUrl: chart?.imageUrl ?? null,
      imageAlt: t.chartAlt,
      chartMissing: chart ? null : t.chartMissing,
      tables: [
        table(statistics.timeUnit === 'quarter' ? t.byQuarter : t.byMonth, statistics.byMonth),
        table(t.byKind, statistics.byKind, (code) => choiceTitles('kinds', code, locale)),
        table(t.byChannel, statistics.byChannel, (code) => choiceTitles('channel', code, locale)),
        table(t.byParty, statistics.byParty),
        table(t.byBody, statistics.byBody),
      ],
      notes: [t.statsKindsNote, t.statsPrivacy, ...(statistics.timeUnit ? [t.statsCoarse(MIN_CELL)] : [])],
      links: chart ? [{ title: t.downloadChart, url: chart.imageUrl }] : [],
      actions: [button(t.menu, { verb: CASE_VERBS.menu, lang: locale })],
    });
  }

  exportLink(reference: string, url: string, minutes: number, locale: Locale): AdaptiveCard {
    const t = caseText(locale);
    return this.cards.render('case-export', {
      title: t.exportTitle(reference),
      lines: t.exportLines(minutes),
      openTitle: t.openExport,
      url,
    });
  }

  message(title: string, lines: string[], actions: CaseButton[]): AdaptiveCard {
    return this.cards.render('case-message', { title, lines, actions });
  }
}

export function kindChoices(locale: Locale): Array<{ title: string; value: string }> {
  const field = REPORT_STEPS.flatMap((s) => s.fields).find((f) => f.id === 'kinds');
  return field?.choices && 'fixed' in field.choices
    ? field.choices.fixed.map((c) => ({ title: c[locale], value: c.value }))
    : [];
}
