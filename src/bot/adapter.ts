import { withTimeout } from '../core/timeouts';
import { randomUUID } from 'node:crypto';
import { AuthenticationError } from 'botframework-connector';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  StatusCodes,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;
import type { AuthConfig, Locale } from '../core/config';
import { withLeanReplies } from './connectorReplies';
import { localeFrom, messagesFor } from '../core/i18n';
import type { Logger } from '../core/logging/logger';

/** How long the error reply may take; a dead serviceUrl must not keep the turn (or the request) alive. */
const ERROR_REPLY_TIMEOUT_MS = 5_000;

/** What the HTTP edge answers for a turn: the invoke response's status and body, or 200. */
export interface TurnAnswer {
  status: number;
  body?: unknown;
  /** Why a request was refused (for the log, never for the sender). */
  refusal?: string;
}

/**
 * CloudAdapter whose turns start from an activity the HTTP edge has already read and checked. Its `process`
 * re-checks the request with zod schemas it builds anew on every request (a record schema twice, a string
 * schema, the response and logic checks: ~4 % of a guidance turn's CPU) for what `rejectReason` has already
 * established: a JSON object with a `type`. Authentication, the turn and the invoke response are CloudAdapter's.
 */
export class TurnAdapter extends CloudAdapter {
  /** Runs the turn; an authentication failure is a 401, any other failure is thrown to the edge. */
  async runTurn(
    authHeader: string,
    activity: Record<string, unknown>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<TurnAnswer> {
    try {
      const invoke = await this.processActivity(authHeader, withDates(activity), logic);
      return { status: invoke?.status ?? StatusCodes.OK, body: invoke?.body };
    } catch (err) {
      if (err instanceof AuthenticationError)
        return { status: StatusCodes.UNAUTHORIZED, refusal: err.message };
      throw err;
    }
  }
}

/** The wire's ISO strings as Dates, the raw text kept beside them: what botbuilder's own request path does. */
function withDates(activity: Record<string, unknown>): Activity {
  for (const [field, raw] of DATE_FIELDS) {
    const value = activity[field];
    if (typeof value !== 'string') continue;
    activity[raw] = value;
    activity[field] = new Date(value);
  }
  return activity as unknown as Activity;
}
const DATE_FIELDS = [
  ['timestamp', 'rawTimestamp'],
  ['expiration', 'rawExpiration'],
  ['localTimestamp', 'rawLocalTimestamp'],
] as const;

/**
 * The turn adapter with the app's credentials. Without credentials (local mode) it accepts unauthenticated
 * requests, which is why local mode only listens on loopback; with credentials every request needs a valid
 * Bot Framework JWT and anything else gets 401.
 */
export function createAdapter(auth: AuthConfig, defaultLocale: Locale, logger: Logger): TurnAdapter {
  const adapter = new TurnAdapter(new ReusedClientsAuthentication(authOptions(auth)));
  adapter.onTurnError = (context, error) => handleTurnError(context, error, defaultLocale, logger);
  return adapter;
}

/**
 * The adapter the alert outbox sends with. Its connector clients make exactly one HTTP request per call and
 * give up on it after `requestTimeoutMs`: the Azure pipeline's default retry policy (3 more tries on 5xx,
 * 429 and connection errors such as a reset) is removed, because the outbox is the only retrier — it knows
 * Retry-After per conversation, keeps the claim, and a client-level resend after a reset would duplicate an
 * alert Teams had already accepted.
 */
export function createProactiveAdapter(auth: AuthConfig, requestTimeoutMs: number): CloudAdapter {
  return new CloudAdapter(new SingleAttemptAuthentication(authOptions(auth), requestTimeoutMs));
}

/** Distinct service URLs × app ids whose connector clients are kept (Teams uses a handful of service URLs). */
const KEPT_CONNECTOR_CLIENTS = 64;

/**
 * Every request still authenticates as before; what is kept is the outbound clients. CloudAdapter builds a
 * connector client (credentials, an Azure HTTP pipeline) and a user-token client for every turn, about 0.1 ms
 * and a few KB each time; the client depends only on the bot's app id (from the token's claims), the service
 * URL and the audience, and holds no per-turn state, so one is made per such key and reused. Kept as
 * promises, so turns arriving together share one creation; a failed creation is forgotten. The cache drops its
 * oldest key when full (Teams sends from a handful of service URLs, so it never fills in practice).
 */
class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  /** The clients turns reply with (their replies lean, see withLeanReplies). */
  private readonly turnClients = new Map<string, Promise<ConnectorClient>>();
  /** Clients asked for outside a request (proactive sends through this adapter): the SDK's, errors and all. */
  private readonly otherClients = new Map<string, Promise<ConnectorClient>>();
  private readonly userTokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(
    activity: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>[0],
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    const factory = reusing(
      this.turnClients,
      result.connectorFactory,
      result.claimsIdentity,
      withLeanReplies,
    );
    return { ...result, connectorFactory: factory };
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return reusing(this.otherClients, super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return kept(this.userTokenClients, appIdOf(claimsIdentity), () =>
      super.createUserTokenClient(claimsIdentity),
    );
  }
}

/** A factory that makes one client per app id, service URL and audience, kept in `cache`. */
function reusing(
  cache: Map<string, Promise<ConnectorClient>>,
  factory: ConnectorFactory,
  claimsIdentity: ClaimsIdentity,
  prepare: (client: ConnectorClient) => ConnectorClient = (client) => client,
): ConnectorFactory {
  const appId = appIdOf(claimsIdentity);
  return {
    create: (serviceUrl: string, audience?: string) =>
      kept(cache, JSON.stringify([appId, serviceUrl, audience]), () =>
        factory.create(serviceUrl, audience).then(prepare),
      ),
  };
}

/** The app id botbuilder makes a turn's outbound credentials for: the token's audience, else its appid claim. */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}

