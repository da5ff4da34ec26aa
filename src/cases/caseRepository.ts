import { isGuid } from '../core/config/lists';
import { userKey } from '../core/identity';
import { swedishDate } from '../core/i18n';
import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type Repository } from '../core/storage';
import { fold } from '../core/text/normalize';
import { containsPersonalIdentityNumber } from '../core/text/personalIdentityNumber';
import { reportCodes, type HistoryEntry, type ReportStore, type StoredReport } from '../report';
import {
  accessTo,
  isLoggedRead,
  mayManage,
  maySeeCaseFile,
  mayUseSecurityTools,
  roleName,
  type Access,
  type Viewer,
} from './domain/access';
import { suggestLinks, type LinkDecision, type LinkFacts, type LinkSuggestion } from './domain/linking';
import { computeStatistics, type Period, type Statistics, type StatisticsOrder } from './domain/statistics';
import { transitionProblem, type TransitionProblem } from './domain/status';

/** One logged read: who (id, name, role), when, which report, and how (open, list, export). */
export interface AccessLogEntry {
  reportId: string;
  reference: string;
  at: string;
  viewerKey: string;
  viewerName: string;
  role: string;
  action: 'open' | 'list' | 'export' | 'download';
}

export interface CaseSummary {
  id: string;
  reference: string;
  createdAt: string;
  status: string;
  party: string;
  body: string;
  kinds: string;
  channel: string;
}

export interface CaseView {
  report: StoredReport;
  etag: string;
  access: Access;
  /** Empty for the reporter, who sees the answers and the status only. */
  history: HistoryEntry[];
}

export interface CaseFilter {
  status?: string;
  party?: string;
  kind?: string;
  /** Submission date range, inclusive, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export type Found = { kind: 'ok'; view: CaseView } | { kind: 'notFound' } | { kind: 'forbidden' };

export type EditResult =
  | { kind: 'saved'; view: CaseView }
  | { kind: 'stale'; view: CaseView }
  | { kind: 'invalid'; problem: EditProblem; view: CaseView }
  | { kind: 'notFound' }
  | { kind: 'forbidden' };

export type EditProblem = TransitionProblem | 'tooLong' | 'empty' | 'unknownLink' | 'personalIdentityNumber';

export const MAX_NOTE_CHARS = 4000;
const PERPETRATOR_FIELDS = [
  'gender',
  'approximateAge',
  'build',
  'dialect',
  'distinguishingMarks',
  'groupWhich',
];

export interface CaseRepositoryDeps {
  reports: ReportStore;
  accessLog: Repository<AccessLogEntry>;
  now?: () => Date;
}

/**
 * The case data layer. Every read and write takes the viewer (identity and roles of the authenticated turn) and
 * returns only what that viewer may see: access is decided here, not in the cards, so no handler can forget it.
 * Every read by someone other than the reporter is written to the access log before the data is returned.
 */
export class CaseRepository {
  constructor(private readonly deps: CaseRepositoryDeps) {}

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  /** The reports the viewer may see that match the filter, newest first; the listed ones are logged. */
  async list(
    viewer: Viewer,
    filter: CaseFilter = {},
    limit = 20,
  ): Promise<{ items: CaseSummary[]; total: number }> {
    const visible = (await this.deps.reports.all())
      .map(({ report }) => report)
      .filter((report) => accessTo(viewer, subject(report)) !== 'none')
      .filter((report) => matches(report, filter))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    const items = visible.slice(0, limit);
    await Promise.all(items.map((report) => this.logRead(viewer, report, 'list')));
    return { items: items.map(summaryOf), total: visible.length };
  }

  /** One report with its history, if the viewer may see it. The report id is untrusted input. */
  async open(viewer: Viewer, reportId: string, action: AccessLogEntry['action'] = 'open'): Promise<Found> {
    const found = await this.find(viewer, reportId);
    if (found.kind === 'ok') await this.logRead(viewer, found.view.report, action);
    return found;
  }

