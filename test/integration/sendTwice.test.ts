import assert from 'node:assert/strict';
import { loadConfig } from '../../src/core/config';
import { userKey, type UserIdentity } from '../../src/core/identity';
import { Repository, type TableService } from '../../src/core/storage';
import { QUICK_STEP_INDEX } from '../../src/report/domain/bilaga4';
import type { ReferenceCounter } from '../../src/report/referenceNumbers';
import { ReportService, type Draft, type ReportView } from '../../src/report/reportService';
import { ReportStore, type StoredReport } from '../../src/report/reportStore';
import { official } from '../support/activities';
import { chief, install, postsIn, ROLE_ENV, runAlertPass } from '../support/alertPeople';
import { startBot, type RunningBot } from '../support/botHarness';
import { inputsOf } from '../support/cardInputs';
import { HeldCounters } from '../support/heldCounters';
import { completeDraft, ReportClient } from '../support/reportFlow';
import { freshTables } from '../support/rootHooks';

const user: UserIdentity = {
  userId: '29:twice',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000002',
  name: 'Tova Tvåtryck',
};
const DRAFT_ID = 'draft-twice';

/** A report store whose second read that finds nothing answers only after `release()` (the read was made before). */
class LateMissStore extends ReportStore {
  private misses = 0;
  private released!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.released = resolve));
  private reachedHeld!: () => void;
  /** Resolves when the held read has found nothing and waits. */
  readonly held = new Promise<void>((resolve) => (this.reachedHeld = resolve));

  release(): void {
    this.released();
  }

  override async get(id: string): Promise<StoredReport | undefined> {
    const found = await super.get(id);
    if (found || ++this.misses !== 2) return found;
    this.reachedHeld();
    await this.gate;
    return found;
  }
}

/** Drafts whose first two marking writes ("being filed") wait until the test lets each of them go on. */
class HeldMarks extends Repository<Draft> {
  readonly held: Array<() => void> = [];

  override async replace(partition: string, row: string, value: Draft, etag: string): Promise<string> {
    if (value.submittingAt && this.held.length < 2) {
      await new Promise<void>((resolve) => this.held.push(resolve));
    }
    return super.replace(partition, row, value, etag);
  }
}

/**
 * A frightened person double-taps "Skicka nu" (quick report) or "Skicka": the second press arrives while the
 * first is filing the report. It must get what the first gets (the confirmation, or "being filed" that the
 * first press's confirmation then follows), never "this card is out of date"; one report, one alert.
 */
