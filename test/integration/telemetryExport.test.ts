import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { projectRoot } from '../../src/core/paths';
import { message, official } from '../support/activities';
import { chief, install, submitReport, waitUntil } from '../support/alertPeople';
import {
  freePort,
  processClient,
  spawnBot,
  stopBots,
  waitHealthy,
  type BotProcess,
} from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { testAzurite } from '../support/rootHooks';
import { personalData, QUESTION } from '../support/telemetrySecrets';

const TLS_DIR = path.join(projectRoot, 'test', 'fixtures', 'loopback-tls');

/**
 * A loopback stand-in for Application Insights' ingestion endpoint: keeps every request, answers 200. HTTPS,
 * because the exporter always speaks TLS; the bot process trusts the test certificate (NODE_EXTRA_CA_CERTS).
 */
class FakeIngestion {
  readonly requests: Array<{ path: string; body: string }> = [];
  private server?: https.Server;

  get url(): string {
    return `https://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  async start(): Promise<this> {
    const tls = {
      cert: fs.readFileSync(path.join(TLS_DIR, 'cert.pem')),
      key: fs.readFileSync(path.join(TLS_DIR, 'key.pem')),
    };
    this.server = https.createServer(tls, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const body = req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw).toString() : raw.toString();
        this.requests.push({ path: req.url ?? '', body });
        const items = body.split('\n').filter(Boolean).length;
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: items, itemsAccepted: items, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Every envelope received, as parsed JSON. */
  envelopes(): Array<{ name?: string; data?: { baseType?: string; baseData?: Record<string, unknown> } }> {
    return this.requests.flatMap(({ body }) => {
      const parsed = JSON.parse(
        body.trim().startsWith('[') ? body : `[${body.trim().split('\n').join(',')}]`,
      );
      return Array.isArray(parsed) ? parsed : [parsed];
    });
  }
}

/**
 * Black box: the real process with a connection string whose ingestion endpoint is a loopback server. A
 * conversation and a full report must export telemetry (requests, dependencies, turn spans, outbox metrics)
 * and none of it may carry the message text, the narrative, names or raw ids; nothing may try to reach any
 * other host (live metrics, statsbeat, the VM metadata service): a preloaded guard refuses and records that.
 */
describe('telemetry export to Application Insights (loopback ingestion endpoint)', function () {
  this.timeout(120_000);
  let ingestion: FakeIngestion;
  let connector: FakeConnector;
  let bot: BotProcess | undefined;
  let guardLog: string;

  before(async () => {
    ingestion = await new FakeIngestion().start();
    connector = await new FakeConnector().start();
    guardLog = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trygg-guard-')), 'connections.log');
  });

  after(async () => {
    await stopBots(bot ? [bot] : [], 'SIGKILL');
    await connector.stop();
    await ingestion.stop();
    fs.rmSync(path.dirname(guardLog), { recursive: true, force: true });
  });

  it('exports turns, dependencies and outbox metrics, with no text, narrative, names or raw ids', async () => {
    bot = spawnBot({
      PORT: String(await freePort()),
      STORAGE_CONNECTION_STRING: testAzurite().connectionString,
      TABLE_PREFIX: `tel${Date.now().toString(36)}`,
      SECURITY_CHIEF_IDS: chief.aadObjectId,
      ALERT_POLL_MS: '100',
      APPLICATIONINSIGHTS_CONNECTION_STRING: [
        'InstrumentationKey=00000000-0000-4000-8000-0000000000aa',
        `IngestionEndpoint=${ingestion.url}`,
        `LiveEndpoint=${ingestion.url}`,
      ].join(';'),
      TELEMETRY_PSEUDONYM_KEY: 'black-box-test-key-black-box-test-key',
      NODE_OPTIONS: `--require ${path.join(projectRoot, 'dist', 'test', 'support', 'loopbackOnly.js')}`,
      NETWORK_GUARD_LOG: guardLog,
      NODE_EXTRA_CA_CERTS: path.join(TLS_DIR, 'cert.pem'),
    });
    await waitHealthy(bot.url, 60_000).catch((err: Error) => assert.fail(`${err.message}\n${bot!.output()}`));
    const client = processClient(bot, connector);

    const chiefChat = await install(client, chief);
    const conversationId = 'a:telemetry-black-box';
    assert.equal(
      (await client.post(message(QUESTION, { serviceUrl: connector.url, conversationId }))).status,
      200,
    );
    await submitReport(client, official);
    await waitUntil(() => connector.activitiesIn(chiefChat).some((a) => JSON.stringify(a).includes('IR-')));

    // SIGINT: the bot finishes, then flushes spans and metrics before it exits.
    bot.child.kill('SIGINT');
    assert.equal(await bot.exited, 0, bot.output());

    const envelopes = ingestion.envelopes();

    const types = new Set(envelopes.map((envelope) => envelope.data?.baseType));
    assert.ok(types.has('RequestData'), `incoming requests exported (${[...types].join(', ')})`);
    assert.ok(types.has('RemoteDependencyData'), 'dependencies exported');
    const all = JSON.stringify(envelopes);
    assert.ok(all.includes('turn message'), 'turn spans exported');
    assert.ok(all.includes(`:${new URL(connector.url).port}`), 'connector calls are dependencies');
    assert.ok(all.includes('trygg.capability'), 'the turn span says which capability answered');
    assert.ok(
      all.includes('trygg.outbox.deliveries') && all.includes('trygg.outbox.passes'),
      'outbox metrics',
    );
    assert.ok(!ingestion.requests.some((request) => /quickpulse/i.test(request.path)), 'no live metrics');

    for (const secret of personalData({ conversationId, chiefChat }))
      assert.ok(!all.includes(secret), `"${secret}" was exported`);

    const attempts = fs.existsSync(guardLog) ? fs.readFileSync(guardLog, 'utf8').trim() : '';
    assert.equal(attempts, '', 'no connection to anything but loopback');
  });
});
