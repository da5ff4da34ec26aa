import path from 'node:path';
import { z } from 'zod';
import { isGuid, parseObjectIds, parsePartyContacts, splitList } from './lists';
import { projectRoot } from '../paths';

export type Locale = 'sv' | 'en';
export type AppType = 'SingleTenant' | 'MultiTenant' | 'UserAssignedMSI';

export type AuthConfig =
  | { mode: 'local' }
  | { mode: 'cloud'; appId: string; appPassword?: string; appType: AppType; tenantId?: string };

export type StorageConfig =
  | { kind: 'connectionString'; connectionString: string }
  | { kind: 'accountUrl'; accountUrl: string }
  | { kind: 'embeddedAzurite'; dataDir: string; port: number };

export interface RoleSeeds {
  securityChiefIds: string[];
  securityDeputyIds: string[];
  /** Party code → Entra object ids of that party's security contacts. */
  partyContacts: Record<string, string[]>;
}

/** Azure Monitor telemetry; absent = off. */
export interface TelemetryConfig {
  connectionString: string;
  /** HMAC key for the pseudonyms of ids; absent = a random key per process. */
  pseudonymKey?: string;
  /** Entra-authenticated ingestion with a managed identity (user-assigned when a client id is given). */
  managedIdentity?: { clientId?: string };
}

export interface AppConfig {
  server: { host: string; port: number };
  auth: AuthConfig;
  allowedTenantIds: string[];
  storage: StorageConfig;
  tablePrefix: string;
  /** Folder with the municipality's guideline data (topics.json, organisation.json, channel-words.json); unset = the shipped one. */
  guidelineDataDir: string | undefined;
  defaultLocale: Locale;
  parties: string[];
  bodies: string[];
  roles: RoleSeeds;
  /** Days an unfinished incident-report draft is kept. */
  reportDraftDays: number;
  /** How often the alert outbox looks for new reports and due deliveries. */
  alertPollMs: number;
  /** When /readyz says "not ready": the alert worker's last pass, and the oldest due delivery, older than these. */
  readiness: { workerStaleMs: number; deliveryLateMs: number };
  /** Seconds until an alert nobody has taken escalates (violence sooner). */
  escalation: { violenceSeconds: number; otherSeconds: number };
  /** How the alert outbox sends: timeouts, concurrency, pacing, retries and where to open chats. */
  alertDelivery: AlertDeliveryConfig;
  /** Case management: links to exports and charts, and retention (gallring). */
  cases: {
    /** The bot's public base URL for file links; undefined = the address it listens on (local use). */
    publicBaseUrl?: string;
    downloadLinkSecret?: string;
    downloadLinkMinutes: number;
    retention: { days: number; action: 'anonymise' | 'delete'; checkMinutes: number };
  };
  /** Who in the security function a reporter hears from, how and when (shown after Skicka and on take). */
  securityContact: SecurityContact;
  telemetry?: TelemetryConfig;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}

/**
 * The municipality's security function as reporters are told about it. Only the role title has a default (the
 * guideline's own term, Bilaga 5: "kommunens säkerhetssamordnare"); a name, number, hours or a promised
 * response time are never invented: unset, they are simply not shown.
 */
/**
 * The security role's name when SECURITY_CONTACT_TITLE is not set: the guideline's Bilaga 5 term. The
 * municipality decides the name; it is one setting, used for every mention (welcome, answers, report, alerts).
 */
export const DEFAULT_SECURITY_ROLE = { sv: 'säkerhetssamordnare', en: 'security coordinator' } as const;

export interface SecurityContact {
  /** The role's name (SECURITY_CONTACT_TITLE / _EN), indefinite form: "säkerhetssamordnare". */
  title: { sv: string; en: string };
  /** The person on duty or a function name ("Säkerhetsfunktionen"). */
  name?: string;
  phone?: string;
  /** Office hours as written ("vardagar 08–16"). */
  hours?: string;
  /** Hours within which the security function promises to get in touch. */
  responseHours?: number;
}

