import type { Logger } from '../core/logging/logger';

export interface AlertWorker {
  /** A report was just submitted: look now rather than at the next tick. */
  kick(): void;
  /** Stops claiming work; waits for the pass in progress, at most `deadlineMs` when given. */
  stop(deadlineMs?: number): Promise<void>;
}

/**
 * Runs the outbox every `intervalMs`, one pass at a time. Started with the app and stopped before it closes;
 * anything not finished is picked up by the next start (deliveries are durable and claims expire).
 */
export function startAlertWorker(
  outbox: { runOnce(): Promise<unknown> },
  intervalMs: number,
  logger: Logger,
): AlertWorker {
  let running: Promise<unknown> | undefined;
  let again = false;
  let stopped = false;
  const pass = (): void => {
    if (stopped) return;
    if (running) {
      again = true; // asked during a pass: run once more right after it
      return;
    }
    running = outbox
      .runOnce()
      .catch((err: unknown) =>
        logger.warn(
          { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
          'alert worker pass failed',
        ),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          pass();
        }
      });
  };
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  // The first pass now, not one interval later: it takes over the events left pending before the start, and
  // from then on the sends a report's take-over queues start by themselves.
  pass();
  return {
    kick: pass,
    stop: async (deadlineMs) => {
      stopped = true;
      clearInterval(timer);
      if (deadlineMs === undefined) return void (await running);
      // A hung send must not hold shutdown for ever: its claim is released or expires, so it is sent again.
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([
        running,
        new Promise((resolve) => (timeout = setTimeout(resolve, deadlineMs))),
      ]).finally(() => clearTimeout(timeout));
    },
  };
}
