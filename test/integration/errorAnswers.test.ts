import assert from 'node:assert/strict';
import { message, TEST_TENANT, TEST_CREDENTIALS } from '../support/activities';
import { listenOnLoopback } from '../support/httpServer';
import { LogCapture, startBot, type RunningBot } from '../support/botHarness';
import { createLogger } from '../../src/core/logging/logger';
import { createHttpServer, type HttpServer } from '../../src/core/http/server';

/** Finding 9 (issue 13): error answers carry no upstream text, whoever asks. */
describe('error answers are bare', function () {
  this.timeout(60_000);
  let bot: RunningBot | undefined;
  let http: HttpServer | undefined;
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    await new Promise<void>((resolve) => (http ? http.server.close(() => resolve()) : resolve()));
    http = undefined;
  });

  it('answers a bad token with a bare 401 (no error text)', async () => {
    bot = await startBot({
      ...TEST_CREDENTIALS,
      ALLOWED_TENANT_IDS: TEST_TENANT,
    });
    const activity = message('hej', { serviceUrl: bot.connector.url });
    // (No well-formed JWT: validating one would fetch signing keys from the internet.)
    const response = await bot.post(activity);
    assert.equal(response.status, 401);
    assert.equal(response.body, '', 'no text in the 401');
  });

  it('answers an upstream failure outside the turn with a bare 503', async () => {
    const upstream = 'Failed to load openID config: getaddrinfo ENOTFOUND login.botframework.com';
    http = createHttpServer({
      logger: createLogger('info', new LogCapture()),
      readiness: [],
      endpoint: {
        rejectReason: () => undefined,
        process: async (_req, res) => {
          res.status(500).send(upstream).end();
        },
      },
    });
    const post = await listenOnLoopback(http);
    const response = await post({ type: 'message' });
    assert.equal(response.status, 503);
    assert.doesNotMatch(await response.text(), /login|openID|ENOTFOUND/);
  });
});
