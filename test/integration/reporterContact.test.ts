import assert from 'node:assert/strict';
import { cardSubmit, official, type TestUser } from '../support/activities';
import { chief, contactS, install, postsIn, ROLE_ENV, textsIn as textsOf } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { findActions, ReportClient } from '../support/reportFlow';
import { validateCard } from '../../src/core/cards/cardValidation';
import type { AdaptiveCard } from '../../src/core/cards';
import { ReportStore } from '../../src/report/reportStore';

/** Issue 15, item 3: after Skicka and after "Jag tar ärendet" the reporter knows who will call, how and when. */
describe('who, how, when: the reporter is told who contacts her (real endpoint, real Azurite)', function () {
  this.timeout(60_000);
  let bot: RunningBot;

  const CONTACT_ENV = {
    ...ROLE_ENV,
    SECURITY_CONTACT_NAME: 'Säkerhetsfunktionen',
    SECURITY_CONTACT_PHONE: '+46 346 00 00 00',
    SECURITY_CONTACT_HOURS: 'vardagar 08–16',
    SECURITY_CONTACT_RESPONSE_HOURS: '24',
  };

  afterEach(async () => {
    await bot?.stop();
  });

  const textsIn = (conversationId: string) => textsOf(bot, conversationId);

  async function fileReport(client: ReportClient): Promise<string> {
    await client.say('rapportera incident');
    await client.completeAll();
    await client.press(client.action('report.submit'));
    const reference = /IR-\d{4}-\d{4}/.exec(client.lastText())?.[0];
    assert.ok(reference);
    return reference;
  }

  async function take(user: TestUser, chat: string): Promise<void> {
    const alert = postsIn(bot, chat, 'Ny incidentrapport')[0]!;
    const data = findActions(alert.attachments![0]!.content).find((d) => d.verb === 'alerts.take')!;
    await bot.post(cardSubmit(data, { serviceUrl: bot.connector.url, conversationId: chat, user }));
  }

  it('names the configured contact, number, hours and the time to expect contact after Skicka', async () => {
    bot = await startBot(CONTACT_ENV);
    const client = new ReportClient(bot);
    await fileReport(client);
    const confirmation = client.cards().at(-2)!;
    assert.deepEqual(validateCard(confirmation as AdaptiveCard), []);
    const text = JSON.stringify(confirmation);
    assert.match(
      text,
      /Kommunens säkerhetssamordnare \(Säkerhetsfunktionen\) tar emot din rapport och hör av sig till dig senast \d{4}-\d{2}-\d{2} \d{2}:\d{2}/,
    );
    assert.match(text, /telefon \+46 346 00 00 00 \(vardagar 08–16\)/);
    assert.doesNotMatch(
      text,
      /säkerhetschef/i,
      'one name for the role: the guideline’s "säkerhetssamordnare"',
    );
  });

  it('promises nothing that is not configured: no name, number or time is invented', async () => {
    bot = await startBot(ROLE_ENV);
    const client = new ReportClient(bot);
    await fileReport(client);
    const text = JSON.stringify(client.cards().at(-2));
    assert.match(text, /Kommunens säkerhetssamordnare tar emot din rapport och hör av sig till dig\./);
    assert.doesNotMatch(text, /senast|telefon/);
  });

  it('"Jag tar ärendet" moves the case to Under handläggning and tells the reporter who and when; status changes reach her', async () => {
    bot = await startBot(CONTACT_ENV);
    const chiefChat = await install(bot, chief);
    await install(bot, contactS);
    const reporterChat = await install(bot, official);
    const client = new ReportClient(bot, official, reporterChat);
    const reference = await fileReport(client);
    await bot.connector.waitFor(() => postsIn(bot, chiefChat, 'Ny incidentrapport').length === 1, 10_000);

    await take(chief, chiefChat);
    await bot.connector.waitFor(() => textsIn(reporterChat).some((t) => t.includes(reference)), 5_000);
    const notice = textsIn(reporterChat).find((t) => t.includes(reference))!;
    assert.match(
      notice,
      new RegExp(
        `Sara Säkerhetschef tar hand om din rapport ${reference} och hör av sig till dig senast \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}\\.`,
      ),
    );
    assert.match(notice, /Status: Under handläggning/);
    assert.match(notice, /telefon \+46 346 00 00 00/);

    const store = new ReportStore(() => bot.tables.table('Reports'));
    const [report] = await store.byReporter(official.aadObjectId);
    assert.equal(report!.status, 'Under handläggning');
    const history = await store.history(report!.id);
    assert.deepEqual(history.map((h) => h.action).sort(), ['status', 'submitted', 'taken']);
    assert.ok(
      history.filter((h) => h.action !== 'submitted').every((h) => h.by === chief.name),
      'the history names who took it, not an object id',
    );

    await client.say('mina rapporter');
    const list = JSON.stringify(client.lastCard());
    assert.match(list, /Under handläggning/);
    assert.match(list, /Tas om hand av Sara Säkerhetschef/);
    assert.match(list, /telefon \+46 346 00 00 00/);

    // The security chief changes the status in case management: the reporter hears it (not the reason).
    const sara = new ReportClient(bot, chief, chiefChat);
    await sara.press({ verb: 'cases.open', reportId: report!.id, lang: 'sv' });
    const status = findActions(sara.lastCard()).find((a) => a.verb === 'cases.status')!;
    await sara.press({ ...status, statusTo: 'Polisanmäld', reason: 'Anmält till polisen i dag' });
    await bot.connector.waitFor(
      () => textsIn(reporterChat).some((t) => /ny status: Polisanmäld/.test(t)),
      5_000,
    );
    assert.ok(!textsIn(reporterChat).some((t) => t.includes('Anmält till polisen i dag')), 'not the reason');
  });
});
