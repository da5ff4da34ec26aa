import assert from 'node:assert/strict';
import { createApp, type App } from '../../src/app';
import { createLogger } from '../../src/core/logging/logger';
import { validateCard } from '../../src/core/cards/cardValidation';
import type { AdaptiveCard } from '../../src/core/cards';
import { ReportStore } from '../../src/report/reportStore';
import { ReportService, type Draft } from '../../src/report/reportService';
import { Repository } from '../../src/core/storage';
import { official } from '../support/activities';
import { sharedGuidance, startBot, type RunningBot } from '../support/botHarness';
import { COMPLETE_ANSWERS, ReportClient } from '../support/reportFlow';

describe('incident report dialog (real endpoint, real Azurite)', function () {
  this.timeout(60_000);
  let bot: RunningBot;

  beforeEach(async () => {
    bot = await startBot();
  });
  afterEach(async () => {
    await bot.stop();
  });

  const store = () => new ReportStore(() => bot.tables.table('Reports'));

  it('fills the whole report through card submits and stores every field', async () => {
    const client = new ReportClient(bot);
    await client.say('Jag vill rapportera en incident');
    assert.match(client.lastText(), /Steg 1 av 8/);
    await client.completeAll();
    assert.match(client.lastText(), /Granska din rapport/);
    for (const card of client.cards()) assert.deepEqual(validateCard(card as AdaptiveCard), []);

    await client.press(client.action('report.submit'));
    const [confirmation, sheet] = client.cards().slice(-2);
    const reference = /IR-\d{4}-\d{4}/.exec(JSON.stringify(confirmation))?.[0];
    assert.ok(reference, 'a reference like IR-2026-0001');
    assert.match(JSON.stringify(confirmation), /Mottagen/);
    assert.match(JSON.stringify(sheet), /åtkomstskydd/);
    assert.match(JSON.stringify(sheet), /skärmdumpar/, 'social media: evidence is screenshots');
    assert.match(JSON.stringify(sheet), /Socialnämnden, S/);

    const [report] = await store().byReporter(official.aadObjectId);
    assert.ok(report);
    assert.equal(report.reference, reference);
    assert.equal(report.status, 'Mottagen');
    assert.equal(report.reporter.aadObjectId, official.aadObjectId);
    assert.equal(
      report.victim?.aadObjectId,
      official.aadObjectId,
      'reporting for oneself: the victim is the reporter',
    );
    for (const answers of COMPLETE_ANSWERS) {
      for (const [field, value] of Object.entries(answers)) assert.equal(report.values[field], value, field);
    }
    const [event] = await store().events();
    assert.deepEqual(
      { type: event!.type, reference: event!.reference, party: event!.party, kinds: event!.kinds },
      { type: 'report-submitted', reference, party: 'S', kinds: 'hot,trakasserier' },
    );
    assert.ok(!JSON.stringify(event).includes('vi vet var du bor'), 'the alert event carries no narrative');
    const history = await store().history(report.id);
    assert.deepEqual(
      history.map((h) => h.action),
      ['submitted'],
    );
  });

  it('submits once on a double click or a retried request', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.completeAll();
    const submit = client.action('report.submit');
    await Promise.all([client.press(submit), client.press(submit)]);
    await client.press(submit);
    const reports = await store().byReporter(official.aadObjectId);
    assert.equal(reports.length, 1);
    assert.equal((await store().events()).length, 1);
    const references = client
      .cards()
      .map((c) => /IR-\d{4}-\d{4}/.exec(JSON.stringify(c))?.[0])
      .filter(Boolean);
    assert.ok(
      references.length >= 3 && references.every((r) => r === reports[0]!.reference),
      'every answer shows the one report',
    );
  });

  it('comes back with the same card, values kept, and a message beside each invalid field', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.completeAll(COMPLETE_ANSWERS.slice(0, 3));
    await client.step({ date: '2999-01-01', time: '25:99', place: 'x'.repeat(250), witnesses: 'Karl' });
    const text = client.lastText();
    assert.match(text, /Steg 4 av 8/);
    assert.match(text, /Datumet kan inte ligga i framtiden/);
    assert.match(text, /Skriv tiden som TT:MM/);
    assert.match(text, /Högst 200 tecken/);
    assert.match(text, /"value":"Karl"/, 'valid values stay in the card');
    assert.match(text, /"value":"x{250}"/, 'an invalid value is kept so it can be corrected, not lost');
  });

  it('refuses forged choices and ignores unknown fields and identity in card data', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.step({
      reporterName: 'Anna',
      reportingFor: 'everyone',
      reporterAadObjectId: 'forged',
      isAdmin: true,
    });
    assert.match(client.lastText(), /Välj ett av alternativen/);
    assert.doesNotMatch(client.lastText(), /forged/);
  });

  it('shows the yes/no follow-ups on the same card from the start, so one Nästa answers both', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.completeAll(COMPLETE_ANSWERS.slice(0, 6));
    const text = client.lastText();
    assert.match(text, /Steg 7 av 8/);
    assert.match(text, /Om ja, när\?/);
    assert.match(text, /Om inte, vill du att incidenten polisanmäls/, '"du" when she reports for herself');
    assert.match(text, /Om ja, vilka behov\?/);
    // Answer and follow-ups in one press: straight on to step 8.
    await client.step({
      policeContacted: 'yes',
      policeContactedDate: '2026-11-21',
      policeReported: 'no',
      wantsPoliceReport: 'yes',
      needsSupport: 'yes',
      supportNeeds: 'Stödsamtal',
    });
    assert.match(client.lastText(), /Steg 8 av 8/);
    // "Ja" with its follow-up left empty: the same card, with a message beside the follow-up.
    await client.step({}, 'back');
    await client.step({ policeContacted: 'yes', policeContactedDate: '' });
    assert.match(client.lastText(), /Steg 7 av 8[\s\S]*Kontrollera de markerade fälten/);
    await client.step({ policeContactedDate: '2026-11-21' });
    assert.match(client.lastText(), /Steg 8 av 8/);
    // Changing the answer to "no" drops the follow-up: it is not kept in the report.
    await client.step({}, 'back');
    await client.step({
      policeContacted: 'no',
      policeReported: 'no',
      needsSupport: 'yes',
      wantsPoliceReport: 'yes',
      supportNeeds: 'Stödsamtal',
    });
    await client.step(COMPLETE_ANSWERS[7]!);
    await client.press(client.action('report.submit'));
    const [report] = await store().byReporter(official.aadObjectId);
    assert.equal(report!.values.policeContactedDate, undefined);
    assert.equal(report!.values.supportNeeds, 'Stödsamtal');
  });

  it('goes back keeping what was typed, and edits a section from the review', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.completeAll(COMPLETE_ANSWERS.slice(0, 2));
    await client.step({ description: 'Halvskriven text' }, 'back');
    assert.match(client.lastText(), /Steg 2 av 8/);
    await client.step({});
    assert.match(client.lastText(), /Halvskriven text/, 'the text typed before going back is still there');
    await client.step(COMPLETE_ANSWERS[2]!);
    await client.completeAll(COMPLETE_ANSWERS.slice(3));
    const edit = client.cards().at(-1)!;
    const editButtons = JSON.stringify(edit).match(/"verb":"report.edit"/g) ?? [];
    assert.equal(editButtons.length, 8, 'an "Ändra" per section');
    await client.press({ ...client.action('report.edit'), step: 3 });
    assert.match(client.lastText(), /Steg 4 av 8/);
    await client.step({ place: 'Instagram' });
    assert.match(client.lastText(), /Granska din rapport/, 'Nästa returns to the review');
    assert.match(client.lastText(), /Instagram/);
  });

  it('cancels only after a confirmation, and then the draft is gone', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.step(COMPLETE_ANSWERS[0]!);
    await client.press(client.action('report.askCancel'));
    assert.match(client.lastText(), /Vill du avbryta/);
    await client.press(client.action('report.resume'));
    assert.match(client.lastText(), /Steg 2 av 8/, '"Nej, fortsätt" keeps the draft');
    await client.press(client.action('report.askCancel'));
    await client.press(client.action('report.cancel'));
    assert.match(client.lastText(), /avbruten/);
    await client.say('rapportera incident');
    assert.match(client.lastText(), /Steg 1 av 8/, 'a new report starts empty');
  });

  it('saves for later and offers to continue next time, in a new conversation too', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.step(COMPLETE_ANSWERS[0]!);
    await client.step({ victimBody: 'Socialnämnden' }, 'save');
    assert.match(client.lastText(), /Utkastet är sparat/);
    const later = new ReportClient(bot);
    await later.say('rapportera incident');
    assert.match(later.lastText(), /påbörjat utkast/);
    await later.press(later.action('report.resume'));
    assert.match(later.lastText(), /Steg 2 av 8/);
    assert.match(later.lastText(), /"value":"Socialnämnden"/);
  });

  it('loses nothing when the bot restarts between two steps', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.completeAll(COMPLETE_ANSWERS.slice(0, 3));
    const nextStep = client.action('report.step', 'next');
    await bot.app.close(1_000);
    const restarted: App = createApp({
      config: bot.config,
      logger: createLogger('silent'),
      tables: bot.tables,
      ...(await sharedGuidance()),
    });
    const port = await restarted.listen();
    bot.url = `http://127.0.0.1:${port}`;
    bot.app = restarted;
    await client.press({ ...nextStep, ...COMPLETE_ANSWERS[3] });
    assert.match(client.lastText(), /Steg 5 av 8/);
  });

  it('lists "mina rapporter" with reference, date and status, and only the user\'s own', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.completeAll();
    await client.press(client.action('report.submit'));
    await client.say('mina rapporter');
    assert.match(client.lastText(), /IR-\d{4}-0001/);
    assert.match(client.lastText(), /Mottagen/);
    const other = new ReportClient(bot, {
      id: '29:olof',
      aadObjectId: 'bbbbbbbb-0000-4000-8000-000000000002',
      name: 'Olof',
    });
    await other.say('mina rapporter');
    assert.match(other.lastText(), /inga skickade rapporter/);
  });

  it('answers 112 first when danger starts in the middle of the dialog, and keeps the draft', async () => {
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    await client.step(COMPLETE_ANSWERS[0]!);
    await client.say('han står utanför dörren nu');
    const activities = bot.connector.activitiesIn(client.conversationId);
    assert.match(String(activities.at(-2)!.text), /^Ring 112 nu/);
    await client.say('rapportera incident');
    await client.press(client.action('report.resume'));
    assert.match(client.lastText(), /Steg 2 av 8/);
  });

  it('lets drafts expire after the configured number of days', async () => {
    let now = new Date('2026-11-01T10:00:00Z');
    const service = new ReportService({
      drafts: new Repository<Draft>(() => bot.tables.table('ReportDrafts')),
      reports: store(),
      counters: new Repository<{ next: number }>(() => bot.tables.table('Counters')),
      lists: { bodies: bot.config.bodies, parties: bot.config.parties },
      draftExpiryDays: 30,
      now: () => now,
    });
    const user = { userId: '29:exp', aadObjectId: 'cccccccc-0000-4000-8000-000000000003', name: 'E' };
    assert.equal((await service.start(user)).kind, 'step');
    now = new Date('2026-11-30T10:00:00Z');
    assert.equal((await service.start(user)).kind, 'resumeOffer', 'kept for 30 days');
    now = new Date('2026-12-02T10:00:00Z');
    assert.equal((await service.start(user)).kind, 'step', 'expired: a fresh draft');
  });
});
