import assert from 'node:assert/strict';
import sinon from 'sinon';
import { CaseRepository, type AccessLogEntry } from '../../src/cases/caseRepository';
import { ReportStore } from '../../src/report/reportStore';
import { Repository } from '../../src/core/storage';
import type { Viewer } from '../../src/cases/domain/access';
import { chief, deputy } from '../support/alertPeople';
import { seedReport } from '../support/caseSeeds';
import { freshTables } from '../support/rootHooks';

const olof = {
  id: '29:olof',
  aadObjectId: 'bbbbbbbb-0000-4000-8000-0000000000e2',
  name: 'Olof Förtroendevald',
};
const asViewer = (user: typeof chief, kind: 'securityChief' | 'securityDeputy'): Viewer => ({
  user: { userId: user.id, aadObjectId: user.aadObjectId, name: user.name },
  roles: [{ kind }],
});

/**
 * A history entry that says who by object id is shown with a name. The case's access log gains a row with
 * every read, so it is read only for a person neither the report nor its history names.
 */
describe('case history names: the report first, the access log only when needed', function () {
  this.timeout(60_000);

  function repository() {
    const tables = freshTables();
    const reports = new ReportStore(() => tables.table('Reports'));
    const accessLog = new Repository<AccessLogEntry>(() => tables.table('CaseAccessLog'));
    return { reports, accessLog, cases: new CaseRepository({ reports, accessLog }) };
  }

  it('names the reporter from the report: ten views read the access log not once', async () => {
    const { reports, accessLog, cases } = repository();
    // The submit writes its history entry with the reporter's object id.
    const report = await seedReport(reports, { values: { victimParty: 'S' } }, olof);
    const logReads = sinon.spy(accessLog, 'listPartition');
    for (let n = 0; n < 10; n++) {
      const found = await cases.open(asViewer(chief, 'securityChief'), report.id);
      assert.equal(found.kind, 'ok');
      const history = found.kind === 'ok' ? found.view.history : [];
      assert.equal(history[0]?.by, 'Olof Förtroendevald', "the reporter's name, not the id");
    }
    assert.equal(logReads.callCount, 0, 'the access log was not read');
  });

  it('reads the access log for a person only it names (the latest name wins)', async () => {
    const { reports, accessLog, cases } = repository();
    const report = await seedReport(reports, { values: { victimParty: 'S' } }, olof);
    await reports.appendHistory(report.id, {
      at: new Date().toISOString(),
      by: deputy.aadObjectId,
      action: 'taken',
    });
    await cases.open(asViewer(deputy, 'securityDeputy'), report.id);
    const logReads = sinon.spy(accessLog, 'listPartition');
    const found = await cases.open(asViewer(chief, 'securityChief'), report.id);
    assert.equal(found.kind, 'ok');
    const names = found.kind === 'ok' ? found.view.history.map((entry) => entry.by) : [];
    assert.deepEqual(names.slice(0, 2).sort(), ['David', 'Olof Förtroendevald']);
    assert.equal(logReads.callCount, 1);
  });
});