describe('report: a second "Skicka" while the first is filing gets the same outcome, never "stale"', function () {
  this.timeout(30_000);
  let tables: TableService;
  let drafts: Repository<Draft>;
  let counters: HeldCounters;
  const reports = () => new ReportStore(() => tables.table('Reports'));
  const service = (deps: { counters?: Repository<ReferenceCounter>; reports?: ReportStore } = {}) =>
    new ReportService({
      drafts,
      reports: deps.reports ?? reports(),
      counters: deps.counters ?? new Repository<ReferenceCounter>(() => tables.table('Counters')),
      lists: { bodies: loadConfig({}).bodies, parties: loadConfig({}).parties },
      draftExpiryDays: 30,
    });
  const stored = () => drafts.get(userKey(user), 'current');

  async function storeDraft(fields: Partial<Draft> = {}) {
    await drafts.upsert(
      userKey(user),
      'current',
      completeDraft({ id: DRAFT_ID, ownerKey: userKey(user), ...fields }),
    );
  }

  beforeEach(async () => {
    tables = freshTables();
    drafts = new Repository<Draft>(() => tables.table('ReportDrafts'));
    counters = new HeldCounters(() => tables.table('Counters'));
  });

  const sendNow = (on: ReportService) => on.submitStep(user, DRAFT_ID, QUICK_STEP_INDEX, {}, 'send', 'sv');

  /** Waits until a "Skicka" press has marked the draft (it then waits for the held counter). */
  async function untilMarked() {
    const deadline = Date.now() + 10_000;
    while (!(await stored())?.value.submittingAt) {
      assert.ok(Date.now() < deadline, 'the draft was never marked');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Both presses show the one report; one report, one alert event and one reference number were used. */
  async function assertOneReport(first: ReportView, second: ReportView) {
    assert.equal(first.kind, 'submitted', 'the first press filed the report');
    assert.equal(second.kind, 'submitted', `the second press got "${second.kind}", not the confirmation`);
    assert.equal(
      (second as { report: StoredReport }).report.reference,
      (first as { report: StoredReport }).report.reference,
    );
    assert.equal((await reports().all()).length, 1, 'one report');
    assert.equal((await reports().events()).length, 1, 'one alert event');
    const year = String(new Date().getUTCFullYear());
    const counter = await new Repository<ReferenceCounter>(() => tables.table('Counters')).get(
      'reference',
      year,
    );
    assert.equal(counter?.value.next, 1, 'one reference number used');
    assert.equal(await stored(), undefined, 'no draft left');
  }

  for (const where of ['the same instance', 'another instance'] as const) {
    it(`quick report: "Skicka nu" again on ${where} while the first press files`, async () => {
      await storeDraft({ quick: true, step: QUICK_STEP_INDEX });
      const filer = service({ counters });
      const other = where === 'the same instance' ? filer : service();
      if (other !== filer) assert.ok(await other.hasOpenDraft(user)); // its copy: the draft before the mark
      const first = sendNow(filer);
      await untilMarked();
      const second = sendNow(other);
      // The second press is in flight (waiting for the first one's report) when the first may go on.
      await new Promise((resolve) => setTimeout(resolve, 300));
      counters.open();
      await assertOneReport(await first, await second);
    });
  }

  it('quick report: "Skicka nu" again after the first press filed it shows the confirmation', async () => {
    await storeDraft({ quick: true, step: QUICK_STEP_INDEX });
    counters.open();
    const on = service({ counters });
    const first = await sendNow(on);
    await assertOneReport(first, await sendNow(on));
  });

  it('quick report: both presses at once, on one instance', async () => {
    await storeDraft({ quick: true, step: QUICK_STEP_INDEX });
    counters.open();
    const on = service({ counters });
    const [first, second] = await Promise.all([sendNow(on), sendNow(on)]);
    const [filed, waited] = first.kind === 'submitted' ? [first, second] : [second, first];
    await assertOneReport(filed, waited);
  });

  it('quick report: the second press saves the same answers after the first read the draft, before it marks it', async () => {
    const marks = new HeldMarks(() => tables.table('ReportDrafts'));
    drafts = marks;
    await storeDraft({ quick: true, step: QUICK_STEP_INDEX });
    counters.open();
    const on = service();
    const until = async (n: number) => {
      while (marks.held.length < n) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const first = sendNow(on);
    await until(1); // the first press read the draft and is about to mark it
    const second = sendNow(on);
    await until(2); // the second saved the same answers (the first's mark now loses) and is about to mark
    marks.held[0]!();
    const firstOutcome = await first;
    marks.held[1]!();
    await assertOneReport(firstOutcome, await second);
  });

  it('quick report: "Skicka nu" on an out-of-date card of a draft nobody is filing is still "stale"', async () => {
    await storeDraft({ quick: true, step: 0 });
    assert.equal((await sendNow(service())).kind, 'stale');
    assert.equal((await reports().all()).length, 0);
  });

  it('"Skicka": a second press that looked for the report before it was filed, and for the draft after', async () => {
    await storeDraft();
    const first = service({ counters }).submit(user, DRAFT_ID);
    await untilMarked();
    const late = new LateMissStore(() => tables.table('Reports'));
    const second = service({ reports: late }).submit(user, DRAFT_ID);
    await late.held; // it found no report, and asks for the draft only once the first press is done
    counters.open();
    const filed = await first;
    late.release();
    await assertOneReport(filed, await second);
  });
});

/** The same double tap over the real endpoint: the chat shows no "stale" card, and the chief gets one alert. */
describe('quick report: a double tap on "Skicka nu" (real endpoint, real Azurite)', function () {
  this.timeout(120_000);
  let bot: RunningBot;

  beforeEach(async () => {
    bot = await startBot({ ...ROLE_ENV, ALERT_POLL_MS: '60000' });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('both presses end in the one confirmation; one report, one alert to the chief', async () => {
    const chiefChat = await install(bot, chief);
    const store = new ReportStore(() => bot.tables.table('Reports'));
    const references: string[] = [];
    for (let round = 0; round < 5; round++) {
      const tapper = {
        ...official,
        id: `29:tap-${round}`,
        aadObjectId: `eeeeeeee-0000-4000-8000-0000000001${round}0`,
      };
      const client = new ReportClient(bot, tapper);
      await client.say('jag blev hotad efter mötet igår');
      const send = {
        ...client.action('report.step', 'send'),
        ...inputsOf(client.lastCard()),
        victimBody: 'Socialnämnden',
        victimParty: 'S',
      };
      const before = client.cards().length;
      await Promise.all([client.press(send), client.press(send)]);

      const after = client
        .cards()
        .slice(before)
        .map((card) => JSON.stringify(card));
      assert.ok(!after.some((card) => /gäller inte längre/.test(card)), `round ${round}: no "stale" card`);
      const confirmations = after.filter((card) => /Tack – din rapport är mottagen/.test(card));
      assert.ok(confirmations.length >= 1, `round ${round}: the confirmation`);
      const mine = await store.byReporter(userKey({ aadObjectId: tapper.aadObjectId, userId: tapper.id }));
      assert.equal(mine.length, 1, `round ${round}: one report`);
      assert.ok(confirmations.every((card) => card.includes(mine[0]!.reference)));
      references.push(mine[0]!.reference);
    }
    assert.equal((await store.events()).length, 5, 'one alert event per report');
    // Alerts to one chat are paced, and those due together go out as one digest card: each report is in
    // exactly one message to the chief, whichever kind.
    const alertsOf = (reference: string) => postsIn(bot, chiefChat, reference).length;
    const deadline = Date.now() + 15_000;
    while (references.some((reference) => alertsOf(reference) === 0) && Date.now() < deadline) {
      await runAlertPass(bot);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await runAlertPass(bot);
    for (const reference of references) assert.equal(alertsOf(reference), 1, `one alert for ${reference}`);
  });
});