export interface AlertDeliveryConfig {
  sendTimeoutMs: number;
  claimMs: number;
  maxInFlight: number;
  sendsPerSecond: number;
  chatGapMs: number;
  escalateFailingAfterMs: number;
  /** How long alerts of one person's burst of reports (past the per-person report limit) wait to be summed up. */
  burstHoldMs: number;
  retry: { baseDelayMs: number; maxDelayMs: number; reportGiveUpAfterMs: number };
  /** Where to open a 1:1 chat before any activity from the tenant has been seen. */
  fallbackTenant?: { serviceUrl: string; tenantId: string };
}

/** Teams' global endpoint for proactive messages; regional ones are learnt from activities. */
export const TEAMS_GLOBAL_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

export const DEFAULT_PARTIES = 'S,M,C,SD,KD,V,L,MP';
export const DEFAULT_BODIES = [
  'Kommunfullmäktige',
  'Kommunstyrelsen',
  'Barn- och utbildningsnämnden',
  'Socialnämnden',
  'Servicenämnden',
  'Miljö- och hälsoskyddsnämnden',
  'Kultur-, fritids- och tekniknämnden',
  'Bygglovsnämnden',
  'Valnämnden',
  'Krisledningsnämnden',
  'Kommunala bolags styrelser',
  'Annat',
].join(';');

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** The raw environment, as strings; every rule that spans variables lives in `refine` below. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
  MicrosoftAppTenantId: optionalText,
  ALLOWED_TENANT_IDS: optionalText,
  STORAGE_CONNECTION_STRING: optionalText,
  STORAGE_ACCOUNT_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  AZURITE_DATA_DIR: z.string().trim().min(1).default('.data'),
  AZURITE_PORT: z.coerce.number().int().min(1).max(65535).default(10002),
  GUIDELINE_DATA_DIR: optionalText,
  TABLE_PREFIX: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9]{0,19}$/, 'must be 1–20 letters or digits, starting with a letter')
    .default('tf'),
  DEFAULT_LOCALE: z
    .string()
    .trim()
    .regex(/^(sv|en)(-[A-Za-z]{2})?$/, 'must be sv, sv-SE, en or en-GB/en-US')
    .default('sv-SE'),
  PARTIES: z.string().default(DEFAULT_PARTIES),
  BODIES: z.string().default(DEFAULT_BODIES),
  SECURITY_CHIEF_IDS: optionalText,
  SECURITY_DEPUTY_IDS: optionalText,
  PARTY_CONTACTS: optionalText,
  REPORT_DRAFT_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ALERT_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  READY_WORKER_STALE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
  READY_DELIVERY_LATE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  ESCALATE_VIOLENCE_AFTER_SECONDS: z.coerce.number().int().min(1).max(604_800).default(900),
  ESCALATE_AFTER_SECONDS: z.coerce.number().int().min(1).max(604_800).default(3_600),
  ALERT_SEND_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
  ALERT_CLAIM_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  ALERT_MAX_IN_FLIGHT: z.coerce.number().int().min(2).max(200).default(16),
  ALERT_SENDS_PER_SECOND: z.coerce.number().int().min(1).max(1_000).default(40),
  ALERT_CHAT_GAP_MS: z.coerce.number().int().min(0).max(60_000).default(250),
  ALERT_ESCALATE_FAILING_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(120),
  ALERT_BURST_HOLD_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  ALERT_RETRY_BASE_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  ALERT_RETRY_MAX_MS: z.coerce.number().int().min(10).max(3_600_000).default(60_000),
  ALERT_RETRY_HOURS: z.coerce.number().min(0.001).max(168).default(12),
  TEAMS_SERVICE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  TEAMS_TENANT_ID: optionalText,
  PUBLIC_BASE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  DOWNLOAD_LINK_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  DOWNLOAD_LINK_MINUTES: z.coerce.number().int().min(1).max(1_440).default(15),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(730),
  RETENTION_ACTION: z.enum(['anonymise', 'delete']).default('anonymise'),
  RETENTION_CHECK_MINUTES: z.coerce.number().int().min(1).max(10_080).default(1_440),
  // The one name of the security role everywhere the bot speaks of it (welcome, answers, report, "Larma …").
  SECURITY_CONTACT_TITLE: z.string().trim().min(2).max(60).default(DEFAULT_SECURITY_ROLE.sv),
  SECURITY_CONTACT_TITLE_EN: z.string().trim().min(2).max(60).default(DEFAULT_SECURITY_ROLE.en),
  SECURITY_CONTACT_NAME: optionalText.pipe(z.string().max(100).optional()),
  SECURITY_CONTACT_PHONE: optionalText.pipe(
    z
      .string()
      .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'must be a phone number (digits, spaces, +, -, parentheses)')
      .optional(),
  ),
  SECURITY_CONTACT_HOURS: optionalText.pipe(z.string().max(100).optional()),
  SECURITY_CONTACT_RESPONSE_HOURS: optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be whole hours')
      .transform(Number)
      .pipe(z.number().int().min(1).max(336))
      .optional(),
  ),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText.pipe(
    z
      .string()
      .regex(/(^|;)\s*InstrumentationKey=[0-9a-fA-F-]{36}\s*(;|$)/, 'must contain InstrumentationKey=<GUID>')
      .optional(),
  ),
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: optionalText.pipe(
    z
      .string()
      .regex(
        /^Authorization=AAD(;ClientId=[0-9a-fA-F-]{36})?$/,
        'must be Authorization=AAD or Authorization=AAD;ClientId=<GUID>',
      )
      .optional(),
  ),
  TELEMETRY_PSEUDONYM_KEY: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

