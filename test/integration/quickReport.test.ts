import assert from 'node:assert/strict';
import { validateCard } from '../../src/core/cards/cardValidation';
import type { AdaptiveCard } from '../../src/core/cards';
import { swedishDate } from '../../src/core/i18n';
import { FIELD_IDS } from '../../src/report/domain/bilaga4';
import { ReportStore } from '../../src/report/reportStore';
import { cardSubmit, official } from '../support/activities';
import { chief, ROLE_ENV } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { COMPLETE_ANSWERS, findActions, ReportClient } from '../support/reportFlow';
import { inputsOf } from '../support/cardInputs';

type Json = Record<string, unknown>;

/** A client that counts card round trips: every message or button press that the bot answers. */
class CountingClient extends ReportClient {
  roundTrips = 0;
  override async say(text: string): Promise<void> {
    this.roundTrips++;
    await super.say(text);
  }
  override async press(value: Json): Promise<void> {
    this.roundTrips++;
    await super.press(value);
  }
}

/** Issue 15, item 1: from her own words to a reference in at most 5 card round trips. */
describe('quick report from free text (real endpoint, real Azurite)', function () {
  this.timeout(60_000);
  let bot: RunningBot;
  const yesterday = () => swedishDate(new Date(Date.now() - 86_400_000));
  const store = () => new ReportStore(() => bot.tables.table('Reports'));

  beforeEach(async () => {
    bot = await startBot(ROLE_ENV);
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('"jag blev hotad efter mötet igår" → a reference in ≤ 5 round trips, answering only what is required', async () => {
    const client = new CountingClient(bot);
    await client.say('jag blev hotad efter mötet igår');
    const card = client.lastCard();
    assert.deepEqual(validateCard(card as AdaptiveCard), []);
    const text = JSON.stringify(card);
    assert.match(text, /Snabbrapport/);
    assert.match(text, /Vad utsattes du för\?/, '"du" when she reports for herself');
    const prefilled = inputsOf(card);
    assert.equal(prefilled.description, 'jag blev hotad efter mötet igår');
    assert.equal(prefilled.kinds, 'hot');
    assert.equal(prefilled.channel, 'personligen');
    assert.equal(prefilled.date, yesterday());
    assert.equal(prefilled.place, 'efter mötet');
    assert.ok(
      'victimParty' in prefilled && 'victimBody' in prefilled,
      'no earlier report: body and party asked',
    );

    // She presses "Skicka nu" as soon as it is offered; the bot asks for what is still required.
    await client.press(client.action('report.step', 'send'));
    assert.match(client.lastText(), /Välj ett av alternativen/);
    await client.press({
      ...client.action('report.step', 'send'),
      ...inputsOf(client.lastCard()),
      victimBody: 'Socialnämnden',
      victimParty: 'S',
    });
    const reference = /IR-\d{4}-\d{4}/.exec(JSON.stringify(client.cards().at(-2)))?.[0];
    assert.ok(reference, 'a reference');
    assert.ok(client.roundTrips <= 5, `${client.roundTrips} round trips`);
    assert.equal(client.roundTrips, 3);

    const [report] = await store().byReporter(official.aadObjectId);
    assert.equal(report!.reference, reference);
    assert.equal(report!.values.reporterName, official.name, 'her name from Teams');
    assert.equal(report!.victim?.aadObjectId, official.aadObjectId, 'the victim is herself');
    assert.equal(report!.values.date, yesterday());
    assert.equal((await store().events()).length, 1, 'the alert event is written as for any report');
  });

  it('takes body and party from her last report: "någon skrev hot på min facebook" is sent in 2 round trips', async () => {
    const first = new ReportClient(bot);
    await first.say('rapportera incident');
    await first.completeAll();
    await first.press(first.action('report.submit'));

    const client = new CountingClient(bot);
    await client.say('någon skrev hot på min facebook');
    const prefilled = inputsOf(client.lastCard());
    assert.equal(prefilled.channel, 'sociala-medier');
    assert.ok(!('victimParty' in prefilled), 'the party is known from her last report');
    assert.equal(prefilled.date, '', 'no day in her words: none is guessed');
    await client.press({ ...client.action('report.step', 'send'), ...prefilled, date: yesterday() });
    assert.match(JSON.stringify(client.cards().at(-2)), /IR-\d{4}-\d{4}/);
    assert.equal(client.roundTrips, 2);
    const reports = await store().byReporter(official.aadObjectId);
    const quick = reports.find((r) => r.values.channel === 'sociala-medier' && !r.values.hateCrimeMotive)!;
    assert.equal(quick.values.victimParty, 'S');
    assert.equal(quick.values.victimBody, 'Socialnämnden');
  });

  it('"Komplettera" keeps every Bilaga 4 field available, with "Skicka nu" on each step', async () => {
    const client = new ReportClient(bot);
    await client.say('jag blev hotad efter mötet igår');
    await client.press({
      ...client.action('report.step', 'complete'),
      ...inputsOf(client.lastCard()),
      victimBody: 'Socialnämnden',
      victimParty: 'S',
    });
    assert.match(client.lastText(), /Komplettera \(frivilligt\) – steg 1 av 8/);
    assert.ok(
      findActions(client.lastCard()).some((a) => a.move === 'send'),
      '"Skicka nu" on the step',
    );
    await client.completeAll();
    assert.match(client.lastText(), /Granska din rapport/);
    await client.press(client.action('report.submit'));
    const [report] = await store().byReporter(official.aadObjectId);
    for (const answers of COMPLETE_ANSWERS)
      for (const [field, value] of Object.entries(answers)) assert.equal(report!.values[field], value, field);
    assert.ok(FIELD_IDS.length > 0);
  });

  it('shows the security function what a quick report left unanswered', async () => {
    const client = new ReportClient(bot);
    await client.say('jag blev hotad efter mötet igår');
    await client.press({
      ...client.action('report.step', 'send'),
      ...inputsOf(client.lastCard()),
      victimBody: 'Socialnämnden',
      victimParty: 'S',
    });
    const [report] = await store().byReporter(official.aadObjectId);
    const sara = new ReportClient(bot, chief);
    await sara.press({ verb: 'cases.open', reportId: report!.id, lang: 'sv' });
    const detail = JSON.stringify(sara.lastCard());
    const missing = /"title":"Ej besvarat","value":"([^"]*)"/.exec(detail)?.[1];
    assert.ok(missing, 'the case shows what is not answered');
    assert.match(missing, /Polis och stöd/);
    assert.doesNotMatch(missing, /Vem rapporterar\?/, 'a complete step is not listed');
  });

  it('leaves a question about an incident to the guidance', async () => {
    const client = new ReportClient(bot);
    await client.say('jag blev hotad igår, vad ska jag göra nu');
    assert.doesNotMatch(client.lastText(), /Snabbrapport/);
  });
});

