import { parseCardData } from '../core/actionData';
import type { Locale } from '../core/config';
import { isSecurityStaff, type UserIdentity } from '../core/identity';
import { normalizeText } from '../core/text/normalize';
import type { Capability, Responder, TurnInput } from '../core/turn';
import { editData, linkData, openData, type EditData } from './caseActionData';
import { CASE_VERBS, type CaseCards } from './caseCards';
import type { CaseRepository } from './caseRepository';
import { viewerOf, type CaseScreens } from './caseScreens';
import type { CaseStatistics } from './caseStatistics';
import { claimViewer } from './caseFiles';
import { statusTitle } from './domain/status';
import { caseText } from './messages';
import type { LinkClaim } from './signedLinks';

/** Exact commands (normalised: lower case, no å/ä/ö), so guidance questions are never taken. */
const CASES_COMMAND =
  /^(visa )?(arenden|arendet|alla arenden|alla rapporter|rapporter|incidentrapporter|arendehantering|cases|case management|all reports|reports|incident reports)$/;
const STATS_COMMAND = /^(visa )?(statistik|statistics|show statistics|incidentstatistik)$/;

export interface CaseActionsDeps {
  cards: CaseCards;
  screens: CaseScreens;
  statistics: CaseStatistics;
  repository: CaseRepository;
  fileUrl: (claim: LinkClaim) => Promise<string>;
  linkMinutes: number;
  today: () => string;
  /** Tells the reporter about a status change of their case in their 1:1 chat (best effort). */
  tellReporter?: (reporter: UserIdentity, text: (locale: Locale) => string) => Promise<void>;
}

/** What the reporter is told when the security function changes the status of her case. */
function statusNotice(reference: string, status: string, locale: Locale): string {
  return locale === 'sv'
    ? `Din rapport ${reference} har fått ny status: ${statusTitle(status, 'sv')}.`
    : `Your report ${reference} has a new status: ${statusTitle(status, 'en')}.`;
}

/** The typed texts of the detail card, kept on a card that comes back (stale, invalid). */
const draftsOf = (data: EditData) => ({ reason: data.reason, measures: data.measures, note: data.note });

/** The cases capability: its text commands and card verbs, each parsing its card data at the edge. */
export function createCaseActions(deps: CaseActionsDeps): Capability {
  const { screens, repository } = deps;

  async function open(turn: TurnInput, reply: Responder): Promise<void> {
    const { reportId } = parseCardData(openData, turn.action?.data);
    const found = await repository.open(viewerOf(turn), reportId);
    if (found.kind !== 'ok') return screens.notFoundOrForbidden(turn, reply, found.kind);
    await screens.detail(turn, reply, found.view);
  }

  async function exportLink(turn: TurnInput, reply: Responder): Promise<void> {
    const t = caseText(turn.locale);
    if (!isSecurityStaff(turn.roles)) return screens.refuse(turn, reply, t.exportDocumentDenied);
    const { reportId } = parseCardData(openData, turn.action?.data);
    const found = await repository.open(viewerOf(turn), reportId, 'export');
    if (found.kind !== 'ok') return screens.notFoundOrForbidden(turn, reply, found.kind);
    const url = await deps.fileUrl({
      kind: 'export',
      reportId: found.view.report.id,
      ...claimViewer(viewerOf(turn)),
    });
    await reply.card(deps.cards.exportLink(found.view.report.reference, url, deps.linkMinutes, turn.locale));
  }

  return {
    name: 'cases',
    personalOnly: true,
    needsIdentity: true,
    recognizesText: (turn) => {
      const said = normalizeText(turn.text ?? '');
      return STATS_COMMAND.test(said) || CASES_COMMAND.test(said);
    },
    actions: {
      [CASE_VERBS.menu]: (turn, reply) => screens.menu(turn, reply),
      [CASE_VERBS.list]: (turn, reply) => screens.list(turn, reply),
      [CASE_VERBS.open]: open,
      ...caseEditActions(deps),
      [CASE_VERBS.stats]: (turn, reply) =>
        deps.statistics.show(turn, reply, deps.statistics.periodFrom(turn.action?.data)),
      [CASE_VERBS.export]: exportLink,
    },
    async onText(turn, reply) {
      const said = normalizeText(turn.text ?? '');
      if (STATS_COMMAND.test(said)) {
        // The current year to date: a report that just arrived is counted (last quarter would show 0).
        const today = deps.today();
        await deps.statistics.show(turn, reply, { from: `${today.slice(0, 4)}-01-01`, to: today });
        return true;
      }
      if (!CASES_COMMAND.test(said)) return false;
      await screens.menu(turn, reply);
      return true;
    },
  };
}

/** The security staff's edits of a case (status, measures, note, link decision), each ETag-checked. */
function caseEditActions(deps: CaseActionsDeps): Capability['actions'] {
  const { screens, repository } = deps;

  async function changeStatus(turn: TurnInput, reply: Responder): Promise<void> {
    const data = parseCardData(editData, turn.action?.data);
    const result = await repository.changeStatus(
      viewerOf(turn),
      data.reportId,
      data.etag,
      data.statusTo,
      data.reason,
    );
    if (result.kind === 'saved') {
      const { report } = result.view;
      // The reason stays in the case file: the reporter hears the new status, not the internal note.
      await deps.tellReporter?.(report.reporter, (locale) =>
        statusNotice(report.reference, report.status, locale),
      );
    }
    await screens.afterEdit(turn, reply, result, draftsOf(data));
  }

  async function saveMeasures(turn: TurnInput, reply: Responder): Promise<void> {
    const data = parseCardData(editData, turn.action?.data);
    const result = await repository.saveMeasures(viewerOf(turn), data.reportId, data.etag, data.measures);
    await screens.afterEdit(turn, reply, result, draftsOf(data));
  }

  async function addNote(turn: TurnInput, reply: Responder): Promise<void> {
    const data = parseCardData(editData, turn.action?.data);
    const result = await repository.addNote(viewerOf(turn), data.reportId, data.note);
    const drafts = draftsOf(data);
    await screens.afterEdit(turn, reply, result, result.kind === 'saved' ? { ...drafts, note: '' } : drafts);
  }

  async function decideLink(turn: TurnInput, reply: Responder): Promise<void> {
    const data = parseCardData(linkData, turn.action?.data);
    const result = await repository.decideLink(viewerOf(turn), data.reportId, data.otherId, data.decision);
    await screens.afterEdit(turn, reply, result, {});
  }

  return {
    [CASE_VERBS.status]: changeStatus,
    [CASE_VERBS.measures]: saveMeasures,
    [CASE_VERBS.note]: addNote,
    [CASE_VERBS.link]: decideLink,
  };
}
