import restify, { type Request, type Response, type Server } from 'restify';
import { checkReadiness, type ReadinessProbe } from '../health';
import type { Logger } from '../logging/logger';
import { BufferedResponse } from './bufferedResponse';
import { InFlight } from './inflight';
import { readJsonBody } from './requestBody';

/** What the HTTP layer needs from the bot, without knowing the SDK. */
export interface MessageEndpoint {
  /** A one-line reason when the body is not a usable activity; undefined to process it. */
  rejectReason(body: unknown): string | undefined;
  /** Runs the turn and writes the adapter's answer into `response`. */
  process(request: Request, response: BufferedResponse): Promise<void>;
}

export interface HttpServerOptions {
  endpoint: MessageEndpoint;
  /** What /readyz (and its alias /healthz) checks: storage, tables, the alert worker. */
  readiness: ReadinessProbe[];
  logger: Logger;
  /** After this, the request is answered (202) while the turn finishes in the background. */
  turnDeadlineMs?: number;
  maxBodyBytes?: number;
  /**
   * Local mode (no authentication): answer only requests addressed to a loopback name, so a web page whose
   * DNS name is rebound to 127.0.0.1 cannot reach the bot from the user's browser.
   */
  loopbackHostOnly?: boolean;
}

export interface HttpServer {
  server: Server;
  inFlight: InFlight;
}

const HEALTH_TIMEOUT_MS = 3_000;

export function createHttpServer(options: HttpServerOptions): HttpServer {
  const { endpoint, logger } = options;
  const turnDeadlineMs = options.turnDeadlineMs ?? 5_000;
  const inFlight = new InFlight();
  const server = restify.createServer({ name: 'trygg-fortroendevald', handleUncaughtExceptions: false });
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  // No restify body parser: it counts gzip bodies compressed, parses forms and writes multipart uploads to
  // disk, all before authentication. /api/messages reads its own body (readJsonBody); no other route has one.
  if (options.loopbackHostOnly) {
    server.pre((req: Request, res: Response, next: (err?: false) => void) => {
      if (isLoopbackHost(req.headers.host)) return next();
      res.header('Connection', 'close');
      res.send(403, { error: 'Host must be a loopback name in local mode' });
      return next(false);
    });
  }

  server.post('/api/messages', async (req: Request, res: Response) => {
    const body = await readJsonBody(req, maxBodyBytes);
    if (!body.ok) {
      res.header('Connection', 'close');
      res.send(body.status, { error: body.error });
      return;
    }
    req.body = body.value;
    const reason = endpoint.rejectReason(req.body);
    if (reason) {
      res.send(400, { error: reason });
      return;
    }
    const buffered = new BufferedResponse();
    void inFlight.track(
      endpoint.process(req, buffered).catch((err: unknown) => {
        // The adapter answers turn errors itself; this catches failures outside the turn (auth, parsing).
        logger.error({ err: err }, 'request failed');
        buffered.status(500).end();
      }),
    );
    // Cleared as soon as the turn answers: at hundreds of turns a second, 5 s timers left armed (and the
    // promises they hold) live long enough to reach the old generation, for the full collector to clear.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(resolve, turnDeadlineMs, 'deadline').unref();
    });
    const outcome = await Promise.race([buffered.finished().then(() => 'done' as const), deadline]);
    clearTimeout(timer);
    if (outcome === 'deadline') {
      // The turn goes on in the background; inFlight tracks it, so shutdown still waits for it.
      logger.warn({ turnDeadlineMs }, 'turn still running at the deadline; answered 202, it continues');
      res.send(202);
      return;
    }
    if (buffered.statusCode >= 500)
      logger.warn({ status: buffered.statusCode }, 'request failed outside the turn');
    res.send(...publicAnswer(buffered));
  });

  // Liveness: the process is alive and its event loop turns. No dependency is asked, so it answers at once,
  // before storage is ready and during a storage outage (a platform restarting on it must not restart all).
  server.get('/livez', async (_req: Request, res: Response) => {
    res.send(200, { status: 'alive' });
  });

  // Readiness: storage answers, its tables exist, the alert worker is alive and keeping up.
  const ready = async (_req: Request, res: Response) => {
    const report = await checkReadiness(options.readiness, HEALTH_TIMEOUT_MS);
    res.send(report.ready ? 200 : 503, {
      status: report.ready ? 'ready' : 'not ready',
      checks: report.checks,
    });
  };
  server.get('/readyz', ready);
  // Kept for existing probes and scripts: the same as /readyz.
  server.get('/healthz', ready);

  return { server, inFlight };
}

/**
 * The adapter answers an authentication failure or an upstream failure (e.g. the login metadata fetch) with
 * the error's text; that text is for our logs, not for whoever sent the request: a bare 401 or 503 goes out.
 */
function publicAnswer(buffered: BufferedResponse): [number, unknown?] {
  if (buffered.statusCode === 401 || buffered.statusCode === 403) return [buffered.statusCode];
  if (buffered.statusCode >= 500) return [503];
  return [buffered.statusCode, buffered.body ?? undefined];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The Host header's name is a loopback name (any port). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.toLowerCase().replace(/:\d+$/, '');
  return LOOPBACK_NAMES.has(name);
}
