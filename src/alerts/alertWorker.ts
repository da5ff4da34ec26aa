import type { Logger } from '../core/logging/logger';
import type { AlertOutbox } from './alertOutbox';

/**
 * Runs the outbox every `intervalMs`, one pass at a time. Started with the app and stopped before it closes;
 * anything not finished is picked up by the next start (deliveries are durable and claims expire).
 */
export function startAlertWorker(
  outbox: AlertOutbox,
  intervalMs: number,
  logger: Logger,
): { stop(): Promise<void> } {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const timer = setInterval(() => {
    if (running || stopped) return;
    running = outbox
      .runOnce()
      .catch((err: unknown) =>
        logger.warn(
          { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
          'alert worker pass failed',
        ),
      )
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
