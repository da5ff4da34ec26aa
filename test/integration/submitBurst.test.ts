import { shippedOrganisation } from '../support/organisation';
import assert from 'node:assert/strict';
import { userKey, type UserIdentity } from '../../src/core/identity';
import { CardRenderer } from '../../src/core/cards';
import { loadConfig } from '../../src/core/config';
import { createLogger } from '../../src/core/logging/logger';
import { ConcurrencyError, Repository } from '../../src/core/storage';
import type { Responder, TurnInput } from '../../src/core/turn';
import { createReportCapability } from '../../src/report';
import { ReportService, type Draft } from '../../src/report/reportService';
import { ReportStore } from '../../src/report/reportStore';
import type { TestUser } from '../support/activities';
import { startBot, type RunningBot } from '../support/botHarness';
import { COMPLETE_ANSWERS, completeDraft, ReportClient } from '../support/reportFlow';
import { freshTables } from '../support/rootHooks';

const REFERENCE = /IR-\d{4}-\d{4}/;
const person = (n: number): TestUser => ({
  id: `29:burst-${n}`,
  aadObjectId: `dddddddd-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `Person ${n}`,
});

/** Runs `work` over `items`, at most `width` at a time (bounded load on a shared machine). */
async function inBatches<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(work));
}

describe('reference numbers never block a submit (real endpoint, real Azurite)', function () {
  this.timeout(240_000);
  let bot: RunningBot;

  beforeEach(async () => {
    bot = await startBot({ ALERT_POLL_MS: '60000' });
  });
  afterEach(async () => {
    await bot.stop();
  });

  const store = () => new ReportStore(() => bot.tables.table('Reports'));

  it('50 people pressing "Skicka" at the same moment: 50 reports, 50 references, everyone confirmed', async () => {
    const clients = Array.from({ length: 50 }, (_, n) => new ReportClient(bot, person(n)));
    await inBatches(clients, 10, async (client) => {
      await client.say('rapportera incident');
      await client.completeAll();
    });
    const started = Date.now();
    await Promise.all(clients.map((client) => client.press(client.action('report.submit'))));
    console.log(`      50 simultaneous submits answered in ${Date.now() - started} ms`);

    const reports = await store().all();
    assert.equal(reports.length, 50, 'every submit filed a report');
    const references = new Set(reports.map(({ report }) => report.reference));
    assert.equal(references.size, 50, 'every report has its own reference');
    for (const client of clients) {
      const [confirmation] = client.cards().slice(-2);
      assert.match(JSON.stringify(confirmation), REFERENCE, 'each person saw the confirmation');
      assert.ok(references.has(REFERENCE.exec(JSON.stringify(confirmation))![0]));
    }
  });

  it('200 submits at once straight on the service: none fails, numbers 1–200 each once', async () => {
    const drafts = new Repository<Draft>(() => bot.tables.table('ReportDrafts'));
    const service = new ReportService({
      drafts,
      reports: store(),
      counters: new Repository<{ next: number }>(() => bot.tables.table('Counters')),
      lists: { bodies: bot.config.bodies, parties: bot.config.parties },
      draftExpiryDays: 30,
    });
    const users: UserIdentity[] = Array.from({ length: 200 }, (_, n) => ({
      userId: person(n).id,
      aadObjectId: person(n).aadObjectId,
      name: person(n).name,
    }));
    await inBatches(users, 20, async (user) => {
      const draft = completeDraft({ id: `draft-${user.userId}`, ownerKey: userKey(user) });
      await drafts.upsert(userKey(user), 'current', draft);
    });
    const outcomes = await Promise.allSettled(
      users.map((user) => service.submit(user, `draft-${user.userId}`)),
    );
    const failed = outcomes.filter((outcome) => outcome.status === 'rejected');
    assert.equal(failed.length, 0, `${failed.length} of 200 submits failed`);
    assert.ok(outcomes.every((o) => o.status === 'fulfilled' && o.value.kind === 'submitted'));
    const numbers = (await store().all()).map(({ report }) => Number(report.reference.slice(-4)));
    assert.deepEqual(
      numbers.sort((a, b) => a - b),
      Array.from({ length: 200 }, (_, n) => n + 1),
    );
  });

  it('a double click on "Skicka": one reference used, the confirmation twice, no empty form, no draft left', async () => {
    const counters = new Repository<{ next: number }>(() => bot.tables.table('Counters'));
    for (let round = 0; round < 5; round++) {
      const user = person(100 + round);
      const client = new ReportClient(bot, user);
      await client.say('rapportera incident');
      await client.completeAll();
      const before = client.cards().length;
      const submit = client.action('report.submit');
      await Promise.all([client.press(submit), client.press(submit)]);

      const after = client
        .cards()
        .slice(before)
        .map((card) => JSON.stringify(card));
      assert.ok(!after.some((card) => /Steg 1 av 8/.test(card)), `round ${round}: no empty form`);
      const confirmations = after.filter((card) => /Tack – din rapport är mottagen/.test(card));
      assert.equal(confirmations.length, 2, `round ${round}: both presses show the confirmation`);
      const [report, ...more] = await store().byReporter(
        userKey({ aadObjectId: user.aadObjectId, userId: user.id }),
      );
      assert.equal(more.length, 0, `round ${round}: one report`);
      assert.ok(confirmations.every((card) => card.includes(report!.reference)));
      const used = (await counters.get('reference', String(new Date().getUTCFullYear())))?.value.next;
      assert.equal(used, round + 1, `round ${round}: one reference number used per report`);
      assert.equal(report!.reference.slice(-4), String(round + 1).padStart(4, '0'));
      const draft = await new Repository<Draft>(() => bot.tables.table('ReportDrafts')).get(
        userKey({ aadObjectId: user.aadObjectId.toLowerCase(), userId: user.id }),
        'current',
      );
      assert.equal(draft, undefined, `round ${round}: no draft left behind`);
    }
  });
});

describe('every failure on "Skicka" tells the user and keeps the draft', function () {
  this.timeout(60_000);
  const user: UserIdentity = {
    userId: '29:fails',
    aadObjectId: 'eeeeeeee-0000-4000-8000-000000000001',
    name: 'F',
  };
  const turn = (draftId: string): TurnInput => ({
    user,
    roles: [],
    locale: 'sv',
    conversation: { id: 'a:fails', kind: 'personal' },
    action: { verb: 'report.submit', data: { draftId }, via: 'submit' },
  });
  /** What the user was shown, in order. */
  const recorder = () => {
    const shown: string[] = [];
    const reply: Responder = {
      card: async (card) => void shown.push(`card:${JSON.stringify(card)}`),
      text: async (text) => void shown.push(`text:${text}`),
      replaceCard: async (card) => void shown.push(`card:${JSON.stringify(card)}`),
      updateCard: async () => undefined,
      answerCard: async (card) => void shown.push(`card:${JSON.stringify(card)}`),
    };
    return { shown, reply };
  };

  async function setUp(options: { counters?: Repository<{ next: number }>; reports?: ReportStore } = {}) {
    const tables = freshTables();
    const drafts = new Repository<Draft>(() => tables.table('ReportDrafts'));
    const draft = completeDraft({ id: 'draft-fails', ownerKey: userKey(user) });
    await drafts.upsert(userKey(user), 'current', draft);
    const reports = options.reports ?? new ReportStore(() => tables.table('Reports'));
    const capability = createReportCapability({
      cards: new CardRenderer(),
      lists: { bodies: loadConfig({}).bodies, parties: loadConfig({}).parties },
      organisation: shippedOrganisation(),
      contact: loadConfig({}).securityContact,
      drafts,
      reports,
      counters: options.counters ?? new Repository<{ next: number }>(() => tables.table('Counters')),
      draftExpiryDays: 30,
      logger: createLogger('silent'),
    });
    return { drafts, capability, reports: new ReportStore(() => tables.table('Reports')) };
  }

  it('a reference counter that keeps losing: a clear line, not the review card in silence', async () => {
    /** Every write loses to "another instance": the old code gave up after 30 and showed the review again. */
    class AlwaysLosing extends Repository<{ next: number }> {
      override async replace(partition: string, row: string): Promise<string> {
        throw new ConcurrencyError(`${partition}/${row}`);
      }
      override async create(partition: string, row: string): Promise<string> {
        throw new ConcurrencyError(`${partition}/${row}`);
      }
    }
    const tables = freshTables();
    const { capability, drafts } = await setUp({
      counters: new AlwaysLosing(() => tables.table('Counters')),
    });
    const { shown, reply } = recorder();
    await capability.actions['report.submit']!(turn('draft-fails'), reply);
    assert.equal(shown.length, 1, shown.join('\n'));
    assert.match(shown[0]!, /^text:Rapporten kunde inte skickas just nu\. Ditt utkast finns kvar/);
    const kept = await drafts.get(userKey(user), 'current');
    assert.equal(kept?.value.id, 'draft-fails', 'the draft is kept');
    assert.equal(kept?.value.values.description, COMPLETE_ANSWERS[2]!.description);
  });

  it('storage failing while filing: a clear line, the draft kept, and the next press files it', async () => {
    let failNext = true;
    const tables = freshTables();
    class FailingOnce extends ReportStore {
      override async createSubmitted(...args: Parameters<ReportStore['createSubmitted']>): Promise<boolean> {
        if (failNext) {
          failNext = false;
          throw Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
        }
        return super.createSubmitted(...args);
      }
    }
    const { capability, drafts } = await setUp({ reports: new FailingOnce(() => tables.table('Reports')) });
    const first = recorder();
    await capability.actions['report.submit']!(turn('draft-fails'), first.reply);
    assert.deepEqual(first.shown.length, 1);
    assert.match(first.shown[0]!, /^text:Rapporten kunde inte skickas just nu/);
    assert.ok(await drafts.get(userKey(user), 'current'), 'the draft is kept');

    const second = recorder();
    await capability.actions['report.submit']!(turn('draft-fails'), second.reply);
    assert.match(second.shown[0]!, /Tack – din rapport är mottagen/, 'pressing again files it at once');
  });
});
