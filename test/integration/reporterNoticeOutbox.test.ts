import assert from 'node:assert/strict';
import { cardSubmit, official } from '../support/activities';
import { chief, install, postsIn, ROLE_ENV, textsIn as textsOf } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { findActions, ReportClient } from '../support/reportFlow';
import { ReportStore } from '../../src/report/reportStore';

describe("the reporter's status notices go through the durable outbox (fake connector failing)", function () {
  this.timeout(60_000);
  let bot: RunningBot;

  afterEach(async () => {
    await bot?.stop();
  });

  const textsIn = (conversationId: string) => textsOf(bot, conversationId);

  it('"Under handläggning" and a status change sent while Teams fails reach her once it is back, once each', async () => {
    bot = await startBot({
      ...ROLE_ENV,
      PARTY_CONTACTS: '',
      ALERT_RETRY_BASE_MS: '200',
      ALERT_RETRY_MAX_MS: '500',
    });
    const chiefChat = await install(bot, chief);
    const reporterChat = await install(bot, official);
    const client = new ReportClient(bot, official, reporterChat);
    await client.say('rapportera incident');
    await client.completeAll();
    await client.press(client.action('report.submit'));
    const reference = /IR-\d{4}-\d{4}/.exec(client.lastText())![0];
    await bot.connector.waitFor(() => postsIn(bot, chiefChat, reference).length === 1, 10_000);

    // Teams answers 503 for everything sent to the reporter's chat while the outage lasts.
    let outage = true;
    bot.connector.failNext({ status: 503, times: 1, conversationId: reporterChat, while: () => outage });
    const take = findActions(postsIn(bot, chiefChat, reference)[0]!.attachments![0]!.content).find(
      (a) => a.verb === 'alerts.take',
    )!;
    await bot.post(
      cardSubmit(take, { serviceUrl: bot.connector.url, conversationId: chiefChat, user: chief }),
    );
    const [report] = await new ReportStore(() => bot.tables.table('Reports')).byReporter(
      official.aadObjectId,
    );
    const sara = new ReportClient(bot, chief, chiefChat);
    await sara.press({ verb: 'cases.open', reportId: report!.id, lang: 'sv' });
    const status = findActions(sara.lastCard()).find((a) => a.verb === 'cases.status')!;
    await sara.press({ ...status, statusTo: 'Polisanmäld', reason: 'Anmält i dag' });

    await new Promise((resolve) => setTimeout(resolve, 2_000));
    assert.ok(
      bot.connector.failedCalls.filter((c) => c.conversationId === reporterChat).length >= 2,
      'both notices were tried during the outage',
    );
    assert.ok(!textsIn(reporterChat).some((t) => t.includes('tar hand om din rapport')), 'not through yet');

    outage = false;
    await bot.connector.waitFor(
      () =>
        textsIn(reporterChat).some((t) => t.includes(`tar hand om din rapport ${reference}`)) &&
        textsIn(reporterChat).some((t) => /ny status: Polisanmäld/.test(t)),
      10_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.equal(textsIn(reporterChat).filter((t) => t.includes('tar hand om din rapport')).length, 1);
    assert.equal(textsIn(reporterChat).filter((t) => /ny status: Polisanmäld/.test(t)).length, 1);
  });
});
