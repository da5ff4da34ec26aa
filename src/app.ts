import { swedishDate } from './core/i18n/time';
import { ConversationState, UserState } from 'botbuilder';
import path from 'node:path';
import type { Request } from 'restify';
import { createAdapter, createProactiveAdapter, type TurnAdapter } from './bot/adapter';
import { rejectReason } from './bot/incomingActivity';
import { Router } from './bot/router';
import { TenantGuard } from './bot/tenantGuard';
import { TryggBot } from './bot/tryggBot';
import { CardRenderer } from './core/cards';
import type { AppConfig, Locale } from './core/config';
import { backlogProbe, freshnessProbe, type ReadinessProbe } from './core/health';
import type { BufferedResponse } from './core/http/bufferedResponse';
import { createHttpServer, type HttpServer } from './core/http/server';
import { RoleDirectory } from './core/identity';
import { UserLimits, type LimitRecord } from './core/limits/userLimits';
import type { Logger } from './core/logging/logger';
import { loadOrganisation, withSecurityRole, type Organisation } from './core/organisation';
import { projectRoot } from './core/paths';
import { Repository, TableService, TableStateStorage } from './core/storage';
import { settledWithin } from './core/timeouts';
import { noTelemetry, type Telemetry } from './core/telemetry';
import { createAlerts, type Alerts } from './alerts';
import type { AlertSender } from './alerts/alertSender';
import { BotAlertSender } from './bot/proactiveSender';
import { createCasesCapability, type Cases } from './cases';
import { SignedLinks } from './cases/signedLinks';
import { createAcuteDangerCheck, createGuidanceCapability } from './guidance';
import { loadGuidanceModels, type GuidanceModels } from './guidance/models';
import type { AcuteDangerDetector } from './guidance/domain/acuteDanger';
import { KnowledgeBase } from './guidance/domain/knowledgeBase';
import { FirstActions } from './guidance/firstActions';
import type { TopicMatcher } from './guidance/domain/topicMatcher';
import { CHANNEL_WORDS_FILE, ChannelWords } from './guidance/domain/channelWords';
import { createMeetingCapability } from './meeting';
import { createReportCapability } from './report';
import { ReportService } from './report/reportService';
import { roleNames } from './core/i18n';
import type { ReferenceCounter } from './report/referenceNumbers';
import type { Draft } from './report/reportService';
import { ReportStore } from './report/reportStore';