  /** The role-checked read without a log entry: for an edit, whose own history entry says who and when. */
  private async find(viewer: Viewer, reportId: string): Promise<Found> {
    if (!isGuid(reportId)) return { kind: 'notFound' };
    const found = await this.deps.reports.getVersioned(reportId);
    if (!found) return { kind: 'notFound' };
    const access = accessTo(viewer, subject(found.report));
    if (access === 'none') return { kind: 'forbidden' };
    return { kind: 'ok', view: await this.viewOf(found.report, found.etag, access) };
  }

  /** Moves the case to another status with a reason, only from the version the editor saw (`etag`). */
  async changeStatus(
    viewer: Viewer,
    reportId: string,
    etag: string | undefined,
    to: string,
    reason: string,
  ): Promise<EditResult> {
    return this.edit(viewer, reportId, etag, (report, view) => {
      const problem = transitionProblem(report.status, to, reason) ?? personalNumberIn(reason);
      if (problem) return { kind: 'invalid', problem, view };
      const at = this.now();
      const status = to as string;
      const next: StoredReport = {
        ...report,
        status,
        updatedAt: at,
        caseFile: { ...report.caseFile, ...(status === 'Avslutad' ? { closedAt: at } : {}) },
      };
      const entry: HistoryEntry = {
        at,
        by: viewer.user.name || userKey(viewer.user),
        action: 'status',
        detail: `${report.status} → ${status}: ${reason.trim()}`,
      };
      return { next, entries: [entry] };
    });
  }

  /** Replaces the decided measures, only from the version the editor saw. */
  async saveMeasures(
    viewer: Viewer,
    reportId: string,
    etag: string | undefined,
    text: string,
  ): Promise<EditResult> {
    return this.edit(viewer, reportId, etag, (report, view) => {
      const problem = text.length > MAX_NOTE_CHARS ? 'tooLong' : personalNumberIn(text);
      if (problem) return { kind: 'invalid', problem, view };
      const at = this.now();
      const measures = text.trim();
      const next: StoredReport = { ...report, updatedAt: at, caseFile: { ...report.caseFile, measures } };
      const entry: HistoryEntry = {
        at,
        by: viewer.user.name || userKey(viewer.user),
        action: 'measures',
        detail: measures,
      };
      return { next, entries: [entry] };
    });
  }

  /**
   * Adds a note as a history entry, written together with the report's version: a double press (or two
   * presses at once) finds the first one on the retry and saves nothing more.
   */
  async addNote(viewer: Viewer, reportId: string, text: string): Promise<EditResult> {
    const note = text.trim();
    return this.edit(viewer, reportId, undefined, (report, view) => {
      if (note.length === 0) return { kind: 'invalid', problem: 'empty', view };
      const problem = text.length > MAX_NOTE_CHARS ? 'tooLong' : personalNumberIn(text);
      if (problem) return { kind: 'invalid', problem, view };
      const at = this.now();
      const entry: HistoryEntry = {
        at,
        by: viewer.user.name || userKey(viewer.user),
        action: 'note',
        detail: note,
      };
      const since = new Date(Date.parse(at) - 120_000).toISOString();
      const justNoted = view.history.some(
        (e) => e.action === 'note' && e.by === entry.by && e.detail === note && e.at >= since,
      );
      return { next: justNoted ? report : { ...report, updatedAt: at }, entries: justNoted ? [] : [entry] };
    });
  }

  /** Confirms or dismisses a suggested link to another report the viewer may see. */
  async decideLink(
    viewer: Viewer,
    reportId: string,
    otherId: string,
    decision: LinkDecision,
  ): Promise<EditResult> {
    const other = isGuid(otherId) ? await this.deps.reports.get(otherId) : undefined;
    return this.edit(viewer, reportId, undefined, (report, view) => {
      if (!other || other.id === report.id || accessTo(viewer, subject(other)) === 'none')
        return { kind: 'invalid', problem: 'unknownLink', view };
      if (report.caseFile?.links?.[other.id] === decision) return { next: report, entries: [] }; // double press
      const at = this.now();
      const links = { ...report.caseFile?.links, [other.id]: decision };
      const entry: HistoryEntry = {
        at,
        by: viewer.user.name || userKey(viewer.user),
        action: decision === 'confirmed' ? 'link-confirmed' : 'link-dismissed',
        detail: other.reference,
      };
      return {
        next: { ...report, updatedAt: at, caseFile: { ...report.caseFile, links } },
        entries: [entry],
      };
    });
  }