/** The value kept under `key`, or a new one (the oldest key goes when more than the limit are kept). */
function kept<T>(cache: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    value = create();
    value.catch(() => cache.get(key) === value && cache.delete(key));
    cache.set(key, value);
    if (cache.size > KEPT_CONNECTOR_CLIENTS) cache.delete(cache.keys().next().value!);
  }
  return value;
}

/** Name of @azure/core-rest-pipeline's retry policy in every ServiceClient's pipeline. */
const AZURE_RETRY_POLICY = 'defaultRetryPolicy';

class SingleAttemptAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly requestTimeoutMs: number,
  ) {
    super(options);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const factory = super.createConnectorFactory(claimsIdentity);
    return {
      create: async (serviceUrl: string, audience?: string) =>
        singleAttempt(await factory.create(serviceUrl, audience), this.requestTimeoutMs),
    };
  }
}

/** The pipeline of botbuilder's compat ServiceClient (a private field, hence checked, not assumed). */
interface PipelineHolder {
  client?: {
    pipeline?: {
      removePolicy(options: { name: string }): unknown;
      addPolicy(policy: {
        name: string;
        sendRequest(
          request: { timeout: number },
          next: (request: unknown) => Promise<unknown>,
        ): Promise<unknown>;
      }): void;
    };
  };
}

export function singleAttempt(client: ConnectorClient, requestTimeoutMs: number): ConnectorClient {
  const pipeline = (client as unknown as PipelineHolder).client?.pipeline;
  if (!pipeline)
    throw new Error('botbuilder connector client without a pipeline: cannot turn its retries off');
  pipeline.removePolicy({ name: AZURE_RETRY_POLICY });
  // The Node HTTP client aborts the request (and its socket) when `timeout` passes.
  pipeline.addPolicy({
    name: 'alertRequestTimeout',
    sendRequest: (request, next) => {
      request.timeout = requestTimeoutMs;
      return next(request);
    },
  });
  return client;
}

function authOptions(auth: AuthConfig): ConfigurationBotFrameworkAuthenticationOptions {
  return auth.mode === 'local'
    ? {}
    : {
        MicrosoftAppId: auth.appId,
        MicrosoftAppType: auth.appType,
        ...(auth.appPassword ? { MicrosoftAppPassword: auth.appPassword } : {}),
        ...(auth.tenantId ? { MicrosoftAppTenantId: auth.tenantId } : {}),
      };
}

/**
 * Logs the failure with a correlation id and without message text or card values, and tells the user in one
 * line. State is deliberately not cleared: a failed turn must never delete a user's saved work.
 */
export async function handleTurnError(
  context: TurnContext,
  error: unknown,
  defaultLocale: Locale,
  logger: Logger,
): Promise<void> {
  const correlationId = randomUUID();
  const err = error instanceof Error ? error : new Error(String(error));
  logger.error(
    {
      correlationId,
      activityType: context.activity?.type,
      activityId: context.activity?.id,
      err,
    },
    'turn failed',
  );
  const locale = localeFrom(context.activity?.locale, defaultLocale);
  try {
    await withTimeout(context.sendActivity(messagesFor(locale).turnError), ERROR_REPLY_TIMEOUT_MS);
  } catch (replyError) {
    logger.warn({ correlationId, err: replyError }, 'turn failed: the error reply could not be sent either');
  }
}
