import assert from 'node:assert/strict';
import { azuriteConnectionString, TableService } from '../../src/core/storage';
import { botInstalled, message, TEST_TENANT, TEST_CREDENTIALS } from '../support/activities';
import { startBot, type RunningBot } from '../support/botHarness';
import { freePort } from '../support/botProcess';

const SECRET_TEXT = 'mitt hemliga telefonnummer 070-1234567';

describe('turn errors and hostile input (real endpoint)', function () {
  this.timeout(60_000);
  let bot: RunningBot;

  afterEach(async () => {
    await bot?.stop();
  });

  it('survives hundreds of malformed activities and still answers the next real one', async () => {
    bot = await startBot();
    const bodies: unknown[] = [
      'not json',
      '{"type":',
      '[]',
      '42',
      {},
      { type: 'message' },
      { type: 'message', serviceUrl: 'notaurl', channelId: 'msteams', conversation: { id: 'c' } },
      {
        type: 'message',
        serviceUrl: bot.connector.url,
        channelId: 'msteams',
        conversation: { id: 'c\u0000' },
      },
      { type: 'message', serviceUrl: bot.connector.url, channelId: 'msteams', conversation: {} },
      {
        type: 'x'.repeat(500),
        serviceUrl: bot.connector.url,
        channelId: 'msteams',
        conversation: { id: 'c' },
      },
    ];
    const started = Date.now();
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) => bot.post(bodies[i % bodies.length])),
    );
    assert.ok(
      responses.every((r) => r.status === 400),
      'every malformed body gets 400',
    );
    assert.ok(Date.now() - started < 10_000, 'answered quickly');
    const real = message('hej', { serviceUrl: bot.connector.url });
    assert.equal((await bot.post(real)).status, 200);
    assert.equal(bot.connector.activitiesIn(real.conversation.id).length, 1);
  });

  it('answers within the turn deadline even when the error reply cannot be sent, and stays up', async () => {
    bot = await startBot();
    const unreachable = Array.from({ length: 10 }, () =>
      message(SECRET_TEXT, { serviceUrl: 'http://127.0.0.1:1/' }),
    );
    const started = Date.now();
    const responses = await Promise.all(unreachable.map((activity) => bot.post(activity)));
    assert.ok(Date.now() - started < 8_000, `answered in ${Date.now() - started} ms`);
    assert.ok(responses.every((r) => r.status === 200 || r.status === 202));
    await bot.app.http.inFlight.drain(20_000);
    assert.equal(bot.app.http.inFlight.size, 0, 'background turns end');
    const real = message('hej', { serviceUrl: bot.connector.url });
    assert.equal((await bot.post(real)).status, 200);
    assert.ok(
      bot.logs.lines.some((line) => line.msg === 'turn failed' && typeof line.correlationId === 'string'),
    );
    assert.ok(!bot.logs.raw.includes('070-1234567'), 'no message text in the logs');
  });

  it('tells the user in one Swedish line when a turn fails, and keeps the conversation state', async () => {
    bot = await startBot();
    const conversationId = 'a:conv-state-kept';
    await bot.post(botInstalled({ serviceUrl: bot.connector.url, conversationId }));
    bot.connector.failNext({ status: 500, times: 4 }); // the reply fails (after the SDK's retries)
    await bot.post(message('hej', { serviceUrl: bot.connector.url, conversationId }));
    await bot.connector.waitFor(
      (calls) => calls.filter((c) => c.conversationId === conversationId).length >= 2,
    );
    const replies = bot.connector.activitiesIn(conversationId);
    assert.match(String(replies.at(-1)!.text), /^Något gick fel hos mig\. .*112/);
    // The welcome flag survived the failed turn: a repeated install event does not welcome twice.
    await bot.post(botInstalled({ serviceUrl: bot.connector.url, conversationId }));
    assert.equal(bot.connector.activitiesIn(conversationId).length, replies.length);
  });

  it('drops activities from tenants outside the allow-list before any handler runs', async () => {
    bot = await startBot({ ALLOWED_TENANT_IDS: TEST_TENANT });
    const foreign = message('hej', {
      serviceUrl: bot.connector.url,
      tenantId: '99999999-9999-4999-8999-999999999999',
    });
    assert.equal((await bot.post(foreign)).status, 200);
    assert.equal(bot.connector.activitiesIn(foreign.conversation.id).length, 0);
    assert.ok(bot.logs.lines.some((line) => line.msg === 'tenant guard: activity dropped'));
    const allowed = message('hej', { serviceUrl: bot.connector.url });
    await bot.post(allowed);
    assert.equal(bot.connector.activitiesIn(allowed.conversation.id).length, 1);
  });

  it('reports 503 on /healthz when storage does not answer', async () => {
    // A port that was free a moment ago and is closed now; never 10002, where a developer's Azurite may run.
    const closedPort = await freePort();
    const deadStorage = TableService.fromConfig(
      { kind: 'connectionString', connectionString: azuriteConnectionString(closedPort) },
      'dead',
    );
    bot = await startBot({}, deadStorage);
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 503);
  });
});

describe('authentication (credentials configured)', () => {
  let bot: RunningBot;
  afterEach(async () => bot?.stop());

  it('refuses a request without a token with 401 and runs no handler', async () => {
    bot = await startBot(TEST_CREDENTIALS);
    const activity = message('hej', { serviceUrl: bot.connector.url });
    const response = await bot.post(activity);
    assert.equal(response.status, 401);
    assert.equal(bot.connector.calls.length, 0);
  });
});
