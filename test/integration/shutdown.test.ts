import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Repository, TableService } from '../../src/core/storage';
import type { StoredDelivery } from '../../src/alerts/alertOutbox';
import { botInstalled } from '../support/activities';
import { chief } from '../support/alertPeople';
import {
  freePort,
  processClient as client,
  spawnBot,
  stopBots,
  waitHealthy,
  type BotProcess,
} from '../support/botProcess';
import { FakeConnector } from '../support/fakeConnector';
import { ReportClient } from '../support/reportFlow';
import { testAzurite } from '../support/rootHooks';

describe('bounded shutdown (the real process)', function () {
  this.timeout(120_000);
  let connector: FakeConnector;
  const running: BotProcess[] = [];

  beforeEach(async () => {
    connector = await new FakeConnector().start();
  });
  afterEach(async () => {
    await stopBots(running, 'SIGKILL');
    await connector.stop();
  });

  it('exits within 15 s of SIGTERM while an alert send hangs, and the alert goes out after a restart', async () => {
    const prefix = `t${randomBytes(5).toString('hex')}`;
    const env = {
      STORAGE_CONNECTION_STRING: testAzurite().connectionString,
      TABLE_PREFIX: prefix,
      SECURITY_CHIEF_IDS: chief.aadObjectId,
      ALERT_POLL_MS: '200',
    };
    const first = spawnBot({ ...env, PORT: String(await freePort()) });
    running.push(first);
    await waitHealthy(first.url, 60_000);
    const chiefChat = 'a:chief-hung';
    const installed = await client(first, connector).post(
      botInstalled({ serviceUrl: connector.url, conversationId: chiefChat, user: chief }),
    );
    assert.equal(installed.status, 200);
    connector.misbehave({ kind: 'hang', conversationId: chiefChat, times: 1 });

    const reporter = new ReportClient(client(first, connector));
    await reporter.say('rapportera incident');
    await reporter.completeAll();
    await reporter.press(reporter.action('report.submit'));
    const hungBy = Date.now() + 15_000;
    while (connector.unansweredCalls.length === 0) {
      assert.ok(Date.now() < hungBy, 'the alert send reached the connector (and hangs there)');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const signalledAt = Date.now();
    first.child.kill('SIGTERM');
    const code = await first.exited;
    const exitMs = Date.now() - signalledAt;
    console.log(`      SIGTERM → exit with a hung send: ${exitMs} ms (exit code ${code})`);
    assert.ok(exitMs < 15_000, `exited in ${exitMs} ms`);
    assert.equal(code, 0, 'an orderly exit, not the hard deadline');

    const deliveries = new Repository<StoredDelivery>(
      () =>
        TableService.fromConfig(
          { kind: 'connectionString', connectionString: testAzurite().connectionString },
          prefix,
        ).table('AlertDeliveries'),
      ['status', 'dueAt'],
    );
    const [delivery] = (await deliveries.query("status eq 'pending' or status eq 'sending'")).map(
      (entry) => entry.value,
    );
    assert.equal(delivery?.status, 'pending', 'the claim was handed back at shutdown');
    assert.equal((delivery as { claimedBy?: string }).claimedBy, undefined);

    const second = spawnBot({ ...env, PORT: String(await freePort()) });
    running.push(second);
    await waitHealthy(second.url, 60_000);
    // Report alert cards only (they carry the alert's refresh verb); the welcome card on install is not one,
    // nor the first process's hung call (already in the connector's calls, so waiting for any call to the
    // chief's chat raced the second process's send).
    const alertCards = () =>
      connector
        .activitiesIn(chiefChat)
        .filter((activity) =>
          (activity.attachments ?? []).some(
            (attachment) =>
              (attachment.content as { refresh?: { action?: { verb?: string } } } | undefined)?.refresh
                ?.action?.verb === 'alerts.refresh',
          ),
        );
    await connector.waitFor(() => alertCards().length > 0, 10_000);
    const alerts = alertCards();
    assert.equal(alerts.length, 1, 'delivered once after the restart');
    second.child.kill('SIGTERM');
    assert.equal(await second.exited, 0);
  });
});
