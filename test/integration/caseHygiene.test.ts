import assert from 'node:assert/strict';
import type { TestUser } from '../support/activities';
import { chief, deputy } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { ReportClient } from '../support/reportFlow';
import { seedReport } from '../support/caseSeeds';
import { ReportStore } from '../../src/report/reportStore';

/**
 * Issue 13 (findings 4 and 10) and issue 15 (item 7) in the case file, on the real endpoint: no personnummer in
 * a note or the measures, statistics too coarse to point at one person, and names instead of Entra object ids
 * in history written before names were stored.
 */
const olof: TestUser = {
  id: '29:olof',
  aadObjectId: 'bbbbbbbb-0000-4000-8000-0000000000e1',
  name: 'Olof Förtroendevald',
};
const ROLE_ENV = {
  SECURITY_CHIEF_IDS: chief.aadObjectId,
  SECURITY_DEPUTY_IDS: deputy.aadObjectId,
  ALERT_POLL_MS: '60000',
};

/** A stored report whose first history entry names the reporter by object id (as older code wrote it). */
const seed = (store: ReportStore, values: Record<string, string>, createdAt?: string) =>
  seedReport(store, { values, ...(createdAt ? { createdAt } : {}) }, olof);

describe('case file hygiene: personnummer, coarse statistics, names in old history (real endpoint)', function () {
  this.timeout(90_000);
  let bot: RunningBot;
  let store: ReportStore;

  beforeEach(async () => {
    bot = await startBot(ROLE_ENV);
    store = new ReportStore(() => bot.tables.table('Reports'));
  });
  afterEach(async () => bot?.stop());

  for (const [verb, field, extra] of [
    ['cases.note', 'note', {}],
    ['cases.measures', 'measures', {}],
    ['cases.status', 'reason', { statusTo: 'Under handläggning' }],
  ] as const)
    it(`asks to remove a personnummer from the ${field} and stores nothing of it`, async () => {
      const report = await seed(store, { victimParty: 'S' });
      const sara = new ReportClient(bot, chief);
      await sara.press({ verb: 'cases.open', reportId: report.id, lang: 'sv' });
      const { etag } = (await store.getVersioned(report.id))!;
      await sara.press({
        verb,
        reportId: report.id,
        etag,
        ...extra,
        [field]: 'Ringde 19800101-1234 i dag',
        lang: 'sv',
      });
      assert.match(sara.lastText(), /Ta bort personnumret/, 'a clear message beside the case');
      assert.match(sara.lastText(), /19800101-1234/, 'the typed text is kept on the card, to be edited');
      const stored = JSON.stringify([await store.get(report.id), await store.history(report.id)]);
      assert.doesNotMatch(stored, /19800101-1234/, 'nothing of it is stored');
      await sara.press({
        verb,
        reportId: report.id,
        etag,
        ...extra,
        [field]: 'Ringde henne i dag',
        lang: 'sv',
      });
      assert.match(sara.lastText(), /Sparat|Saved/, 'the same text without it is saved');
    });

  it('names people (as last seen) in history entries written with their object ids', async () => {
    const report = await seed(store, { victimParty: 'S' });
    await store.appendHistory(report.id, {
      at: new Date().toISOString(),
      by: deputy.aadObjectId,
      action: 'taken',
    });
    const david = new ReportClient(bot, deputy);
    await david.press({ verb: 'cases.open', reportId: report.id, lang: 'sv' });
    const sara = new ReportClient(bot, chief);
    await sara.press({ verb: 'cases.open', reportId: report.id, lang: 'sv' });
    const card = sara.lastText();
    assert.match(card, /Olof Förtroendevald · Rapporten skickades/, "the reporter's name");
    assert.match(card, /David · /, "the deputy's name, as last seen in the access log");
    for (const person of [olof, deputy]) assert.ok(!card.includes(person.aadObjectId), 'no raw object id');
  });

  it('shows no party, body or month with fewer than 3 reports in the statistics', async () => {
    const seeds: Array<[string, string, string]> = [
      ['2026-01-10T09:00:00Z', 'S', 'Kommunstyrelsen'],
      ['2026-01-20T09:00:00Z', 'S', 'Kommunstyrelsen'],
      ['2026-02-03T09:00:00Z', 'S', 'Kommunstyrelsen'],
      ['2026-03-01T09:00:00Z', 'M', 'Valnämnden'],
    ];
    for (const [createdAt, victimParty, victimBody] of seeds)
      await seed(store, { victimParty, victimBody, kinds: 'hot', channel: 'epost' }, createdAt);
    const sara = new ReportClient(bot, chief);
    await sara.press({ verb: 'cases.stats', from: '2026-01-01', to: '2026-03-31', lang: 'sv' });
    const card = sara.lastText();
    assert.match(card, /"title":"S","value":"3"/, 'a party with 3 reports is shown');
    assert.match(card, /"title":"Kommunstyrelsen","value":"3"/, 'a body with 3 reports is shown');
    assert.doesNotMatch(card, /"title":"M"/, 'a party with 1 report is not named');
    assert.doesNotMatch(card, /"title":"Valnämnden"/, 'a body with 1 report is not named');
    assert.match(card, /"title":"Övriga \(färre än 3 var\)","value":"1"/, 'the small cells merged');
    assert.doesNotMatch(card, /"title":"2026-0[1-3]"/, 'no month rows when a month is small');
    assert.match(card, /"title":"2026 kvartal 1","value":"4"/, 'quarters instead');
  });
});
