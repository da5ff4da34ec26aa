import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { official, type TestUser } from '../support/activities';
import { startBot, type RunningBot } from '../support/botHarness';
import { ReportClient, findActions } from '../support/reportFlow';
import { seedReport } from '../support/caseSeeds';
import { ReportStore, type StoredReport } from '../../src/report/reportStore';
import type { Viewer } from '../../src/cases/domain/access';
import { StatisticsChart, chartData } from '../../src/cases/statisticsChart';
import { choiceTitles } from '../../src/report/domain/bilaga4';
import { validateCard } from '../../src/core/cards/cardValidation';
import type { AdaptiveCard } from '../../src/core/cards';
import { projectRoot } from '../../src/core/paths';
import { Repository } from '../../src/core/storage';
import type { RetentionLogEntry } from '../../src/cases/retentionJob';

type Json = Record<string, unknown>;
const user = (name: string, n: string): TestUser => ({
  id: `29:${name}`,
  aadObjectId: `aaaaaaaa-0000-4000-8000-0000000000${n}`,
  name,
});
const chief = user('Sara Säkerhetschef', 'c1');
const deputy = user('David Ställföreträdare', 'd1');
const contactS = user('Karl (S)', 'c2');
const contactM = user('Maria (M)', 'c3');
const olof = user('Olof Förtroendevald', 'e1');

const ROLE_ENV = {
  SECURITY_CHIEF_IDS: chief.aadObjectId,
  SECURITY_DEPUTY_IDS: deputy.aadObjectId,
  PARTY_CONTACTS: `S=${contactS.aadObjectId};M=${contactM.aadObjectId}`,
  ALERT_POLL_MS: '60000',
};

const viewerOf = (u: TestUser, roles: Viewer['roles']): Viewer => ({
  user: { userId: u.id, aadObjectId: u.aadObjectId, name: u.name },
  roles,
});
const chiefViewer = viewerOf(chief, [{ kind: 'securityChief' }]);

/** The lines a refused edit answers with: no role for this case, or export is for the security staff (default name). */
const REFUSED =
  /ingen roll som ger tillgång|Export görs av säkerhetssamordnaren|Ärendehanteringen är till för/;

const seed = (
  store: ReportStore,
  over: Partial<StoredReport> & { values: Json },
  reporter: TestUser = olof,
) => seedReport(store, over, reporter);

