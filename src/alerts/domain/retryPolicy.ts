/**
 * How a failed delivery goes on, by the connector's answer: throttling, server and network errors are retried
 * with exponential back-off and jitter (never sooner than Retry-After); Teams' error codes decide the rest:
 * a chat that is gone is opened again once, a person who blocked the bot or cannot be found is unreachable,
 * and one the bot is not installed for is tried again later (an install may come).
 */
export type FailureKind =
  | 'retry'
  /** ConversationNotFound: the stored chat was deleted or the app re-installed; open a new one, once. */
  | 'conversationGone'
  /** BotNotInConversationRoster: the app is not installed for the person (yet). */
  | 'awaitInstall'
  /** ConversationBlockedByUser, other 403/404, or no chat could be found or opened. */
  | 'unreachable'
  /** Anything else (400, 401, 413, …): sending the same again cannot work. */
  | 'fatal';

export interface RetryPolicy {
  /** Attempts before an ordinary message (meeting risk, question, answer, notice) is dead-lettered. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Report alerts (and their escalations) are retried until they are this old instead of `maxAttempts`:
   * a Teams outage of hours must not lose one. Absent: report alerts follow `maxAttempts` too.
   */
  reportGiveUpAfterMs?: number;
  /** How long a report alert waits before trying again for someone the app is not installed for. */
  awaitInstallMs?: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  reportGiveUpAfterMs: 12 * 60 * 60_000,
  awaitInstallMs: 10 * 60_000,
};

export function classifyFailure(statusCode: number | undefined, errorCode?: string): FailureKind {
  if (errorCode === 'ConversationNotFound') return 'conversationGone';
  if (errorCode === 'BotNotInConversationRoster') return 'awaitInstall';
  if (errorCode === 'ConversationBlockedByUser') return 'unreachable';
  if (statusCode === undefined) return 'retry'; // network error or timeout: the connector may be back soon
  if (statusCode === 429 || statusCode === 412 || statusCode >= 500) return 'retry';
  if (statusCode === 403 || statusCode === 404) return 'unreachable';
  return 'fatal';
}

/**
 * Exponential back-off with "equal jitter": the delay is half the exponential ceiling plus a random share
 * of the other half, so retries of many deliveries spread out yet never come back at once (as full jitter's
 * zero delays can), capped at `maxDelayMs`, and never sooner than Retry-After. `random` is injectable for
 * tests.
 */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.min(30, Math.max(0, attempt - 1)),
  );
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  const floor = retryAfterSeconds !== undefined ? retryAfterSeconds * 1_000 : 0;
  return Math.max(jittered, floor);
}
