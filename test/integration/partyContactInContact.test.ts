import assert from 'node:assert/strict';
import { cardSubmit } from '../support/activities';
import { chief, contactS, deputy, install, postsIn, ROLE_ENV, submitReport } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { findActions } from '../support/reportFlow';

/**
 * Finding 7 (issue 13): a party contact's "Jag tar ärendet" must not silence the municipality. It marks the
 * contact as in contact with the member; only the security chief or deputy taking the case stops escalation.
 */
describe('party contact "in contact" vs security staff taking a case', function () {
  this.timeout(90_000);
  let bot: RunningBot;
  afterEach(async () => bot?.stop());

  it('a party contact pressing "take" does not stop escalation, and the chief can still take the case', async () => {
    bot = await startBot({
      ...ROLE_ENV,
      SECURITY_DEPUTY_IDS: deputy.aadObjectId,
      ESCALATE_AFTER_SECONDS: '3',
    });
    const [chiefChat, deputyChat, contactChat] = [
      await install(bot, chief),
      await install(bot, deputy),
      await install(bot, contactS),
    ];
    const reference = await submitReport(bot);
    const alerts = (chat: string) => postsIn(bot, chat, 'Ny incidentrapport');
    await bot.connector.waitFor(
      () => alerts(contactChat).length === 1 && alerts(chiefChat).length === 1,
      10_000,
    );
    const take = (chat: string) =>
      findActions(alerts(chat)[0]!.attachments![0]!.content).find((d) => d.verb === 'alerts.take')!;

    await bot.post(
      cardSubmit(take(contactChat), {
        serviceUrl: bot.connector.url,
        conversationId: contactChat,
        user: contactS,
      }),
    );
    const contactSays = JSON.stringify(bot.connector.activitiesIn(contactChat).map((a) => a.text));
    assert.match(contactSays, /i kontakt/, 'the contact is told they are marked as in contact');
    assert.doesNotMatch(contactSays, /Du har tagit ärendet/);

    // Escalation goes on: the deputy gets the reminder although the party contact pressed the button.
    await bot.connector.waitFor(() => alerts(deputyChat).length === 1, 15_000);

    await bot.post(
      cardSubmit(take(chiefChat), { serviceUrl: bot.connector.url, conversationId: chiefChat, user: chief }),
    );
    const chiefSays = JSON.stringify(bot.connector.activitiesIn(chiefChat).map((a) => a.text));
    assert.match(chiefSays, new RegExp(`Du har tagit ärendet ${reference}`));
  });
});