type Env = z.infer<typeof envSchema>;

/** Every variable the bot reads (documented one by one in .env.example). */
export const CONFIG_VARIABLES = Object.keys(envSchema.shape);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment and returns typed configuration, or throws ConfigError with one line per problem. */
export function loadConfig(environment: NodeJS.ProcessEnv): AppConfig {
  const parsed = envSchema.safeParse(environment);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const env = parsed.data;
  const problems: string[] = [];
  const auth = authFrom(env, problems);
  const roles = rolesFrom(env, problems);
  const allowedTenants = parseObjectIds(env.ALLOWED_TENANT_IDS);
  allowedTenants.invalid.forEach((id) =>
    problems.push(`ALLOWED_TENANT_IDS: "${id}" is not a tenant id (GUID)`),
  );

  // With credentials, a tenant restriction is not optional: a foreign tenant's activity must never store a
  // serviceUrl or a conversation reference, nor decide where the bot opens chats. Default: the bot's tenant.
  if (auth.mode === 'cloud' && allowedTenants.ids.length === 0 && !env.ALLOWED_TENANT_IDS) {
    if (auth.tenantId) allowedTenants.ids.push(auth.tenantId.toLowerCase());
    else
      problems.push(
        'ALLOWED_TENANT_IDS: required with credentials (the tenant ids whose users may use the bot); it defaults to MicrosoftAppTenantId when that is set',
      );
  }
  problems.push(...settingProblems(env, auth));
  const parties = splitList(env.PARTIES);
  if (parties.length === 0) problems.push('PARTIES: list at least one party code');
  const bodies = splitList(env.BODIES, ';');
  if (bodies.length === 0) problems.push('BODIES: list at least one body, separated by ";"');
  for (const party of Object.keys(roles.partyContacts)) {
    if (!parties.includes(party)) problems.push(`PARTY_CONTACTS: party "${party}" is not in PARTIES`);
  }
  problems.push(...alertTimingProblems(env));
  const fallbackTenant = fallbackTenantFrom(env, auth, allowedTenants.ids, problems);
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    server: { host: env.HOST, port: env.PORT },
    auth,
    allowedTenantIds: allowedTenants.ids,
    storage: storageFrom(env),
    tablePrefix: env.TABLE_PREFIX,
    guidelineDataDir: env.GUIDELINE_DATA_DIR,
    defaultLocale: env.DEFAULT_LOCALE.startsWith('en') ? 'en' : 'sv',
    parties,
    bodies,
    roles,
    reportDraftDays: env.REPORT_DRAFT_DAYS,
    alertPollMs: env.ALERT_POLL_MS,
    readiness: {
      workerStaleMs: env.READY_WORKER_STALE_SECONDS * 1_000,
      deliveryLateMs: env.READY_DELIVERY_LATE_SECONDS * 1_000,
    },
    escalation: {
      violenceSeconds: env.ESCALATE_VIOLENCE_AFTER_SECONDS,
      otherSeconds: env.ESCALATE_AFTER_SECONDS,
    },
    alertDelivery: alertDeliveryFrom(env, fallbackTenant),
    cases: {
      ...(env.PUBLIC_BASE_URL ? { publicBaseUrl: env.PUBLIC_BASE_URL.replace(/\/+$/, '') } : {}),
      ...(env.DOWNLOAD_LINK_SECRET ? { downloadLinkSecret: env.DOWNLOAD_LINK_SECRET } : {}),
      downloadLinkMinutes: env.DOWNLOAD_LINK_MINUTES,
      retention: {
        days: env.RETENTION_DAYS,
        action: env.RETENTION_ACTION,
        checkMinutes: env.RETENTION_CHECK_MINUTES,
      },
    },
    securityContact: securityContactFrom(env),
    ...(env.APPLICATIONINSIGHTS_CONNECTION_STRING ? { telemetry: telemetryFrom(env) } : {}),
    logLevel: env.LOG_LEVEL,
  };
}