/** Issue 15, item 2: the chat keeps one current report form, and the review has no empty sections. */
describe('report cards updated in place (real endpoint, real Azurite)', function () {
  this.timeout(60_000);
  let bot: RunningBot;

  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('replaces the pressed step card instead of posting a new form; an old copy still answers "stale"', async () => {
    const conversationId = 'a:in-place';
    const client = new ReportClient(bot, official, conversationId);
    await client.say('rapportera incident');
    const posts = () =>
      bot.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId);
    const formId = posts().at(-1)!.id!;
    const pressOnForm = async (values: Json) => {
      const data = { ...client.action('report.step', 'next'), ...values };
      const response = await bot.post(
        cardSubmit(data, { serviceUrl: bot.connector.url, conversationId, replyToId: formId }),
      );
      assert.equal(response.status, 200);
    };
    const postsBefore = posts().length;
    for (const answers of COMPLETE_ANSWERS.slice(0, 3)) await pressOnForm(answers);
    assert.equal(posts().length, postsBefore, 'no new form messages');
    const updates = bot.connector.calls.filter(
      (c) => c.method === 'PUT' && c.path.endsWith(`/activities/${formId}`),
    );
    assert.equal(updates.length, 3, 'the form was updated in place, once per press');
    assert.match(JSON.stringify(updates.at(-1)!.activity), /Steg 4 av 8/);

    // A press on an out-of-date copy of the form (step 1) is answered "stale", not applied.
    await client.press({
      verb: 'report.step',
      draftId: client.action('report.step', 'next').draftId,
      step: 0,
      move: 'next',
      lang: 'sv',
    });
    assert.match(client.lastText(), /Den här knappen gäller inte längre/);
  });

  it('shows no empty section on the review: unanswered optional steps are one line with "Fyll i"', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    const answers = COMPLETE_ANSWERS.map((step) =>
      'groupAffiliation' in step ? { groupAffiliation: '', trigger: '', experience: '' } : step,
    );
    await client.completeAll(answers);
    const review = client.lastCard();
    assert.deepEqual(validateCard(review as AdaptiveCard), []);
    const text = JSON.stringify(review);
    assert.match(text, /Inte ifyllt \(frivilligt\): Bakgrund\./);
    assert.match(text, /Fyll i: Bakgrund/);
    const sectionTitles = ((review.body as Json[]) ?? [])
      .filter((element) => element.type === 'Container' && Array.isArray(element.items))
      .map((element) => ((element.items as Json[])[0] as Json).text);
    assert.ok(!sectionTitles.includes('Bakgrund'), 'no empty "Bakgrund" section');
  });
});