describe('case management: role-scoped access, status, concurrency, statistics, export, retention', function () {
  this.timeout(90_000);
  let bot: RunningBot;
  let store: ReportStore;

  const as = (u: TestUser) => new ReportClient(bot, u, `a:personal-${u.id}-${randomUUID()}`);
  const texts = (client: ReportClient) => client.cards().map((card) => JSON.stringify(card));

  async function fileAsAnna(): Promise<{ id: string; reference: string }> {
    const anna = new ReportClient(bot, official);
    await anna.say('rapportera incident');
    await anna.completeAll();
    await anna.press(anna.action('report.submit'));
    const reference = /IR-\d{4}-\d{4}/.exec(anna.lastText())![0];
    // Let the alerts (chief and party contact) go out first, so none lands in a chat a test opens later.
    await bot.connector.waitFor(
      (calls) =>
        calls.filter((c) => {
          const json = JSON.stringify(c.activity ?? {});
          return c.method === 'POST' && json.includes(reference) && json.includes('alerts.take');
        }).length >= 2,
      10_000,
    );
    const stored = (await store.all()).find((r) => r.report.reference === reference)!;
    return { id: stored.report.id, reference };
  }

  async function open(u: TestUser, reportId: unknown): Promise<ReportClient> {
    const client = as(u);
    await client.press({ verb: 'cases.open', reportId, lang: 'sv' });
    for (const card of client.cards()) assert.deepEqual(validateCard(card as AdaptiveCard), []);
    return client;
  }

  beforeEach(async () => {
    bot = await startBot({ ...ROLE_ENV, RETENTION_DAYS: '30', RETENTION_CHECK_MINUTES: '10080' });
    store = new ReportStore(() => bot.tables.table('Reports'));
  });
  afterEach(async () => bot?.stop());

  it('shows a report to every role it belongs to, refuses the rest, and logs every read but the reporter’s', async () => {
    const { id, reference } = await fileAsAnna();

    const sara = await open(chief, id);
    assert.ok(sara.lastText().includes(reference));
    assert.ok(sara.lastText().includes('vi vet var du bor'), 'every field, the description included');
    assert.ok(
      findActions(sara.lastCard()).some((a) => a.verb === 'cases.status'),
      'the chief may change status',
    );
    assert.ok(findActions(sara.lastCard()).some((a) => a.verb === 'cases.export'));

    const david = await open(deputy, id);
    assert.ok(
      findActions(david.lastCard()).some((a) => a.verb === 'cases.status'),
      'the deputy may too',
    );

    const karl = await open(contactS, id);
    assert.ok(karl.lastText().includes(reference), "the victim's party contact reads it");
    assert.ok(
      !findActions(karl.lastCard()).some((a) => ['cases.status', 'cases.export'].includes(String(a.verb))),
    );

    const anna = await open(official, id);
    assert.ok(anna.lastText().includes(reference), 'the reporter reads her own');
    assert.ok(!anna.lastText().includes('Historik'), 'without the internal case file');

    for (const outsider of [contactM, olof]) {
      const refused = await open(outsider, id);
      assert.ok(!refused.lastText().includes(reference), `${outsider.name} sees nothing of it`);
      assert.ok(refused.lastText().includes('ingen roll'), `${outsider.name} is told why`);
    }

    const log = await bot.app.cases.repository.readLogUnchecked(id);
    assert.deepEqual(
      log.map((entry) => [entry.viewerName, entry.role, entry.action]).sort(),
      [
        [chief.name, 'securityChief', 'open'],
        [deputy.name, 'securityDeputy', 'open'],
        [contactS.name, 'partyContact', 'open'],
      ].sort(),
    );
    assert.ok(log.every((entry) => entry.reference === reference && !Number.isNaN(Date.parse(entry.at))));
  });

  it('refuses forged and unknown report ids in card submits, and changes nothing', async () => {
    const { id } = await fileAsAnna();
    // Every edit a card can ask for, from a party contact of another party, of the victim's party, and the reporter.
    const forgedEdits = [
      { verb: 'cases.status', reportId: id, etag: '*', statusTo: 'Avslutad', reason: 'Stänger', lang: 'sv' },
      { verb: 'cases.note', reportId: id, note: 'smyg', lang: 'sv' },
      { verb: 'cases.measures', reportId: id, etag: '*', measures: 'egen åtgärd', lang: 'sv' },
      { verb: 'cases.export', reportId: id, lang: 'sv' },
    ];
    const [maria, karl, anna] = [as(contactM), as(contactS), as(official)];
    for (const client of [maria, karl, anna]) {
      for (const edit of forgedEdits) {
        await client.press(edit);
        assert.match(client.lastText(), REFUSED, `${edit.verb} is refused, and the user is told why`);
      }
    }
    for (const client of [maria, karl, anna]) assert.ok(texts(client).every((t) => !t.includes('Sparat')));
    const after = (await store.getVersioned(id))!.report;
    assert.equal(after.status, 'Mottagen');
    assert.equal(after.caseFile, undefined);
    assert.deepEqual(
      (await store.history(id)).map((h) => h.action),
      ['submitted'],
    );

    const sara = as(chief);
    for (const forged of [randomUUID(), '../../report|x', 42, { $ne: null }, 'a'.repeat(5000)]) {
      await sara.press({ verb: 'cases.open', reportId: forged, lang: 'sv' });
      assert.ok(
        sara.lastText().includes('Ärendet finns inte'),
        `refused: ${JSON.stringify(forged).slice(0, 40)}`,
      );
    }
  });

  it('lists by role: the chief all (with filters), a party contact their party, others are refused', async () => {
    const s = await seed(store, { values: { victimParty: 'S', kinds: 'hot', channel: 'sms' } });
    const m = await seed(store, { values: { victimParty: 'M', kinds: 'vald', channel: 'brev' } });

    const sara = as(chief);
    await sara.say('ärenden');
    assert.ok(
      findActions(sara.lastCard()).some((a) => a.verb === 'cases.list'),
      'the chief gets the menu',
    );
    await sara.press({
      verb: 'cases.list',
      status: 'all',
      party: 'M',
      kind: 'all',
      from: '',
      to: '',
      lang: 'sv',
    });
    assert.ok(
      sara.lastText().includes(m.reference) && !sara.lastText().includes(s.reference),
      'filtered by party',
    );
    await sara.press({ verb: 'cases.list', status: 'Mottagen', party: 'all', kind: 'hot', lang: 'sv' });
    assert.ok(
      sara.lastText().includes(s.reference) && !sara.lastText().includes(m.reference),
      'filtered by kind',
    );

    const karl = as(contactS);
    await karl.say('ärenden');
    assert.ok(karl.lastText().includes(s.reference) && !karl.lastText().includes(m.reference));
    await karl.press({ verb: 'cases.list', party: 'M', lang: 'sv' });
    assert.ok(!karl.lastText().includes(m.reference), 'a party filter cannot widen a contact’s scope');

    const o = as(olof);
    await o.say('ärenden');
    assert.ok(!o.lastText().includes(s.reference) && o.lastText().includes('report.mine'));
    await o.say('statistik');
    assert.ok(
      o.lastText().includes(`Ärendehanteringen är till för kommunens ${bot.config.securityContact.title.sv}`),
      'statistics are refused politely',
    );
  });

  it('never loses an update: a stale card gets the current version, concurrent writers get one winner', async () => {
    const { id } = await seed(store, { values: { victimParty: 'S', kinds: 'hot' } });
    const sara = await open(chief, id);
    const david = await open(deputy, id);
    const saraStatus = findActions(sara.lastCard()).find((a) => a.verb === 'cases.status')!;
    const davidStatus = findActions(david.lastCard()).find((a) => a.verb === 'cases.status')!;
    assert.equal(saraStatus.etag, davidStatus.etag, 'both saw the same version');

    await sara.press({ ...saraStatus, statusTo: 'Under handläggning', reason: 'Ringt upp den utsatta' });
    assert.ok(sara.lastText().includes('Sparat'));
    await david.press({ ...davidStatus, statusTo: 'Avslutad', reason: 'Inget mer att göra', measures: 'x' });
    assert.ok(david.lastText().includes('Någon annan ändrade ärendet'), 'the stale editor is told');
    assert.ok(david.lastText().includes('Under handläggning'), 'and sees the current status');
    assert.ok(david.lastText().includes('Inget mer att göra'), 'with what he typed kept in the input');

    const repository = bot.app.cases.repository;
    const current = (await store.getVersioned(id))!;
    const racers = await Promise.all(
      ['Polisanmäld', 'Avslutad', 'Polisanmäld', 'Avslutad'].map((to, i) =>
        repository.changeStatus(
          i % 2 ? chiefViewer : viewerOf(deputy, [{ kind: 'securityDeputy' }]),
          id,
          current.etag,
          to,
          `skäl ${i}`,
        ),
      ),
    );
    assert.equal(racers.filter((r) => r.kind === 'saved').length, 1, 'exactly one concurrent writer wins');
    assert.equal(racers.filter((r) => r.kind === 'stale').length, 3, 'the others are told it changed');
    const notes = await Promise.all(
      Array.from({ length: 6 }, (_, i) => repository.addNote(chiefViewer, id, `anteckning ${i}`)),
    );
    assert.ok(
      notes.every((n) => n.kind === 'saved'),
      'appends retry and all land',
    );
    const history = await store.history(id);
    assert.equal(
      history.filter((h) => h.action === 'status').length,
      2,
      'one history entry per saved change',
    );
    assert.equal(history.filter((h) => h.action === 'note').length, 6);
    // A double press (even two at once) of the same note saves it once.
    const doubled = await Promise.all([
      repository.addNote(chiefViewer, id, 'ringde polisen'),
      repository.addNote(chiefViewer, id, 'ringde polisen'),
    ]);
    assert.ok(doubled.every((n) => n.kind === 'saved'));
    const notes2 = (await store.history(id)).filter(
      (h) => h.action === 'note' && h.detail === 'ringde polisen',
    );
    assert.equal(notes2.length, 1);
    // Only the two openings are reads in the log: a save is in the history, not logged as another "open".
    const reads = await repository.readLogUnchecked(id);
    assert.deepEqual(
      reads.map((entry) => entry.action),
      ['open', 'open'],
    );
    const final = (await store.getVersioned(id))!.report;
    const winner = racers.find((r) => r.kind === 'saved')!;
    assert.equal(final.status, winner.kind === 'saved' ? winner.view.report.status : '');
  });

  it('suggests linked incidents, and the chief confirms or dismisses them', async () => {
    const victim = {
      values: {
        victimParty: 'S',
        kinds: 'hot',
        channel: 'sociala-medier',
        trigger: 'decision',
        triggerDetails: 'Skolnedläggningen i Ullared',
        date: '2026-03-01',
        distinguishingMarks: 'grön jacka, skägg, keps',
      },
    };
    const first = await seed(store, victim);
    const second = await seed(store, { values: { ...victim.values, date: '2026-03-20' } });
    const unrelated = await seed(
      store,
      { values: { victimParty: 'M', kinds: 'hot', channel: 'brev', date: '2026-03-05' } },
      contactM,
    );
    const sara = await open(chief, first.id);
    assert.ok(sara.lastText().includes(second.reference), 'same victim, perpetrator and trigger suggested');
    assert.ok(!sara.lastText().includes(unrelated.reference));
    const confirm = findActions(sara.lastCard()).find(
      (a) => a.verb === 'cases.link' && a.decision === 'confirmed',
    )!;
    await sara.press(confirm);
    assert.equal((await store.get(first.id))!.caseFile?.links?.[second.id], 'confirmed');
    await sara.press(confirm); // a double press
    const linkEntries = (await store.history(first.id)).filter((h) => h.action === 'link-confirmed');
    assert.equal(linkEntries.length, 1, 'a double press records the decision once');
    assert.ok(sara.lastText().includes('Kopplade ärenden'));
    const karl = await open(contactS, first.id);
    assert.ok(
      !findActions(karl.lastCard()).some((a) => a.verb === 'cases.link'),
      'contacts get no link buttons',
    );
  });

  it('counts a seeded set by month, kind, channel and party, with no personal data, and draws the chart', async function () {
    const seeds: Array<[string, string, string, string]> = [
      ['2026-01-10T09:00:00Z', 'hot', 'sociala-medier', 'S'],
      ['2026-01-20T09:00:00Z', 'hot,trakasserier', 'sociala-medier', 'M'],
      ['2026-02-03T09:00:00Z', 'trakasserier', 'epost', 'S'],
      ['2026-02-14T09:00:00Z', 'vald', 'personligen', 'SD'],
      ['2026-03-01T09:00:00Z', 'hot', 'telefon', 'S'],
      ['2026-03-02T09:00:00Z', 'skadegorelse', 'personligen', 'C'],
      ['2026-03-30T09:00:00Z', 'hot', 'sociala-medier', 'S'],
      ['2026-04-02T09:00:00Z', 'hot', 'sociala-medier', 'S'], // next quarter
    ];
    for (const [createdAt, kinds, channel, party] of seeds)
      await seed(store, {
        createdAt,
        values: {
          kinds,
          channel,
          victimParty: party,
          victimBody: 'Kommunstyrelsen',
          reporterName: 'Hemlig Person',
          description: 'hemlig text',
        },
      });
    const started = performance.now();
    const stats = await bot.app.cases.repository.statistics(
      chiefViewer,
      { from: '2026-01-01', to: '2026-03-31' },
      { parties: ['S', 'M', 'C', 'SD'] },
    );
    const ms = performance.now() - started;
    assert.notEqual(stats, 'forbidden');
    if (stats === 'forbidden') return;
    assert.equal(stats.total, 7);
    assert.deepEqual(
      stats.byMonth.map((c) => c.count),
      [2, 2, 3],
    );
    assert.deepEqual(Object.fromEntries(stats.byKind.map((c) => [c.key, c.count])), {
      hot: 4,
      trakasserier: 2,
      vald: 1,
      skadegorelse: 1,
    });
    assert.deepEqual(Object.fromEntries(stats.byChannel.map((c) => [c.key, c.count])), {
      'sociala-medier': 3,
      epost: 1,
      personligen: 2,
      telefon: 1,
    });
    assert.deepEqual(stats.byParty, [
      { key: 'S', count: 4 },
      { key: 'M', count: 1 },
      { key: 'C', count: 1 },
      { key: 'SD', count: 1 },
    ]);
    assert.deepEqual(stats.byBody, [{ key: 'Kommunstyrelsen', count: 7 }]);
    assert.ok(!JSON.stringify(stats).includes('Hemlig'), 'no personal data in the statistics');
    console.log(`      statistics over ${seeds.length} stored reports: ${ms.toFixed(1)} ms`);

    assert.equal(
      await bot.app.cases.repository.statistics(
        viewerOf(contactS, [{ kind: 'partyContact', party: 'S' }]),
        stats.period,
      ),
      'forbidden',
    );

    const sara = as(chief);
    await sara.press({ verb: 'cases.stats', from: '2026-01-01', to: '2026-03-31', lang: 'sv' });
    assert.ok(sara.lastText().includes('Totalt 7 rapporter'));
    assert.ok(!sara.lastText().includes('Hemlig'));
    assert.deepEqual(validateCard(sara.lastCard() as AdaptiveCard), []);

    const png = await new StatisticsChart().png(
      chartData(stats, (dimension, code) =>
        choiceTitles(dimension === 'kind' ? 'kinds' : 'channel', code, 'sv'),
      ),
      {
        title: 'Incidentrapporter 2026-01-01 – 2026-03-31',
        byMonth: 'Per månad',
        byKind: 'Per typ',
        byChannel: 'Per kanal',
        byParty: 'Per parti',
        byBody: 'Per nämnd/styrelse',
      },
    );
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG');
    const out = path.join(projectRoot, 'test-results', 'case-statistics.png');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, png);
    console.log(`      chart: ${png.length} bytes → ${out}`);
    // The card links to the same chart through a one-time-issued URL on the bot's own server.
    const imageUrl = /"url":"([^"]+\/api\/cases\/files\/[^"]+)"/.exec(sara.lastText())?.[1];
    assert.ok(imageUrl, 'the statistics card shows the chart');
    const served = await fetch(imageUrl);
    assert.equal(served.headers.get('content-type'), 'image/png');
  });

  it('exports one report as print-ready HTML through a short-lived link, logged', async () => {
    const { id, reference } = await fileAsAnna();
    const sara = as(chief);
    await sara.press({ verb: 'cases.export', reportId: id, lang: 'sv' });
    const url = /"url":"([^"]+)"/.exec(sara.lastText())?.[1] ?? '';
    assert.ok(url?.startsWith(bot.url), `a link to the bot's own server: ${url}`);
    // The link's page only has a button; its POST hands the export out (once: see downloadLinks.test.ts).
    const response = await fetch(url, { method: 'POST' });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const html = await response.text();
    assert.ok(
      html.includes(reference) && html.includes('Vem utsattes?') && html.includes('vi vet var du bor'),
    );
    console.log(`      export of ${reference}: ${Buffer.byteLength(html)} bytes of HTML`);
    const tampered = url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    assert.equal((await fetch(tampered)).status, 404);
    assert.equal((await fetch(tampered, { method: 'POST' })).status, 404);
    const actions = (await bot.app.cases.repository.readLogUnchecked(id)).map((e) => e.action).sort();
    assert.deepEqual(actions, ['download', 'export']);
  });

  it('anonymises closed cases past the retention period, logs each removal, and leaves the rest', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const recent = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const due = await seed(store, {
      status: 'Avslutad',
      caseFile: { closedAt: old, measures: 'Personlarm' },
      values: {
        victimParty: 'S',
        kinds: 'hot',
        channel: 'sms',
        victimBody: 'Valnämnden',
        description: 'vi vet var du bor',
        date: '2025-12-24',
      },
    });
    await store.appendHistory(due.id, {
      at: old,
      by: 'Sara',
      action: 'status',
      detail: 'Mottagen → Avslutad: Anna vill inte gå vidare',
    });
    const closedRecently = await seed(store, {
      status: 'Avslutad',
      caseFile: { closedAt: recent },
      values: { victimParty: 'S' },
    });
    const open = await seed(store, {
      status: 'Under handläggning',
      createdAt: old,
      values: { victimParty: 'S' },
    });

    assert.equal(await bot.app.cases.retention.runOnce(), 1);
    const anonymised = (await store.get(due.id))!;
    assert.deepEqual(anonymised.values, {
      kinds: 'hot',
      channel: 'sms',
      victimParty: 'S',
      victimBody: 'Valnämnden',
      date: '2025-12-01',
    });
    assert.equal(anonymised.reporter.name, '');
    assert.equal(anonymised.caseFile?.measures, undefined);
    const history = await store.history(due.id);
    assert.ok(!JSON.stringify(history).includes('Anna'), 'history details are gone');
    assert.ok(!JSON.stringify(history).includes(olof.aadObjectId), "the reporter's object id is gone");
    assert.deepEqual(new Set(history.map((entry) => entry.by)), new Set(['anonymised', 'retention-job']));
    assert.equal((await store.get(closedRecently.id))!.values.victimParty, 'S');
    assert.equal((await store.get(open.id))!.status, 'Under handläggning');
    const log = new Repository<RetentionLogEntry>(() => bot.tables.table('RetentionLog'));
    const entries = (await log.listPartition(new Date().toISOString().slice(0, 7))).map((r) => r.value);
    assert.deepEqual(
      entries.map((e) => [e.reference, e.action, e.by]),
      [[due.reference, 'anonymised', 'retention-job']],
    );
    assert.match(entries[0]!.rule, /30 dagar/);
    assert.equal(await bot.app.cases.retention.runOnce(), 0, 'nothing twice');
    const stats = await bot.app.cases.repository.statistics(chiefViewer, {
      from: old.slice(0, 10),
      // Tomorrow in UTC: statistics count Swedish dates, a day ahead of UTC between 23:00 and 24:00 UTC.
      to: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
    });
    assert.ok(stats !== 'forbidden' && stats.total === 3, 'the anonymised report still counts');
  });

  it('finishes clearing the history next run when anonymising was interrupted half-way', async () => {
    const interrupted = await seed(store, {
      status: 'Avslutad',
      caseFile: { closedAt: '2020-01-01T00:00:00Z', anonymisedAt: '2020-06-01T00:00:00Z' },
      values: { victimParty: 'S' },
    });
    await store.appendHistory(interrupted.id, {
      at: '2020-01-01T00:00:00Z',
      by: 'Sara',
      action: 'note',
      detail: 'Olof ringde',
    });
    await bot.app.cases.retention.runOnce();
    const history = JSON.stringify(await store.history(interrupted.id));
    assert.ok(!history.includes('Olof') && !history.includes('Sara'), history);
    assert.equal((await store.get(interrupted.id))!.caseFile?.historyCleared, true);
  });

  it('deletes instead when configured to, with the removal logged', async () => {
    await bot.stop();
    bot = await startBot({ ...ROLE_ENV, RETENTION_DAYS: '1', RETENTION_ACTION: 'delete' });
    store = new ReportStore(() => bot.tables.table('Reports'));
    const due = await seed(store, {
      status: 'Avslutad',
      caseFile: { closedAt: '2020-01-01T00:00:00Z' },
      values: { victimParty: 'S' },
    });
    assert.equal(await bot.app.cases.retention.runOnce(), 1);
    assert.equal(await store.get(due.id), undefined);
    assert.deepEqual(await store.history(due.id), []);
    const log = new Repository<RetentionLogEntry>(() => bot.tables.table('RetentionLog'));
    const [entry] = (await log.listPartition(new Date().toISOString().slice(0, 7))).map((r) => r.value);
    assert.equal(entry?.reference, due.reference);
    assert.equal(entry?.action, 'deleted');
  });
});