/** Settings that are each valid alone but wrong for this mode or together (listed, not thrown one by one). */
function settingProblems(env: Env, auth: AuthConfig): string[] {
  const problems: string[] = [];
  if (auth.mode === 'cloud' && env.PUBLIC_BASE_URL && !env.PUBLIC_BASE_URL.startsWith('https://')) {
    problems.push(
      'PUBLIC_BASE_URL: must be https:// with credentials (export and chart links are sent to it)',
    );
  }
  if (env.DOWNLOAD_LINK_SECRET && estimatedBits(env.DOWNLOAD_LINK_SECRET) < 128) {
    problems.push(
      'DOWNLOAD_LINK_SECRET: too predictable; use a random value, e.g. the output of `openssl rand -base64 32`',
    );
  }
  if (auth.mode === 'local' && !LOOPBACK_HOSTS.has(env.HOST)) {
    problems.push(
      `HOST: "${env.HOST}" is not loopback; without MicrosoftAppId the bot runs unauthenticated (local mode) and may only listen on 127.0.0.1, ::1 or localhost`,
    );
  }
  if (env.STORAGE_CONNECTION_STRING && env.STORAGE_ACCOUNT_URL) {
    problems.push('STORAGE_CONNECTION_STRING and STORAGE_ACCOUNT_URL: set one, not both');
  }
  return problems;
}

/** The alert worker's timings must fit together (checked after the lists, as before). */
function alertTimingProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.ALERT_SEND_TIMEOUT_MS >= env.ALERT_CLAIM_MS)
    problems.push(
      'ALERT_SEND_TIMEOUT_MS: must be shorter than ALERT_CLAIM_MS (a send must end before its claim can expire)',
    );
  if (env.ALERT_RETRY_BASE_MS > env.ALERT_RETRY_MAX_MS)
    problems.push('ALERT_RETRY_BASE_MS: must not be larger than ALERT_RETRY_MAX_MS');
  return problems;
}

