import assert from 'node:assert/strict';
import { TableClient } from '@azure/data-tables';
import { chief, contactS, install, ROLE_ENV, submitReport, waitUntil } from '../support/alertPeople';
import type { GuidanceModels } from '../../src/guidance/models';
import { message } from '../support/activities';
import { sharedGuidance, startBot, type RunningBot } from '../support/botHarness';
import { testAzurite } from '../support/rootHooks';

const readyz = async (bot: RunningBot, path = '/readyz') => {
  const response = await fetch(`${bot.url}${path}`);
  return {
    status: response.status,
    body: (await response.json()) as { status: string; checks: Record<string, string> },
  };
};

describe('liveness and readiness that tell the truth', function () {
  this.timeout(60_000);
  let bot: RunningBot;
  afterEach(async () => bot?.stop());

  it('/livez answers alive without asking storage; /healthz is /readyz', async () => {
    bot = await startBot();
    const live = await fetch(`${bot.url}/livez`);
    assert.equal(live.status, 200);
    assert.deepEqual(await live.json(), { status: 'alive' });
    const ready = await readyz(bot);
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body, {
      status: 'ready',
      checks: { models: 'ok', storage: 'ok', alertWorker: 'ok', alertDeliveries: 'ok' },
    });
    assert.deepEqual(await readyz(bot, '/healthz'), ready);
  });

  it('opens the port before the models load: /livez at once, /readyz and turns wait for the models', async () => {
    let release: (models: GuidanceModels) => void = () => undefined;
    const models = new Promise<GuidanceModels>((resolve) => (release = resolve));
    bot = await startBot({}, undefined, { loadModels: () => models });
    assert.equal((await fetch(`${bot.url}/livez`)).status, 200);
    const loading = await readyz(bot);
    assert.equal(loading.status, 503);
    assert.equal(loading.body.checks.models, 'loading');
    assert.equal((await readyz(bot, '/healthz')).status, 503);

    const conversation = { serviceUrl: bot.connector.url, conversationId: 'a:early' };
    let answered = false;
    const turn = bot.post(message('han står utanför dörren med en kniv nu', conversation)).then((reply) => {
      answered = true;
      return reply;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(answered, false, 'the turn waits for the models');

    const { matcher, dangerDetector } = await sharedGuidance();
    // What is built on first use is built once the models are in, not in a person's first message.
    const prepare = dangerDetector.prepare;
    let prepared = 0;
    dangerDetector.prepare = () => (prepared++, prepare.call(dangerDetector));
    release({ matcher, dangerDetector });
    await bot.app.modelsReady();
    await new Promise((resolve) => setImmediate(resolve));
    dangerDetector.prepare = prepare;
    assert.equal(prepared, 1, 'the spelling lookups were built after the models loaded');
    assert.equal((await turn).status, 200);
    assert.match(JSON.stringify(bot.connector.activitiesIn('a:early')[0]), /Ring 112 nu/);
    assert.equal((await readyz(bot)).status, 200);
  });

  it('is not ready when a table is gone, creates it again, and reports work afterwards', async () => {
    bot = await startBot(ROLE_ENV);
    await submitReport(bot);
    // The emulator restarted without its data, or someone deleted the table: every write would fail.
    await TableClient.fromConnectionString(testAzurite().connectionString, `${bot.tables.prefix}Reports`, {
      allowInsecureConnection: true,
    }).deleteTable();
    const first = await readyz(bot);
    assert.equal(first.status, 503, 'not ready while a table is missing');
    assert.match(first.body.checks.storage!, /missing tables created again/);
    assert.equal((await readyz(bot)).status, 200, 'ready once it is back');
    assert.match(await submitReport(bot), /IR-\d{4}-\d{4}/, 'a report can be filed again');
  });

  it('stays ready while one chat hangs: the worker keeps passing and the other alerts go out', async () => {
    bot = await startBot({ ...ROLE_ENV, READY_WORKER_STALE_SECONDS: '2', READY_DELIVERY_LATE_SECONDS: '2' });
    const chiefChat = await install(bot, chief);
    await install(bot, contactS);
    assert.equal((await readyz(bot)).status, 200);
    bot.connector.misbehave({ kind: 'hang', conversationId: chiefChat, times: 1 });
    await submitReport(bot);
    await waitUntil(() => bot.connector.unansweredCalls.length > 0);
    // Longer than the stale threshold: a hung send holds up neither the worker nor readiness.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const during = await readyz(bot);
    assert.equal(during.status, 200, JSON.stringify(during.body));
    assert.equal(during.body.checks.alertWorker, 'ok');
  });

  it('is not ready when the alert worker is stuck and due deliveries wait too long', async () => {
    bot = await startBot({ ...ROLE_ENV, READY_WORKER_STALE_SECONDS: '2', READY_DELIVERY_LATE_SECONDS: '2' });
    await install(bot, chief);
    assert.equal((await readyz(bot)).status, 200);
    // A worker stuck as a blocked pass would leave it: its passes never end and nothing is sent; the report's
    // alerts are taken in (as a pass does before it sends) and then wait.
    const outbox = bot.app.alerts.outbox;
    outbox.stopClaiming();
    outbox.pump = () => new Promise<void>(() => undefined);
    await submitReport(bot);
    await outbox.enqueueNewEvents();
    let last = await readyz(bot);
    await waitUntil(async () => {
      last = await readyz(bot);
      return last.body.checks.alertWorker !== 'ok' && last.body.checks.alertDeliveries !== 'ok';
    }, 15_000).catch((err: Error) => assert.fail(`${err.message}: ${JSON.stringify(last.body)}`));
    assert.equal(last.status, 503);
    assert.match(last.body.checks.alertWorker!, /^stale: \d+ s old$/);
    assert.match(last.body.checks.alertDeliveries!, /^oldest waiting \d+ s$/);
    assert.equal(last.body.checks.storage, 'ok');
    assert.equal((await fetch(`${bot.url}/livez`)).status, 200, 'alive: a restart is not what helps here');
  });
});
