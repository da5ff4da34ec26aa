/**
 * How a failed delivery goes on, by the connector's answer: throttling and server errors are retried with
 * exponential back-off and jitter (honouring Retry-After), an unreachable recipient (app not installed,
 * blocked, gone) is not retried, and after the last attempt an alert is dead-lettered.
 */
export type FailureKind = 'retry' | 'unreachable' | 'fatal';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 60_000 };

export function classifyFailure(statusCode: number | undefined): FailureKind {
  if (statusCode === undefined) return 'retry'; // network error: the connector may be back soon
  if (statusCode === 429 || statusCode === 412 || statusCode >= 500) return 'retry';
  if (statusCode === 403 || statusCode === 404) return 'unreachable';
  return 'fatal';
}

/** Full jitter over an exponential ceiling, never sooner than Retry-After. `random` is injectable for tests. */
export function retryDelayMs(
  attempt: number,
  policy: RetryPolicy,
  retryAfterSeconds?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  const floor = retryAfterSeconds !== undefined ? retryAfterSeconds * 1_000 : 0;
  return Math.max(jittered, floor);
}
