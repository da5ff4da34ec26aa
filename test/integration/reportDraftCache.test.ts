import assert from 'node:assert/strict';
import { Repository, TableService } from '../../src/core/storage';
import { userKey } from '../../src/core/identity';
import { ReportStore } from '../../src/report/reportStore';
import type { Draft } from '../../src/report/reportService';
import { official } from '../support/activities';
import { startBot, type RunningBot } from '../support/botHarness';
import { COMPLETE_ANSWERS, ReportClient } from '../support/reportFlow';
import { testAzurite } from '../support/rootHooks';
import { recordRequests } from '../support/storageRequests';

const stepOf = (client: ReportClient) => /Steg (\d) av 8/.exec(client.lastText())?.[1];

describe('report drafts: one storage request a step, correct across instances', function () {
  this.timeout(60_000);
  const bots: RunningBot[] = [];

  afterEach(async () => {
    await Promise.all(bots.splice(0).map((bot) => bot.stop()));
  });

  /** A second app on the same storage account and tables, with its own clients (as another instance has). */
  async function secondInstance(first: RunningBot): Promise<RunningBot> {
    const { connectionString } = testAzurite();
    const tables = TableService.fromConfig(
      { kind: 'connectionString', connectionString },
      first.tables.prefix,
    );
    const second = await startBot({}, tables);
    bots.push(second);
    return second;
  }

  /**
   * A client whose presses go to whichever instance `on.bot` names (Azure Bot Service spreads turns over
   * instances); every reply goes to the first instance's connector (the activity's serviceUrl).
   */
  function clientOn(first: RunningBot): { client: ReportClient; on: { bot: RunningBot } } {
    const on = { bot: first };
    const routed: RunningBot = { ...first, post: (activity, headers) => on.bot.post(activity, headers) };
    return { client: new ReportClient(routed), on };
  }

  it('stores a step press with one request, the conditional write (was a read and a write)', async () => {
    const bot = await startBot();
    bots.push(bot);
    const requests = recordRequests(await bot.tables.table('ReportDrafts'));
    const client = new ReportClient(bot);
    await client.say('rapportera incident');
    for (const [n, answers] of COMPLETE_ANSWERS.entries()) {
      requests.length = 0;
      await client.step(answers);
      assert.deepEqual(
        requests.map(({ method, status }) => `${method} ${status}`),
        ['PUT 204'],
        `step ${n + 1}: one If-Match write`,
      );
    }
    assert.match(client.lastText(), /Granska din rapport/);
    requests.length = 0;
    await client.press({ ...client.action('report.edit'), step: 3 });
    assert.equal(requests.length, 1, '"Ändra" is one write too');
    assert.equal(stepOf(client), '4');
  });

  it("the acute reply's draft check and the dialog share one cache (no second cache nobody reads)", async () => {
    const a = await startBot();
    bots.push(a);
    const b = await secondInstance(a);
    const { client, on } = clientOn(a);
    await client.say('rapportera incident');
    await client.step(COMPLETE_ANSWERS[0]!); // b has never seen this draft
    on.bot = b;
    await client.say('han står utanför dörren nu'); // the acute reply asks b whether a draft is open
    assert.match(client.lastText(), /Din påbörjade rapport är sparad/);
    const bRequests = recordRequests(await b.tables.table('ReportDrafts'));
    await client.step(COMPLETE_ANSWERS[1]!);
    assert.equal(stepOf(client), '3');
    assert.deepEqual(
      bRequests.map(({ method, status }) => `${method} ${status}`),
      ['PUT 204'],
      'the copy the draft check read serves the step: one conditional write',
    );
  });

  it('two instances answering in turn lose no answer and never show a stale step', async () => {
    const a = await startBot();
    bots.push(a);
    const b = await secondInstance(a);
    const aRequests = recordRequests(await a.tables.table('ReportDrafts'));
    const { client, on } = clientOn(a);
    await client.say('rapportera incident');
    // Strictly alternating: each instance's copy is two steps behind when the next press reaches it.
    for (const [n, answers] of COMPLETE_ANSWERS.slice(0, 4).entries()) {
      on.bot = n % 2 === 0 ? b : a;
      await client.step(answers);
      assert.equal(stepOf(client), String(n + 2), `press ${n + 1} on ${n % 2 === 0 ? 'b' : 'a'}`);
    }
    // a's copy is at step 5 (its last write) and so is the card, but b saves something into step 5 first:
    // a's write at its old ETag loses (412), and a applies the press again to what b stored.
    on.bot = b;
    await client.step({ perpetratorCount: 'several' }, 'save');
    assert.match(client.lastText(), /Utkastet är sparat/);
    await client.press(client.action('report.resume'));
    assert.equal(stepOf(client), '5');
    on.bot = a;
    aRequests.length = 0;
    await client.step({ perpetratorKnown: 'unknown', targetedOthers: 'unknown' });
    assert.ok(
      aRequests.some(({ status }) => status === 412),
      `a's cached copy lost the race: ${JSON.stringify(aRequests)}`,
    );
    assert.equal(stepOf(client), '6', 'the press is applied to what b stored, not shown as stale');
    for (const [n, answers] of COMPLETE_ANSWERS.slice(5).entries()) {
      on.bot = n % 2 === 0 ? b : a;
      await client.step(answers);
    }
    assert.match(client.lastText(), /Granska din rapport/);
    assert.ok(!JSON.stringify(client.cards()).includes('gäller inte längre'), 'no stale card');
    await client.press(client.action('report.submit'));
    const [report] = await new ReportStore(() => a.tables.table('Reports')).byReporter(official.aadObjectId);
    assert.ok(report, 'filed');
    const expected = { ...Object.assign({}, ...COMPLETE_ANSWERS), perpetratorCount: 'several' };
    for (const [field, value] of Object.entries(expected))
      assert.equal(report.values[field], value, `${field} kept`);
  });

  it('a draft cancelled or filed on another instance is not brought back by a cached copy', async () => {
    const a = await startBot();
    bots.push(a);
    const b = await secondInstance(a);
    const drafts = new Repository<Draft>(() => a.tables.table('ReportDrafts'));
    const stored = () =>
      drafts.get(userKey({ userId: official.id, aadObjectId: official.aadObjectId }), 'current');
    const { client, on } = clientOn(a);

    await client.say('rapportera incident');
    await client.completeAll(COMPLETE_ANSWERS.slice(0, 2)); // a's copy: step 3
    const nextOnA = client.action('report.step', 'next');
    on.bot = b;
    await client.press(client.action('report.askCancel'));
    await client.press(client.action('report.cancel'));
    assert.match(client.lastText(), /avbruten/);
    on.bot = a;
    await client.press({ ...nextOnA, ...COMPLETE_ANSWERS[2] });
    assert.equal(stepOf(client), undefined, 'no step card for a cancelled draft');
    assert.equal(await stored(), undefined, 'the cancelled draft stays deleted');
    await client.say('rapportera incident');
    assert.equal(stepOf(client), '1', 'a new report starts empty: nothing offered to resume');

    await client.completeAll(); // a's copy: the review
    const editOnA = { ...client.action('report.edit'), step: 2 };
    on.bot = b;
    await client.press(client.action('report.submit'));
    assert.match(JSON.stringify(client.cards().slice(-2)), /IR-\d{4}-\d{4}/);
    on.bot = a;
    await client.press(editOnA);
    assert.equal(stepOf(client), undefined, 'no step card for a filed draft');
    assert.equal(await stored(), undefined, 'the filed draft stays deleted');
    const reports = await new ReportStore(() => a.tables.table('Reports')).byReporter(official.aadObjectId);
    assert.equal(reports.length, 1);
  });
});
