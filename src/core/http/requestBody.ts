import type { IncomingMessage } from 'node:http';

/**
 * Reads a POSTed JSON body before anyone is authenticated, so it must cost little whoever sends it:
 * only `application/json` (a form post needs no CORS preflight, so a web page could drive a local bot with
 * one), no `Content-Encoding` (the Bot Connector sends plain JSON; a gzip body's limit would otherwise be
 * counted compressed, and 200 KiB unpack to 200 MiB), and at most `maxBytes` counted on the wire. Nothing is
 * ever written to disk (no multipart parser).
 */
export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413 | 415; error: string };

export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const refused = refuseByHeaders(request, maxBytes);
  if (refused) {
    // Read up to the limit and throw away (never kept, never unpacked), so a client still sending sees the
    // answer; past the limit it is cut off (the connection is closed after the answer).
    await readCapped(request, maxBytes, false);
    return refused;
  }
  const raw = await readCapped(request, maxBytes);
  if (raw === undefined) return { ok: false, status: 413, error: `body over ${maxBytes} bytes` };
  try {
    return { ok: true, value: JSON.parse(raw.toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, error: 'body is not JSON' };
  }
}

function refuseByHeaders(request: IncomingMessage, maxBytes: number): BodyResult | undefined {
  const [mediaType = '', ...parameters] = (request.headers['content-type'] ?? '')
    .split(';')
    .map((part) => part.trim().toLowerCase());
  if (mediaType !== 'application/json')
    return { ok: false, status: 415, error: 'Content-Type must be application/json' };
  const charset = parameters.find((p) => p.startsWith('charset='))?.slice('charset='.length);
  if (charset && !['utf-8', 'utf8', '"utf-8"'].includes(charset))
    return { ok: false, status: 415, error: 'charset must be utf-8' };
  const encoding = (request.headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding && encoding !== 'identity')
    return { ok: false, status: 415, error: 'Content-Encoding is not accepted' };
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) return { ok: false, status: 413, error: `body over ${maxBytes} bytes` };
  return undefined;
}

/**
 * The body (kept only when `keep`), or undefined as soon as more than `maxBytes` arrived: then reading stops
 * and the caller answers and closes the connection.
 */
function readCapped(request: IncomingMessage, maxBytes: number, keep = true): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        request.off('data', onData);
        request.pause();
        resolve(undefined);
        return;
      }
      if (keep) chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => resolve(Buffer.concat(chunks)));
    request.once('error', reject);
  });
}