  /** Reports that may belong with this one (security only; the others are not read into any card). */
  async suggestions(
    viewer: Viewer,
    view: CaseView,
  ): Promise<{ suggested: LinkSuggestion[]; confirmed: CaseSummary[] }> {
    if (!mayManage(view.access) || !mayUseSecurityTools(viewer.roles))
      return { suggested: [], confirmed: [] };
    const all = (await this.deps.reports.all())
      .map(({ report }) => report)
      .filter((report) => !report.caseFile?.anonymisedAt);
    const decided = view.report.caseFile?.links ?? {};
    const suggested = suggestLinks(linkFacts(view.report), all.map(linkFacts), decided);
    const confirmed = all.filter((report) => decided[report.id] === 'confirmed').map(summaryOf);
    return { suggested, confirmed };
  }

  /** Counts for a period; the security function only. Nothing personal leaves here. */
  async statistics(
    viewer: Viewer,
    period: Period,
    order: StatisticsOrder = {},
  ): Promise<Statistics | 'forbidden'> {
    if (!mayUseSecurityTools(viewer.roles)) return 'forbidden';
    const rows = (await this.deps.reports.all()).map(({ report }) => ({
      createdAt: report.createdAt,
      kinds: report.values.kinds ?? '',
      channel: report.values.channel ?? '',
      party: report.values.victimParty ?? '',
      body: report.values.victimBody ?? '',
    }));
    return computeStatistics(rows, period, order);
  }

  /** Who read a report (security only). */
  async readLog(viewer: Viewer, reportId: string): Promise<AccessLogEntry[] | 'forbidden'> {
    if (!mayUseSecurityTools(viewer.roles)) return 'forbidden';
    return (await this.deps.accessLog.listPartition(reportId)).map((row) => row.value);
  }

  /** Every logged read of a report, for tests and audits that run outside any viewer (the retention job). */
  async readLogUnchecked(reportId: string): Promise<AccessLogEntry[]> {
    return (await this.deps.accessLog.listPartition(reportId)).map((row) => row.value);
  }

  private async viewOf(report: StoredReport, etag: string, access: Access): Promise<CaseView> {
    const history = maySeeCaseFile(access)
      ? await this.withNames(report, await this.deps.reports.history(report.id))
      : [];
    return { report, etag, access, history };
  }

  /**
   * History entries that say who by Entra object id (the submit, older "taken" or "in contact" entries): shown
   * with the name that person was last seen under. The report itself and its "in contact" entries come first;
   * only a person they do not name makes the case's access log be read (read in time order, so the latest
   * name wins): that log grows with every read, so most views (the submit names the reporter) never read it.
   * An id no source knows stays as it is (an audit trail keeps what it has).
   */
  private async withNames(report: StoredReport, history: HistoryEntry[]): Promise<HistoryEntry[]> {
    const names = new Map<string, string>();
    const learn = (key: string, name: string | undefined) => {
      if (name?.trim()) names.set(key.toLowerCase(), name.trim());
    };
    const unnamed = () =>
      history.some((entry) => isPersonKey(entry.by) && !names.has(entry.by.toLowerCase()));
    if (!unnamed()) return history;
    for (const person of [report.reporter, report.victim]) if (person) learn(userKey(person), person.name);
    for (const entry of history) if (entry.action === 'in-contact') learn(entry.by, entry.detail);
    if (unnamed())
      for (const { value } of await this.deps.accessLog.listPartition(report.id))
        learn(value.viewerKey, value.viewerName);
    return history.map((entry) => {
      const name = isPersonKey(entry.by) ? names.get(entry.by.toLowerCase()) : undefined;
      return name ? { ...entry, by: name } : entry;
    });
  }

