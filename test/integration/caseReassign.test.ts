import assert from 'node:assert/strict';
import { cardSubmit, official, type TestUser } from '../support/activities';
import {
  chief,
  contactS,
  deputy,
  install,
  postsIn,
  ROLE_ENV,
  textsIn as textsOf,
} from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { findActions, ReportClient } from '../support/reportFlow';
import { ReportStore } from '../../src/report/reportStore';
import { Repository } from '../../src/core/storage';
import type { Owner } from '../../src/alerts/acknowledgement';

describe('the security chief takes over or reassigns a case (issue 13 #7, real endpoint)', function () {
  this.timeout(90_000);
  let bot: RunningBot;

  afterEach(async () => {
    await bot?.stop();
  });

  const textsIn = (conversationId: string) => textsOf(bot, conversationId);

  it('a case the deputy took: the chief takes it over, then gives it back; history, reporter and new owner told; roles checked', async () => {
    bot = await startBot({ ...ROLE_ENV, SECURITY_DEPUTY_IDS: deputy.aadObjectId });
    const [chiefChat, deputyChat, contactChat] = [
      await install(bot, chief),
      await install(bot, deputy),
      await install(bot, contactS),
    ];
    const reporterChat = await install(bot, official);
    const client = new ReportClient(bot, official, reporterChat);
    await client.say('rapportera incident');
    await client.completeAll();
    await client.press(client.action('report.submit'));
    const reference = /IR-\d{4}-\d{4}/.exec(client.lastText())![0];
    await bot.connector.waitFor(() => postsIn(bot, chiefChat, reference).length === 1, 10_000);
    const take = findActions(postsIn(bot, chiefChat, reference)[0]!.attachments![0]!.content).find(
      (a) => a.verb === 'alerts.take',
    )!;
    const press = (user: TestUser, conversationId: string, data: Record<string, unknown>) =>
      bot.post(cardSubmit(data, { serviceUrl: bot.connector.url, conversationId, user }));

    await press(deputy, deputyChat, take);
    assert.match(textsIn(deputyChat).at(-1)!, /Du har tagit ärendet/);

    // The chief finds it taken: the answer offers "Ta över ärendet" and "Ge ärendet till".
    await press(chief, chiefChat, take);
    assert.match(textsIn(chiefChat).at(-1)!, /togs redan av David/);
    const offer = bot.connector.activitiesIn(chiefChat).at(-1)!.attachments![0]!.content;
    const takeOver = findActions(offer).find((a) => a.verb === 'alerts.takeOver')!;
    assert.ok(takeOver, 'a "Ta över ärendet" button');

    // Neither the deputy nor a party contact may move a case (role from the activity, not the card).
    await press(deputy, deputyChat, takeOver);
    assert.match(textsIn(deputyChat).at(-1)!, /Bara säkerhetssamordnaren/);
    await press(contactS, contactChat, { ...takeOver, verb: 'alerts.reassign', to: contactS.aadObjectId });
    assert.match(textsIn(contactChat).at(-1)!, /Bara säkerhetssamordnaren/);
    // Only to security staff.
    await press(chief, chiefChat, { ...takeOver, verb: 'alerts.reassign', to: official.aadObjectId });
    assert.match(textsIn(chiefChat).at(-1)!, /bara ges till säkerhetssamordnaren eller en ställföreträdare/);

    const owners = new Repository<Owner>(() => bot.tables.table('ReportOwners'));
    const store = new ReportStore(() => bot.tables.table('Reports'));
    const [report] = await store.byReporter(official.aadObjectId);
    assert.equal((await owners.get(report!.id, 'owner'))!.value.aadObjectId, deputy.aadObjectId);

    await press(chief, chiefChat, takeOver);
    assert.match(textsIn(chiefChat).at(-1)!, new RegExp(`Sara Säkerhetschef har nu ärendet ${reference}`));
    assert.equal((await owners.get(report!.id, 'owner'))!.value.aadObjectId, chief.aadObjectId);
    await bot.connector.waitFor(
      () =>
        textsIn(reporterChat).some((t) =>
          t.includes(`Sara Säkerhetschef tar hand om din rapport ${reference}`),
        ),
      10_000,
    );

    // And gives it to the deputy (the choice set's input "to" comes with the button's data).
    const reassign = findActions(offer).find((a) => a.verb === 'alerts.reassign')!;
    await press(chief, chiefChat, { ...reassign, to: deputy.aadObjectId });
    assert.match(textsIn(chiefChat).at(-1)!, new RegExp(`David har nu ärendet ${reference}`));
    assert.equal((await owners.get(report!.id, 'owner'))!.value.aadObjectId, deputy.aadObjectId);
    await bot.connector.waitFor(
      () =>
        textsIn(reporterChat).some((t) => t.includes(`David tar hand om din rapport ${reference}`)) &&
        textsIn(deputyChat).some((t) => t.includes(`Sara Säkerhetschef har gett dig ärendet ${reference}`)),
      10_000,
    );
    const history = (await store.history(report!.id)).filter((h) => h.action === 'reassigned');
    assert.deepEqual(
      history.map((h) => [h.by, h.detail]),
      [
        [chief.name, 'David → Sara Säkerhetschef'],
        [chief.name, 'Sara Säkerhetschef → David'],
      ],
    );
    assert.equal((await store.get(report!.id))!.takenBy?.name, 'David');
  });
});
