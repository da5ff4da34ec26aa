import type { AddressInfo } from 'node:net';
import type { HttpServer } from '../../src/core/http/server';

/**
 * The HTTP layer alone (createHttpServer with a stub endpoint) on a free loopback port: returns a function that
 * POSTs one JSON body to its /api/messages.
 */
export async function listenOnLoopback(http: HttpServer): Promise<(body: unknown) => Promise<Response>> {
  await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = http.server.address() as AddressInfo;
  return (body) =>
    fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
}
