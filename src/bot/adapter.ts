import { randomUUID } from 'node:crypto';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { AuthConfig, Locale } from '../core/config';
import { localeFrom, messagesFor } from '../core/i18n';
import type { Logger } from '../core/logging/logger';

/** How long the error reply may take; a dead serviceUrl must not keep the turn (or the request) alive. */
const ERROR_REPLY_TIMEOUT_MS = 5_000;

/**
 * CloudAdapter with the app's credentials. Without credentials (local mode) it accepts unauthenticated
 * requests, which is why local mode only listens on loopback; with credentials every request needs a valid
 * Bot Framework JWT and anything else gets 401.
 */
export function createAdapter(auth: AuthConfig, defaultLocale: Locale, logger: Logger): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions =
    auth.mode === 'local'
      ? {}
      : {
          MicrosoftAppId: auth.appId,
          MicrosoftAppType: auth.appType,
          ...(auth.appPassword ? { MicrosoftAppPassword: auth.appPassword } : {}),
          ...(auth.tenantId ? { MicrosoftAppTenantId: auth.tenantId } : {}),
        };
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
  adapter.onTurnError = (context, error) => handleTurnError(context, error, defaultLocale, logger);
  return adapter;
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
      err: { name: err.name, message: err.message, stack: err.stack },
    },
    'turn failed',
  );
  const locale = localeFrom(context.activity?.locale, defaultLocale);
  try {
    await withTimeout(context.sendActivity(messagesFor(locale).turnError), ERROR_REPLY_TIMEOUT_MS);
  } catch (replyError) {
    logger.warn(
      { correlationId, err: { name: (replyError as Error)?.name, message: (replyError as Error)?.message } },
      'turn failed: the error reply could not be sent either',
    );
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