export interface App {
  http: HttpServer;
  alerts: Alerts;
  cases: Cases;
  adapter: TurnAdapter;
  tables: TableService;
  /** Starts listening, then loads the guidance models; resolves with the bound port (port 0 in tests). */
  listen(): Promise<number>;
  /** Resolves when the guidance models are loaded (at once when they were given); rejects when loading failed. */
  modelsReady(): Promise<void>;
  /** The card verbs the capabilities registered (once the models are loaded). */
  verbs(): Promise<string[]>;
  /**
   * Stops claiming alert work and accepting requests, waits (up to `timeoutMs` in all) for in-flight turns and
   * the send in progress, then hands back this instance's claims. Never waits longer than `timeoutMs` + ~2 s.
   */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * The guidance models, loaded (tests share one pair), or how to load them: then listen() opens the port first
 * and loads them after, /readyz says "models: loading" meanwhile and a turn that arrives waits for them.
 */
export type ModelDeps = GuidanceModels | { loadModels: () => Promise<GuidanceModels> };

export type AppDeps = ModelDeps & {
  config: AppConfig;
  logger: Logger;
  knowledgeBase: KnowledgeBase;
  /** What an answer shows first (first-actions.json beside the knowledge base). */
  firstActions: FirstActions;
  /** The municipality and its guideline (organisation.json beside the knowledge base). */
  organisation: Organisation;
  /** Overridable for tests; defaults to the configured storage account. */
  tables?: TableService;
  /** Overridable for tests; defaults to proactive messages through the Bot Framework connector. */
  alertSender?: AlertSender;
  /** Azure Monitor when configured (started in src/index.ts before the app is loaded); off by default. */
  telemetry?: Telemetry;
};

/** The guideline data shipped with the bot; GUIDELINE_DATA_DIR points at another municipality's. */
export const DEFAULT_GUIDELINE_DATA_DIR = path.join(projectRoot, 'src', 'guidance', 'data');

/** The municipality's guideline data (knowledge base, first actions, channel words, organisation; validated). */
export function loadGuidelineData(dataDir: string = DEFAULT_GUIDELINE_DATA_DIR): {
  knowledgeBase: KnowledgeBase;
  firstActions: FirstActions;
  channels: ChannelWords;
  organisation: Organisation;
} {
  return {
    knowledgeBase: KnowledgeBase.load(path.join(dataDir, 'topics.json')),
    firstActions: FirstActions.load(path.join(dataDir, 'first-actions.json')),
    channels: ChannelWords.load(path.join(dataDir, CHANNEL_WORDS_FILE)),
    organisation: loadOrganisation(path.join(dataDir, 'organisation.json')),
  };
}

/**
 * The guideline data and the guidance models: the models saved at build time when they were made from this
 * data and code, otherwise trained (a few seconds; `onTrained` hears why).
 */
export async function loadGuidance(
  dataDir: string = DEFAULT_GUIDELINE_DATA_DIR,
  onTrained: (reason: string) => void = () => undefined,
): Promise<{
  knowledgeBase: KnowledgeBase;
  firstActions: FirstActions;
  matcher: TopicMatcher;
  dangerDetector: AcuteDangerDetector;
  organisation: Organisation;
}> {
  const { knowledgeBase, firstActions, channels, organisation } = loadGuidelineData(dataDir);
  const { matcher, dangerDetector, origin } = await loadGuidanceModels({ knowledgeBase, channels, dataDir });
  if (origin.from === 'training') onTrained(origin.reason);
  return { knowledgeBase, firstActions, matcher, dangerDetector, organisation };
}

/**
 * Gallring for every table with personal data besides Reports (whose closed cases follow RETENTION_DAYS in
 * the retention job): rows are removed this many days after they were last written. The data inventory in
 * the README lists each table and why its rule is what it is.
 */
export function retentionSweeps(config: AppConfig): Array<{ table: string; days: number }> {
  const days = config.cases.retention.days;
  return [
    { table: 'ReportDrafts', days: config.reportDraftDays }, // abandoned drafts: narrative and names
    { table: 'BotState', days: config.reportDraftDays }, // conversation state of idle chats
    { table: 'ChiefQuestions', days }, // questions and answers
    { table: 'AlertDeliveries', days }, // copies of questions, answers, alert codes, names of recipients
    { table: 'AlertEscalations', days },
    { table: 'ReportOwners', days }, // who took a case (rows of deleted reports go too)
    { table: 'CaseAccessLog', days }, // who read which case: kept as long as cases are
    { table: 'ConversationRefs', days }, // a person's chat address and name; rewritten while they use the bot
    { table: 'Meetings', days },
    { table: 'MeetingMarks', days },
    { table: 'UserLimits', days: 2 }, // recent event times and question hashes
  ];
}

/** What every capability is built from: one of each, made once in `createApp`. */
interface Shared {
  config: AppConfig;
  logger: Logger;
  tables: TableService;
  cards: CardRenderer;
  reports: ReportStore;
  limits: UserLimits;
  organisation: Organisation;
  telemetry: Telemetry;
  /** The security role's one configured name (SECURITY_CONTACT_TITLE), definite form. */
  securityRoleName: (locale: Locale) => string;
}

/** The composition root: every dependency is built here and passed down, no module-level singletons. */
export function createApp(deps: AppDeps): App {
  const { config, logger } = deps;
  const tables = deps.tables ?? TableService.fromConfig(config.storage, config.tablePrefix);
  const shared: Shared = {
    config,
    logger,
    tables,
    cards: new CardRenderer(),
    reports: new ReportStore(() => tables.table('Reports')),
    limits: new UserLimits(new Repository<LimitRecord>(() => tables.table('UserLimits'))),
    // One name for the security role: SECURITY_CONTACT_TITLE, whatever organisation.json was loaded with.
    organisation: withSecurityRole(deps.organisation, config.securityContact.title),
    telemetry: deps.telemetry ?? noTelemetry,
    securityRoleName: (locale) => roleNames(config.securityContact.title, locale).definite,
  };
  const adapter = createAdapter(config.auth, config.defaultLocale, logger);
  adapter.use(new TenantGuard(config.allowedTenantIds, logger));
  const alerts = buildAlerts(shared, deps.alertSender);
  const roles = new RoleDirectory(() => alerts.contacts.seeds(), config.allowedTenantIds);
  const address = { listeningOn: '' };
  const cases = buildCases(shared, alerts, roles, () => config.cases.publicBaseUrl ?? address.listeningOn);
  const bot = new ModelsGate(deps, botBuilder(shared, deps, alerts, cases, roles), shared.cards);
  const http = createHttpServer({
    logger,
    loopbackHostOnly: config.auth.mode === 'local',
    readiness: [bot.probe, ...readinessProbes(config, tables, alerts)],
    endpoint: {
      rejectReason: (body) => rejectReason(body, { loopbackServiceUrlOnly: config.auth.mode === 'local' }),
      process: async (req: Request, res: BufferedResponse) => {
        const loaded = await bot.ready();
        // Node gives header names in lower case; the edge has checked that the body is an activity object.
        const authorization = req.headers.authorization ?? '';
        const answer = await adapter.runTurn(authorization, req.body, (context) => loaded.run(context));
        // A wrong app id or tenant shows up as 401s: say why in the log (the sender gets a bare 401).
        if (answer.refusal) logger.warn({ reason: answer.refusal }, 'request not authenticated');
        res.status(answer.status).send(answer.body).end();
      },
    },
  });
  cases.registerRoutes(http.server);
  return {
    http,
    alerts,
    cases,
    adapter,
    tables,
    modelsReady: async () => void (await bot.ready()),
    verbs: async () => (await bot.ready()).verbs(),
    listen: () => listen(config, http, alerts, cases, bot, address),
    close: (timeoutMs = 10_000) => close(logger, http, alerts, cases, timeoutMs),
  };
}

function buildAlerts(shared: Shared, alertSender: AlertSender | undefined): Alerts {
  const { config } = shared;
  const botAppId = config.auth.mode === 'cloud' ? config.auth.appId : '';
  return createAlerts({
    tables: shared.tables,
    reports: shared.reports,
    botAppId,
    cards: shared.cards,
    roles: config.roles,
    parties: config.parties,
    locale: config.defaultLocale,
    logger: shared.logger,
    pollMs: config.alertPollMs,
    escalationDelays: config.escalation,
    contact: config.securityContact,
    delivery: config.alertDelivery,
    telemetry: shared.telemetry,
    limits: shared.limits,
    sender:
      alertSender ??
      new BotAlertSender(
        createProactiveAdapter(config.auth, config.alertDelivery.sendTimeoutMs),
        botAppId,
        config.alertDelivery.sendTimeoutMs,
      ),
  });
}

function buildCases(shared: Shared, alerts: Alerts, roles: RoleDirectory, baseUrl: () => string): Cases {
  const { config } = shared;
  return createCasesCapability({
    roles,
    cards: shared.cards,
    lists: { bodies: config.bodies, parties: config.parties },
    organisation: shared.organisation,
    reports: shared.reports,
    tables: shared.tables,
    logger: shared.logger,
    links: new SignedLinks(config.cases.downloadLinkSecret, config.cases.downloadLinkMinutes * 60_000),
    linkMinutes: config.cases.downloadLinkMinutes,
    baseUrl,
    retention: { days: config.cases.retention.days, action: config.cases.retention.action },
    tellReporter: (reporter, text) => alerts.tellReporter(reporter, text),
    retentionSweeps: retentionSweeps(config),
  });
}

/** The bot with every capability, made once the guidance models are loaded (see ModelsGate). */
function botBuilder(
  shared: Shared,
  { knowledgeBase, firstActions }: Pick<AppDeps, 'knowledgeBase' | 'firstActions'>,
  alerts: Alerts,
  cases: Cases,
  roles: RoleDirectory,
): (models: GuidanceModels) => TryggBot {
  const { config, cards, tables, logger } = shared;
  const reportDeps = {
    cards,
    lists: { bodies: config.bodies, parties: config.parties },
    organisation: shared.organisation,
    drafts: new Repository<Draft>(() => tables.table('ReportDrafts')),
    reports: shared.reports,
    counters: new Repository<ReferenceCounter>(() => tables.table('Counters')),
    draftExpiryDays: config.reportDraftDays,
    limits: shared.limits,
    contact: config.securityContact,
    logger,
  };
  // One service for the dialog and the acute reply's draft check: one draft cache, and the copy the check
  // reads serves her next step (a second service's cache would only fill, never be read).
  const reportService = new ReportService(reportDeps);
  const stateStorage = new TableStateStorage(() => tables.table('BotState'));
  return (models) =>
    new TryggBot({
      cards,
      organisation: shared.organisation,
      router: new Router([
        createReportCapability({ ...reportDeps, service: reportService }),
        alerts.capability,
        createMeetingCapability({
          cards,
          knowledgeBase,
          tables,
          bodies: config.bodies,
          riskNotifier: alerts,
          securityRole: config.securityContact.title,
          limits: shared.limits,
          logger,
        }),
        cases.capability,
        createGuidanceCapability({
          cards,
          knowledgeBase,
          firstActions,
          matcher: models.matcher,
          securityRole: shared.securityRoleName,
        }),
      ]),
      interceptors: [
        createAcuteDangerCheck({
          cards,
          knowledgeBase,
          firstActions,
          detector: models.dangerDetector,
          securityRole: shared.securityRoleName,
          alarmRole: shared.securityRoleName,
          hasOpenDraft: (user) => reportService.hasOpenDraft(user),
        }),
      ],
      observers: [alerts.observe],
      roles,
      defaultLocale: config.defaultLocale,
      conversationState: new ConversationState(stateStorage),
      userState: new UserState(stateStorage),
      telemetry: shared.telemetry,
    });
}

/**
 * Opens the port first: /livez and "Ring 112" need no storage, so a frozen storage must not keep it shut.
 * Then retention, the guidance models (modelsReady() tells when they are there) and the alert worker.
 */
async function listen(
  config: AppConfig,
  http: HttpServer,
  alerts: Alerts,
  cases: Cases,
  bot: ModelsGate,
  address: { listeningOn: string },
): Promise<number> {
  const port = await new Promise<number>((resolve, reject) => {
    http.server.once('error', reject);
    http.server.listen(config.server.port, config.server.host, () => {
      const bound = http.server.address();
      resolve(typeof bound === 'object' && bound ? bound.port : config.server.port);
    });
  });
  const host = config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host;
  address.listeningOn = `http://${host}:${port}`;
  cases.retention.start(config.cases.retention.checkMinutes * 60_000);
  bot.ready().catch(() => undefined);
  // Party contacts (roles) are loaded before listen() resolves when storage answers, without waiting on it
  // when it does not (roles then come from configuration until the worker loads them).
  await settledWithin(alerts.start(), STARTUP_STORAGE_WAIT_MS);
  return port;
}

/** Stops taking requests at once, then waits for turns, sends and retention, all bounded by `timeoutMs`. */
async function close(
  logger: Logger,
  http: HttpServer,
  alerts: Alerts,
  cases: Cases,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(0, deadline - Date.now());
  // Idle keep-alive connections are closed, busy ones at the deadline.
  const closed = new Promise<void>((resolve) => http.server.close(() => resolve()));
  const [, drained] = await Promise.all([
    alerts.stop({ deadlineMs: timeoutMs }),
    http.inFlight.drain(timeoutMs),
    settledWithin(cases.retention.stop(), timeoutMs),
  ]);
  if (!drained)
    logger.warn({ inFlight: http.inFlight.size }, 'shutdown: turns still running at the deadline');
  await settledWithin(closed, left());
  http.server.server.closeAllConnections?.();
}

/**
 * The bot once its guidance models are there: at once when they were given, otherwise loaded on the first
 * ready() (listen() calls it right after the port opens). Its probe keeps /readyz at 503 until then.
 */
class ModelsGate {
  private bot: TryggBot | undefined;
  private loading: Promise<TryggBot> | undefined;

