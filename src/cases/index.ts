import { isSecurityStaff, type RoleDirectory, type UserIdentity } from '../core/identity';
import type { Organisation } from '../core/organisation';
import type { Request, Response, Server } from 'restify';
import { z } from 'zod';
import type { CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import type { Logger } from '../core/logging/logger';
import { Repository, type TableService } from '../core/storage';
import { normalizeText } from '../core/text/normalize';
import type { Capability, Responder, TurnInput } from '../core/turn';
import { choiceTitles } from '../report/domain/bilaga4';
import { swedishDate } from '../core/i18n';
import type { ConfiguredLists } from '../report/domain/validation';
import type { ReportStore } from '../report/reportStore';
import { CaseCards, CASE_VERBS, kindChoices, type Notice } from './caseCards';
import { CaseRepository, type AccessLogEntry, type CaseView, type EditResult } from './caseRepository';
import { contactParties, type Viewer } from './domain/access';
import { exportHtml } from './domain/exportDocument';
import type { RetentionRule } from './domain/retention';
import { previousQuarter, type Period } from './domain/statistics';
import { CASE_STATUSES, statusTitle } from './domain/status';
import { caseText } from './messages';
import { RetentionJob, type RetentionLogEntry } from './retentionJob';
import { DownloadLinks, type StoredLink } from './downloadLinks';
import { SignedLinks, type LinkClaim } from './signedLinks';
import { chartData, ChartUnavailableError, StatisticsChart } from './statisticsChart';

export interface CasesDeps {
  cards: CardRenderer;
  /** Today's roles: a download link is honoured only while its holder still has the role it was made for. */
  roles: RoleDirectory;
  lists: ConfiguredLists;
  /** The municipality and its guideline, named on exported reports. */
  organisation: Organisation;
  reports: ReportStore;
  tables: TableService;
  logger: Logger;
  links: SignedLinks;
  linkMinutes: number;
  /** The bot's public base URL (known after listen when it is the local address). */
  baseUrl: () => string;
  retention: RetentionRule;
  /** Tells the reporter about a status change of their case in their 1:1 chat (best effort). */
  tellReporter?: (reporter: UserIdentity, text: (locale: Locale) => string) => Promise<void>;
  /** The other tables with personal data and their retention in days (removal after the last write). */
  retentionSweeps?: Array<{ table: string; days: number }>;
  chart?: StatisticsChart;
  now?: () => Date;
}

export interface Cases {
  capability: Capability;
  repository: CaseRepository;
  retention: RetentionJob;
  /** GET/POST /api/cases/files/<id>: exports (once) and charts behind short-lived links. */
  registerRoutes(server: Server): void;
  downloads: DownloadLinks;
}

/** Exact commands (normalised: lower case, no å/ä/ö), so guidance questions are never taken. */
const CASES_COMMAND =
  /^(visa )?(arenden|arendet|alla arenden|alla rapporter|rapporter|incidentrapporter|arendehantering|cases|case management|all reports|reports|incident reports)$/;
const STATS_COMMAND = /^(visa )?(statistik|statistics|show statistics|incidentstatistik)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FILES_PATH = '/api/cases/files';

/** What the reporter is told when the security function changes the status of her case. */
function statusNotice(reference: string, status: string, locale: Locale): string {
  return locale === 'sv'
    ? `Din rapport ${reference} har fått ny status: ${statusTitle(status, 'sv')}.`
    : `Your report ${reference} has a new status: ${statusTitle(status, 'en')}.`;
}

export function createCasesCapability(deps: CasesDeps): Cases {
  const repository = new CaseRepository({
    reports: deps.reports,
    accessLog: new Repository<AccessLogEntry>(() => deps.tables.table('CaseAccessLog')),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const retention = new RetentionJob({
    reports: deps.reports,
    log: new Repository<RetentionLogEntry>(() => deps.tables.table('RetentionLog')),
    rule: deps.retention,
    sweeps: [...(deps.retentionSweeps ?? []), { table: 'DownloadLinks', days: 1 }].map((sweep) => ({
      ...sweep,
      client: () => deps.tables.table(sweep.table),
    })),
    logger: deps.logger,
    ...(deps.now ? { now: deps.now } : {}),
  });
  const cards = new CaseCards(deps.cards, deps.lists);
  const chart = deps.chart ?? new StatisticsChart();
  const downloads = new DownloadLinks(
    deps.links,
    new Repository<StoredLink>(() => deps.tables.table('DownloadLinks')),
    deps.linkMinutes * 60_000,
    () => (deps.now?.() ?? new Date()).getTime(),
  );
  const charts = new ChartCache();
  const fileUrl = async (claim: LinkClaim) =>
    `${deps.baseUrl()}${FILES_PATH}/${await downloads.issue(claim)}`;
  const today = () => swedishDate(deps.now?.() ?? new Date());
  const viewerOf = (turn: TurnInput): Viewer => ({ user: turn.user, roles: turn.roles });
  const menuButton = (locale: Locale) => ({
    title: caseText(locale).menu,
    payload: { verb: CASE_VERBS.menu, lang: locale },
    style: 'default' as const,
    associatedInputs: 'none' as const,
  });

  const filterSchema = z.object({
    status: z.enum(['', ...CASE_STATUSES]).catch(''),
    party: z
      .string()
      .catch('')
      .transform((p) => (deps.lists.parties.includes(p) ? p : '')),
    kind: z
      .string()
      .catch('')
      .transform((k) => (kindChoices('sv').some((c) => c.value === k) ? k : '')),
    from: z.string().regex(DATE).or(z.literal('')).catch(''),
    to: z.string().regex(DATE).or(z.literal('')).catch(''),
  });
  const text = (data: Record<string, unknown>, field: string): string =>
    typeof data[field] === 'string' ? (data[field] as string) : '';

  async function refuse(turn: TurnInput, reply: Responder, line: string): Promise<void> {
    const t = caseText(turn.locale);
    await reply.card(
      cards.message(
        t.menuTitle,
        [line, t.ownReportsHint],
        [
          {
            title: t.myReports,
            payload: { verb: 'report.mine', lang: turn.locale },
            style: 'default',
            associatedInputs: 'none',
          },
        ],
      ),
    );
  }

  async function showMenu(turn: TurnInput, reply: Responder): Promise<void> {
    if (!isSecurityStaff(turn.roles)) return showList(turn, reply);
    const year = today().slice(0, 4);
    await reply.card(cards.menu(turn.locale, { from: `${year}-01-01`, to: today() }));
  }

  /** The list the viewer's role gives: everything (security), the party's (contact), or a refusal. */
  async function showList(turn: TurnInput, reply: Responder): Promise<void> {
    const t = caseText(turn.locale);
    const parties = contactParties(turn.roles);
    if (!isSecurityStaff(turn.roles) && parties.length === 0) return refuse(turn, reply, t.notForYou);
    const filter = filterSchema.parse(turn.action?.data ?? {});
    const { items, total } = await repository.list(viewerOf(turn), {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.party ? { party: filter.party } : {}),
      ...(filter.kind ? { kind: filter.kind } : {}),
      ...(filter.from ? { from: filter.from } : {}),
      ...(filter.to ? { to: filter.to } : {}),
    });
    const title = isSecurityStaff(turn.roles) ? undefined : t.partyListTitle(parties.join(', '));
    await reply.card(cards.list(items, total, turn.locale, title, isSecurityStaff(turn.roles)));
  }

  async function showDetail(
    turn: TurnInput,
    reply: Responder,
    view: CaseView,
    notice?: Notice,
    drafts?: Record<string, string>,
  ) {
    const { suggested, confirmed } = await repository.suggestions(viewerOf(turn), view);
    await reply.card(
      cards.detail(view, turn.locale, {
        ...(notice ? { notice } : {}),
        suggested,
        linked: confirmed,
        ...(drafts ? { drafts } : {}),
      }),
    );
  }

  async function notFoundOrForbidden(turn: TurnInput, reply: Responder, kind: 'notFound' | 'forbidden') {
    const t = caseText(turn.locale);
    await reply.card(cards.message(t.menuTitle, [kind === 'notFound' ? t.notFound : t.forbidden], []));
  }

  /** After an edit: the saved card, the current version with the user's text kept, or a clear refusal. */
  async function afterEdit(
    turn: TurnInput,
    reply: Responder,
    result: EditResult,
    drafts: Record<string, string>,
  ) {
    const t = caseText(turn.locale);
    switch (result.kind) {
      case 'saved':
        return showDetail(turn, reply, result.view, { text: t.saved, style: 'good' });
      case 'stale':
        return showDetail(turn, reply, result.view, { text: t.stale, style: 'attention' }, drafts);
      case 'invalid':
        return showDetail(
          turn,
          reply,
          result.view,
          { text: t.problems[result.problem], style: 'attention' },
          drafts,
        );
      default:
        return notFoundOrForbidden(turn, reply, result.kind);
    }
  }

  function periodFrom(data: Record<string, unknown>): Period | undefined {
    if (data.quarter === 'previous') return previousQuarter(today());
    const from = text(data, 'from');
    const to = text(data, 'to') || today();
    if (!DATE.test(from) || !DATE.test(to) || from > to) return undefined;
    if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 10) return undefined;
    return { from, to };
  }

  async function showStatistics(
    turn: TurnInput,
    reply: Responder,
    period: Period | undefined,
  ): Promise<void> {
    const t = caseText(turn.locale);
    if (!isSecurityStaff(turn.roles)) return refuse(turn, reply, t.notForYou);
    if (!period)
      return void (await reply.card(cards.message(t.statsTitle, [t.badPeriod], [menuButton(turn.locale)])));
    const statistics = await repository.statistics(viewerOf(turn), period, {
      kinds: kindChoices('sv').map((c) => c.value),
      parties: deps.lists.parties,
    });
    if (statistics === 'forbidden') return refuse(turn, reply, t.notForYou);
    let imageUrl: string | null = null;
    try {
      await chart.ready(); // link to a chart only when it can be drawn; it is drawn when the link is opened
      const claim: LinkClaim = {
        kind: 'chart',
        ...period,
        locale: turn.locale,
        ...claimViewer(viewerOf(turn)),
      };
      imageUrl = await fileUrl(claim);
    } catch (err) {
      if (!(err instanceof ChartUnavailableError)) throw err;
      deps.logger.warn({ reason: err.message }, 'statistics chart not rendered');
    }
    await reply.card(cards.statistics(statistics, turn.locale, imageUrl ? { imageUrl } : null));
  }

  async function chartPng(period: Period, locale: Locale, viewer: Viewer): Promise<Buffer> {
    const t = caseText(locale);
    const statistics = await repository.statistics(viewer, period, {
      kinds: kindChoices('sv').map((c) => c.value),
      parties: deps.lists.parties,
    });
    if (statistics === 'forbidden') throw new Error('forbidden');
    const data = chartData(statistics, (dimension, code) =>
      choiceTitles(dimension === 'kind' ? 'kinds' : 'channel', code, locale),
    );
    return chart.png(data, {
      title: `${t.statsTitle} ${period.from} – ${period.to}`,
      byMonth: t.byMonth,
      byKind: t.byKind,
      byChannel: t.byChannel,
      byParty: t.byParty,
      byBody: t.byBody,
    });
  }

  const capability: Capability = {
    name: 'cases',
    personalOnly: true,
    needsIdentity: true,
    recognizesText: (turn) => {
      const said = normalizeText(turn.text ?? '');
      return STATS_COMMAND.test(said) || CASES_COMMAND.test(said);
    },
    actions: {
      [CASE_VERBS.menu]: showMenu,
      [CASE_VERBS.list]: showList,
      [CASE_VERBS.open]: async (turn, reply) => {
        const found = await repository.open(viewerOf(turn), turn.action?.data.reportId);
        if (found.kind !== 'ok') return notFoundOrForbidden(turn, reply, found.kind);
        await showDetail(turn, reply, found.view);
      },
      [CASE_VERBS.status]: async (turn, reply) => {
        const data = turn.action?.data ?? {};
        const drafts = {
          reason: text(data, 'reason'),
          measures: text(data, 'measures'),
          note: text(data, 'note'),
        };
        const result = await repository.changeStatus(
          viewerOf(turn),
          data.reportId,
          data.etag,
          data.statusTo,
          drafts.reason,
        );
        if (result.kind === 'saved') {
          const { report } = result.view;
          // The reason stays in the case file: the reporter hears the new status, not the internal note.
          await deps.tellReporter?.(report.reporter, (locale) =>
            statusNotice(report.reference, report.status, locale),
          );
        }
        await afterEdit(turn, reply, result, drafts);
      },
      [CASE_VERBS.measures]: async (turn, reply) => {
        const data = turn.action?.data ?? {};
        const drafts = {
          reason: text(data, 'reason'),
          measures: text(data, 'measures'),
          note: text(data, 'note'),
        };
        const result = await repository.saveMeasures(
          viewerOf(turn),
          data.reportId,
          data.etag,
          drafts.measures,
        );
        await afterEdit(turn, reply, result, drafts);
      },
      [CASE_VERBS.note]: async (turn, reply) => {
        const data = turn.action?.data ?? {};
        const drafts = {
          reason: text(data, 'reason'),
          measures: text(data, 'measures'),
          note: text(data, 'note'),
        };
        const result = await repository.addNote(viewerOf(turn), data.reportId, drafts.note);
        await afterEdit(turn, reply, result, result.kind === 'saved' ? { ...drafts, note: '' } : drafts);
      },
      [CASE_VERBS.link]: async (turn, reply) => {
        const data = turn.action?.data ?? {};
        const decision = data.decision === 'confirmed' ? 'confirmed' : 'dismissed';
        const result = await repository.decideLink(viewerOf(turn), data.reportId, data.otherId, decision);
        await afterEdit(turn, reply, result, {});
      },
      [CASE_VERBS.stats]: async (turn, reply) =>
        showStatistics(turn, reply, periodFrom(turn.action?.data ?? {})),
      [CASE_VERBS.export]: async (turn, reply) => {
        const t = caseText(turn.locale);
        if (!isSecurityStaff(turn.roles)) return refuse(turn, reply, t.exportDocumentDenied);
        const found = await repository.open(viewerOf(turn), turn.action?.data.reportId, 'export');
        if (found.kind !== 'ok') return notFoundOrForbidden(turn, reply, found.kind);
        const claim: LinkClaim = {
          kind: 'export',
          reportId: found.view.report.id,
          ...claimViewer(viewerOf(turn)),
        };
        const url = await fileUrl(claim);
        await reply.card(cards.exportLink(found.view.report.reference, url, deps.linkMinutes, turn.locale));
      },
    },
    async onText(turn, reply) {
      const said = normalizeText(turn.text ?? '');
      if (STATS_COMMAND.test(said)) {
        // The current year to date: a report that just arrived is counted (last quarter would show 0).
        await showStatistics(turn, reply, { from: `${today().slice(0, 4)}-01-01`, to: today() });
        return true;
      }
      if (!CASES_COMMAND.test(said)) return false;
      await showMenu(turn, reply);
      return true;
    },
  };

  /**
   * Serves a link: the statistics chart (PNG, drawn once per link), or for an export a page with one button
   * (GET redeems nothing, so a link scanner or preview cannot use the link up) whose POST hands the
   * print-ready HTML out once.
   */
  async function serveFile(req: Request, res: Response): Promise<void> {
    const id = typeof req.params?.id === 'string' ? req.params.id : '';
    const post = req.method === 'POST';
    const claim = post ? await downloads.redeem(id) : await downloads.peek(id);
    const headers = {
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    };
    if (!claim || (post && claim.kind !== 'export')) {
      res.sendRaw(404, caseText('sv').link.expired, {
        ...headers,
        'Content-Type': 'text/plain; charset=utf-8',
      });
      return;
    }
    const user = {
      userId: claim.viewerKey,
      aadObjectId: claim.viewerKey,
      name: claim.viewerName,
      ...(claim.viewerTenant ? { tenantId: claim.viewerTenant } : {}),
    };
    const viewer: Viewer = { user, roles: deps.roles.rolesOf(user) };
    if (!isSecurityStaff(viewer.roles)) {
      res.sendRaw(404, caseText('sv').link.expired, {
        ...headers,
        'Content-Type': 'text/plain; charset=utf-8',
      });
      return;
    }
    if (claim.kind === 'chart') {
      const png = await charts.get(id, () =>
        chartPng({ from: claim.from, to: claim.to }, claim.locale, viewer),
      );
      res.sendRaw(200, png, { ...headers, 'Content-Type': 'image/png' });
      return;
    }
    if (!post) {
      res.sendRaw(200, openPage(), {
        ...headers,
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      });
      return;
    }
    const found = await repository.open(viewer, claim.reportId, 'download');
    if (found.kind !== 'ok') {
      res.sendRaw(404, caseText('sv').notFound, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      return;
    }
    const { report, history } = found.view;
    const html = exportHtml(
      {
        reference: report.reference,
        status: report.status,
        createdAt: report.createdAt,
        values: report.values,
        ...(report.caseFile?.measures ? { measures: report.caseFile.measures } : {}),
        history: history.map((entry) => ({
          ...entry,
          action: caseText('sv').history[entry.action] ?? entry.action,
        })),
        exportedAt: (deps.now?.() ?? new Date()).toISOString(),
        exportedBy: claim.viewerName,
      },
      'sv',
      deps.organisation,
    );
    res.sendRaw(200, html, {
      ...headers,
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Disposition': `inline; filename="${report.reference}.html"`,
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    });
  }

  return {
    capability,
    repository,
    retention,
    downloads,
    registerRoutes(server) {
      const handler = async (req: Request, res: Response) => {
        try {
          await serveFile(req, res);
        } catch (err) {
          deps.logger.error(
            { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
            'case file failed',
          );
          if (!res.headersSent) res.sendRaw(500, 'error', { 'Content-Type': 'text/plain' });
        }
      };
      server.get(`${FILES_PATH}/:id`, handler);
      server.post(`${FILES_PATH}/:id`, handler);
    },
  };
}

/** The export link's page: one button that POSTs back to the same address (no data on the page). */
function openPage(): string {
  const sv = caseText('sv').link;
  const en = caseText('en').link;
  return `<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${sv.openTitle}</title><style>body{font-family:sans-serif;max-width:36em;margin:2em auto;padding:0 1em}button{font-size:1.1em;padding:.6em 1.2em}</style></head>
<body><h1>${sv.openTitle}</h1><p>${sv.openIntro}</p><p lang="en">${en.openIntro}</p>
<form method="post"><button type="submit">${sv.open} / ${en.open}</button></form></body></html>`;
}

/** Charts drawn per link (a link asks for one fixed period), so a link fetched again costs no rendering. */
class ChartCache {
  private readonly entries = new Map<string, Promise<Buffer>>();
  private static readonly MAX_ENTRIES = 32;

  get(linkId: string, draw: () => Promise<Buffer>): Promise<Buffer> {
    const cached = this.entries.get(linkId);
    if (cached) return cached;
    const drawn = draw();
    this.entries.set(linkId, drawn);
    drawn.catch(() => this.entries.delete(linkId)); // a failed drawing is tried again next time
    // Oldest first out: links live minutes, so a small cache is enough.
    if (this.entries.size > ChartCache.MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return drawn;
  }
}

function claimViewer(viewer: Viewer): {
  viewerKey: string;
  viewerName: string;
  role: string;
  viewerTenant?: string;
} {
  return {
    viewerKey: viewer.user.aadObjectId ?? viewer.user.userId,
    viewerName: viewer.user.name,
    ...(viewer.user.tenantId ? { viewerTenant: viewer.user.tenantId } : {}),
    role: viewer.roles.some((r) => r.kind === 'securityChief') ? 'securityChief' : 'securityDeputy',
  };
}