function alertDeliveryFrom(
  env: Env,
  fallbackTenant: ReturnType<typeof fallbackTenantFrom>,
): AlertDeliveryConfig {
  return {
    sendTimeoutMs: env.ALERT_SEND_TIMEOUT_MS,
    claimMs: env.ALERT_CLAIM_MS,
    maxInFlight: env.ALERT_MAX_IN_FLIGHT,
    sendsPerSecond: env.ALERT_SENDS_PER_SECOND,
    chatGapMs: env.ALERT_CHAT_GAP_MS,
    escalateFailingAfterMs: env.ALERT_ESCALATE_FAILING_AFTER_SECONDS * 1_000,
    burstHoldMs: env.ALERT_BURST_HOLD_SECONDS * 1_000,
    retry: {
      baseDelayMs: env.ALERT_RETRY_BASE_MS,
      maxDelayMs: env.ALERT_RETRY_MAX_MS,
      reportGiveUpAfterMs: Math.round(env.ALERT_RETRY_HOURS * 3_600_000),
    },
    ...(fallbackTenant ? { fallbackTenant } : {}),
  };
}

function securityContactFrom(env: Env): SecurityContact {
  return {
    title: { sv: env.SECURITY_CONTACT_TITLE, en: env.SECURITY_CONTACT_TITLE_EN },
    ...(env.SECURITY_CONTACT_NAME ? { name: env.SECURITY_CONTACT_NAME } : {}),
    ...(env.SECURITY_CONTACT_PHONE ? { phone: env.SECURITY_CONTACT_PHONE } : {}),
    ...(env.SECURITY_CONTACT_HOURS ? { hours: env.SECURITY_CONTACT_HOURS } : {}),
    ...(env.SECURITY_CONTACT_RESPONSE_HOURS ? { responseHours: env.SECURITY_CONTACT_RESPONSE_HOURS } : {}),
  };
}

/**
 * The tenant and serviceUrl to open a chat at before anyone in the tenant has written to the bot: the tenant
 * is TEAMS_TENANT_ID, else the app's own tenant, else the only allowed tenant; the serviceUrl is
 * TEAMS_SERVICE_URL, else (with credentials, i.e. in Teams) the global Teams endpoint.
 */
function fallbackTenantFrom(
  env: Env,
  auth: AuthConfig,
  allowedTenantIds: string[],
  problems: string[],
): AlertDeliveryConfig['fallbackTenant'] {
  if (env.TEAMS_TENANT_ID && !isGuid(env.TEAMS_TENANT_ID))
    problems.push('TEAMS_TENANT_ID: must be a tenant id (GUID)');
  const tenantId =
    env.TEAMS_TENANT_ID ??
    (auth.mode === 'cloud' ? auth.tenantId : undefined) ??
    (allowedTenantIds.length === 1 ? allowedTenantIds[0] : undefined);
  const serviceUrl = env.TEAMS_SERVICE_URL ?? (auth.mode === 'cloud' ? TEAMS_GLOBAL_SERVICE_URL : undefined);
  if (env.TEAMS_SERVICE_URL && !tenantId)
    problems.push('TEAMS_SERVICE_URL: set TEAMS_TENANT_ID too (which tenant to open chats in)');
  if (
    env.TEAMS_SERVICE_URL &&
    auth.mode === 'local' &&
    !LOOPBACK_HOSTS.has(new URL(env.TEAMS_SERVICE_URL).hostname)
  )
    problems.push(
      'TEAMS_SERVICE_URL: without MicrosoftAppId (local mode) the bot only talks to a connector on loopback',
    );
  return tenantId && serviceUrl ? { serviceUrl, tenantId: tenantId.toLowerCase() } : undefined;
}

function telemetryFrom(env: Env): TelemetryConfig {
  const clientId = /ClientId=([0-9a-fA-F-]{36})/.exec(
    env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING ?? '',
  )?.[1];
  return {
    connectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING!,
    ...(env.TELEMETRY_PSEUDONYM_KEY ? { pseudonymKey: env.TELEMETRY_PSEUDONYM_KEY } : {}),
    ...(env.APPLICATIONINSIGHTS_AUTHENTICATION_STRING
      ? { managedIdentity: clientId ? { clientId } : {} }
      : {}),
  };
}

