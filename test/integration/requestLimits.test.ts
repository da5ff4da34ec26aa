import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { message } from '../support/activities';
import { freePort, spawnBot, stopBots, waitHealthy, type BotProcess } from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { testAzurite } from '../support/rootHooks';

/** Resident set size of a process in bytes (Linux /proc). */
function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1] ?? 0);
  return kib * 1024;
}

/** A JSON activity of `unpackedMiB` MiB, gzip-compressed as a stream (the test never holds it unpacked). */
async function gzipBomb(unpackedMiB: number, serviceUrl: string): Promise<Buffer> {
  const gzip = zlib.createGzip({ level: 9 });
  const parts: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => parts.push(chunk));
  const done = new Promise<void>((resolve) => gzip.on('end', resolve));
  const head = JSON.stringify(message('hej', { serviceUrl })).slice(0, -1);
  gzip.write(`${head},"padding":"`);
  const mib = Buffer.alloc(1024 * 1024, 'a');
  for (let i = 0; i < unpackedMiB; i++) {
    if (!gzip.write(mib)) await new Promise((resolve) => gzip.once('drain', resolve));
  }
  gzip.end('"}');
  await done;
  return Buffer.concat(parts);
}

/**
 * Finding 1 (issue 13), black-box on the real process in local mode: what arrives before anyone is
 * authenticated must not cost memory or disk. Each request is answered 4xx, the process's RSS grows less than
 * 64 MB under the gzip bomb, and nothing is written to the temp folder.
 */
describe('request limits before authentication (real process, local mode)', function () {
  this.timeout(120_000);
  let connector: FakeConnector;
  let tmpDir: string;
  let bot: BotProcess;

  before(async () => {
    connector = await new FakeConnector().start();
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-uploads-'));
    bot = spawnBot({
      PORT: String(await freePort()),
      STORAGE_CONNECTION_STRING: testAzurite().connectionString,
      TABLE_PREFIX: `t${randomBytes(5).toString('hex')}`,
      TMPDIR: tmpDir,
    });
    await waitHealthy(bot.url);
  });

  after(async () => {
    await stopBots([bot]);
    await connector.stop();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  });

  const post = (body: string | Buffer | FormData, headers: Record<string, string>, host?: string) =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { ...headers, ...(host ? { Host: host } : {}) },
      body,
    }).then(
      async (response) => ({ status: response.status, text: await response.text() }),
      // The server may close the connection after answering early (it does not read a refused body).
      () => ({ status: 0, text: 'connection closed' }),
    );

  it('refuses four 200 MiB gzip bombs with 4xx, and RSS grows under 64 MB', async () => {
    const bomb = await gzipBomb(200, connector.url);
    assert.ok(bomb.length < 400 * 1024, `the bomb is small on the wire (${bomb.length} bytes)`);
    // Warm up first, so the baseline includes what a normal turn allocates.
    const warm = await post(JSON.stringify(message('hej', { serviceUrl: connector.url })), {
      'Content-Type': 'application/json',
    });
    assert.equal(warm.status, 200);
    const baseline = rssOf(bot.child.pid!);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssOf(bot.child.pid!))), 20);
    const answers = await Promise.all(
      Array.from({ length: 4 }, () =>
        post(bomb, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(bot.child.pid!));
    const grewMb = (peak - baseline) / 1e6;
    console.log(`      RSS ${Math.round(baseline / 1e6)} MB → peak ${Math.round(peak / 1e6)} MB`);
    assert.ok(grewMb < 64, `RSS grew ${grewMb.toFixed(0)} MB`);
    for (const answer of answers)
      assert.ok(answer.status >= 400 && answer.status < 500, `${answer.status} ${answer.text.slice(0, 200)}`);
  });

  it('refuses multipart uploads with 415 and leaves no file behind', async () => {
    const form = new FormData();
    form.append('type', 'message');
    form.append('upload', new Blob([Buffer.alloc(100 * 1024, 1)]), 'big.bin');
    const answer = await post(form, {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.deepEqual(fs.readdirSync(tmpDir), [], 'nothing written to the temp folder');
    assert.equal(answer.status, 415, answer.text);
  });

  it('refuses a form-encoded activity with 415 (a web page could post it without CORS preflight)', async () => {
    const activity = message('hej', { serviceUrl: connector.url });
    const form = new URLSearchParams({
      type: 'message',
      text: 'hej',
      channelId: 'msteams',
      serviceUrl: connector.url,
      'conversation[id]': activity.conversation.id,
      'from[id]': '29:web-page',
    });
    const answer = await post(form.toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(answer.status, 415, answer.text);
    assert.equal(connector.activitiesIn(activity.conversation.id).length, 0);
  });

  it('refuses text/plain JSON and a declared body over the limit before reading it', async () => {
    const activity = message('hej', { serviceUrl: connector.url });
    const plain = await post(JSON.stringify(activity), { 'Content-Type': 'text/plain' });
    assert.equal(plain.status, 415);
    const big = await post(JSON.stringify({ ...activity, padding: 'a'.repeat(600 * 1024) }), {
      'Content-Type': 'application/json',
    });
    assert.ok(big.status === 413 || big.status === 0, `got ${big.status}`);
  });

  /** fetch() sets Host itself; node:http sends the one given, as a rebound browser would. */
  const postWithHost = (pathname: string, body: string | undefined, host: string) =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(`${bot.url}${pathname}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { Host: host, 'Content-Type': 'application/json' },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end(body);
    });

  it('in local mode answers only requests addressed to a loopback name (DNS rebinding)', async () => {
    const activity = message('hej', { serviceUrl: connector.url });
    const port = new URL(bot.url).port;
    const rebound = await postWithHost('/api/messages', JSON.stringify(activity), `attacker.example:${port}`);
    assert.equal(rebound, 403);
    assert.equal(connector.activitiesIn(activity.conversation.id).length, 0);
    assert.equal(await postWithHost('/healthz', undefined, `attacker.example:${port}`), 403);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const body = JSON.stringify(message('hej', { serviceUrl: connector.url }));
      assert.equal(await postWithHost('/api/messages', body, host), 200, host);
    }
  });
});