  private async edit(
    viewer: Viewer,
    reportId: string,
    seenEtag: string | undefined,
    change: (
      report: StoredReport,
      view: CaseView,
    ) => { next: StoredReport; entries: HistoryEntry[] } | Extract<EditResult, { kind: 'invalid' }>,
  ): Promise<EditResult> {
    for (let attempt = 1; ; attempt++) {
      const found = await this.find(viewer, reportId);
      if (found.kind !== 'ok') return found;
      const { view } = found;
      if (!mayManage(view.access)) return { kind: 'forbidden' };
      // The editor decided on the version their card showed: if it changed since, show them the current one.
      if (seenEtag !== undefined && seenEtag !== view.etag) return { kind: 'stale', view };
      const result = change(view.report, view);
      if ('kind' in result) return result;
      try {
        await this.deps.reports.replaceWithHistory(result.next, view.etag, result.entries);
      } catch (err) {
        if (!(err instanceof ConcurrencyError)) throw err;
        if (seenEtag !== undefined || attempt >= 10) {
          const current = await this.find(viewer, reportId);
          return current.kind === 'ok' ? { kind: 'stale', view: current.view } : current;
        }
        continue; // an append (note, link) re-applies itself to the new version
      }
      const saved = await this.deps.reports.getVersioned(view.report.id);
      return { kind: 'saved', view: await this.viewOf(saved!.report, saved!.etag, view.access) };
    }
  }

  private async logRead(
    viewer: Viewer,
    report: StoredReport,
    action: AccessLogEntry['action'],
  ): Promise<void> {
    if (!isLoggedRead(viewer, subject(report))) return;
    const at = this.now();
    const entry: AccessLogEntry = {
      reportId: report.id,
      reference: report.reference,
      at,
      viewerKey: userKey(viewer.user),
      viewerName: viewer.user.name,
      role: roleName(viewer, accessTo(viewer, subject(report))),
      action,
    };
    await this.deps.accessLog.create(report.id, `${at}|${randomUUID()}`, entry);
  }
}

/** A person's stored key (an Entra object id, or a prefixed channel id) rather than a name. */
const isPersonKey = (by: string): boolean => isGuid(by) || by.startsWith('channel-user:');

/** A personnummer must not be stored in the case file (Bilaga 4 must not hold one): the editor removes it. */
const personalNumberIn = (text: string): 'personalIdentityNumber' | undefined =>
  containsPersonalIdentityNumber(text) ? 'personalIdentityNumber' : undefined;

function subject(report: StoredReport): { reporterKey: string; party: string } {
  return { reporterKey: userKey(report.reporter), party: report.values.victimParty ?? '' };
}

function summaryOf(report: StoredReport): CaseSummary {
  return {
    id: report.id,
    reference: report.reference,
    createdAt: report.createdAt,
    status: report.status,
    ...reportCodes(report),
  };
}

function matches(report: StoredReport, filter: CaseFilter): boolean {
  const day = swedishDate(report.createdAt);
  const kinds = (report.values.kinds ?? '').split(',');
  return (
    (!filter.status || report.status === filter.status) &&
    (!filter.party || report.values.victimParty === filter.party) &&
    (!filter.kind || kinds.includes(filter.kind)) &&
    (!filter.from || day >= filter.from) &&
    (!filter.to || day <= filter.to)
  );
}

export function linkFacts(report: StoredReport): LinkFacts {
  const values = report.values;
  const victimKey =
    values.reportingFor === 'other'
      ? `name:${fold(values.victimName ?? '')
          .replace(/\s+/g, ' ')
          .trim()}`
      : `id:${userKey(report.victim ?? report.reporter)}`;
  return {
    id: report.id,
    reference: report.reference,
    date: values.date || report.createdAt.slice(0, 10),
    victimKey: victimKey === 'name:' ? '' : victimKey,
    channel: values.channel ?? '',
    trigger: values.trigger ?? '',
    triggerDetails: values.triggerDetails ?? '',
    perpetrator: PERPETRATOR_FIELDS.map((field) => values[field] ?? '').join(' '),
  };
}