/**
 * What a valid configuration may still not be started with. With credentials set (production) the embedded
 * Azurite is refused: it is a development convenience that saves to disk every few seconds, so a crash of it
 * loses reports people saw confirmed. Kept out of loadConfig so tools can still read such a configuration.
 */
export function startupProblems(config: AppConfig): string[] {
  if (config.auth.mode === 'cloud' && config.storage.kind === 'embeddedAzurite') {
    return [
      'STORAGE_ACCOUNT_URL or STORAGE_CONNECTION_STRING: required when MicrosoftAppId is set; the embedded Azurite is for development only and is refused in production',
    ];
  }
  return [];
}

/**
 * A rough strength estimate of a secret: its length times the entropy of its character distribution, so
 * "a" × 32 (0 bits) or a word repeated is refused while 32 random bytes in base64 (~230 bits) pass.
 */
function estimatedBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const char of secret) counts.set(char, (counts.get(char) ?? 0) + 1);
  let perChar = 0;
  for (const count of counts.values()) {
    const p = count / secret.length;
    perChar -= p * Math.log2(p);
  }
  const repeatsItself = /^(.{1,16}?)\1+$/s.test(secret);
  return repeatsItself ? 0 : perChar * secret.length;
}

function authFrom(env: Env, problems: string[]): AuthConfig {
  if (!env.MicrosoftAppId) {
    if (env.MicrosoftAppPassword) problems.push('MicrosoftAppPassword: set without MicrosoftAppId');
    return { mode: 'local' };
  }
  const { MicrosoftAppId: appId, MicrosoftAppType: appType } = env;
  if (!isGuid(appId))
    problems.push("MicrosoftAppId: must be the bot registration's application (client) id, a GUID");
  if (appType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${appType}`);
  }
  if (env.MicrosoftAppTenantId && !isGuid(env.MicrosoftAppTenantId)) {
    problems.push('MicrosoftAppTenantId: must be a tenant id (GUID)');
  }
  if (appType === 'UserAssignedMSI' && env.MicrosoftAppPassword) {
    problems.push(
      'MicrosoftAppPassword: must be empty for UserAssignedMSI (the managed identity authenticates)',
    );
  }
  if (appType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    problems.push(`MicrosoftAppPassword: required when MicrosoftAppType is ${appType}`);
  }
  return {
    mode: 'cloud',
    appId,
    appType,
    ...(env.MicrosoftAppPassword ? { appPassword: env.MicrosoftAppPassword } : {}),
    ...(env.MicrosoftAppTenantId ? { tenantId: env.MicrosoftAppTenantId } : {}),
  };
}

function rolesFrom(env: Env, problems: string[]): RoleSeeds {
  const chiefs = parseObjectIds(env.SECURITY_CHIEF_IDS);
  const deputies = parseObjectIds(env.SECURITY_DEPUTY_IDS);
  chiefs.invalid.forEach((id) =>
    problems.push(`SECURITY_CHIEF_IDS: "${id}" is not an Entra object id (GUID)`),
  );
  deputies.invalid.forEach((id) =>
    problems.push(`SECURITY_DEPUTY_IDS: "${id}" is not an Entra object id (GUID)`),
  );
  const parties = parsePartyContacts(env.PARTY_CONTACTS);
  parties.problems.forEach((problem) => problems.push(`PARTY_CONTACTS: ${problem}`));
  return { securityChiefIds: chiefs.ids, securityDeputyIds: deputies.ids, partyContacts: parties.contacts };
}

function storageFrom(env: Env): StorageConfig {
  if (env.STORAGE_CONNECTION_STRING) {
    return { kind: 'connectionString', connectionString: env.STORAGE_CONNECTION_STRING };
  }
  if (env.STORAGE_ACCOUNT_URL) return { kind: 'accountUrl', accountUrl: env.STORAGE_ACCOUNT_URL };
  return {
    kind: 'embeddedAzurite',
    dataDir: path.resolve(projectRoot, env.AZURITE_DATA_DIR),
    port: env.AZURITE_PORT,
  };
}
