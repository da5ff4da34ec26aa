import assert from 'node:assert/strict';
import { loadConfig } from '../../src/core/config';
import { userKey, type UserIdentity } from '../../src/core/identity';
import { Repository, type TableService, type Versioned } from '../../src/core/storage';
import { QUICK_STEP_INDEX } from '../../src/report/domain/bilaga4';
import type { ReferenceCounter } from '../../src/report/referenceNumbers';
import { ReportService, type Draft } from '../../src/report/reportService';
import { ReportStore } from '../../src/report/reportStore';
import { HeldCounters } from '../support/heldCounters';
import { completeDraft } from '../support/reportFlow';
import { freshTables } from '../support/rootHooks';

const user: UserIdentity = {
  userId: '29:stepping',
  aadObjectId: 'eeeeeeee-0000-4000-8000-000000000001',
  name: 'Stina Steg',
};
const DRAFT_ID = 'draft-stepping';

/**
 * "Skicka nu" on a quick report marks the draft and then files it. A step press meanwhile (a second device, or
 * a double press on the same card) must not change the marked draft: the filing press would lose its write,
 * leave the mark, and file nothing while the user sees "Skickar…".
 */
describe('report: a step press never changes a draft that is being filed', function () {
  this.timeout(30_000);
  let tables: TableService;
  let drafts: Repository<Draft>;
  let counters: HeldCounters;
  const service = (held?: HeldCounters) =>
    new ReportService({
      drafts,
      reports: new ReportStore(() => tables.table('Reports')),
      counters: held ?? new Repository<ReferenceCounter>(() => tables.table('Counters')),
      lists: { bodies: loadConfig({}).bodies, parties: loadConfig({}).parties },
      draftExpiryDays: 30,
    });
  const stored = () => drafts.get(userKey(user), 'current');

  beforeEach(async () => {
    tables = freshTables();
    drafts = new Repository<Draft>(() => tables.table('ReportDrafts'));
    counters = new HeldCounters(() => tables.table('Counters'));
    const draft = completeDraft({
      id: DRAFT_ID,
      ownerKey: userKey(user),
      quick: true,
      step: QUICK_STEP_INDEX,
    });
    await drafts.upsert(userKey(user), 'current', draft);
  });

  /** Starts a "Skicka" press on `filer` and waits until it has marked the draft (it then waits for the counter). */
  async function markedBy(filer: ReportService) {
    const filing = filer.submit(user, DRAFT_ID);
    const deadline = Date.now() + 10_000;
    while (!(await stored())?.value.submittingAt) {
      assert.ok(Date.now() < deadline, 'the draft was never marked');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { filing, marked: (await stored())! };
  }

  const press = (on: ReportService) =>
    on.submitStep(user, DRAFT_ID, QUICK_STEP_INDEX, { description: 'Ändrad under tiden' }, 'save', 'sv');

  async function assertFiledUnchanged(filing: Promise<unknown>, marked: Versioned<Draft>) {
    assert.equal((await stored())?.etag, marked.etag, 'the marked draft was not written');
    counters.open();
    const outcome = (await filing) as { kind: string; report?: { values: Draft['values'] } };
    assert.equal(outcome.kind, 'submitted', 'the first press filed the draft');
    assert.notEqual(outcome.report?.values.description, 'Ändrad under tiden');
    assert.ok(await new ReportStore(() => tables.table('Reports')).get(DRAFT_ID), 'the report is stored');
  }

  it('a press on the same instance (its cache holds the marked copy) is not applied', async () => {
    const filer = service(counters);
    const { filing, marked } = await markedBy(filer);
    const outcome = await press(filer);
    assert.notEqual(outcome.kind, 'saved');
    await assertFiledUnchanged(filing, marked);
  });

  it('a press on another instance (its copy loses with a 412, the stored one is marked) is not applied', async () => {
    const other = service();
    assert.ok(await other.hasOpenDraft(user)); // the other instance's copy: the draft before the mark
    const { filing, marked } = await markedBy(service(counters));
    const outcome = await press(other);
    assert.notEqual(outcome.kind, 'saved');
    await assertFiledUnchanged(filing, marked);
  });
});
