import type { CardRenderer } from '../core/cards';
import type { Locale } from '../core/config';
import { registerFileRoute, type RouteServer } from '../core/http/fileRoute';
import { swedishDate } from '../core/i18n';
import type { RoleDirectory, UserIdentity } from '../core/identity';
import type { Logger } from '../core/logging/logger';
import type { Organisation } from '../core/organisation';
import { Repository, type TableService } from '../core/storage';
import type { Capability } from '../core/turn';
import type { ConfiguredLists } from '../report/domain/validation';
import type { ReportStore } from '../report';
import { createCaseActions } from './caseActions';
import { CaseCards } from './caseCards';
import { CaseFiles, FILES_PATH } from './caseFiles';
import { CaseRepository, type AccessLogEntry } from './caseRepository';
import { CaseScreens } from './caseScreens';
import { CaseStatistics } from './caseStatistics';
import type { RetentionRule } from './domain/retention';
import { DownloadLinks, type StoredLink } from './downloadLinks';
import { RetentionJob, type RetentionLogEntry } from './retentionJob';
import type { LinkClaim, SignedLinks } from './signedLinks';
import { StatisticsChart } from './statisticsChart';

export interface CasesDeps {
  cards: CardRenderer;
  /** Today's roles: a download link is honoured only while its holder still has the role it was made for. */
  roles: RoleDirectory;
  lists: ConfiguredLists;
  /** The municipality, its guideline (named on exported reports) and the security role's configured name. */
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
  registerRoutes(server: RouteServer): void;
  downloads: DownloadLinks;
}

/** Wiring only: what each part of the cases capability is built from. */
export function createCasesCapability(deps: CasesDeps): Cases {
  const now = () => deps.now?.() ?? new Date();
  const today = () => swedishDate(now());
  const table = <T extends object>(name: string) => new Repository<T>(() => deps.tables.table(name));
  const repository = new CaseRepository({
    reports: deps.reports,
    accessLog: table<AccessLogEntry>('CaseAccessLog'),
    now,
  });
  const retention = new RetentionJob({
    reports: deps.reports,
    log: table<RetentionLogEntry>('RetentionLog'),
    rule: deps.retention,
    sweeps: [...(deps.retentionSweeps ?? []), { table: 'DownloadLinks', days: 1 }].map((sweep) => ({
      ...sweep,
      client: () => deps.tables.table(sweep.table),
    })),
    logger: deps.logger,
    now,
  });
  const downloads = new DownloadLinks(
    deps.links,
    table<StoredLink>('DownloadLinks'),
    deps.linkMinutes * 60_000,
    () => now().getTime(),
  );
  const fileUrl = async (claim: LinkClaim) =>
    `${deps.baseUrl()}${FILES_PATH}/${await downloads.issue(claim)}`;
  const cards = new CaseCards(deps.cards, deps.lists, deps.organisation.roles.securityChief);
  const screens = new CaseScreens(cards, repository, deps.lists, today);
  const chart = deps.chart ?? new StatisticsChart();
  const statistics = new CaseStatistics({ ...deps, cards, screens, repository, chart, fileUrl, today });
  const chartPng = statistics.chartPng.bind(statistics);
  const files = new CaseFiles({ ...deps, downloads, repository, chartPng, now });
  const capability = createCaseActions({ ...deps, cards, screens, statistics, repository, fileUrl, today });
  return {
    capability,
    repository,
    retention,
    downloads,
    registerRoutes: (server) =>
      registerFileRoute(server, FILES_PATH, (method, id) => files.serve(method, id), deps.logger),
  };
}
