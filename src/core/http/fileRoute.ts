import type { Request, Response, Server } from 'restify';
import type { Logger } from '../logging/logger';

/** A file answer in plain terms, so a capability serves files without speaking restify. */
export interface FileAnswer {
  status: number;
  body: string | Buffer;
  headers: Record<string, string>;
}

/** Serves one file request: the method (GET or POST) and the id from the path. */
export type FileHandler = (method: 'GET' | 'POST', id: string) => Promise<FileAnswer>;

/** The part of the HTTP server a capability's routes need: a place to register them. */
export type RouteServer = Pick<Server, 'get' | 'post'>;

/**
 * GET and POST `<path>/:id` answered by `serve`. A failure is logged (its name and message, through pino's
 * serializer) and answered with a bare 500: no upstream text reaches the client.
 */
export function registerFileRoute(
  server: RouteServer,
  path: string,
  serve: FileHandler,
  logger: Logger,
): void {
  const handler = async (req: Request, res: Response) => {
    try {
      const id = typeof req.params?.id === 'string' ? req.params.id : '';
      const answer = await serve(req.method === 'POST' ? 'POST' : 'GET', id);
      res.sendRaw(answer.status, answer.body, answer.headers);
    } catch (err) {
      logger.error({ err }, `${path} failed`);
      if (!res.headersSent) res.sendRaw(500, 'error', { 'Content-Type': 'text/plain' });
    }
  };
  server.get(`${path}/:id`, handler);
  server.post(`${path}/:id`, handler);
}