  constructor(
    private readonly models: ModelDeps,
    private readonly build: (models: GuidanceModels) => TryggBot,
    private readonly cards: CardRenderer,
  ) {
    if (!('loadModels' in models)) this.bot = build(models);
  }

  readonly probe: ReadinessProbe = {
    name: 'models',
    check: async () => (this.bot ? undefined : 'loading'),
  };

  ready(): Promise<TryggBot> {
    if (this.bot) return Promise.resolve(this.bot);
    const { loadModels } = this.models as { loadModels: () => Promise<GuidanceModels> };
    // From the next turn of the event loop: loading starts with synchronous reads, and listen() goes on first.
    this.loading ??= new Promise((resolve) => setImmediate(resolve)).then(loadModels).then((models) => {
      // Lookups made on first use, made now instead, once the bot answers: no person's first message waits.
      setImmediate(() => prepareLazyLookups(models, this.cards));
      return (this.bot = this.build(models));
    });
    return this.loading;
  }
}

/**
 * The spelling's one-letter-less lookup (20–40 ms, on the acute check's path), the Swedish date formatters
 * (15–30 ms) and the compiled card templates (~0.2 s in all) are built on first use so a start is ready
 * sooner; this builds them just after.
 */
function prepareLazyLookups(models: GuidanceModels, cards: CardRenderer): void {
  models.dangerDetector.prepare();
  swedishDate(new Date());
  // One template per turn of the event loop; a failure here is the first card's failure later, not a crash.
  void cards.prepare().catch(() => undefined);
}

/** What /readyz checks, each with its own reason when not ready. */
function readinessProbes(config: AppConfig, tables: TableService, alerts: Alerts): ReadinessProbe[] {
  return [
    {
      name: 'storage',
      check: async () => {
        const recreated = await tables.recreateMissingTables();
        return recreated.length > 0 ? `${recreated.length} missing tables created again` : undefined;
      },
    },
    // The deliver branch's outbox reports these itself; until then the alerts capability does.
    freshnessProbe('alertWorker', () => alerts.workerHeartbeat(), config.readiness.workerStaleMs),
    backlogProbe('alertDeliveries', () => alerts.oldestDueDeliveryAgeMs(), config.readiness.deliveryLateMs),
  ];
}

/** How long listen() waits for storage (party contacts) before it resolves anyway. */
const STARTUP_STORAGE_WAIT_MS = 3_000;
