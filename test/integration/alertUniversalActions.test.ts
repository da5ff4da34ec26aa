import assert from 'node:assert/strict';
import { cardExecute, official } from '../support/activities';
import { chief, contactS, install, postsIn, ROLE_ENV, submitReport, waitUntil } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { ReportStore } from '../../src/report/reportStore';

const ALERT = 'Ny incidentrapport';
type Json = Record<string, unknown>;

describe('"Jag tar ärendet" with Universal Actions (Action.Execute, refresh)', function () {
  this.timeout(60_000);
  let bot: RunningBot;

  afterEach(async () => {
    await bot?.stop();
  });

  it('the presser sees the result at once, the other card is updated, a refresh shows the current state', async () => {
    bot = await startBot(ROLE_ENV);
    const chiefChat = await install(bot, chief);
    const contactChat = await install(bot, contactS);
    await submitReport(bot);
    await bot.connector.waitFor(
      () => postsIn(bot, chiefChat, ALERT).length === 1 && postsIn(bot, contactChat, ALERT).length === 1,
      10_000,
    );
    const [report] = await new ReportStore(() => bot.tables.table('Reports')).byReporter(
      official.aadObjectId,
    );
    await waitUntil(async () =>
      (await bot.app.alerts.outbox.deliveriesFor(report!.id)).every((d) => d.status === 'delivered'),
    );
    const messageOf = async (aadObjectId: string) =>
      (await bot.app.alerts.outbox.deliveriesFor(report!.id)).find(
        (d) => d.recipient.aadObjectId === aadObjectId,
      )!.activityId!;
    const chiefMessage = await messageOf(chief.aadObjectId);
    const contactMessage = await messageOf(contactS.aadObjectId);

    const card = postsIn(bot, chiefChat, ALERT)[0]!.attachments![0]!.content as Json;
    assert.equal(card.version, '1.5');
    const take = (card.actions as Json[]).find((a) => a.verb === 'alerts.take')!;
    assert.equal(take.type, 'Action.Execute');
    assert.deepEqual((take.fallback as Json).type, 'Action.Submit', 'clients without Universal Actions');
    assert.deepEqual((take.fallback as Json).data, { verb: 'alerts.take', ...(take.data as Json) });
    const refresh = card.refresh as { action: Json; userIds: string[] };
    assert.equal(refresh.action.verb, 'alerts.refresh');
    assert.deepEqual(
      refresh.userIds,
      [chief.id],
      "the recipient's own Teams id (one person sees a 1:1 chat)",
    );

    const execute = (user: typeof chief, conversationId: string, verb: string, messageId: string) =>
      bot.post(
        cardExecute(verb, take.data as Json, {
          serviceUrl: bot.connector.url,
          conversationId,
          user,
          replyToId: messageId,
          trigger: verb === 'alerts.refresh' ? 'automatic' : 'manual',
        }),
      );

    // Before anyone takes it, a refresh keeps the card (no update, no card in the invoke response).
    const early = await execute(contactS, contactChat, 'alerts.refresh', contactMessage);
    assert.equal(JSON.parse(early.body).type, 'application/vnd.microsoft.activity.message');

    const pressed = await execute(chief, chiefChat, 'alerts.take', chiefMessage);
    const response = JSON.parse(pressed.body) as { type: string; value: Json };
    assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(JSON.stringify(response.value), /Tas om hand av Sara Säkerhetschef/);
    assert.doesNotMatch(JSON.stringify(response.value), /alerts\.take/, 'the button is gone');
    const puts = (messageId: string) =>
      bot.connector.calls.filter((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${messageId}`));
    assert.equal(puts(chiefMessage).length, 1, "the presser's card is replaced once, not twice");
    assert.equal(puts(contactMessage).length, 1, 'the other card is updated');
    assert.match(JSON.stringify(puts(contactMessage)[0]!.activity), /Tas om hand av Sara/);

    // A client that still shows the old card refreshes it to the current state.
    const later = await execute(contactS, contactChat, 'alerts.refresh', contactMessage);
    assert.match(JSON.stringify(JSON.parse(later.body).value), /Tas om hand av Sara/);
    // Someone without a role gets nothing from a forged refresh.
    const forged = await execute(official, 'a:official-x', 'alerts.refresh', contactMessage);
    assert.equal(forged.status, 200);
    assert.equal(JSON.parse(forged.body).type, 'application/vnd.microsoft.activity.message', 'no card back');
    assert.doesNotMatch(forged.body, /Tas om hand|Socialnämnden/);
  });
});
