import assert from 'node:assert/strict';
import { listenOnLoopback } from '../support/httpServer';
import { LogCapture } from '../support/botHarness';
import { createLogger } from '../../src/core/logging/logger';
import { createHttpServer, type HttpServer } from '../../src/core/http/server';

/** A deadline no other timer in the process uses, so its timers can be told apart. */
const DEADLINE_MS = 4_321;

/** Counts the timers armed with `ms` that were neither cleared nor fired (the server calls the global timers). */
function watchTimers(ms: number): { pending(): number; restore(): void } {
  const [realSet, realClear] = [globalThis.setTimeout, globalThis.clearTimeout];
  const pending = new Set<unknown>();
  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
    const timer = realSet((...a: unknown[]) => (pending.delete(timer), callback(...a)), delay, ...args);
    if (delay === ms) pending.add(timer);
    return timer;
  }) as typeof setTimeout;
  globalThis.clearTimeout = ((timer?: Parameters<typeof clearTimeout>[0]) => {
    pending.delete(timer);
    realClear(timer);
  }) as typeof clearTimeout;
  return {
    pending: () => pending.size,
    restore: () => ((globalThis.setTimeout = realSet), (globalThis.clearTimeout = realClear)),
  };
}

/**
 * Issue #17: every request armed a 5 s turn-deadline timer that outlived a turn answered in a millisecond, so at
 * a few hundred turns a second thousands of timers (and the promises they hold) lived long enough to be moved to
 * the old generation, for the full collector to clean up.
 */
describe('turn deadline: no timer outlives an answered turn', function () {
  this.timeout(30_000);
  let http: HttpServer | undefined;
  let timers: ReturnType<typeof watchTimers> | undefined;
  afterEach(async () => {
    timers?.restore();
    await new Promise<void>((resolve) => (http ? http.server.close(() => resolve()) : resolve()));
    http = undefined;
  });

  it('leaves no timer behind after 30 quick turns', async () => {
    timers = watchTimers(DEADLINE_MS);
    http = createHttpServer({
      turnDeadlineMs: DEADLINE_MS,
      logger: createLogger('info', new LogCapture()),
      readiness: [],
      endpoint: {
        rejectReason: () => undefined,
        process: async (_req, res) => {
          res.status(200).end();
        },
      },
    });
    const post = await listenOnLoopback(http);
    for (let i = 0; i < 30; i++) {
      const response = await post({ type: 'message' });
      assert.equal(response.status, 200);
    }
    assert.equal(timers.pending(), 0, 'turn-deadline timers still armed after their turns were answered');
  });

  it('still answers 202 when a turn runs past the deadline (and the turn goes on)', async () => {
    let finished = false;
    http = createHttpServer({
      turnDeadlineMs: 100,
      logger: createLogger('info', new LogCapture()),
      readiness: [],
      endpoint: {
        rejectReason: () => undefined,
        process: async (_req, res) => {
          await new Promise((resolve) => setTimeout(resolve, 400));
          finished = true;
          res.status(200).end();
        },
      },
    });
    const post = await listenOnLoopback(http);
    const response = await post({ type: 'message' });
    assert.equal(response.status, 202);
    assert.equal(finished, false, 'answered before the turn ended');
    assert.equal(http.inFlight.size, 1, 'the turn is still tracked (shutdown waits for it)');
    assert.equal(await http.inFlight.drain(2_000), true);
    assert.equal(finished, true, 'the turn went on after the 202');
  });
});
