import { ConversationState, UserState, type CloudAdapter, type Response as BotResponse } from 'botbuilder';
import type { Request } from 'restify';
import { createAdapter } from './bot/adapter';
import { rejectReason } from './bot/incomingActivity';
import { Router } from './bot/router';
import { TenantGuard } from './bot/tenantGuard';
import { TryggBot } from './bot/tryggBot';
import { CardRenderer } from './core/cards';
import type { AppConfig } from './core/config';
import type { BufferedResponse } from './core/http/bufferedResponse';
import { createHttpServer, type HttpServer } from './core/http/server';
import { RoleDirectory } from './core/identity';
import { UserLimits, type LimitRecord } from './core/limits/userLimits';
import type { Logger } from './core/logging/logger';
import { Repository, TableService, TableStateStorage } from './core/storage';
import type { Capability } from './core/turn';
import { createAlerts, type Alerts } from './alerts';
import type { AlertSender } from './alerts/alertSender';
import { createCasesCapability, type Cases } from './cases';
import { SignedLinks } from './cases/signedLinks';
import { createAcuteDangerCheck, createGuidanceCapability } from './guidance';
import { AcuteDangerDetector, loadAcuteExamples } from './guidance/domain/acuteDanger';
import { KnowledgeBase } from './guidance/domain/knowledgeBase';
import { TopicMatcher } from './guidance/domain/topicMatcher';
import { createMeetingCapability } from './meeting';
import { createReportCapability } from './report';
import type { Draft } from './report/reportService';
import { ReportStore } from './report/reportStore';

export interface App {
  http: HttpServer;
  alerts: Alerts;
  cases: Cases;
  adapter: CloudAdapter;
  tables: TableService;
  /** Starts listening; resolves with the bound port (useful with port 0 in tests). */
  listen(): Promise<number>;
  /** Stops accepting requests and waits (up to `timeoutMs`) for in-flight turns to finish. */
  close(timeoutMs?: number): Promise<void>;
}

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  /** Trained once per process (about a second); tests share one. */
  matcher: TopicMatcher;
  knowledgeBase: KnowledgeBase;
  dangerDetector: AcuteDangerDetector;
  /** Overridable for tests; defaults to the configured storage account. */
  tables?: TableService;
  /** Overridable for tests; defaults to proactive messages through the Bot Framework connector. */
  alertSender?: AlertSender;
}

/** Loads the knowledge base and trains the topic matcher: once per process, before listening. */
export async function loadGuidance(): Promise<{
  knowledgeBase: KnowledgeBase;
  matcher: TopicMatcher;
  dangerDetector: AcuteDangerDetector;
}> {
  const knowledgeBase = KnowledgeBase.load();
  // One after the other: nlp.js training writes progress to console.log, which each silences for its run.
  const matcher = await TopicMatcher.train(knowledgeBase);
  const dangerDetector = await AcuteDangerDetector.train(
    loadAcuteExamples(),
    knowledgeBase.exampleQuestions(),
    knowledgeBase.answerTexts(),
  );
  return { knowledgeBase, matcher, dangerDetector };
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

/** The composition root: every dependency is built here and passed down, no module-level singletons. */
export function createApp({
  config,
  logger,
  matcher,
  knowledgeBase,
  dangerDetector,
  tables: givenTables,
  alertSender,
}: AppDeps): App {
  const tables = givenTables ?? TableService.fromConfig(config.storage, config.tablePrefix);
  const cards = new CardRenderer();
  const stateStorage = new TableStateStorage(() => tables.table('BotState'));
  const reports = new ReportStore(() => tables.table('Reports'));
  const adapter = createAdapter(config.auth, config.defaultLocale, logger);
  adapter.use(new TenantGuard(config.allowedTenantIds, logger));
  const limits = new UserLimits(new Repository<LimitRecord>(() => tables.table('UserLimits')));
  const alerts: Alerts = createAlerts({
    tables,
    reports,
    adapter,
    botAppId: config.auth.mode === 'cloud' ? config.auth.appId : '',
    cards,
    roles: config.roles,
    parties: config.parties,
    locale: config.defaultLocale,
    logger,
    pollMs: config.alertPollMs,
    escalationDelays: config.escalation,
    limits,
    ...(alertSender ? { sender: alertSender } : {}),
  });
  let listeningOn = '';
  const roles = new RoleDirectory(() => alerts.contacts.seeds(), config.allowedTenantIds);
  const cases = createCasesCapability({
    roles,
    cards,
    lists: { bodies: config.bodies, parties: config.parties },
    reports,
    tables,
    logger,
    links: new SignedLinks(config.cases.downloadLinkSecret, config.cases.downloadLinkMinutes * 60_000),
    linkMinutes: config.cases.downloadLinkMinutes,
    baseUrl: () => config.cases.publicBaseUrl ?? listeningOn,
    retention: { days: config.cases.retention.days, action: config.cases.retention.action },
    retentionSweeps: retentionSweeps(config),
  });
  const capabilities: Capability[] = [
    createReportCapability({
      cards,
      lists: { bodies: config.bodies, parties: config.parties },
      drafts: new Repository<Draft>(() => tables.table('ReportDrafts')),
      reports,
      counters: new Repository<{ next: number }>(() => tables.table('Counters')),
      draftExpiryDays: config.reportDraftDays,
      onSubmitted: () => alerts.kick(),
    }),
    alerts.capability,
    createMeetingCapability({
      cards,
      knowledgeBase,
      tables,
      bodies: config.bodies,
      riskNotifier: alerts,
      limits,
      logger,
    }),
    cases.capability,
    createGuidanceCapability({ cards, knowledgeBase, matcher }),
  ];
  const bot = new TryggBot({
    cards,
    router: new Router(capabilities),
    interceptors: [createAcuteDangerCheck({ cards, knowledgeBase, detector: dangerDetector })],
    observers: [alerts.observe],
    roles,
    defaultLocale: config.defaultLocale,
    conversationState: new ConversationState(stateStorage),
    userState: new UserState(stateStorage),
  });
  const http = createHttpServer({
    logger,
    loopbackHostOnly: config.auth.mode === 'local',
    health: () => tables.ping(),
    endpoint: {
      rejectReason: (body) => rejectReason(body, { loopbackServiceUrlOnly: config.auth.mode === 'local' }),
      process: (req: Request, res: BufferedResponse) =>
        // The buffered response has the methods CloudAdapter calls (status, header, send, end).
        adapter.process(req, res as unknown as BotResponse, (context) => bot.run(context)),
    },
  });

  cases.registerRoutes(http.server);

  return {
    http,
    alerts,
    cases,
    adapter,
    tables,
    listen: () =>
      new Promise((resolve, reject) => {
        http.server.once('error', reject);
        // Party contacts (roles) are loaded before the first turn is served.
        alerts
          .start()
          .then(() =>
            http.server.listen(config.server.port, config.server.host, () => {
              cases.retention.start(config.cases.retention.checkMinutes * 60_000);
              const address = http.server.address();
              const port = typeof address === 'object' && address ? address.port : config.server.port;
              listeningOn = `http://${config.server.host.includes(':') ? `[${config.server.host}]` : config.server.host}:${port}`;
              resolve(port);
            }),
          )
          .catch(reject);
      }),
    close: async (timeoutMs = 10_000) => {
      await alerts.stop();
      await cases.retention.stop();
      await new Promise<void>((resolve) => http.server.close(() => resolve()));
      const drained = await http.inFlight.drain(timeoutMs);
      if (!drained)
        logger.warn({ inFlight: http.inFlight.size }, 'shutdown: turns still running at the deadline');
    },
  };
}
